// Complaint clues (举报线索): a ledger with time limits (限时办结). The whistle-blower's
// identity lives in its own table so that no query for the clue list can reach it by accident.
import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { institutions } from './institutions.ts'

/** 举报线索 */
export const clues = pgTable(
  'clues',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    countyCode: text('county_code').notNull(),
    institutionId: integer('institution_id').references(() => institutions.id),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    channel: text('channel', { enum: ['hotline', 'letter', 'online', 'visit', 'referral'] }).notNull(),
    summary: text('summary').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: ['received', 'investigating', 'concluded'] }).notNull(),
    concludedAt: timestamp('concluded_at', { withTimezone: true }),
    conclusion: text('conclusion'),
  },
  (table) => [index('clues_status_due').on(table.status, table.dueAt)],
)

/** The whistle-blower's identity, readable only by the clue handler role. */
export const clueReporters = pgTable('clue_reporters', {
  clueId: integer('clue_id')
    .primaryKey()
    .references(() => clues.id),
  name: text('name'),
  phone: text('phone'),
})
