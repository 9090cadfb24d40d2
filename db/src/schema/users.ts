// Accounts, roles and scopes, and login sessions.
import { bigint, boolean, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
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
  /** The password was set by an administrator (a new account, a reset): it is changed at the first sign-in before anything else. */
  passwordMustChange: boolean('password_must_change').notNull().default(false),
  /** Designated to handle complaint clues: the only accounts that may read who a complainant is. */
  clueHandler: boolean('clue_handler').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  /** The second factor (动态口令): a TOTP secret (base32) once enrolment is confirmed; null without one. */
  secondFactorSecret: text('second_factor_secret'),
  /** A secret shown for enrolment and not yet confirmed with a code from the phone. */
  secondFactorPendingSecret: text('second_factor_pending_secret'),
  secondFactorSince: timestamp('second_factor_since', { withTimezone: true }),
  /** The last accepted TOTP time step: a code is taken once, never replayed. */
  secondFactorLastStep: bigint('second_factor_last_step', { mode: 'number' }),
  /** SHA-256 of the account's GIS key (GIS 访问密钥), which OGC Basic credentials take instead of the password once a second factor is on. */
  gisKeyHash: text('gis_key_hash'),
})

/** One-time recovery codes (恢复码) for a lost phone; only their SHA-256 is kept. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    codeHash: text('code_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (table) => [index('recovery_codes_user').on(table.userId)],
)

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
