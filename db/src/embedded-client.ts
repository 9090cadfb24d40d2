// Opening the embedded database's thread: lock the data directory, start PGlite with PostGIS on its
// own thread (about four seconds, most of it loading the PostGIS extension). `pnpm start` begins
// this first thing (`beginOpeningEmbedded`), while the rest of the server is still being loaded, and
// openDatabase takes over what is under way for the same directory instead of starting again.
import path from 'node:path'
import { inspectDataDirectory, lockDataDirectory } from './data-directory.ts'
import { DatabaseConfigurationError } from './errors.ts'
import { PgliteThread } from './pglite-thread.ts'

export interface EmbeddedClient {
  client: PgliteThread
  /** Releases the data directory's lock. */
  release: () => void
}

const early = new Map<string, Promise<EmbeddedClient>>()

export async function openEmbeddedClient(dataDirectory: string): Promise<EmbeddedClient> {
  const state = inspectDataDirectory(dataDirectory)
  const release = lockDataDirectory(dataDirectory)
  try {
    return { client: await PgliteThread.open({ dataDir: dataDirectory }), release }
  } catch (error) {
    release()
    if (state === 'existing') {
      throw new DatabaseConfigurationError(
        `The embedded database in ${dataDirectory} could not be opened (${(error as Error).message}). It may be damaged or written by another version. Nothing was deleted: restore it from a backup, or move it away to start a new one.`,
      )
    }
    throw error
  }
}

/** Starts opening the data directory now; the next openDatabase for it picks this up. */
export function beginOpeningEmbedded(dataDirectory: string): void {
  const key = path.resolve(dataDirectory)
  if (early.has(key)) return
  const opening = openEmbeddedClient(dataDirectory)
  // A failure is reported by openDatabase, which awaits the same promise.
  opening.catch(() => {})
  early.set(key, opening)
}

/** What beginOpeningEmbedded started for this directory, handed over once; else a fresh open. */
export function takeEmbeddedClient(dataDirectory: string): Promise<EmbeddedClient> {
  const key = path.resolve(dataDirectory)
  const opening = early.get(key)
  early.delete(key)
  return opening ?? openEmbeddedClient(dataDirectory)
}
