// Builds one migrated, seeded database per test run — a PGlite dump or a PostgreSQL template
// database — so that each test file starts from a copy instead of migrating and seeding itself.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { openDatabase } from '@gridwatch/db'
import { seedDemoIfEmpty } from '@gridwatch/api/demo/seed-demo.ts'
import { PGlite } from '@electric-sql/pglite'
import { postgis } from '@electric-sql/pglite-postgis'
import { adminConnection, templateDatabaseNameOf, withDatabase } from './server-databases.ts'
import { chromiumAvailable, chromiumPath } from './browser.ts'
import { referenceTimeOf } from './reference-time.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    databaseRuntime: 'pglite' | 'postgres'
    pgliteTemplatePath: string
    templateDatabase: string
    serverUrl: string
  }
}

export default async function setup(project: TestProject) {
  if (!chromiumAvailable)
    console.warn(`\n*** Chromium not found at ${chromiumPath}: the browser tests will be SKIPPED (apt-get install chromium fonts-noto-cjk) ***\n`)
  const serverUrl = process.env.DATABASE_URL ?? ''
  project.provide('serverUrl', serverUrl)
  project.provide('databaseRuntime', serverUrl ? 'postgres' : 'pglite')
  const started = performance.now()
  const seededAtReal = new Date()
  const seededAt = referenceTimeOf(process.env.GRIDWATCH_TEST_REFERENCE_TIME, seededAtReal)
  project.provide('seededAt', seededAt.toISOString())
  project.provide('seededAtReal', seededAtReal.toISOString())
  if (seededAt !== seededAtReal) console.log(`test reference time: ${seededAt.toISOString()} (the database is seeded as of then and test clocks run from it)`)
  const templateDatabaseName = templateDatabaseNameOf(process.pid)
  project.provide('templateDatabase', templateDatabaseName)
  if (serverUrl) {
    const admin = adminConnection(serverUrl)
    await admin.unsafe(`DROP DATABASE IF EXISTS ${templateDatabaseName} WITH (FORCE)`)
    await admin.unsafe(`CREATE DATABASE ${templateDatabaseName}`)
    await admin.end()
    const database = await openDatabase({ databaseUrl: withDatabase(serverUrl, templateDatabaseName) })
    await seedDemoIfEmpty(database, seededAt)
    await database.close()
    project.provide('pgliteTemplatePath', '')
    console.log(`test template: PostgreSQL database ${templateDatabaseName} in ${Math.round(performance.now() - started)} ms`)
    return async () => {
      const dropper = adminConnection(serverUrl)
      await dropper.unsafe(`DROP DATABASE IF EXISTS ${templateDatabaseName} WITH (FORCE)`)
      await dropper.end()
    }
  }
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'gridwatch-template-'))
  const database = await openDatabase({ dataDirectory: path.join(directory, 'data') })
  await seedDemoIfEmpty(database, seededAt)
  await database.close()
  const client = await PGlite.create({ dataDir: path.join(directory, 'data'), extensions: { postgis } })
  const dump = await client.dumpDataDir('gzip')
  await client.close()
  const dumpPath = path.join(directory, 'template.tar.gz')
  fs.writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()))
  project.provide('pgliteTemplatePath', dumpPath)
  console.log(`test template: PGlite dump in ${Math.round(performance.now() - started)} ms`)
  return () => fs.rmSync(directory, { recursive: true, force: true })
}
