// Public-opinion risk reports (舆情): found by a level-3 member, escalated to level 2 and
// level 1 "at once"; each hop is timestamped.
import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { areas } from './areas.ts'
import { institutions } from './institutions.ts'
import { staff } from './staff.ts'

/** 舆情风险报告 */
export const riskReports = pgTable(
  'risk_reports',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    countyCode: text('county_code').notNull(),
    institutionId: integer('institution_id').references(() => institutions.id),
    gridId: integer('grid_id').references(() => areas.id),
    title: text('title').notNull(),
    description: text('description').notNull(),
    severity: text('severity', { enum: ['low', 'medium', 'high'] }).notNull(),
    reportedBy: integer('reported_by')
      .notNull()
      .references(() => staff.id),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: ['escalating', 'acknowledged', 'resolved'] }).notNull(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
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
  },
  (table) => [index('risk_report_hops_report').on(table.riskReportId)],
)
