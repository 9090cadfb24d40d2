// The one write path: the change, its audit row and its typed change set commit together, events
// and the change set are heard only after the commit, and a write that fails or leaves no audit row
// changes nothing and says nothing.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import type { Transaction } from '@gridwatch/db'
import { EventBus, type LiveEvent } from '@gridwatch/api/platform/events.ts'
import type { ChangeSet } from '@gridwatch/api/platform/changes.ts'
import { UnauditedWriteError, writePath } from '@gridwatch/api/platform/write-path.ts'
import { openSeededTestDatabase, type TestDatabase } from '../support/test-database.ts'

let testDatabase: TestDatabase

beforeAll(async () => {
  testDatabase = await openSeededTestDatabase()
})
afterAll(() => testDatabase.close())

/** A display token row named for the test, so that each test finds only its own. */
async function insertToken(transaction: Transaction, name: string): Promise<number> {
  const [row] = await testDatabase.database.rows<{ id: number }>(
    sql`INSERT INTO display_tokens (county_code, name, token_hash, created_by) SELECT '371703', ${name}, ${`hash-${name}`}, id FROM users WHERE username = 'admin' RETURNING id`,
    transaction,
  )
  return row!.id
}

const countRows = async (name: string) => {
  const [tokens] = await testDatabase.database.rows<{ count: number }>(
    sql`SELECT count(*)::int AS count FROM display_tokens WHERE name = ${name}`,
  )
  const [audits] = await testDatabase.database.rows<{ count: number }>(
    sql`SELECT count(*)::int AS count FROM audit_log WHERE after->>'name' = ${name}`,
  )
  return { tokens: tokens!.count, audits: audits!.count }
}

test('the change, its audit row and its change set commit together; the event and the set are published after the commit', async () => {
  const events = new EventBus()
  const heard: { event: LiveEvent }[] = []
  events.subscribe((event) => void heard.push({ event }))
  const committed: ChangeSet[] = []
  events.onCommitted((set) => void committed.push(set))
  const write = writePath(testDatabase.database, events, {
    user: null,
    requestId: 'test-request',
    countyCode: '371703',
  })
  const id = await write(async (transaction, record) => {
    const created = await insertToken(transaction, 'write-path-commit')
    await record.audit({
      action: 'issue',
      entity: 'display_token',
      entityId: created,
      after: { name: 'write-path-commit' },
      changes: [
        { kind: 'institutions', institutionIds: [7, 3] },
        { kind: 'institutions', institutionIds: [3] },
        { kind: 'scope' },
      ],
    })
    record.announce({ type: 'display-token.revoked', displayTokenId: created })
    expect(heard).toEqual([])
    expect(committed).toEqual([])
    return created
  })
  // One change set for the write, typed columns merged from its changes; heard once committed.
  const [kept] = await testDatabase.database.rows<Record<string, unknown>>(
    sql`SELECT id::int, county_code, institution_ids, areas, layout, scope FROM change_sets ORDER BY id DESC LIMIT 1`,
  )
  expect(kept).toMatchObject({
    county_code: '371703',
    institution_ids: [3, 7],
    areas: false,
    layout: false,
    scope: true,
  })
  expect(committed).toEqual([
    { id: kept!.id, countyCode: '371703', institutionIds: [3, 7], areas: false, layout: false, scope: true },
  ])
  expect(await countRows('write-path-commit')).toEqual({ tokens: 1, audits: 1 })
  expect(heard.map((entry) => entry.event)).toEqual([{ type: 'display-token.revoked', displayTokenId: id }])
  const [audit] = await testDatabase.database.rows<{ request_id: string; county_code: string }>(
    sql`SELECT request_id, county_code FROM audit_log WHERE entity_id = ${String(id)} AND entity = 'display_token'`,
  )
  expect(audit).toEqual({ request_id: 'test-request', county_code: '371703' })
  // The audit row keeps its own shape: no change set in it.
  const [row] = await testDatabase.database.rows<{ after: unknown }>(
    sql`SELECT after FROM audit_log WHERE entity_id = ${String(id)} AND entity = 'display_token'`,
  )
  expect(row!.after).toEqual({ name: 'write-path-commit' })
})

test('a write that throws after auditing changes nothing and announces nothing', async () => {
  const events = new EventBus()
  const heard: LiveEvent[] = []
  events.subscribe((event) => void heard.push(event))
  const write = writePath(testDatabase.database, events, { user: null, requestId: undefined, countyCode: '371703' })
  const [before] = await testDatabase.database.rows<{ mark: number }>(
    sql`SELECT coalesce(max(id), 0)::int AS mark FROM change_sets`,
  )
  await expect(
    write(async (transaction, record) => {
      const created = await insertToken(transaction, 'write-path-rollback')
      await record.audit({
        action: 'issue',
        entity: 'display_token',
        entityId: created,
        after: { name: 'write-path-rollback' },
        changes: [{ kind: 'layout' }],
      })
      record.announce({ type: 'display-token.revoked', displayTokenId: created })
      throw new Error('refused after the audit row')
    }),
  ).rejects.toThrow('refused after the audit row')
  expect(await countRows('write-path-rollback')).toEqual({ tokens: 0, audits: 0 })
  expect(heard).toEqual([])
  const [after] = await testDatabase.database.rows<{ mark: number }>(
    sql`SELECT coalesce(max(id), 0)::int AS mark FROM change_sets`,
  )
  expect(after).toEqual(before)
})

test('a write that leaves no audit row is refused and rolled back', async () => {
  const write = writePath(testDatabase.database, new EventBus(), {
    user: null,
    requestId: undefined,
    countyCode: '371703',
  })
  await expect(write((transaction) => insertToken(transaction, 'write-path-unaudited'))).rejects.toBeInstanceOf(
    UnauditedWriteError,
  )
  expect(await countRows('write-path-unaudited')).toEqual({ tokens: 0, audits: 0 })
})
