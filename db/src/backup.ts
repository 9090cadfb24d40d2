// Backups (数据备份, seed 003) of either runtime, and their restore:
// - the embedded database: PGlite's own dump of its data directory (dumpDataDir, a .tar.gz),
//   taken from the running instance, so the server need not stop;
// - a PostgreSQL server: a logical copy with pg_dump (custom format), restored with pg_restore.
// Each backup is one file beside a manifest (<file>.json: runtime, time, SHA-256, size and the
// row count of every table) and is copied to a second location when one is configured (异地备份).
// Only the newest `keep` backups stay in each place. A restore checks the checksum first, goes only
// into an empty target (a fresh directory or a database without tables), and compares every
// table's row count with the manifest.
import crypto from 'node:crypto'
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { sql } from 'drizzle-orm'
import { PGlite } from '@electric-sql/pglite'
import { postgis } from '@electric-sql/pglite-postgis'
import type { Database } from './open-database.ts'

const run = promisify(execFile)

export interface BackupManifest {
  file: string
  runtime: Database['runtime']
  createdAt: string
  sha256: string
  bytes: number
  /** Rows of every table of the public schema at the time of the backup. */
  tables: Record<string, number>
}

export interface BackupOptions {
  directory: string
  /** A second place to hold a copy (another disk, a mounted share elsewhere). */
  copyDirectory?: string | undefined
  /** How many backups each place keeps (the newest); default 14. */
  keep?: number
  /** The server's URL, for pg_dump (the server runtime). */
  databaseUrl?: string | undefined
  now?: Date
}

export async function tableRowCounts(database: Database): Promise<Record<string, number>> {
  const tables = await database.rows<{ name: string }>(
    sql`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('spatial_ref_sys') ORDER BY tablename`,
  )
  const counts: Record<string, number> = {}
  for (const { name } of tables) {
    const [row] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.identifier(name)}`)
    counts[name] = row!.n
  }
  return counts
}

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')
const stamp = (date: Date) =>
  date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')

export async function backupDatabase(database: Database, options: BackupOptions): Promise<BackupManifest> {
  const now = options.now ?? new Date()
  fs.mkdirSync(options.directory, { recursive: true })
  const tables = await tableRowCounts(database)
  const name = `gridwatch-${stamp(now)}.${database.runtime === 'pglite' ? 'tar.gz' : 'pgdump'}`
  const file = path.join(options.directory, name)
  const partial = `${file}.partial`
  if (database.runtime === 'pglite') {
    if (!database.dumpDataDirectory) throw new Error('this embedded database has no data directory to dump')
    const dump = await database.dumpDataDirectory()
    fs.writeFileSync(partial, Buffer.from(await dump.arrayBuffer()))
  } else {
    if (!options.databaseUrl) throw new Error('pg_dump needs the database URL')
    await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${partial}`, options.databaseUrl])
  }
  // Written whole, then named: a backup cut short by a crash is never taken for a good one.
  fs.renameSync(partial, file)
  const manifest: BackupManifest = {
    file: name,
    runtime: database.runtime,
    createdAt: now.toISOString(),
    sha256: sha256(file),
    bytes: fs.statSync(file).size,
    tables,
  }
  fs.writeFileSync(`${file}.json`, JSON.stringify(manifest, null, 2))
  const keep = options.keep ?? 14
  prune(options.directory, keep)
  if (options.copyDirectory) {
    fs.mkdirSync(options.copyDirectory, { recursive: true })
    fs.copyFileSync(file, path.join(options.copyDirectory, `${name}.partial`))
    fs.renameSync(path.join(options.copyDirectory, `${name}.partial`), path.join(options.copyDirectory, name))
    fs.copyFileSync(`${file}.json`, path.join(options.copyDirectory, `${name}.json`))
    if (sha256(path.join(options.copyDirectory, name)) !== manifest.sha256)
      throw new Error(`the copy in ${options.copyDirectory} does not match the backup`)
    prune(options.copyDirectory, keep)
  }
  return manifest
}

/** Keeps the newest `keep` backups of a directory (their names sort by time). */
function prune(directory: string, keep: number): void {
  const backups = fs
    .readdirSync(directory)
    .filter((name) => /^gridwatch-\d{8}T\d{6}Z\.(tar\.gz|pgdump)$/.test(name))
    .sort()
  for (const name of backups.slice(0, Math.max(0, backups.length - keep))) {
    fs.rmSync(path.join(directory, name), { force: true })
    fs.rmSync(path.join(directory, `${name}.json`), { force: true })
  }
}

export class BackupError extends Error {
  override name = 'BackupError'
}

/** The manifest of a backup file, after checking the file against its checksum. */
export function checkedManifest(file: string): BackupManifest {
  if (!fs.existsSync(file)) throw new BackupError(`${file} does not exist`)
  if (!fs.existsSync(`${file}.json`)) throw new BackupError(`${file}.json (the manifest with the checksum) is missing`)
  const manifest = JSON.parse(fs.readFileSync(`${file}.json`, 'utf8')) as BackupManifest
  const actual = sha256(file)
  if (actual !== manifest.sha256)
    throw new BackupError(`${file} is damaged: its SHA-256 is ${actual}, the manifest says ${manifest.sha256}`)
  return manifest
}

export interface RestoreTarget {
  /** A directory that does not exist yet or is empty (the embedded runtime). */
  dataDirectory?: string | undefined
  /** A database without tables (the server runtime). */
  databaseUrl?: string | undefined
}

/** Restores a checked backup into an empty target; answers the manifest (the caller compares counts). */
export async function restoreBackup(file: string, target: RestoreTarget): Promise<BackupManifest> {
  const manifest = checkedManifest(file)
  if (manifest.runtime === 'pglite') {
    const directory = target.dataDirectory
    if (!directory)
      throw new BackupError('an embedded backup restores into a data directory (GRIDWATCH_DATA_DIR or --data-dir)')
    if (fs.existsSync(directory) && fs.readdirSync(directory).length > 0)
      throw new BackupError(`${directory} is not empty: restore into a new directory, then swap it in`)
    const client = await PGlite.create({
      dataDir: directory,
      loadDataDir: new Blob([fs.readFileSync(file)]),
      extensions: { postgis },
    })
    await client.close()
  } else {
    if (!target.databaseUrl)
      throw new BackupError('a pg_dump backup restores into a PostgreSQL database (DATABASE_URL or --database-url)')
    const { stdout } = await run('psql', [
      '--no-psqlrc',
      '--tuples-only',
      '--no-align',
      '--command',
      "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'spatial_ref_sys'",
      target.databaseUrl,
    ])
    if (Number(stdout.trim()) > 0)
      throw new BackupError(
        'the target database has tables: restore into a new, empty database, then point DATABASE_URL at it',
      )
    await run('pg_restore', [
      '--no-owner',
      '--no-privileges',
      '--exit-on-error',
      `--dbname=${target.databaseUrl}`,
      file,
    ])
  }
  return manifest
}

/** Tables whose row count differs from the manifest's (empty: the restore is whole). */
export function differingCounts(expected: Record<string, number>, actual: Record<string, number>): string[] {
  const names = new Set([...Object.keys(expected), ...Object.keys(actual)])
  return [...names]
    .filter((name) => expected[name] !== actual[name])
    .map((name) => `${name}: ${expected[name] ?? 'absent'} in the backup, ${actual[name] ?? 'absent'} restored`)
}
