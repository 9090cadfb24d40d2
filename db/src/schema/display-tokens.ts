// Display tokens: how a wall screen reads the map without a personal login. An administrator or
// leader issues one per screen; the screen keeps it in a cookie; revoking it stops the screen at
// once. The table keeps only the token's SHA-256, like sessions.
import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { users } from './users.ts'

export const displayTokens = pgTable(
  'display_tokens',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    countyCode: text('county_code').notNull(),
    /** Where the screen hangs, e.g. 局三楼调度大厅. */
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (table) => [index('display_tokens_county').on(table.countyCode)],
)
