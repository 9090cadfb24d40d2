// HTTP Basic credentials for the OGC API: QGIS ("Basic" authentication on an OGC API – Features
// connection) and GDAL (GDAL_HTTP_AUTH=BASIC, GDAL_HTTP_USERPWD) cannot log in through a form,
// so /ogc also accepts a user's own name and password. Verifying a password costs a scrypt hash
// (tens of milliseconds) and a GIS client sends a request per page of features, so a verified
// header is remembered for a few minutes (keyed by its SHA-256, never the password itself).
// Once the account has a second factor, the password no longer works here: a GIS key made on the
// security page does (second-factor.ts).
// A disabled account or a changed password forgets the user's entries at once (forgetBasicCredentials).
import crypto from 'node:crypto'
import { sql } from 'drizzle-orm'
import type { Database } from '@gridwatch/db'
import { unknownUserPasswordHash, verifyPassword } from './password.ts'
import { lockedUntil, recordFailedLogin } from './login-guard.ts'
import { loadUser } from './sessions.ts'
import { hashSecret } from './second-factor.ts'
import { writeAudit } from '../platform/audit.ts'
import type { SessionUser } from './session-user.ts'

const rememberMilliseconds = 5 * 60_000
const rememberedMaximum = 1000
const remembered = new Map<string, { userId: number; until: number }>()

/** The user an `Authorization: Basic …` header names, when the password is right. */
export async function userForBasicCredentials(
  database: Database,
  header: string,
  now: Date,
): Promise<SessionUser | null> {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header.trim())
  if (!match) return null
  const key = crypto.createHash('sha256').update(match[1]!).digest('hex')
  const known = remembered.get(key)
  if (known && known.until > now.getTime()) return loadUser(database, known.userId)
  remembered.delete(key)
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon <= 0) return null
  const [username, password] = [decoded.slice(0, colon), decoded.slice(colon + 1)]
  // The same lockout as the login form: guessing through OGC Basic is no way around it.
  if (await lockedUntil(database, username, now)) return null
  const [row] = await database.rows<{
    id: number
    password_hash: string
    county_code: string
    second_factor: boolean
    gis_key_hash: string | null
  }>(
    sql`SELECT id, password_hash, county_code, second_factor_secret IS NOT NULL AS second_factor, gis_key_hash FROM users WHERE username = ${username} AND NOT disabled`,
  )
  // The account's GIS key, or (without a second factor) its password: a password alone must not
  // get round the second factor. The password is checked in any case, so the cost is the same.
  const passwordValid = await verifyPassword(password, row?.password_hash ?? unknownUserPasswordHash)
  const keyValid =
    !!row?.gis_key_hash && crypto.timingSafeEqual(Buffer.from(hashSecret(password)), Buffer.from(row.gis_key_hash))
  const valid = keyValid || (passwordValid && !row?.second_factor)
  if (!row || !valid) {
    await recordFailedLogin(database, {
      username,
      userId: row?.id ?? null,
      countyCode: row?.county_code ?? null,
      channel: 'ogc-basic',
      at: now,
    })
    return null
  }
  // A verified header is a login (audited, and it clears the failure count as a form login does);
  // its remembered repeats are not.
  await database.write((transaction) =>
    writeAudit(
      transaction,
      { user: null, requestId: undefined, countyCode: row.county_code },
      {
        action: 'login',
        entity: 'user',
        entityId: row.id,
        after: { username, channel: keyValid ? 'gis-key' : 'ogc-basic' },
      },
    ),
  )
  if (remembered.size >= rememberedMaximum) remembered.delete(remembered.keys().next().value!)
  remembered.set(key, { userId: row.id, until: now.getTime() + rememberMilliseconds })
  return loadUser(database, row.id)
}

/** Forgets every remembered header of the user: their password changed or their account was disabled. */
export function forgetBasicCredentials(userId: number): void {
  for (const [key, entry] of remembered) if (entry.userId === userId) remembered.delete(key)
}
