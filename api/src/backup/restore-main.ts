// `pnpm restore <backup file> [--data-dir DIR | --database-url URL]`: checks the backup against its
// checksum, restores it into an empty target (by default the configured GRIDWATCH_DATA_DIR or
// DATABASE_URL, which must then be new and empty), opens the result as the server would (running
// any newer migrations) and compares every table's row count and the audit log's hash chain.
// Exit code 0 only when all of that holds. Swap the restored directory or database in afterwards.
//
// `pnpm restore --point-in-time <time> --pg-data <DIR>` (server runtime, GRIDWATCH_PGBACKREST_STANZA):
// restores the cluster with pgBackRest into the new, empty directory DIR, to replay the WAL archive
// up to <time> (e.g. "2026-11-30 10:15:00+08") when started there; "latest" replays all of it.
import { differingCounts, openDatabase, restoreBackup, restoreToPointInTime, tableRowCounts } from '@gridwatch/db'
import { readConfig } from '../platform/config.ts'
import { verifyAuditChain } from '../audit/audit-chain.ts'

const [file, ...rest] = process.argv.slice(2)
const option = (name: string) => {
  const index = rest.indexOf(name)
  return index >= 0 ? rest[index + 1] : undefined
}
const config = readConfig()
if (file === '--point-in-time') {
  const target = rest[0]
  const pgData = option('--pg-data')
  const tool = config.backup?.pgbackrest
  if (!target || !pgData || !tool) {
    console.error(
      'usage: pnpm restore --point-in-time <time | latest> --pg-data <new directory>  (needs GRIDWATCH_PGBACKREST_STANZA)',
    )
    process.exit(2)
  }
  const moment = target === 'latest' ? undefined : new Date(target)
  if (moment && Number.isNaN(moment.getTime())) {
    console.error(`pnpm restore: ${target} is not a time; write it like 2026-11-30T10:15:00+08:00`)
    process.exit(2)
  }
  try {
    await restoreToPointInTime(tool, { dataDirectory: pgData, ...(moment ? { target: moment } : {}) })
    console.log(
      `restored stanza ${tool.stanza} into ${pgData}. Start PostgreSQL there (e.g. pg_ctl -D ${pgData} start, on a free port and with archive_mode = off until it replaces the original); it replays the archive${moment ? ` up to ${moment.toISOString()}` : ''}, opens for writes, and gridwatch can then use it through DATABASE_URL.`,
    )
  } catch (error) {
    console.error(`pnpm restore: ${(error as Error).message}`)
    process.exitCode = 1
  }
  process.exit()
}
if (!file) {
  console.error(
    'usage: pnpm restore <backup file> [--data-dir DIR | --database-url URL]  |  pnpm restore --point-in-time <time | latest> --pg-data DIR',
  )
  process.exit(2)
}
const dataDirectory = option('--data-dir') ?? config.dataDirectory
const databaseUrl = option('--database-url') ?? config.databaseUrl
try {
  const manifest = await restoreBackup(file, { dataDirectory, databaseUrl })
  const database = await openDatabase(manifest.runtime === 'pglite' ? { dataDirectory } : { databaseUrl: databaseUrl! })
  try {
    const differing = differingCounts(manifest.tables, await tableRowCounts(database))
    const chain = await verifyAuditChain(database)
    if (differing.length > 0) throw new Error(`row counts differ: ${differing.join('; ')}`)
    if (chain.firstBroken)
      throw new Error(`the audit log's chain is broken at row ${chain.firstBroken.id}: ${chain.firstBroken.reason}`)
    const rows = Object.values(manifest.tables).reduce((sum, count) => sum + count, 0)
    console.log(
      `restored ${manifest.file} (taken ${manifest.createdAt}) into ${manifest.runtime === 'pglite' ? dataDirectory : 'the database'}: checksum, ${Object.keys(manifest.tables).length} tables and ${rows} rows match; audit chain intact (${chain.rows} rows)`,
    )
  } finally {
    await database.close()
  }
} catch (error) {
  console.error(`pnpm restore: ${(error as Error).message}`)
  process.exitCode = 1
}
