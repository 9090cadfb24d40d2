// Guessing passwords: after `lockout.failures` failed logins of one username within
// `lockout.windowMinutes` (since its last successful login), the account takes no password —
// through the login form or OGC Basic credentials alike — until the window has passed since the
// last failure. Every failed login is an audit row (`login-failed`, with the username tried and the
// channel), which is also what the count reads: nothing is kept in memory, so several processes
// and restarts agree.
import { sql } from 'drizzle-orm'
import type { Database } from '@gridwatch/db'
import { writeAudit } from '../platform/audit.ts'

export const lockout = { failures: 5, windowMinutes: 15 }

/** Until when the username is locked, or null. */
export async function lockedUntil(database: Database, username: string, now: Date): Promise<Date | null> {
  const [row] = await database.rows<{ failures: number; last: Date | string | null }>(sql`
    SELECT count(*)::int AS failures, max(at) AS last FROM audit_log
    WHERE action = 'login-failed' AND after->>'username' = ${username}
      AND at > ${now.toISOString()}::timestamptz - make_interval(mins => ${lockout.windowMinutes})
      AND at > coalesce((SELECT max(at) FROM audit_log WHERE action = 'login' AND entity = 'user' AND after->>'username' = ${username}), '-infinity'::timestamptz)`)
  if (!row || row.failures < lockout.failures || row.last === null) return null
  const until = new Date(new Date(row.last).getTime() + lockout.windowMinutes * 60_000)
  return until > now ? until : null
}

/** Records a failed login (audit row), for the record and for the lockout count. */
export async function recordFailedLogin(
  database: Database,
  attempt: {
    username: string
    userId: number | null
    countyCode: string | null
    channel: 'password' | 'ogc-basic' | 'second-factor'
    requestId?: string | undefined
    at: Date
  },
): Promise<void> {
  await database.write(async (transaction) => {
    await writeAudit(
      transaction,
      { user: null, requestId: attempt.requestId, countyCode: attempt.countyCode ?? '' },
      {
        action: 'login-failed',
        entity: 'user',
        entityId: attempt.userId,
        after: { username: attempt.username.slice(0, 100), channel: attempt.channel, at: attempt.at.toISOString() },
      },
    )
  })
}
