// Full-coverage campaigns (拉网式全面检查): an area, a period, the violation categories to check.
import { date, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { areas } from './areas.ts'
import { users } from './users.ts'

/** 拉网式检查 — every institution of the area inspected once within the period, against the categories. */
export const campaigns = pgTable(
  'campaigns',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    countyCode: text('county_code').notNull(),
    name: text('name').notNull(),
    /** A zone or a grid; null: the whole county. */
    areaId: integer('area_id').references(() => areas.id),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    /** Violation categories every inspection for the campaign checks (those that apply to the institution's type). */
    categories: jsonb('categories').$type<string[]>().notNull(),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('campaigns_county').on(table.countyCode, table.endsOn)],
)
