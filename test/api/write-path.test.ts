// The one write path: the change and its audit row commit together, events are heard only after
// the commit, and a write that fails or leaves no audit row changes nothing and says nothing.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import type { Transaction } from '@gridwatch/db'
import { EventBus, type LiveEvent } from '@gridwatch/api/platform/events.ts'
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

test('the change and its audit row commit together; the event is published after the commit', async () => {
  const events = new EventBus()
  const heard: { event: LiveEvent }[] = []
  events.subscribe((event) => void heard.push({ event }))
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
    })
    record.announce({ type: 'display-token.revoked', displayTokenId: created })
    expect(heard).toEqual([])
    return created
  })
  expect(await countRows('write-path-commit')).toEqual({ tokens: 1, audits: 1 })
  expect(heard.map((entry) => entry.event)).toEqual([{ type: 'display-token.revoked', displayTokenId: id }])
  const [audit] = await testDatabase.database.rows<{ request_id: string; county_code: string }>(
    sql`SELECT request_id, county_code FROM audit_log WHERE entity_id = ${String(id)} AND entity = 'display_token'`,
  )
  expect(audit).toEqual({ request_id: 'test-request', county_code: '371703' })
})

test('a write that throws after auditing changes nothing and announces nothing', async () => {
  const events = new EventBus()
  const heard: LiveEvent[] = []
  events.subscribe((event) => void heard.push(event))
  const write = writePath(testDatabase.database, events, { user: null, requestId: undefined, countyCode: '371703' })
  await expect(
    write(async (transaction, record) => {
      const created = await insertToken(transaction, 'write-path-rollback')
      await record.audit({
        action: 'issue',
        entity: 'display_token',
        entityId: created,
        after: { name: 'write-path-rollback' },
      })
      record.announce({ type: 'display-token.revoked', displayTokenId: created })
      throw new Error('refused after the audit row')
    }),
  ).rejects.toThrow('refused after the audit row')
  expect(await countRows('write-path-rollback')).toEqual({ tokens: 0, audits: 0 })
  expect(heard).toEqual([])
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
