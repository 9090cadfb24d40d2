// Login sessions: a random token in an httpOnly, SameSite=Lax cookie; the database keeps only
// its SHA-256, so a leaked database does not leak live sessions.
import crypto from 'node:crypto'
import { sql } from 'drizzle-orm'
import { instant, schema, type Database, type Transaction } from '@gridwatch/db'
import type { SessionUser } from './session-user.ts'

export const sessionCookieName = 'gridwatch_session'
export const sessionLifetimeHours = 12

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex')
}

export async function createSession(transaction: Transaction, userId: number, now: Date): Promise<string> {
  const token = crypto.randomBytes(32).toString('base64url')
  await transaction.insert(schema.sessions).values({
    tokenHash: hashToken(token),
    userId,
    createdAt: now,
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
}

export async function loadUser(database: Database, userId: number): Promise<SessionUser | null> {
  const [row] = await database.rows<UserRow>(sql`
    SELECT u.id, u.username, u.display_name, u.county_code, u.role, u.scope_kind, u.scope_area_id, u.staff_id, u.clue_handler,
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
  }
}

export async function userForToken(database: Database, token: string, now: Date): Promise<SessionUser | null> {
  const [session] = await database.rows<{ user_id: number }>(
    sql`SELECT user_id FROM sessions WHERE token_hash = ${hashToken(token)} AND expires_at > ${instant(now)}`,
  )
  return session ? loadUser(database, session.user_id) : null
}
