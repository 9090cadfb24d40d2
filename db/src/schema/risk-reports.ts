// Public-opinion risk reports (舆情): found by a level-3 member, escalated to level 2, level 1 and
// the bureau "at once"; each hop is timestamped, acknowledged by someone or timed out
// (domain/risk-reports.ts has the rules).
import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { pointColumn } from './geometry.ts'
import { riskReportStatuses, riskSeverities, riskSources } from '@gridwatch/domain/risk-reports.ts'
import { areas } from './areas.ts'
import { institutions } from './institutions.ts'
import { staff } from './staff.ts'
import { users } from './users.ts'

/** 舆情风险报告 */
export const riskReports = pgTable(
  'risk_reports',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    countyCode: text('county_code').notNull(),
    /** The institution it concerns; null for a place in the grid (a village incident, a video online). */
    institutionId: integer('institution_id').references(() => institutions.id),
    gridId: integer('grid_id').references(() => areas.id),
    /** Where, in the member's words, when no institution is concerned. */
    place: text('place'),
    /** Where the member stood when raising a report about a place (it decides the grid). */
    position: pointColumn('position'),
    title: text('title').notNull(),
    description: text('description').notNull(),
    severity: text('severity', { enum: riskSeverities }).notNull(),
    /** How the member heard of it. */
    source: text('source', { enum: riskSources }).notNull().default('other'),
    reportedBy: integer('reported_by')
      .notNull()
      .references(() => staff.id),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: riskReportStatuses }).notNull(),
    /** How it was handled, recorded when the report is closed. */
    handling: text('handling').notNull().default(''),
    closedBy: integer('closed_by').references(() => users.id),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (table) => [index('risk_reports_status').on(table.status)],
)

/** One hop of an escalation: level 3 → level 2 → level 1, with when it was sent and acknowledged. */
export const riskReportHops = pgTable(
  'risk_report_hops',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    countyCode: text('county_code').notNull(),
    riskReportId: integer('risk_report_id')
      .notNull()
      .references(() => riskReports.id),
    toLevel: integer('to_level').notNull(),
    toStaffId: integer('to_staff_id').references(() => staff.id),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedBy: integer('acknowledged_by').references(() => users.id),
    /** Nobody acknowledged it within the county's limit: the report climbed on by itself. */
    timedOutAt: timestamp('timed_out_at', { withTimezone: true }),
  },
  (table) => [index('risk_report_hops_report').on(table.riskReportId)],
)
