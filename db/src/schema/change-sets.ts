// What each write changed that a screen or a cache shows, typed (platform/changes.ts), one row per
// committed write: the institution layer, the area layers and the wall's summary read these, never
// the audit log's JSON. Rows are kept a week (the newest always), long enough for any node that
// was away to catch up or see it must re-read everything.
import { bigint, boolean, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'

export const changeSets = pgTable(
  'change_sets',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    countyCode: text('county_code').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** Institutions whose records changed (an inspection, a ledger item, a risk report, credit, a move). */
    institutionIds: integer('institution_ids')
      .array()
      .notNull()
      .default(sql`'{}'::integer[]`),
    /** The county's areas changed (a published boundary version, an area import). */
    areas: boolean('areas').notNull().default(false),
    /** Institutions added, renamed or moved wholesale, or the county's intervals: every record is re-read. */
    layout: boolean('layout').notNull().default(false),
    /** Who sees which institutions changed (a handover, an account's scope). */
    scope: boolean('scope').notNull().default(false),
  },
  (table) => [index('change_sets_at').on(table.at)],
)
