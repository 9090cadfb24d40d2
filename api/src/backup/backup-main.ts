// `pnpm backup`: a backup of the configured database now — the server runtime with pg_dump
// (DATABASE_URL), the embedded one from its data directory (GRIDWATCH_DATA_DIR; stop the server
// first, it holds the directory, or let the server take its own on GRIDWATCH_BACKUP_EVERY_HOURS) —
// into GRIDWATCH_BACKUP_DIR, copied to GRIDWATCH_BACKUP_COPY_DIR, keeping GRIDWATCH_BACKUP_KEEP.
// On a server with GRIDWATCH_PGBACKREST_STANZA it also takes a pgBackRest backup (`--type=full|diff|incr`,
// default incr), the base for a point-in-time restore.
import { backupDatabase, openDatabase, physicalBackup, type PhysicalBackup } from '@gridwatch/db'
import { databaseOptions, readConfig } from '../platform/config.ts'

const config = readConfig()
const database = await openDatabase(databaseOptions(config))
try {
  const backup = config.backup!
  const manifest = await backupDatabase(database, {
    directory: backup.directory,
    copyDirectory: backup.copyDirectory,
    keep: backup.keep,
    databaseUrl: config.databaseUrl,
  })
  const rows = Object.values(manifest.tables).reduce((sum, count) => sum + count, 0)
  if (database.runtime === 'postgres' && backup.pgbackrest) {
    const type = (process.argv.find((argument) => argument.startsWith('--type='))?.slice('--type='.length) ??
      'incr') as PhysicalBackup['type']
    if (!['full', 'diff', 'incr'].includes(type)) throw new Error(`--type must be full, diff or incr, not ${type}`)
    const physical = await physicalBackup(backup.pgbackrest, type)
    console.log(
      `pgbackrest ${physical.type} backup ${physical.label} (stanza ${backup.pgbackrest.stanza}): database ${(physical.bytes / 1024 / 1024).toFixed(1)} MB, ${(physical.repositoryBytes / 1024 / 1024).toFixed(1)} MB stored`,
    )
  }
  console.log(
    `backup ${backup.directory}/${manifest.file}: ${(manifest.bytes / 1024 / 1024).toFixed(1)} MB, ${Object.keys(manifest.tables).length} tables, ${rows} rows, sha256 ${manifest.sha256}${backup.copyDirectory ? `; copied to ${backup.copyDirectory}` : ''}`,
  )
} catch (error) {
  console.error(`pnpm backup: ${(error as Error).message}`)
  process.exitCode = 1
} finally {
  await database.close()
}
