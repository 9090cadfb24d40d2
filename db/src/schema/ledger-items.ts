// Ledger items (台账): problems found at an institution, tracked until verified and closed (销号).
import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { areas } from './areas.ts'
import { institutions } from './institutions.ts'
import { inspections } from './inspections.ts'
import { staff } from './staff.ts'

import { ledgerItemSources, ledgerItemStatuses, type LedgerItemStatus } from '@gridwatch/domain/ledger-items.ts'

export { ledgerItemSources, ledgerItemStatuses, type LedgerItemStatus }

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
    measure: text('measure').notNull().default(''),
    deadlineAt: timestamp('deadline_at', { withTimezone: true }).notNull(),
    responsiblePerson: text('responsible_person').notNull(),
    status: text('status', { enum: ledgerItemStatuses }).notNull().default('open'),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    rectifyingAt: timestamp('rectifying_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    verifiedBy: integer('verified_by').references(() => staff.id),
    createdBy: integer('created_by'),
  },
  (table) => [
    index('ledger_items_institution').on(table.institutionId),
    index('ledger_items_open_deadline').on(table.status, table.deadlineAt),
  ],
)
