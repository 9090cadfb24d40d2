// The append-only audit log: who changed what, when, with the row before and after.
// A trigger in the migrations refuses UPDATE and DELETE on it; another chains the rows: each holds
// its place in the chain and the SHA-256 of the previous row's hash and its own content, so an
// edited, removed or inserted row breaks every link after it (`pnpm audit:verify` finds the first).
import { sql } from 'drizzle-orm'
import { bigint, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    countyCode: text('county_code').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    userId: integer('user_id'),
    username: text('username'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    /** Place in the hash chain (1, 2, 3, …), set by the insert trigger under a lock. */
    chainSeq: bigint('chain_seq', { mode: 'number' }),
    previousHash: text('previous_hash'),
    /** SHA-256 of the previous hash and this row's content (audit_log_chain in migration 0024). */
    hash: text('hash'),
  },
  (table) => [
    uniqueIndex('audit_log_chain_seq').on(table.chainSeq),
    index('audit_log_entity').on(table.entity, table.entityId),
    index('audit_log_at').on(table.at),
    // The login lockout (api/src/auth/login-guard.ts) reads a username's recent logins and failures on every login.
    index('audit_log_logins')
      .on(table.action, sql`(${table.after}->>'username')`, table.at)
      .where(sql`action IN ('login', 'login-failed')`),
  ],
)
