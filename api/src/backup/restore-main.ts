// `pnpm restore <backup file> [--data-dir DIR | --database-url URL]`: checks the backup against its
// checksum, restores it into an empty target (by default the configured GRIDWATCH_DATA_DIR or
// DATABASE_URL, which must then be new and empty), opens the result as the server would (running
// any newer migrations) and compares every table's row count and the audit log's hash chain.
// Exit code 0 only when all of that holds. Swap the restored directory or database in afterwards.
import { differingCounts, openDatabase, restoreBackup, tableRowCounts } from '@gridwatch/db'
import { readConfig } from '../platform/config.ts'
import { verifyAuditChain } from '../audit/audit-chain.ts'

const [file, ...rest] = process.argv.slice(2)
const option = (name: string) => {
  const index = rest.indexOf(name)
  return index >= 0 ? rest[index + 1] : undefined
}
if (!file) {
  console.error('usage: pnpm restore <backup file> [--data-dir DIR | --database-url URL]')
  process.exit(2)
}
const config = readConfig()
const dataDirectory = option('--data-dir') ?? config.dataDirectory
const databaseUrl = option('--database-url') ?? config.databaseUrl
try {
  const manifest = await restoreBackup(file, { dataDirectory, databaseUrl })
  const database = await openDatabase(manifest.runtime === 'pglite' ? { dataDirectory } : { databaseUrl: databaseUrl! })
  try {
    const differing = differingCounts(manifest.tables, await tableRowCounts(database))
    const chain = await verifyAuditChain(database)
    if (differing.length > 0) throw new Error(`row counts differ: ${differing.join('; ')}`)
    if (chain.firstBroken) throw new Error(`the audit log's chain is broken at row ${chain.firstBroken.id}: ${chain.firstBroken.reason}`)
    const rows = Object.values(manifest.tables).reduce((sum, count) => sum + count, 0)
    console.log(`restored ${manifest.file} (taken ${manifest.createdAt}) into ${manifest.runtime === 'pglite' ? dataDirectory : 'the database'}: checksum, ${Object.keys(manifest.tables).length} tables and ${rows} rows match; audit chain intact (${chain.rows} rows)`)
  } finally {
    await database.close()
  }
} catch (error) {
  console.error(`pnpm restore: ${(error as Error).message}`)
  process.exitCode = 1
}
