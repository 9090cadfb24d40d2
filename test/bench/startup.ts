// Cold starts of the server: a new and an existing data directory, embedded and PostgreSQL.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openDatabase } from '@gridwatch/db'
import { seedDemoIfEmpty } from '@gridwatch/api/demo/seed-demo.ts'

import { coldStart, report, withServerDatabase } from './bench-support.ts'

export async function startupFigures() {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'gridwatch-bench-'))
  try {
    const dataDirectory = path.join(directory, 'data')
    const fresh = await coldStart({
      GRIDWATCH_DATA_DIR: dataDirectory,
      GRIDWATCH_SECRET_KEY_FILE: path.join(directory, 'secret.key'),
    })
    await fresh.stop()
    report('cold start to first healthy response, new data directory (migrate + seed)', fresh.ms, 'ms', {
      runtime: 'pglite',
    })
    const again = await coldStart({
      GRIDWATCH_DATA_DIR: dataDirectory,
      GRIDWATCH_SECRET_KEY_FILE: path.join(directory, 'secret.key'),
    })
    await again.stop()
    report('cold start to first healthy response, existing data directory', again.ms, 'ms', { runtime: 'pglite' })

    const migrated = path.join(directory, 'migrated')
    const opened = performance.now()
    const database = await openDatabase({ dataDirectory: migrated })
    report('open + migrate a new embedded database', performance.now() - opened, 'ms', {
      runtime: 'pglite',
      migrationMs: database.migration.durationMs,
    })
    const seed = await seedDemoIfEmpty(database)
    report('seed the demo county and its history', seed.durationMs, 'ms', { runtime: 'pglite' })
    await database.close()
  } finally {
    fs.rmSync(directory, { recursive: true, force: true })
  }

  await withServerDatabase('gridwatch_bench', async (databaseUrl) => {
    const fresh = await coldStart({ DATABASE_URL: databaseUrl })
    await fresh.stop()
    report('cold start to first healthy response, new database (migrate + seed)', fresh.ms, 'ms', {
      runtime: 'postgres',
    })
    const again = await coldStart({ DATABASE_URL: databaseUrl })
    await again.stop()
    report('cold start to first healthy response, existing database', again.ms, 'ms', { runtime: 'postgres' })
  })
  await withServerDatabase('gridwatch_bench', async (databaseUrl) => {
    const opened = performance.now()
    const database = await openDatabase({ databaseUrl })
    report('open + migrate a new server database', performance.now() - opened, 'ms', {
      runtime: 'postgres',
      migrationMs: database.migration.durationMs,
    })
    const seed = await seedDemoIfEmpty(database)
    report('seed the demo county and its history', seed.durationMs, 'ms', { runtime: 'postgres' })
    await database.close()
  })
}
