// Complaint clues (举报线索): a ledger with time limits (限时办结). The whistle-blower's
// identity lives in its own table so that no query for the clue list can reach it by accident;
// only the complainant endpoint, for a designated clue handler, reads it (and audits the read).
import { boolean, check, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { clueChannels, clueFindings, clueStatuses } from '@gridwatch/domain/clues.ts'
import { institutions } from './institutions.ts'
import { users } from './users.ts'
import { staff } from './staff.ts'
import { teams } from './teams.ts'
import { inspections } from './inspections.ts'
import { ledgerItems } from './ledger-items.ts'

/** 举报线索 */
export const clues = pgTable(
  'clues',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    countyCode: text('county_code').notNull(),
    institutionId: integer('institution_id').references(() => institutions.id),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    channel: text('channel', { enum: clueChannels }).notNull(),
    summary: text('summary').notNull(),
    /** No name was given (or the complainant asked not to be named): nobody can be answered. */
    anonymous: boolean('anonymous').notNull().default(true),
    receivedBy: integer('received_by').references(() => users.id),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: clueStatuses }).notNull(),
    assignedTeamId: integer('assigned_team_id').references(() => teams.id),
    assignedStaffId: integer('assigned_staff_id').references(() => staff.id),
    assignedAt: timestamp('assigned_at', { withTimezone: true }),
    finding: text('finding', { enum: clueFindings }),
    concludedAt: timestamp('concluded_at', { withTimezone: true }),
    concludedBy: integer('concluded_by').references(() => users.id),
    conclusion: text('conclusion'),
    /** What the complainant was told (答复); empty for anonymous clues. */
    reply: text('reply'),
  },
  (table) => [index('clues_status_due').on(table.status, table.dueAt)],
)

/** The whistle-blower's identity, readable only by a designated clue handler. */
export const clueReporters = pgTable('clue_reporters', {
  clueId: integer('clue_id')
    .primaryKey()
    .references(() => clues.id),
  name: text('name'),
  phone: text('phone'),
  address: text('address'),
})

/** The records of a clue's investigation: inspections made and ledger items opened for it. */
export const clueLinks = pgTable(
  'clue_links',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    countyCode: text('county_code').notNull(),
    clueId: integer('clue_id')
      .notNull()
      .references(() => clues.id),
    inspectionId: integer('inspection_id').references(() => inspections.id),
    ledgerItemId: integer('ledger_item_id').references(() => ledgerItems.id),
    linkedBy: integer('linked_by').references(() => users.id),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('clue_links_clue').on(table.clueId),
    check('clue_links_one_record', sql`(${table.inspectionId} IS NULL) <> (${table.ledgerItemId} IS NULL)`),
  ],
)
