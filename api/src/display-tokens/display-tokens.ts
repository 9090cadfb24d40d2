// Wall screens read the map with a display token instead of a personal login: a random token
// issued per screen, kept by the screen in an httpOnly cookie, checked on every request so that
// revoking it stops the screen at once. The reader it yields sees the whole district, read-only,
// with phone numbers masked (it is not a person: id 0).
import crypto from 'node:crypto'
import { sql } from 'drizzle-orm'
import type { Database } from '@gridwatch/db'
import { hashToken } from '../auth/sessions.ts'
import type { SessionUser } from '../auth/session-user.ts'

export const displayCookieName = 'gridwatch_display'
/** A wall hangs for years; the token lives until it is revoked. */
export const displayCookieMaxAgeSeconds = 400 * 24 * 3600

export function newDisplayToken(): string {
  return `disp_${crypto.randomBytes(24).toString('base64url')}`
}

export function displayViewer(token: { id: number; name: string; county_code: string }): SessionUser {
  return {
    id: 0,
    username: `display:${token.id}`,
    displayName: token.name,
    countyCode: token.county_code,
    role: 'leader',
    scopeKind: 'district',
    scopeAreaId: null,
    staffId: null,
    assignedInstitutionIds: new Set(),
    clueHandler: false,
    displayTokenId: token.id,
  }
}

/** The reader for a live (not revoked) token, or null. */
export async function viewerForDisplayToken(database: Database, token: string): Promise<SessionUser | null> {
  const [row] = await database.rows<{ id: number; name: string; county_code: string }>(sql`
    SELECT id, name, county_code FROM display_tokens WHERE token_hash = ${hashToken(token)} AND revoked_at IS NULL`)
  return row ? displayViewer(row) : null
}
