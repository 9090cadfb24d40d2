// The second factor (动态口令): a time-based one-time code (TOTP, RFC 6238) from an authenticator
// app on the user's phone, or one of ten recovery codes (恢复码) kept on paper for a lost phone.
// Verified with `otpauth`. A code is accepted once: the last accepted time step is kept, so a
// code seen over someone's shoulder cannot be replayed within its 30 seconds. Each recovery code
// works once; only their SHA-256 is stored.
//
// GIS clients (QGIS, GDAL) send HTTP Basic credentials on every request and cannot type a code,
// so once a user has a second factor, /ogc takes a GIS key (GIS 访问密钥) made on the security
// page instead of the password: a long random key that reaches the map data and nothing else.
import crypto from 'node:crypto'
import { sql } from 'drizzle-orm'
import { Secret, TOTP } from 'otpauth'
import type { Database, Transaction } from '@gridwatch/db'

const issuer = 'gridwatch'
/** Set on the 401 that asks for a code, so clients (and the password-guessing count) tell it from a wrong password. */
export const secondFactorHeader = 'x-gridwatch-second-factor'
const recoveryCodeCount = 10

function totp(secret: string, username: string): TOTP {
  return new TOTP({
    issuer,
    label: username,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secret),
  })
}

/** A new secret for enrolment: 160 random bits, base32 as authenticator apps take it. */
export function newSecondFactorSecret(): string {
  return new Secret({ size: 20 }).base32
}

/** The otpauth:// URI an authenticator app reads from a QR code. */
export function enrolmentUri(secret: string, username: string): string {
  return totp(secret, username).toString()
}

/** The time step of a TOTP code that is valid at `now` (±1 step for a phone's clock), or null. */
export function acceptedStep(secret: string, username: string, code: string, now: Date): number | null {
  const token = code.replace(/\s/g, '')
  if (!/^\d{6}$/.test(token)) return null
  const generator = totp(secret, username)
  const delta = generator.validate({ token, timestamp: now.getTime(), window: 1 })
  if (delta === null) return null
  return generator.counter({ timestamp: now.getTime() }) + delta
}

export function hashSecret(value: string): string {
  return crypto.createHash('sha256').update(value).digest('hex')
}

/** Ten new recovery codes (xxxxx-xxxxx, lowercase letters and digits without look-alikes). */
export function newRecoveryCodes(): string[] {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789'
  return Array.from({ length: recoveryCodeCount }, () => {
    const characters = [...crypto.randomBytes(10)].map((byte) => alphabet[byte % alphabet.length]).join('')
    return `${characters.slice(0, 5)}-${characters.slice(5)}`
  })
}

/** A recovery code as typed: spaces and case forgiven, the dash optional. */
function normalisedRecoveryCode(code: string): string | null {
  const plain = code.toLowerCase().replace(/[\s-]/g, '')
  return /^[a-z0-9]{10}$/.test(plain) ? `${plain.slice(0, 5)}-${plain.slice(5)}` : null
}

/** Replaces the user's recovery codes with `codes` (only their hashes are kept). */
export async function storeRecoveryCodes(
  database: Database,
  transaction: Transaction,
  userId: number,
  codes: string[],
  now: Date,
): Promise<void> {
  await database.rows(sql`DELETE FROM recovery_codes WHERE user_id = ${userId}`, transaction)
  for (const code of codes)
    await database.rows(
      sql`INSERT INTO recovery_codes (user_id, code_hash, created_at) VALUES (${userId}, ${hashSecret(code)}, ${now.toISOString()}::timestamptz)`,
      transaction,
    )
}

/**
 * Checks a code at login for a user with a second factor, and takes it: a TOTP code moves the
 * user's last step on (a replay, or an older code, is refused), a recovery code is marked used.
 * Both happen in one statement that only succeeds if nobody took the code meanwhile.
 */
export async function takeSecondFactorCode(
  database: Database,
  user: { id: number; username: string; secret: string },
  code: string,
  now: Date,
): Promise<'code' | 'recovery-code' | null> {
  const step = acceptedStep(user.secret, user.username, code, now)
  if (step !== null) {
    const taken = await database.rows(sql`
      UPDATE users SET second_factor_last_step = ${step}
      WHERE id = ${user.id} AND (second_factor_last_step IS NULL OR second_factor_last_step < ${step}) RETURNING id`)
    return taken.length > 0 ? 'code' : null
  }
  const recovery = normalisedRecoveryCode(code)
  if (recovery === null) return null
  const used = await database.rows(sql`
    UPDATE recovery_codes SET used_at = ${now.toISOString()}::timestamptz
    WHERE user_id = ${user.id} AND code_hash = ${hashSecret(recovery)} AND used_at IS NULL RETURNING id`)
  return used.length > 0 ? 'recovery-code' : null
}

/** Turns a user's second factor off: secret, pending secret, last step and recovery codes. */
export async function clearSecondFactor(database: Database, transaction: Transaction, userId: number): Promise<void> {
  await database.rows(
    sql`UPDATE users SET second_factor_secret = NULL, second_factor_pending_secret = NULL, second_factor_since = NULL, second_factor_last_step = NULL WHERE id = ${userId}`,
    transaction,
  )
  await database.rows(sql`DELETE FROM recovery_codes WHERE user_id = ${userId}`, transaction)
}
