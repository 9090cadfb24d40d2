// Ledger items (台账): problems found at an institution, tracked until verified and closed (销号).
import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { users } from './users.ts'
import { areas } from './areas.ts'
import { institutions } from './institutions.ts'
import { inspections } from './inspections.ts'

import {
  ledgerItemSources,
  ledgerItemStatuses,
  ledgerSeverities,
  ledgerSteps,
  type LedgerItemStatus,
} from '@gridwatch/domain/ledger-items.ts'

export { ledgerItemSources, ledgerItemStatuses, ledgerSeverities, type LedgerItemStatus }

/** 台账问题 — one problem with its rectification measure, deadline and responsible person. */
export const ledgerItems = pgTable(
  'ledger_items',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    countyCode: text('county_code').notNull(),
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    gridId: integer('grid_id').references(() => areas.id),
    source: text('source', { enum: ledgerItemSources }).notNull(),
    inspectionId: integer('inspection_id').references(() => inspections.id),
    /** Violation category from seed 004, e.g. 挂床住院, 串换药品. */
    category: text('category').notNull(),
    problem: text('problem').notNull(),
    severity: text('severity', { enum: ledgerSeverities }).notNull().default('general'),
    measure: text('measure').notNull().default(''),
    deadlineAt: timestamp('deadline_at', { withTimezone: true }).notNull(),
    responsiblePerson: text('responsible_person').notNull(),
    status: text('status', { enum: ledgerItemStatuses }).notNull().default('open'),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    rectifyingAt: timestamp('rectifying_at', { withTimezone: true }),
    awaitingVerificationAt: timestamp('awaiting_verification_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** The user who raised the item, who rectified it (reported it done) and who verified and closed it: three people. */
    raisedBy: integer('raised_by').references(() => users.id),
    rectifiedBy: integer('rectified_by').references(() => users.id),
    verifiedBy: integer('verified_by').references(() => users.id),
  },
  (table) => [
    index('ledger_items_institution').on(table.institutionId),
    index('ledger_items_open_deadline').on(table.status, table.deadlineAt),
  ],
)

/** One step of a ledger item — its opening or a move — with who made it and when (逐一销账: every step on record). */
export const ledgerTransitions = pgTable(
  'ledger_transitions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    countyCode: text('county_code').notNull(),
    ledgerItemId: integer('ledger_item_id')
      .notNull()
      .references(() => ledgerItems.id),
    /** null for the opening step. */
    fromStatus: text('from_status', { enum: ledgerItemStatuses }),
    step: text('step', { enum: ledgerSteps }).notNull(),
    note: text('note').notNull().default(''),
    madeBy: integer('made_by')
      .notNull()
      .references(() => users.id),
    madeAt: timestamp('made_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('ledger_transitions_item').on(table.ledgerItemId, table.madeAt)],
)
