// The audit log's hash chain: every row written through the app links to the one before; a row
// changed, removed or slipped in past the trigger is found, by row, by the verifier and by
// `pnpm audit:verify`. Tampering here runs as the database owner with the append-only trigger
// switched off — what an administrator of the database could do, which is what the chain is for.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { inject } from 'vitest'
import { sql } from 'drizzle-orm'
import { openDatabase, type Database } from '@gridwatch/db'
import { AuditChainCheck, verifyAuditChain } from '@gridwatch/api/audit/audit-chain.ts'
import { writeAudit } from '@gridwatch/api/platform/audit.ts'
import { openSeededTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { createTestApp, loginAs } from '../support/test-app.ts'
import { seededDataDirectory } from '../support/pglite-data-directory.ts'

let testDatabase: TestDatabase
let database: Database

/** A history to chain: logins of six accounts, as the app writes them. */
async function writeHistory(): Promise<void> {
  const { app } = createTestApp(database)
  for (const username of ['leader', 'planner', 'supervisor', 'zone1', 'grid2', 'member3']) await loginAs(app, username)
}

beforeEach(async () => {
  testDatabase = await openSeededTestDatabase()
  database = testDatabase.database
  await writeHistory()
})
afterEach(() => testDatabase.close())

async function tamper(statement: ReturnType<typeof sql>): Promise<void> {
  await database.rows(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_or_delete`)
  await database.rows(statement)
  await database.rows(sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_or_delete`)
}

const middleRow = async () =>
  (
    await database.rows<{ id: number; chain_seq: number }>(
      sql`SELECT id::int, chain_seq::int FROM audit_log ORDER BY chain_seq OFFSET (SELECT count(*) / 2 FROM audit_log) LIMIT 1`,
    )
  )[0]!

describe('the audit hash chain', () => {
  test('what the app writes forms one intact chain, in order', async () => {
    const { app } = createTestApp(database)
    await loginAs(app, 'planner')
    const report = await verifyAuditChain(database)
    const [count] = await database.rows<{ count: number; max: number }>(
      sql`SELECT count(*)::int AS count, max(chain_seq)::int AS max FROM audit_log`,
    )
    expect(report.firstBroken).toBeNull()
    expect(report.rows).toBe(count!.count)
    expect(report.rows).toBeGreaterThanOrEqual(7)
    expect(report.head!.chainSeq).toBe(count!.max)
    const [last] = await database.rows<{ action: string; after: { username: string }; hash: string }>(
      sql`SELECT action, after, hash FROM audit_log ORDER BY chain_seq DESC LIMIT 1`,
    )
    expect(last).toMatchObject({ action: 'login', after: { username: 'planner' } })
    expect(report.head!.hash).toBe(last!.hash)
  })

  test('a changed row is found by its own hash', async () => {
    const target = await middleRow()
    await tamper(sql`UPDATE audit_log SET after = '{"username":"someone-else"}'::jsonb WHERE id = ${target.id}`)
    expect((await verifyAuditChain(database)).firstBroken).toMatchObject({
      id: target.id,
      chainSeq: target.chain_seq,
      reason: expect.stringContaining('changed'),
    })
  })

  test('a changed row with its hash recomputed breaks the next link', async () => {
    const target = await middleRow()
    await tamper(
      sql`UPDATE audit_log SET action = 'nothing', hash = encode(sha256(convert_to(audit_log_content(previous_hash, id, chain_seq, county_code, at, user_id, username, 'nothing', entity, entity_id, before, after, request_id), 'UTF8')), 'hex') WHERE id = ${target.id}`,
    )
    expect((await verifyAuditChain(database)).firstBroken).toMatchObject({
      chainSeq: target.chain_seq + 1,
      reason: expect.stringContaining('previous'),
    })
  })

  test('a removed row leaves a gap', async () => {
    const target = await middleRow()
    await tamper(sql`DELETE FROM audit_log WHERE id = ${target.id}`)
    expect((await verifyAuditChain(database)).firstBroken).toMatchObject({
      chainSeq: target.chain_seq + 1,
      reason: expect.stringContaining('missing'),
    })
  })

  test('the page checks what came since the last intact link, and the whole chain hourly or when asked', async () => {
    let clock = new Date('2026-12-01T08:00:00+08:00')
    const check = new AuditChainCheck(database, () => clock)
    const first = await check.check()
    expect(first.firstBroken).toBeNull()
    expect(first.wholeCheckedAt).toBe(clock.toISOString())
    // Rows written since are checked on top of the last link, and counted with it.
    const { app } = createTestApp(database)
    await loginAs(app, 'grid2b')
    clock = new Date(clock.getTime() + 10 * 60_000)
    const since = await check.check()
    const [count] = await database.rows<{ count: number }>(sql`SELECT count(*)::int AS count FROM audit_log`)
    expect(since).toMatchObject({ firstBroken: null, rows: count!.count, wholeCheckedAt: first.wholeCheckedAt })
    expect(since.head).toEqual((await verifyAuditChain(database)).head)
    // A row before that link changed behind the application: the next whole check finds it — asked
    // for, or by itself once an hour has passed since the last.
    const hourly = new AuditChainCheck(database, () => clock)
    expect((await hourly.check()).firstBroken).toBeNull()
    const target = await middleRow()
    await tamper(sql`UPDATE audit_log SET after = '{"username":"someone-else"}'::jsonb WHERE id = ${target.id}`)
    expect((await check.check()).firstBroken).toBeNull()
    expect((await check.check({ whole: true })).firstBroken).toMatchObject({
      id: target.id,
      reason: expect.stringContaining('changed'),
    })
    clock = new Date(clock.getTime() + 30 * 60_000)
    expect((await hourly.check()).firstBroken).toBeNull()
    clock = new Date(clock.getTime() + 31 * 60_000)
    expect((await hourly.check()).firstBroken).toMatchObject({ id: target.id })
  })

  test('the last intact link cut off the end is found by the next check from it', async () => {
    const check = new AuditChainCheck(database, () => new Date())
    const { head } = await check.check()
    await tamper(sql`DELETE FROM audit_log WHERE chain_seq = ${head!.chainSeq}`)
    expect((await check.check()).firstBroken).toMatchObject({
      chainSeq: head!.chainSeq,
      reason: expect.stringContaining('gone or changed'),
    })
  })

  test('a row slipped in past the trigger is outside the chain', async () => {
    await database.rows(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_chain`)
    await database.rows(sql`INSERT INTO audit_log (county_code, action, entity) VALUES ('371703', 'login', 'user')`)
    await database.rows(sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_chain`)
    expect((await verifyAuditChain(database)).firstBroken).toMatchObject({
      chainSeq: null,
      reason: expect.stringContaining('outside the chain'),
    })
  })
})

describe.skipIf(inject('databaseRuntime') !== 'pglite')('pnpm audit:verify', () => {
  test('prints the intact chain, then the broken row, with exit code 1', async () => {
    const data = await seededDataDirectory()
    try {
      const history = await openDatabase({ dataDirectory: data.directory })
      for (let entry = 1; entry <= 6; entry++)
        await history.write((transaction) =>
          writeAudit(
            transaction,
            { user: null, requestId: `cli-${entry}`, countyCode: '371703' },
            { action: 'login-failed', entity: 'user', entityId: null, after: { username: `guess-${entry}` } },
          ),
        )
      await history.close()
      const run = () =>
        promisify(execFile)('npx', ['tsx', 'api/src/audit/verify-main.ts'], {
          env: { ...process.env, DATABASE_URL: '', GRIDWATCH_DATA_DIR: data.directory },
        })
      expect((await run()).stdout).toMatch(/^audit log intact: 6 rows; head 6 [0-9a-f]{64}/)
      const opened = await openDatabase({ dataDirectory: data.directory })
      const [target] = await opened.rows<{ id: number }>(
        sql`SELECT id::int FROM audit_log ORDER BY chain_seq OFFSET 3 LIMIT 1`,
      )
      await opened.rows(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_or_delete`)
      await opened.rows(sql`UPDATE audit_log SET username = 'nobody' WHERE id = ${target!.id}`)
      await opened.close()
      const failed = await run().then(
        () => null,
        (error: { code: number; stdout: string }) => error,
      )
      expect(failed?.code).toBe(1)
      expect(failed?.stdout).toContain(`audit log BROKEN at row ${target!.id} (chain position 4)`)
    } finally {
      data.remove()
    }
  }, 240_000)
})
