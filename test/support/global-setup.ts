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
import './reference-time.ts'

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
    console.warn(
      `\n*** Chromium not found at ${chromiumPath}: the browser tests will be SKIPPED (apt-get install chromium fonts-noto-cjk) ***\n`,
    )
  // The postgres project runs on the server DATABASE_URL names; the pglite project on PGlite even then.
  const serverUrl = project.name === 'postgres' ? (process.env.DATABASE_URL ?? '') : ''
  if (project.name === 'postgres' && !serverUrl) throw new Error('the postgres test project needs DATABASE_URL')
  project.provide('serverUrl', serverUrl)
  project.provide('databaseRuntime', serverUrl ? 'postgres' : 'pglite')
  const started = performance.now()
  const seededAt = new Date()
  project.provide('seededAt', seededAt.toISOString())
  const templateDatabaseName = templateDatabaseNameOf(process.pid)
  project.provide('templateDatabase', templateDatabaseName)
  if (serverUrl) {
    const admin = adminConnection(serverUrl)
    await admin.unsafe(`DROP DATABASE IF EXISTS ${templateDatabaseName} WITH (FORCE)`)
    await admin.unsafe(`CREATE DATABASE ${templateDatabaseName}`)
    await admin.end()
    const dropTemplate = async () => {
      const dropper = adminConnection(serverUrl)
      await dropper.unsafe(`DROP DATABASE IF EXISTS ${templateDatabaseName} WITH (FORCE)`)
      await dropper.end()
    }
    try {
      const database = await openDatabase({ databaseUrl: withDatabase(serverUrl, templateDatabaseName) })
      try {
        await seedDemoIfEmpty(database, seededAt)
      } finally {
        await database.close()
      }
    } catch (error) {
      // A set-up that fails leaves no template behind on the server.
      await dropTemplate()
      throw error
    }
    project.provide('pgliteTemplatePath', '')
    console.log(
      `test template: PostgreSQL database ${templateDatabaseName} in ${Math.round(performance.now() - started)} ms`,
    )
    return dropTemplate
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
