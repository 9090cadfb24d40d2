// Guessing passwords (issue 18, item 4): five wrong passwords for one account within 15 minutes
// lock it — the right password then answers 429 with Retry-After, through the login form and
// through OGC Basic credentials alike — until 15 minutes after the last failure. Every failed
// login is an audit row. An unknown username costs as much to refuse as a known one.
import { beforeEach, describe, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { demoPasswords } from '@gridwatch/api/demo/demo-accounts.ts'
import { unknownUserPasswordHash } from '@gridwatch/api/auth/password.ts'
import { apiSuite } from '../support/api-suite.ts'
import { createTestApp, jsonRequest } from '../support/test-app.ts'

let clock = new Date()

// Its tests need a pristine county: a fresh copy of the seeded database for each.
const suite = apiSuite({ fresh: 'test', now: () => clock })
beforeEach(() => {
  clock = new Date()
})

const login = (username: string, password: string) =>
  suite.app.request('/api/auth/login', jsonRequest('POST', { username, password }))
// OGC Basic credentials on a production-mode app, where the OGC API takes no anonymous reader.
const basic = (username: string, password: string) =>
  createTestApp(suite.database, { mode: 'production', now: () => clock }).app.request('/ogc/collections', {
    headers: { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` },
  })

describe('login lockout', () => {
  test('five failures lock the account for the form and OGC Basic; audited; open again 15 minutes after the last failure', async () => {
    for (let attempt = 0; attempt < 4; attempt++) expect((await login('planner', `wrong-${attempt}`)).status).toBe(401)
    expect((await basic('planner', 'wrong-basic')).status).toBe(401)
    const refused = await login('planner', demoPasswords.planner!)
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(14 * 60)
    expect(((await refused.json()) as { detail: string }).detail).toContain('Too many failed logins')
    // Through OGC Basic, the right password (not remembered from before) is refused too while locked.
    expect((await basic('planner', 'another-guess')).status).toBe(401)
    const failed = await suite.database.rows<{ after: { username: string; channel: string } }>(
      sql`SELECT after FROM audit_log WHERE action = 'login-failed' ORDER BY id`,
    )
    // While locked, nothing is checked and nothing more is counted.
    expect(failed.map((row) => row.after.channel)).toEqual([
      'password',
      'password',
      'password',
      'password',
      'ogc-basic',
    ])
    expect(failed.every((row) => row.after.username === 'planner')).toBe(true)
    // Another account is not affected.
    expect((await login('leader', demoPasswords.leader!)).status).toBe(200)

    expect((await basic('planner', demoPasswords.planner!)).status).toBe(401)

    clock = new Date(clock.getTime() + 16 * 60_000)
    expect((await basic('planner', demoPasswords.planner!)).status).toBe(200)
    expect((await login('planner', demoPasswords.planner!)).status).toBe(200)
  })

  test('an unknown username is refused at the cost of a real password check', async () => {
    const [row] = await suite.database.rows<{ password_hash: string }>(
      sql`SELECT password_hash FROM users WHERE username = 'planner'`,
    )
    expect(unknownUserPasswordHash.split('$').slice(0, 4)).toEqual(row!.password_hash.split('$').slice(0, 4))
    expect((await login('nobody-here', 'whatever')).status).toBe(401)
    const [audited] = await suite.database.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'login-failed' AND after->>'username' = 'nobody-here'`,
    )
    expect(audited!.n).toBe(1)
  })
})
