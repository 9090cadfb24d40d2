// Checks on the embedded database's data directory before PGlite touches it, and the lock that
// keeps a second process away from it. PGlite runs Postgres in single-user mode and has no
// postmaster to refuse a second writer, so two processes on one directory would corrupt it.
import fs from 'node:fs'
import path from 'node:path'
import { DatabaseConfigurationError } from './errors.ts'

export type DataDirectoryState = 'new' | 'existing'

/** Refuses anything that is not an empty or missing directory or a PostgreSQL data directory. */
export function inspectDataDirectory(dataDirectory: string): DataDirectoryState {
  const resolved = path.resolve(dataDirectory)
  let stat: fs.Stats
  try {
    stat = fs.statSync(resolved)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'new'
    throw new DatabaseConfigurationError(
      `The data directory ${resolved} cannot be read (${(error as Error).message}). Check its permissions or set GRIDWATCH_DATA_DIR to another directory.`,
    )
  }
  if (!stat.isDirectory()) {
    throw new DatabaseConfigurationError(
      `The data directory ${resolved} is a file, not a directory. Move it away or set GRIDWATCH_DATA_DIR to another directory.`,
    )
  }
  try {
    fs.accessSync(resolved, fs.constants.R_OK | fs.constants.W_OK | fs.constants.X_OK)
  } catch {
    throw new DatabaseConfigurationError(
      `The data directory ${resolved} is not readable and writable by this process. Fix its permissions (chown/chmod) or set GRIDWATCH_DATA_DIR to another directory.`,
    )
  }
  const entries = fs.readdirSync(resolved).filter((name) => !name.startsWith('.'))
  if (entries.length === 0) return 'new'
  if (!entries.includes('PG_VERSION')) {
    throw new DatabaseConfigurationError(
      `The data directory ${resolved} is not empty and is not a PostgreSQL data directory (no PG_VERSION). gridwatch will not initialise over existing files: empty it, or set GRIDWATCH_DATA_DIR to another directory.`,
    )
  }
  return 'existing'
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Takes the directory's lock file or explains who holds it; returns the release function. */
export function lockDataDirectory(dataDirectory: string): () => void {
  const lockPath = `${path.resolve(dataDirectory)}.lock`
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const descriptor = fs.openSync(lockPath, 'wx')
      fs.writeSync(descriptor, String(process.pid))
      fs.closeSync(descriptor)
      return () => fs.rmSync(lockPath, { force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const holder = Number(fs.readFileSync(lockPath, 'utf8').trim())
      if (Number.isInteger(holder) && holder > 0 && processIsAlive(holder)) {
        throw new DatabaseConfigurationError(
          `The data directory ${path.resolve(dataDirectory)} is in use by ${holder === process.pid ? 'this process' : `process ${holder}`}. Only one gridwatch process can use an embedded database; stop the other one, or use a PostgreSQL server (DATABASE_URL) for several processes.`,
        )
      }
      // The holder died without cleaning up: the lock is stale.
      fs.rmSync(lockPath, { force: true })
    }
  }
  throw new DatabaseConfigurationError(`Could not lock the data directory ${path.resolve(dataDirectory)}.`)
}

/**
 * PGlite runs with fsync off and Emscripten's NODEFS ignores fsync anyway, so a commit reaches the
 * operating system (it survives the process being killed) but not necessarily the disk. Forcing the
 * newest WAL segment to disk after a write makes an acknowledged write survive a power cut too.
 */
export function flushWriteAheadLog(dataDirectory: string): void {
  const walDirectory = path.join(path.resolve(dataDirectory), 'pg_wal')
  let newest: { name: string; modifiedMs: number } | undefined
  for (const name of fs.readdirSync(walDirectory)) {
    if (!/^[0-9A-F]{24}$/.test(name)) continue
    const modifiedMs = fs.statSync(path.join(walDirectory, name)).mtimeMs
    if (!newest || modifiedMs > newest.modifiedMs) newest = { name, modifiedMs }
  }
  if (!newest) return
  const descriptor = fs.openSync(path.join(walDirectory, newest.name), 'r+')
  try {
    fs.fsyncSync(descriptor)
  } finally {
    fs.closeSync(descriptor)
  }
}
