// Accounts, roles and scopes, and login sessions.
import { boolean, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { areas } from './areas.ts'
import { staff } from './staff.ts'

import { roles, scopeKinds, type Role, type ScopeKind } from '@gridwatch/domain/roles.ts'

export { roles, scopeKinds, type Role, type ScopeKind }

export const users = pgTable('users', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  countyCode: text('county_code').notNull(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  /** scrypt, with its parameters and salt: `scrypt$N$r$p$salt$hash`. */
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: roles }).notNull(),
  scopeKind: text('scope_kind', { enum: scopeKinds }).notNull(),
  scopeAreaId: integer('scope_area_id').references(() => areas.id),
  staffId: integer('staff_id').references(() => staff.id),
  isDemo: boolean('is_demo').notNull().default(false),
  disabled: boolean('disabled').notNull().default(false),
  /** Designated to handle complaint clues: the only accounts that may read who a complainant is. */
  clueHandler: boolean('clue_handler').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})

/** A login session; the cookie holds the token, the table only its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** The session's last request: it ends after the configured idle time without one. */
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('sessions_user').on(table.userId)],
)
