// The embedded database: migrations on a new data directory, the single-process lock, migration
// checksums, durability of acknowledged writes, and damaged directories reported, never wiped.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, inject, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { DatabaseConfigurationError, openDatabase, readMigrations } from '@gridwatch/db'
import { seededDataDirectory } from '../support/pglite-data-directory.ts'
import { beginOpeningEmbedded } from '@gridwatch/db/embedded-client'

const temporary: string[] = []
afterAll(() => temporary.forEach((directory) => fs.rmSync(directory, { recursive: true, force: true })))
function temporaryDirectory(): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'gridwatch-test-'))
  temporary.push(directory)
  return directory
}

describe.runIf(inject('databaseRuntime') === 'pglite')('embedded PGlite runtime', () => {
  test('a new data directory is migrated once; reopening applies nothing; a second opener is refused', async () => {
    const dataDirectory = path.join(temporaryDirectory(), 'data')
    const first = await openDatabase({ dataDirectory })
    expect(first.runtime).toBe('pglite')
    expect(first.migration.applied).toEqual(readMigrations().map((migration) => migration.tag))
    const [postgis] = await first.rows<{ version: string }>(sql`SELECT postgis_lib_version() AS version`)
    expect(postgis!.version).toMatch(/^3\./)
    await expect(openDatabase({ dataDirectory })).rejects.toThrow(/in use by this process/)
    await first.close()

    const second = await openDatabase({ dataDirectory })
    expect(second.migration).toMatchObject({ applied: [], alreadyApplied: readMigrations().length })
    // A committed migration edited after it ran is refused rather than silently skipped.
    await second.rows(sql`UPDATE gridwatch_migrations SET checksum = 'edited' WHERE tag = '0001_schema'`)
    await second.close()
    await expect(openDatabase({ dataDirectory })).rejects.toThrow(/0001_schema was changed after it was applied/)
    // Three cold PGlite + PostGIS starts and eight migrations: about 30 s on two idle cores, more on a busy one.
  }, 180_000)

  test('opening begun early (as `pnpm start` does) is taken over by openDatabase, once; a directory in use fails there', async () => {
    const { directory, remove } = await seededDataDirectory()
    try {
      beginOpeningEmbedded(directory)
      beginOpeningEmbedded(directory)
      const database = await openDatabase({ dataDirectory: directory })
      expect(database.migration.applied).toEqual([])
      const [count] = await database.rows<{ count: number }>(sql`SELECT count(*)::int AS count FROM institutions`)
      expect(count!.count).toBeGreaterThan(300)
      // Handed over once: a second early open of the same directory meets the lock, and says so when taken.
      beginOpeningEmbedded(directory)
      await expect(openDatabase({ dataDirectory: directory })).rejects.toThrow(/in use by this process/)
      await database.close()
    } finally {
      remove()
    }
  }, 120_000)

  test('an acknowledged write survives the process being killed right after', async () => {
    const { directory, remove } = await seededDataDirectory()
    try {
      const marker = `probe-${Date.now()}`
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', path.resolve('test/support/durable-write-child.ts'), directory, marker],
        {
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      )
      const acknowledgedId = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          const match = /ack (\d+)/.exec(chunk.toString())
          if (match) {
            child.kill('SIGKILL')
            resolve(match[1]!)
          }
        })
        child.on('exit', (code) => reject(new Error(`child exited (${code}) before acknowledging`)))
      })
      await new Promise((resolve) => child.once('exit', resolve))
      fs.rmSync(`${directory}.lock`, { force: true })
      const reopened = await openDatabase({ dataDirectory: directory })
      const rows = await reopened.rows<{ id: string }>(
        sql`SELECT id::text AS id FROM audit_log WHERE entity_id = ${marker}`,
      )
      await reopened.close()
      expect(rows).toEqual([{ id: acknowledgedId }])
    } finally {
      remove()
    }
  })

  test('a lock left by a dead process is taken over', async () => {
    const { directory, remove } = await seededDataDirectory()
    try {
      fs.writeFileSync(`${directory}.lock`, '999999')
      const database = await openDatabase({ dataDirectory: directory })
      expect(fs.readFileSync(`${directory}.lock`, 'utf8')).toBe(String(process.pid))
      await database.close()
      expect(fs.existsSync(`${directory}.lock`)).toBe(false)
    } finally {
      remove()
    }
  })

  test('a damaged data directory is reported and left as it was', async () => {
    const { directory, remove } = await seededDataDirectory()
    try {
      const controlFile = path.join(directory, 'global/pg_control')
      fs.writeFileSync(controlFile, Buffer.alloc(8192, 7))
      const filesBefore = fs.readdirSync(directory, { recursive: true }).length
      const error = await openDatabase({ dataDirectory: directory }).catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(DatabaseConfigurationError)
      expect((error as Error).message).toMatch(/could not be opened.*Nothing was deleted/s)
      expect(fs.readFileSync(controlFile)).toEqual(Buffer.alloc(8192, 7))
      expect(fs.readdirSync(directory, { recursive: true }).length).toBe(filesBefore)
      expect(fs.existsSync(`${directory}.lock`)).toBe(false)
    } finally {
      remove()
    }
  })
})

describe('data directory checks (before any database starts)', () => {
  test('a file where the directory should be is refused with a message', async () => {
    const file = path.join(temporaryDirectory(), 'data')
    fs.writeFileSync(file, 'not a directory')
    await expect(openDatabase({ dataDirectory: file })).rejects.toThrow(/is a file, not a directory/)
    expect(fs.readFileSync(file, 'utf8')).toBe('not a directory')
  })

  test('a non-empty directory that is not a PostgreSQL data directory is refused and left alone', async () => {
    const directory = temporaryDirectory()
    fs.writeFileSync(path.join(directory, 'notes.txt'), 'keep me')
    await expect(openDatabase({ dataDirectory: directory })).rejects.toThrow(/not a PostgreSQL data directory/)
    expect(fs.readdirSync(directory)).toEqual(['notes.txt'])
  })
})
