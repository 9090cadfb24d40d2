// The append-only audit log: who changed what, when, with the row before and after.
// A trigger in the migrations refuses UPDATE and DELETE on it.
import { sql } from 'drizzle-orm'
import { bigint, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

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
  },
  (table) => [
    index('audit_log_entity').on(table.entity, table.entityId),
    index('audit_log_at').on(table.at),
    // The login lockout (api/src/auth/login-guard.ts) reads a username's recent logins and failures on every login.
    index('audit_log_logins')
      .on(table.action, sql`(${table.after}->>'username')`, table.at)
      .where(sql`action IN ('login', 'login-failed')`),
  ],
)
