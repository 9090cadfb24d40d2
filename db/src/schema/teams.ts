// Supervision teams (督导组) and their monthly plans: which zone each team cross-checks
// (片区推磨互查), hidden from the inspected until the date (四不两直).
import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { areas } from './areas.ts'
import { staff } from './staff.ts'

/** 督导组 */
export const teams = pgTable('teams', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  countyCode: text('county_code').notNull(),
  name: text('name').notNull(),
  homeZoneId: integer('home_zone_id').references(() => areas.id),
  leaderStaffId: integer('leader_staff_id').references(() => staff.id),
})

export const teamMembers = pgTable(
  'team_members',
  {
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id),
    staffId: integer('staff_id')
      .notNull()
      .references(() => staff.id),
  },
  (table) => [primaryKey({ columns: [table.teamId, table.staffId] })],
)

/** One month's rotation entry: a team checks a zone, from a date that stays hidden from the inspected. */
export const rotations = pgTable(
  'rotations',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    countyCode: text('county_code').notNull(),
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id),
    month: date('month').notNull(),
    targetZoneId: integer('target_zone_id')
      .notNull()
      .references(() => areas.id),
    checkDate: date('check_date'),
    status: text('status', { enum: ['planned', 'in_progress', 'done'] })
      .notNull()
      .default('planned'),
    /** The planned visiting order: institution ids, and how many stops a day. */
    route: jsonb('route').$type<{ order: number[]; stopsPerDay: number; plannedAt: string }>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('rotations_team_month').on(table.teamId, table.month),
    index('rotations_month').on(table.month),
  ],
)

/**
 * The institutions a team checks in a month's round. One team per institution per round: the
 * unique (month, institution) index makes a double assignment impossible, not merely unlikely.
 */
export const roundInstitutions = pgTable(
  'round_institutions',
  {
    rotationId: integer('rotation_id')
      .notNull()
      .references(() => rotations.id, { onDelete: 'cascade' }),
    month: date('month').notNull(),
    institutionId: integer('institution_id').notNull(),
    countyCode: text('county_code').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.rotationId, table.institutionId] }),
    uniqueIndex('round_institutions_month_institution').on(table.month, table.institutionId),
  ],
)
