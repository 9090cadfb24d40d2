// Double random draws (双随机一公开): inputs frozen at commit time, the seed kept secret and only
// its SHA-256 shown until the draw, the result published after the check.
import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { users } from './users.ts'

export const drawStatuses = ['committed', 'drawn', 'published'] as const
export type DrawStatus = (typeof drawStatuses)[number]

/** 双随机抽查 */
export const draws = pgTable(
  'draws',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    countyCode: text('county_code').notNull(),
    title: text('title').notNull(),
    status: text('status', { enum: drawStatuses }).notNull(),
    /** What was asked: area, counts, weighting — as the planner gave it. */
    request: jsonb('request').notNull(),
    /** Candidates and counts exactly as drawn from (domain/draw.ts DrawInputs). */
    inputs: jsonb('inputs').notNull(),
    commitment: text('commitment').notNull(),
    seed: text('seed').notNull(),
    result: jsonb('result'),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    drawnAt: timestamp('drawn_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (table) => [index('draws_status').on(table.status)],
)
