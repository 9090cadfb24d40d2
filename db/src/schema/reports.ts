// Reports compiled from the records: the monthly report of a grid (月上报) and the county's circular (通报).
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { areas } from './areas.ts'
import { users } from './users.ts'
import {
  monthlyReportStatuses,
  type MonthlyFigures,
  type MonthlyReportStatus,
} from '@gridwatch/domain/monthly-report.ts'

import { circularStatuses, type CircularContent, type CircularThresholds } from '@gridwatch/domain/circulars.ts'

export { monthlyReportStatuses, type MonthlyReportStatus }

/**
 * 月上报 — one grid's report for one month: the level-2 member's narrative, its figures as
 * submitted and (once accepted) frozen, the review. Before a row exists the report is a draft
 * whose figures are computed from the records.
 */
export const monthlyReports = pgTable(
  'monthly_reports',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    countyCode: text('county_code').notNull(),
    gridId: integer('grid_id')
      .notNull()
      .references(() => areas.id),
    /** YYYY-MM. */
    month: text('month').notNull(),
    status: text('status', { enum: monthlyReportStatuses }).notNull().default('draft'),
    narrative: text('narrative').notNull().default(''),
    /** The figures as last submitted; frozen when accepted. */
    figures: jsonb('figures').$type<MonthlyFigures>(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedBy: integer('submitted_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedBy: integer('reviewed_by').references(() => users.id),
    reviewNote: text('review_note'),
    /** Every step: saved, submitted, returned, accepted — who and when. */
    steps: jsonb('steps').$type<{ action: string; at: string; by: string; note?: string }[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('monthly_reports_grid_month').on(table.gridId, table.month),
    index('monthly_reports_month').on(table.countyCode, table.month),
  ],
)

/**
 * 通报 — a county's circular for one month: the grids below the thresholds (criticised) and those
 * doing well (commended) with their figures, as drafted from the records and the thresholds then
 * in force; the title and text as the leader approved them. A draft is recomputed on request;
 * published, it is never changed.
 */
export const circulars = pgTable(
  'circulars',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    countyCode: text('county_code').notNull(),
    /** YYYY-MM. */
    month: text('month').notNull(),
    status: text('status', { enum: circularStatuses }).notNull().default('draft'),
    title: text('title').notNull(),
    body: text('body').notNull(),
    thresholds: jsonb('thresholds').$type<CircularThresholds>().notNull(),
    content: jsonb('content').$type<CircularContent>().notNull(),
    draftedAt: timestamp('drafted_at', { withTimezone: true }).notNull(),
    draftedBy: integer('drafted_by')
      .notNull()
      .references(() => users.id),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedBy: integer('published_by').references(() => users.id),
  },
  (table) => [
    uniqueIndex('circulars_county_month').on(table.countyCode, table.month),
    index('circulars_published').on(table.countyCode, table.publishedAt),
  ],
)
