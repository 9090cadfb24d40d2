// `pnpm backup`: a backup of the configured database now — the server runtime with pg_dump
// (DATABASE_URL), the embedded one from its data directory (GRIDWATCH_DATA_DIR; stop the server
// first, it holds the directory, or let the server take its own on GRIDWATCH_BACKUP_EVERY_HOURS) —
// into GRIDWATCH_BACKUP_DIR, copied to GRIDWATCH_BACKUP_COPY_DIR, keeping GRIDWATCH_BACKUP_KEEP.
import { backupDatabase, openDatabase } from '@gridwatch/db'
import { readConfig } from '../platform/config.ts'

const config = readConfig()
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDirectory: config.dataDirectory })
try {
  const backup = config.backup!
  const manifest = await backupDatabase(database, { directory: backup.directory, copyDirectory: backup.copyDirectory, keep: backup.keep, databaseUrl: config.databaseUrl })
  const rows = Object.values(manifest.tables).reduce((sum, count) => sum + count, 0)
  console.log(`backup ${backup.directory}/${manifest.file}: ${(manifest.bytes / 1024 / 1024).toFixed(1)} MB, ${Object.keys(manifest.tables).length} tables, ${rows} rows, sha256 ${manifest.sha256}${backup.copyDirectory ? `; copied to ${backup.copyDirectory}` : ''}`)
} catch (error) {
  console.error(`pnpm backup: ${(error as Error).message}`)
  process.exitCode = 1
} finally {
  await database.close()
}
