// Grid staff on three levels and their assignments (包联) to grids and institutions.
import { sql } from 'drizzle-orm'
import { boolean, check, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { areas } from './areas.ts'
import { institutions } from './institutions.ts'

/** 网格管理人员 — a member of grid staff, level 1 (leaders) to 3 (village cadres, institution-side staff). */
export const staff = pgTable(
  'staff',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    countyCode: text('county_code').notNull(),
    name: text('name').notNull(),
    level: integer('level').notNull(),
    organisation: text('organisation').notNull(),
    title: text('title'),
    phone: text('phone'),
    /** The grid or zone the member belongs to (null: the bureau, county-wide): who may keep their record. */
    areaId: integer('area_id').references(() => areas.id),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (table) => [check('staff_level_range', sql`${table.level} between 1 and 3`)],
)

/** 包联 — a member of staff made responsible for a grid or for one institution. */
export const assignments = pgTable(
  'assignments',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    countyCode: text('county_code').notNull(),
    staffId: integer('staff_id')
      .notNull()
      .references(() => staff.id),
    gridId: integer('grid_id').references(() => areas.id),
    /** A zone (片区) a level-1 member answers for as a whole. */
    zoneId: integer('zone_id').references(() => areas.id),
    institutionId: integer('institution_id').references(() => institutions.id),
    since: timestamp('since', { withTimezone: true }).notNull().defaultNow(),
    until: timestamp('until', { withTimezone: true }),
  },
  (table) => [
    index('assignments_staff').on(table.staffId),
    index('assignments_institution').on(table.institutionId),
    index('assignments_grid').on(table.gridId),
    index('assignments_zone').on(table.zoneId),
    check(
      'assignments_target',
      sql`${table.gridId} is not null or ${table.institutionId} is not null or ${table.zoneId} is not null`,
    ),
  ],
)
