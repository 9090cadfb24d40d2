// The second factor (issue 18, item 4): in production, administrators, leaders, supervisors and
// planners must sign in with a TOTP code; until they have set one up they can do nothing but set
// it up (the OGC API included). A code is taken once; recovery codes work once each; a wrong code
// counts towards the lockout like a wrong password; the password alone no longer opens the OGC
// API (a GIS key does); an administrator resets a lost second factor and every session ends.
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { Secret, TOTP } from 'otpauth'
import type { Database } from '@gridwatch/db'
import { demoPasswords } from '@gridwatch/api/demo/demo-accounts.ts'
import { secondFactorRoles, type Role } from '@gridwatch/domain/roles.ts'
import { openSeededTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { createTestApp, jsonRequest, loginAs } from '../support/test-app.ts'
import { SecretBox, sealStoredSecrets } from '@gridwatch/api/platform/secret-box.ts'

let clock = new Date()
let testDatabase: TestDatabase
let database: Database

beforeEach(async () => {
  clock = new Date()
  testDatabase = await openSeededTestDatabase()
  database = testDatabase.database
})
afterEach(() => testDatabase.close())

const production = (roles: readonly Role[] = secondFactorRoles) =>
  createTestApp(database, { mode: 'production', now: () => clock, secondFactorRoles: [...roles] }).app
type App = ReturnType<typeof production>

const codeAt = (secret: string, at: Date) =>
  new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: at.getTime() })
const login = (app: App, username: string, code?: string, password = demoPasswords[username]!) =>
  app.request('/api/auth/login', jsonRequest('POST', { username, password, ...(code === undefined ? {} : { code }) }))
