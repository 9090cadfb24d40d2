// Login sessions: a random token in an httpOnly, SameSite=Lax cookie; the database keeps only
// its SHA-256, so a leaked database does not leak live sessions. Over HTTPS the cookie is named
// `__Host-…`, which browsers accept only as Secure, for the whole site and from this host alone.
// A session ends 12 hours after login, or earlier after the configured idle time without a request.
import crypto from 'node:crypto'
import { sql } from 'drizzle-orm'
import { instant, schema, type Database, type Transaction } from '@gridwatch/db'
import type { SessionUser } from './session-user.ts'

export const sessionLifetimeHours = 12
export const defaultSessionIdleMinutes = 30
/** A request moves the session's last-seen time on only when it is older than this: not a write per request. */
const lastSeenResolutionMs = 60_000

export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-gridwatch_session' : 'gridwatch_session'
}

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex')
}

export async function createSession(transaction: Transaction, userId: number, now: Date): Promise<string> {
  const token = crypto.randomBytes(32).toString('base64url')
  await transaction.insert(schema.sessions).values({
    tokenHash: hashToken(token),
    userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + sessionLifetimeHours * 3600_000),
  })
  return token
}

interface UserRow {
  id: number
  username: string
  display_name: string
  county_code: string
  role: SessionUser['role']
  scope_kind: SessionUser['scopeKind']
  scope_area_id: number | null
  staff_id: number | null
  clue_handler: boolean
  assigned: number[] | null
  second_factor: boolean
  password_must_change: boolean
}

export async function loadUser(database: Database, userId: number): Promise<SessionUser | null> {
  const [row] = await database.rows<UserRow>(sql`
    SELECT u.id, u.username, u.display_name, u.county_code, u.role, u.scope_kind, u.scope_area_id, u.staff_id, u.clue_handler, u.second_factor_secret IS NOT NULL AS second_factor, u.password_must_change,
      (SELECT array_agg(DISTINCT i.id) FROM assignments a
         JOIN institutions i ON i.id = a.institution_id OR (a.institution_id IS NULL AND i.grid_id = a.grid_id)
        WHERE a.staff_id = u.staff_id AND a.until IS NULL) AS assigned
    FROM users u WHERE u.id = ${userId} AND NOT u.disabled`)
  if (!row) return null
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    countyCode: row.county_code,
    role: row.role,
    scopeKind: row.scope_kind,
    scopeAreaId: row.scope_area_id,
    staffId: row.staff_id,
    assignedInstitutionIds: new Set(row.assigned ?? []),
    clueHandler: row.clue_handler,
    secondFactor: row.second_factor,
    passwordMustChange: row.password_must_change,
  }
}

interface KnownSession {
  /** Database.changes when the session and its user were read: the entry holds while it is unchanged. */
  changes: number
  user: SessionUser
  expiresAt: number
  lastSeenAt: number
}

/**
 * Sessions already read, per database, for the embedded runtime: there this process is the only
 * writer, so a session read since the last write is still what the database holds, and a request
 * needs no query to know who asks — it is answered at once even while a long query holds the
 * database. Every write (a logout, a password change, a disabled account, a new assignment)
 * changes Database.changes and so drops every entry at once.
 */
const knownSessions = new WeakMap<Database, Map<string, KnownSession>>()
const knownSessionsKept = 10_000

export async function userForToken(
  database: Database,
  token: string,
  now: Date,
  idleMinutes = defaultSessionIdleMinutes,
): Promise<SessionUser | null> {
  const tokenHash = hashToken(token)
  const changes = database.changes?.()
  const known = changes === undefined ? undefined : knownSessions.get(database)?.get(tokenHash)
  const at = now.getTime()
  if (known && known.changes === changes) {
    if (at >= known.expiresAt || at - known.lastSeenAt >= idleMinutes * 60_000) return null
    if (at - known.lastSeenAt <= lastSeenResolutionMs) return known.user
  }
  const [session] = await database.rows<{ user_id: number; idle_ms: number; expires_ms: number }>(sql`
    SELECT user_id, (extract(epoch FROM ${instant(now)} - last_seen_at) * 1000)::float8 AS idle_ms, (extract(epoch FROM expires_at) * 1000)::float8 AS expires_ms FROM sessions
    WHERE token_hash = ${tokenHash} AND expires_at > ${instant(now)} AND last_seen_at > ${instant(now)} - make_interval(mins => ${idleMinutes})`)
  if (!session) return null
  const touched = session.idle_ms > lastSeenResolutionMs
  if (touched)
    await database.rows(sql`UPDATE sessions SET last_seen_at = ${instant(now)} WHERE token_hash = ${tokenHash}`)
  const user = await loadUser(database, session.user_id)
  // Kept only when nothing but the touch itself (one UPDATE, one change) was written meanwhile.
  const readAt = changes === undefined ? undefined : changes + (touched ? 1 : 0)
  if (user && readAt !== undefined && database.changes?.() === readAt) {
    let sessions = knownSessions.get(database)
    if (!sessions) knownSessions.set(database, (sessions = new Map()))
    if (sessions.size >= knownSessionsKept) sessions.clear()
    sessions.set(tokenHash, {
      changes: readAt,
      user,
      expiresAt: session.expires_ms,
      lastSeenAt: touched ? at : at - session.idle_ms,
    })
  }
  return user
}
