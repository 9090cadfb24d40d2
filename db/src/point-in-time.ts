// Point-in-time backups of a PostgreSQL server with pgBackRest (Debian package `pgbackrest`): the
// server archives every WAL segment into pgBackRest's repository (archive_command), pgBackRest
// takes full, differential and incremental copies of the data directory, and a restore replays the
// archive up to a chosen moment — between two writes, say the minute before a mistaken import.
// pg_dump (backup.ts) stays the portable logical copy; this is what bounds the loss to the last
// archived segment (RPO minutes, not a day).
//
// pgBackRest must run as the operating-system user that owns the cluster's data directory
// (normally `postgres`); `command` is how to call it, e.g. ['sudo', '-u', 'postgres', 'pgbackrest'].
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import { promisify } from 'node:util'

const run = promisify(execFile)

export interface PgBackRest {
  /** The program and its leading arguments, e.g. ['pgbackrest'] or ['sudo', '-u', 'postgres', 'pgbackrest', '--config=/etc/pgbackrest/pgbackrest.conf']. */
  command: readonly string[]
  /** The stanza that names the cluster in pgBackRest's configuration. */
  stanza: string
}

export interface PhysicalBackup {
  label: string
  type: 'full' | 'diff' | 'incr'
  startedAt: string
  stoppedAt: string
  /** Size of the database at the time, and what the repository holds for this backup. */
  bytes: number
  repositoryBytes: number
}

async function pgbackrest(tool: PgBackRest, ...parameters: string[]): Promise<string> {
  const [program, ...leading] = tool.command
  if (!program) throw new Error('no pgBackRest command configured')
  try {
    const { stdout } = await run(program, [...leading, `--stanza=${tool.stanza}`, ...parameters], {
      maxBuffer: 64 * 1024 * 1024,
    })
    return stdout
  } catch (error) {
    const failed = error as Error & { stderr?: string; stdout?: string }
    const said = `${failed.stderr ?? ''}\n${failed.stdout ?? ''}`.trim().split('\n').slice(-3).join(' ')
    throw new Error(`pgbackrest ${parameters.at(-1)} failed: ${said || failed.message}`, { cause: error })
  }
}

interface InfoBackup {
  label: string
  type: PhysicalBackup['type']
  timestamp: { start: number; stop: number }
  info: { size: number; repository: { delta: number } }
}

/** The backups the repository holds, oldest first. */
export async function physicalBackups(tool: PgBackRest): Promise<PhysicalBackup[]> {
  const [stanza] = JSON.parse(await pgbackrest(tool, '--output=json', 'info')) as [{ backup?: InfoBackup[] }]
  return (stanza?.backup ?? []).map((backup) => ({
    label: backup.label,
    type: backup.type,
    startedAt: new Date(backup.timestamp.start * 1000).toISOString(),
    stoppedAt: new Date(backup.timestamp.stop * 1000).toISOString(),
    bytes: backup.info.size,
    repositoryBytes: backup.info.repository.delta,
  }))
}

/** Takes a backup (pgBackRest makes a full one when the repository has none to build on) and returns it. */
export async function physicalBackup(tool: PgBackRest, type: PhysicalBackup['type'] = 'incr'): Promise<PhysicalBackup> {
  await pgbackrest(tool, `--type=${type}`, 'backup')
  const newest = (await physicalBackups(tool)).at(-1)
  if (!newest) throw new Error('pgbackrest reported a backup but its repository lists none')
  return newest
}

/**
 * Restores the cluster into `dataDirectory` (a new, empty directory owned by the cluster's user) so
 * that, once started, PostgreSQL replays the archive up to `target` and opens for writes there
 * (without a target: up to the end of the archive). Nothing existing is touched.
 */
export async function restoreToPointInTime(
  tool: PgBackRest,
  options: { dataDirectory: string; target?: Date },
): Promise<void> {
  if (fs.existsSync(options.dataDirectory) && fs.readdirSync(options.dataDirectory).length > 0)
    throw new Error(
      `${options.dataDirectory} is not empty: a point-in-time restore goes into a new, empty directory, never over a cluster`,
    )
  // pgBackRest reads "YYYY-MM-DD HH:MM:SS.mmm+00", not ISO 8601's T and Z.
  const moment = options.target?.toISOString().replace('T', ' ').replace('Z', '+00')
  const target = moment ? ['--type=time', `--target=${moment}`, '--target-action=promote'] : []
  await pgbackrest(tool, `--pg1-path=${options.dataDirectory}`, ...target, 'restore')
}
