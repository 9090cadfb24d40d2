// The server backs itself up (GRIDWATCH_BACKUP_EVERY_HOURS; daily in production): every ten minutes
// it looks at the newest backup in GRIDWATCH_BACKUP_DIR and, when that is older than the interval
// (or there is none), takes one — from the running embedded database or with pg_dump — and copies
// it to GRIDWATCH_BACKUP_COPY_DIR. A restart does not reset the clock; a failure is logged and
// tried again ten minutes later.
import fs from 'node:fs'
import { backupDatabase, type Database } from '@gridwatch/db'
import type { Config } from '../platform/config.ts'
import { startRecurring } from '../platform/recurring.ts'
import { logger } from '../platform/logger.ts'

const checkEveryMilliseconds = 10 * 60_000

/** When the newest backup of the directory was taken, from its manifest; null without one. */
export function newestBackupAt(directory: string): Date | null {
  if (!fs.existsSync(directory)) return null
  const manifests = fs
    .readdirSync(directory)
    .filter((name) => /^gridwatch-.*\.(tar\.gz|pgdump)\.json$/.test(name))
    .sort()
  const newest = manifests.at(-1)
  if (!newest) return null
  return new Date((JSON.parse(fs.readFileSync(`${directory}/${newest}`, 'utf8')) as { createdAt: string }).createdAt)
}

export function startScheduledBackups(
  database: Database,
  config: Config,
  now: () => Date,
): { stop(): Promise<void> } | null {
  const backup = config.backup
  if (!backup || backup.everyHours <= 0) return null
  return startRecurring(
    'backup',
    async () => {
      const newest = newestBackupAt(backup.directory)
      if (newest && now().getTime() - newest.getTime() < backup.everyHours * 3600_000) return
      const manifest = await backupDatabase(database, {
        directory: backup.directory,
        copyDirectory: backup.copyDirectory,
        keep: backup.keep,
        databaseUrl: config.databaseUrl,
        now: now(),
      })
      logger.info(
        {
          file: manifest.file,
          bytes: manifest.bytes,
          sha256: manifest.sha256,
          copied: backup.copyDirectory !== undefined,
        },
        'backup taken',
      )
    },
    checkEveryMilliseconds,
  )
}