const cookieOf = (response: Response) => response.headers.get('set-cookie')!.split(';')[0]!
const basic = (app: App, username: string, password: string) =>
  app.request('/ogc/collections', {
    headers: { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` },
  })
const auditCount = async (action: string) =>
  (await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = ${action}`))[0]!.n

/** Sets up the planner's second factor through the API; returns the secret and the recovery codes. */
async function enrol(app: App, cookie: string): Promise<{ secret: string; recoveryCodes: string[] }> {
  const started = await app.request('/api/auth/second-factor/enrolment', jsonRequest('POST', {}, cookie))
  expect(started.status).toBe(200)
  const { secret, uri } = (await started.json()) as { secret: string; uri: string }
  expect(uri).toMatch(/^otpauth:\/\/totp\/gridwatch:/)
  expect(uri).toContain(`secret=${secret}`)
  const confirmed = await app.request(
    '/api/auth/second-factor',
    jsonRequest('POST', { code: codeAt(secret, clock) }, cookie),
  )
  expect(confirmed.status).toBe(200)
  const { recoveryCodes } = (await confirmed.json()) as { recoveryCodes: string[] }
  return { secret, recoveryCodes }
}

describe('second factor', () => {
  test('a planner in production can only set it up until it is on; a grid member is not asked', async () => {
    const app = production()
    const cookie = await loginAs(app, 'planner')
    const refused = await app.request('/api/institutions?limit=1', { headers: { cookie } })
    expect(refused.status).toBe(403)
    expect(((await refused.json()) as { type: string }).type).toBe('/api/problems/second-factor-enrolment-required')
    // Neither does the OGC API open with the password.
    expect((await basic(app, 'planner', demoPasswords.planner!)).status).toBe(403)
    const status = (await (await app.request('/api/auth/second-factor', { headers: { cookie } })).json()) as {
      on: boolean
      required: boolean
    }
    expect(status).toMatchObject({ on: false, required: true })

    const started = (await (
      await app.request('/api/auth/second-factor/enrolment', jsonRequest('POST', {}, cookie))
    ).json()) as { secret: string }
    // A wrong code turns nothing on.
    const wrong = await app.request(
      '/api/auth/second-factor',
      jsonRequest('POST', { code: '000000' === codeAt(started.secret, clock) ? '111111' : '000000' }, cookie),
    )
    expect(wrong.status).toBe(400)
    expect((await app.request('/api/institutions?limit=1', { headers: { cookie } })).status).toBe(403)

    const { recoveryCodes } = await enrol(app, cookie)
    expect(recoveryCodes).toHaveLength(10)
    expect(new Set(recoveryCodes).size).toBe(10)
    expect((await app.request('/api/institutions?limit=1', { headers: { cookie } })).status).toBe(200)
    const stored = await database.rows<{ code_hash: string }>(
      sql`SELECT code_hash FROM recovery_codes r JOIN users u ON u.id = r.user_id WHERE u.username = 'planner'`,
    )
    expect(stored).toHaveLength(10)
    expect(stored.some((row) => recoveryCodes.includes(row.code_hash))).toBe(false)
    expect(await auditCount('second-factor-on')).toBe(1)

    const member = await loginAs(app, 'member3')
    expect((await app.request('/api/me/institutions', { headers: { cookie: member } })).status).toBe(200)
  })

  test('the secret is kept sealed in the database; one stored in the clear is sealed at start and still takes codes', async () => {
    const secrets = SecretBox.random()
    const app = createTestApp(database, {
      mode: 'production',
      now: () => clock,
      secondFactorRoles: ['planner'],
      secrets,
    }).app
    const stored = async () =>
      (
        await database.rows<{ secret: string }>(
          sql`SELECT second_factor_secret AS secret FROM users WHERE username = 'planner'`,
        )
      )[0]!.secret
    const { secret } = await enrol(app, await loginAs(app, 'planner'))
    expect(SecretBox.isSealed(await stored())).toBe(true)
    expect(await stored()).not.toContain(secret)
    expect(secrets.open(await stored())).toBe(secret)

    // Written in the clear (before sealing existed): the start-up pass seals it, codes still work.
    await database.rows(sql`UPDATE users SET second_factor_secret = ${secret} WHERE username = 'planner'`)
    expect(await sealStoredSecrets(database, secrets)).toEqual({ sealed: 1, unreadable: 0 })
    expect(SecretBox.isSealed(await stored())).toBe(true)
    clock = new Date(clock.getTime() + 60_000)
    expect((await login(app, 'planner', codeAt(secret, clock))).status).toBe(200)
    // Under a key that is not this database's, the pass says so.
    expect(await sealStoredSecrets(database, SecretBox.random())).toEqual({ sealed: 0, unreadable: 1 })
    // A server with another key file (a database restored without its key) says why it cannot check the code.
    const elsewhere = createTestApp(database, {
      mode: 'production',
      now: () => clock,
      secondFactorRoles: ['planner'],
      secrets: SecretBox.random(),
    }).app
    clock = new Date(clock.getTime() + 60_000)
    const refused = await login(elsewhere, 'planner', codeAt(secret, clock))
    expect(refused.status).toBe(409)
    expect(((await refused.json()) as { type: string }).type).toBe('/api/problems/second-factor-unreadable')
  })

  test('login asks for the code, takes each code once, and counts wrong codes towards the lockout', async () => {
    const app = production()
    const { secret, recoveryCodes } = await enrol(app, await loginAs(app, 'planner'))
    clock = new Date(clock.getTime() + 60_000)

    const asked = await login(app, 'planner')
    expect(asked.status).toBe(401)
    expect(asked.headers.get('x-gridwatch-second-factor')).toBe('required')
    expect(asked.headers.get('set-cookie')).toBeNull()
    expect(((await asked.json()) as { type: string }).type).toBe('/api/problems/second-factor-required')
    // Asking is no failure: the password was right.
    expect(await auditCount('login-failed')).toBe(0)
    // The right code without the right password is nothing.
    expect((await login(app, 'planner', codeAt(secret, clock), 'wrong-password')).status).toBe(401)

    const code = codeAt(secret, clock)
    const accepted = await login(app, 'planner', code)
    expect(accepted.status).toBe(200)
    expect((await app.request('/api/institutions?limit=1', { headers: { cookie: cookieOf(accepted) } })).status).toBe(
      200,
    )
    // The same code again (seen over a shoulder) is refused, and audited as a failure.
    const replay = await login(app, 'planner', code)
    expect(replay.status).toBe(401)
    expect(((await replay.json()) as { type: string }).type).toBe('/api/problems/second-factor-wrong')

    // A recovery code, typed with spaces and capitals, works once.
    const recovery = recoveryCodes[0]!
    expect((await login(app, 'planner', ` ${recovery.toUpperCase()} `)).status).toBe(200)
    expect((await login(app, 'planner', recovery)).status).toBe(401)
    const status = (await (
      await app.request('/api/auth/second-factor', { headers: { cookie: cookieOf(accepted) } })
    ).json()) as { recoveryCodesLeft: number }
    expect(status.recoveryCodesLeft).toBe(9)

    // Failures count since the last login (the recovery code's): the used recovery code and four wrong codes lock the account.
    for (const guess of ['123456', '654321', '112233', '998877'])
      expect((await login(app, 'planner', guess)).status).toBe(401)
    const failures = await database.rows<{ channel: string }>(
      sql`SELECT after->>'channel' AS channel FROM audit_log WHERE action = 'login-failed' ORDER BY id`,
    )
    expect(failures.map((row) => row.channel)).toEqual(['password', ...Array<string>(6).fill('second-factor')])
    clock = new Date(clock.getTime() + 30_000)
    expect((await login(app, 'planner', codeAt(secret, clock))).status).toBe(429)
    const logins = await database.rows<{ second_factor: string }>(
      sql`SELECT after->>'secondFactor' AS second_factor FROM audit_log WHERE action = 'login' ORDER BY id`,
    )
    expect(logins.map((row) => row.second_factor)).toEqual([null, 'code', 'recovery-code'])
  })

  test('OGC Basic credentials: the password stops working with a second factor, a GIS key works until withdrawn', async () => {
    const app = production(['planner'])
    const cookie = await loginAs(app, 'planner')
    expect((await basic(app, 'planner', demoPasswords.planner!)).status).toBe(403)
    await enrol(app, cookie)
    expect((await basic(app, 'planner', demoPasswords.planner!)).status).toBe(401)
    const made = await app.request('/api/auth/gis-key', jsonRequest('POST', {}, cookie))
    const { key } = (await made.json()) as { key: string }
    expect(key.length).toBeGreaterThanOrEqual(32)
    expect((await basic(app, 'planner', key)).status).toBe(200)
    expect((await basic(app, 'leader', key)).status).toBe(401)
    expect((await app.request('/api/auth/gis-key', { method: 'DELETE', headers: { cookie } })).status).toBe(204)
    expect((await basic(app, 'planner', key)).status).toBe(401)
    // A member without a second factor still uses the password.
    expect((await basic(app, 'member3', demoPasswords.member3!)).status).toBe(200)
    // OGC logins are audited with their channel (a remembered header's repeats are not).
    const ogcLogins = await database.rows<{ username: string; channel: string }>(
      sql`SELECT after->>'username' AS username, after->>'channel' AS channel FROM audit_log WHERE action = 'login' AND after ? 'channel' ORDER BY id`,
    )
    // (The first: the planner's password was right before the second factor, though the set-up gate refused the request.)
    expect(ogcLogins).toEqual([
      { username: 'planner', channel: 'ogc-basic' },
      { username: 'planner', channel: 'gis-key' },
      { username: 'member3', channel: 'ogc-basic' },
    ])
  })

  test('an administrator resets a lost second factor: every session ends and the account sets it up again', async () => {
    const app = production(['planner'])
    const plannerCookie = await loginAs(app, 'planner')
    const { secret } = await enrol(app, plannerCookie)
    // Planners in production keep it: turning it off themselves is refused.
    expect(
      (
        await app.request(
          '/api/auth/second-factor',
          jsonRequest('DELETE', { password: demoPasswords.planner }, plannerCookie),
        )
      ).status,
    ).toBe(403)

    const security = await loginAs(app, 'security')
    const [planner] = await database.rows<{ id: number }>(sql`SELECT id FROM users WHERE username = 'planner'`)
    // Only the security administrator resets.
    for (const other of ['leader', 'admin'])
      expect(
        (
          await app.request(
            `/api/users/${planner!.id}/second-factor/reset`,
            jsonRequest('POST', {}, await loginAs(app, other)),
          )
        ).status,
      ).toBe(403)
    expect(
      (await app.request(`/api/users/${planner!.id}/second-factor/reset`, jsonRequest('POST', {}, security))).status,
    ).toBe(204)
    expect((await app.request('/api/auth/me', { headers: { cookie: plannerCookie } })).status).toBe(401)
    expect(await auditCount('second-factor-reset')).toBe(1)

    clock = new Date(clock.getTime() + 60_000)
    // The old secret means nothing now; the password signs in to set a new one up.
    const again = await login(app, 'planner', codeAt(secret, clock))
    expect(again.status).toBe(200)
    expect((await app.request('/api/institutions?limit=1', { headers: { cookie: cookieOf(again) } })).status).toBe(403)
  })

  test('where the role need not keep it (demo mode), a user turns it off with their password', async () => {
    const app = createTestApp(database, { now: () => clock }).app
    const cookie = await loginAs(app, 'member3')
    await enrol(app, cookie)
    expect((await login(app, 'member3')).status).toBe(401)
    expect(
      (await app.request('/api/auth/second-factor', jsonRequest('DELETE', { password: 'wrong-one' }, cookie))).status,
    ).toBe(400)
    expect(
      (await app.request('/api/auth/second-factor', jsonRequest('DELETE', { password: demoPasswords.member3 }, cookie)))
        .status,
    ).toBe(204)
    expect((await login(app, 'member3')).status).toBe(200)
    const [left] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM recovery_codes`)
    expect(left!.n).toBe(0)
  })
})
