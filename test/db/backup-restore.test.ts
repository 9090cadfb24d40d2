// The restore drill (issue 18 item 11, seed 003 数据备份): a backup taken from the running database
// — PGlite's data-directory dump on the embedded runtime, pg_dump on the server — with its
// checksum and row counts, copied to a second place, restored by `pnpm restore` into a fresh
// directory or database, where every table's row count, the audit chain and a write made just
// before the backup are found again. A damaged copy, or a target that is not empty, is refused
// and nothing is written; only the newest backups are kept.
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterEach, beforeEach, describe, expect, inject, test } from 'vitest'
import { sql } from 'drizzle-orm'
import {
  backupDatabase,
  checkedManifest,
  openDatabase,
  restoreBackup,
  tableRowCounts,
  type Database,
} from '@gridwatch/db'
import { writeAudit } from '@gridwatch/api/platform/audit.ts'
import { seededDataDirectory } from '../support/pglite-data-directory.ts'
import { createDatabase } from '../support/server-databases.ts'
import { startScheduledBackups } from '@gridwatch/api/backup/scheduled-backups.ts'
import type { Config } from '@gridwatch/api/platform/config.ts'

const runtime = inject('databaseRuntime')
let scratch: string
let database: Database
let databaseUrl: string | undefined
let cleanUp: () => Promise<void> | void

beforeEach(async () => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'gridwatch-backup-'))
  if (runtime === 'postgres') {
    const created = await createDatabase(inject('serverUrl'), inject('templateDatabase'))
    databaseUrl = created.url
    database = await openDatabase({ databaseUrl })
    cleanUp = () => created.drop()
  } else {
    const data = await seededDataDirectory()
    databaseUrl = undefined
    database = await openDatabase({ dataDirectory: data.directory })
    cleanUp = () => data.remove()
  }
})
afterEach(async () => {
  await database.close()
  await cleanUp()
  fs.rmSync(scratch, { recursive: true, force: true })
})

const restoreCli = (file: string, target: string[]) =>
  promisify(execFile)('npx', ['tsx', 'api/src/backup/restore-main.ts', file, ...target], {
    env: { ...process.env, DATABASE_URL: '', GRIDWATCH_DATA_DIR: path.join(scratch, 'unused') },
  })

describe(`backup and restore (${runtime})`, () => {
  test('a backup of the running database, copied elsewhere, restores whole into a fresh target', async () => {
    await database.write((transaction) =>
      writeAudit(
        transaction,
        { user: null, requestId: 'drill', countyCode: '371703' },
        { action: 'login-failed', entity: 'user', entityId: null, after: { username: 'before-backup' } },
      ),
    )
    const directory = path.join(scratch, 'backups')
    const copy = path.join(scratch, 'elsewhere')
    const manifest = await backupDatabase(database, { directory, copyDirectory: copy, databaseUrl })
    expect(manifest.runtime).toBe(runtime)
    expect(manifest.tables.institutions).toBeGreaterThan(100)
    expect(manifest.tables).toEqual(await tableRowCounts(database))
    for (const place of [directory, copy])
      expect(checkedManifest(path.join(place, manifest.file)).sha256).toBe(manifest.sha256)
    // A write after the backup is not in it.
    await database.write((transaction) =>
      writeAudit(
        transaction,
        { user: null, requestId: 'drill', countyCode: '371703' },
        { action: 'login-failed', entity: 'user', entityId: null, after: { username: 'after-backup' } },
      ),
    )

    let target: string[]
    let restoredOptions: { dataDirectory: string } | { databaseUrl: string }
    let dropTarget = async () => {}
    if (runtime === 'postgres') {
      const empty = await createDatabase(inject('serverUrl'))
      target = ['--database-url', empty.url]
      restoredOptions = { databaseUrl: empty.url }
      dropTarget = empty.drop
    } else {
      const fresh = path.join(scratch, 'restored')
      target = ['--data-dir', fresh]
      restoredOptions = { dataDirectory: fresh }
    }
    try {
      // From the second place: the first one may be the disk that failed.
      const { stdout } = await restoreCli(path.join(copy, manifest.file), target)
      expect(stdout).toMatch(/restored gridwatch-\S+ .*checksum, \d+ tables and \d+ rows match; audit chain intact/)
      const restored = await openDatabase(restoredOptions)
      try {
        expect(await tableRowCounts(restored)).toEqual(manifest.tables)
        const names = await restored.rows<{ username: string }>(
          sql`SELECT after->>'username' AS username FROM audit_log WHERE request_id = 'drill' ORDER BY id`,
        )
        expect(names.map((row) => row.username)).toEqual(['before-backup'])
      } finally {
        await restored.close()
      }
      // The target is no longer empty: a second restore into it is refused.
      const again = await restoreCli(path.join(directory, manifest.file), target).then(
        () => null,
        (error: { code: number; stderr: string }) => error,
      )
      expect(again?.code).toBe(1)
      expect(again?.stderr).toMatch(/not empty|has tables/)
    } finally {
      await dropTarget()
    }
  }, 180_000)

  test('a damaged backup is refused before anything is written', async () => {
    const directory = path.join(scratch, 'backups')
    const manifest = await backupDatabase(database, { directory, databaseUrl })
    const file = path.join(directory, manifest.file)
    const bytes = fs.readFileSync(file)
    const middle = Math.floor(bytes.length / 2)
    bytes[middle] = bytes[middle]! ^ 0xff
    fs.writeFileSync(file, bytes)
    const fresh = path.join(scratch, 'restored')
    await expect(
      restoreBackup(file, { dataDirectory: fresh, databaseUrl: 'postgres://nobody@127.0.0.1:1/none' }),
    ).rejects.toThrow(/is damaged: its SHA-256 is/)
    expect(fs.existsSync(fresh)).toBe(false)
  }, 120_000)

  test('only the newest backups are kept, in both places', async () => {
    const directory = path.join(scratch, 'backups')
    const copy = path.join(scratch, 'elsewhere')
    const base = Date.parse('2026-11-01T02:00:00Z')
    const files: string[] = []
    for (let day = 0; day < 3; day++)
      files.push(
        (
          await backupDatabase(database, {
            directory,
            copyDirectory: copy,
            keep: 2,
            databaseUrl,
            now: new Date(base + day * 86_400_000),
          })
        ).file,
      )
    for (const place of [directory, copy])
      expect(fs.readdirSync(place).sort()).toEqual(
        [files[1]!, `${files[1]}.json`, files[2]!, `${files[2]}.json`].sort(),
      )
  }, 180_000)

  test('the server backs itself up when the newest backup is older than the interval, restarts or not', async () => {
    const directory = path.join(scratch, 'scheduled')
    const config = { databaseUrl, backup: { directory, copyDirectory: undefined, keep: 14, everyHours: 24 } } as Config
    const manifests = () => fs.readdirSync(directory).filter((name) => name.endsWith('.json')).length
    const pass = async (at: Date) => startScheduledBackups(database, config, () => at)!.stop()
    await pass(new Date())
    expect(manifests()).toBe(1)
    // Started again an hour later (a restart): the backup is recent, none is taken.
    await pass(new Date(Date.now() + 3600_000))
    expect(manifests()).toBe(1)
    await pass(new Date(Date.now() + 25 * 3600_000))
    expect(manifests()).toBe(2)
    expect(
      startScheduledBackups(database, { ...config, backup: { ...config.backup!, everyHours: 0 } }, () => new Date()),
    ).toBeNull()
  }, 180_000)
})
