// Login with a session cookie, demo accounts only in demo mode, and the audit trail's rules.
import { describe, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { refuseDemoAccountsInProduction } from '@gridwatch/api/server.ts'
import { writeAudit } from '@gridwatch/api/platform/audit.ts'
import { apiSuite } from '../support/api-suite.ts'
import { createTestApp, jsonRequest, loginAs } from '../support/test-app.ts'

// One copy of the seeded database for the file: each test makes or finds its own data.
const suite = apiSuite()

describe('login', () => {
  test('sets an httpOnly, SameSite session cookie and /api/auth/me knows the user', async () => {
    const response = await suite.app.request(
      '/api/auth/login',
      jsonRequest('POST', { username: 'planner', password: 'planner-demo' }),
    )
    expect(response.status).toBe(200)
    const cookie = response.headers.get('set-cookie')!
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Lax/i)
    const me = await (await suite.app.request('/api/auth/me', { headers: { cookie: cookie.split(';')[0]! } })).json()
    expect(me).toMatchObject({ username: 'planner', role: 'planner', scopeKind: 'district' })
  })

  test('a wrong password is a 401 problem and sets no cookie', async () => {
    const response = await suite.app.request(
      '/api/auth/login',
      jsonRequest('POST', { username: 'planner', password: 'nope' }),
    )
    expect(response.status).toBe(401)
    expect(response.headers.get('set-cookie')).toBeNull()
    expect((await response.json()).type).toBe('/api/problems/invalid-credentials')
  })

  test('an unknown user gets the same answer as a wrong password', async () => {
    const response = await suite.app.request(
      '/api/auth/login',
      jsonRequest('POST', { username: 'nobody', password: 'x' }),
    )
    expect(response.status).toBe(401)
    expect((await response.json()).detail).toBe('Wrong username or password.')
  })

  test('a body over 1 MB is refused before it is read, whatever the route; file uploads keep their own limits', async () => {
    const huge = JSON.stringify({ username: 'planner', password: 'x'.repeat(2 * 1024 * 1024) })
    const login = await suite.app.request('/api/auth/login', jsonRequest('POST', huge))
    expect(login.status).toBe(413)
    expect(login.headers.get('content-type')).toContain('problem+json')
    const anonymous = await suite.app.request('/api/draws/verify', jsonRequest('POST', huge))
    expect(anonymous.status).toBe(413)
    // Without a Content-Length the body is counted as it streams, and refused at the limit.
    const streamed = await suite.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new ReadableStream({
        start(controller) {
          for (let chunk = 0; chunk < 40; chunk++) controller.enqueue(new TextEncoder().encode('x'.repeat(64 * 1024)))
          controller.close()
        },
      }),
      duplex: 'half',
    } as RequestInit)
    expect(streamed.status).toBe(413)
    // A boundary file may be larger (its route allows 20 MB): not refused by the default limit.
    const cookie = await loginAs(suite.app, 'planner')
    const file = await suite.app.request('/api/boundaries/validate', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/geo+json' },
      body: JSON.stringify({ type: 'FeatureCollection', features: [], padding: 'x'.repeat(1_500_000) }),
    })
    expect(file.status).not.toBe(413)
  })

  test('passwords are stored as scrypt hashes, never in clear', async () => {
    const rows = await suite.database.rows<{ password_hash: string }>(sql`SELECT password_hash FROM users`)
    for (const row of rows) {
      expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/)
      expect(row.password_hash).not.toContain('-demo')
    }
  })

  test('logout ends the session, on the record', async () => {
    const cookie = await loginAs(suite.app, 'leader')
    expect((await suite.app.request('/api/auth/me', { headers: { cookie } })).status).toBe(200)
    expect((await suite.app.request('/api/auth/logout', { method: 'POST', headers: { cookie } })).status).toBe(204)
    expect((await suite.app.request('/api/auth/me', { headers: { cookie } })).status).toBe(401)
    const [row] = await suite.database.rows<{ action: string; after: { username: string } }>(
      sql`SELECT action, after FROM audit_log ORDER BY id DESC LIMIT 1`,
    )
    expect(row).toMatchObject({ action: 'logout', after: { username: 'leader' } })
  })

  test('a session ends after the idle time without a request; each request moves the idle time on; 12 hours end it anyway', async () => {
    let clock = new Date('2026-11-30T09:00:00+08:00')
    const timed = createTestApp(suite.database, { now: () => clock }).app
    const me = async (cookie: string) => (await timed.request('/api/auth/me', { headers: { cookie } })).status
    const later = (minutes: number) => (clock = new Date(clock.getTime() + minutes * 60_000))

    const idle = await loginAs(timed, 'planner')
    later(31)
    expect(await me(idle)).toBe(401)

    const busy = await loginAs(timed, 'planner')
    for (let step = 0; step < 24; step++) {
      later(29)
      expect(await me(busy), `after ${(step + 1) * 29} minutes of work`).toBe(200)
    }
    later(29)
    expect(await me(busy), 'past 12 hours').toBe(401)
  })

  test('over HTTPS the session cookie is a __Host- cookie: Secure, for the whole site, from this host only', async () => {
    const secure = createTestApp(suite.database, { cookieSecure: true }).app
    const response = await secure.request(
      '/api/auth/login',
      jsonRequest('POST', { username: 'planner', password: 'planner-demo' }),
    )
    const cookie = response.headers.get('set-cookie')!
    expect(cookie).toMatch(/^__Host-gridwatch_session=/)
    expect(cookie).toMatch(/; Secure/i)
    expect(cookie).toMatch(/; Path=\//)
    expect(cookie).not.toMatch(/Domain=/i)
    const pair = cookie.split(';')[0]!
    expect((await secure.request('/api/auth/me', { headers: { cookie: pair } })).status).toBe(200)
    // The plain name is not read over HTTPS: a cookie planted by a sibling host cannot stand in.
    expect((await secure.request('/api/auth/me', { headers: { cookie: pair.replace('__Host-', '') } })).status).toBe(
      401,
    )
  })
})

describe('password guessing from one address', () => {
  test('30 wrong passwords from an address, at any accounts, and it gets 429 with Retry-After — also for a right one and through OGC Basic; other addresses log in', async () => {
    const fresh = createTestApp(suite.database).app
    const trusted = process.env.GRIDWATCH_TRUST_PROXY
    process.env.GRIDWATCH_TRUST_PROXY = '1'
    const from = (address: string, body: unknown): RequestInit => ({
      ...jsonRequest('POST', body),
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    })
    try {
      for (let attempt = 0; attempt < 30; attempt++) {
        const response = await fresh.request(
          '/api/auth/login',
          from('203.0.113.7', { username: `guess-${attempt}`, password: 'password1' }),
        )
        expect(response.status, `attempt ${attempt + 1}`).toBe(401)
      }
      const blocked = await fresh.request(
        '/api/auth/login',
        from('203.0.113.7', { username: 'leader', password: 'leader-demo' }),
      )
      expect(blocked.status).toBe(429)
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0)
      expect(blocked.headers.get('set-cookie')).toBeNull()
      const basic = `Basic ${Buffer.from('leader:leader-demo').toString('base64')}`
      expect(
        (
          await fresh.request('/ogc/collections', {
            headers: { authorization: basic, 'x-forwarded-for': '203.0.113.7' },
          })
        ).status,
      ).toBe(429)
      expect(
        (await fresh.request('/api/auth/login', from('198.51.100.2', { username: 'leader', password: 'leader-demo' })))
          .status,
      ).toBe(200)
    } finally {
      if (trusted === undefined) delete process.env.GRIDWATCH_TRUST_PROXY
      else process.env.GRIDWATCH_TRUST_PROXY = trusted
    }
  })

  test('right passwords do not count: an office behind one address logs in all morning', async () => {
    const fresh = createTestApp(suite.database).app
    for (let login = 0; login < 35; login++)
      expect(
        (await fresh.request('/api/auth/login', jsonRequest('POST', { username: 'grid2', password: 'grid2-demo' })))
          .status,
      ).toBe(200)
  })
})

describe('demo accounts', () => {
  test('are listed with their passwords in demo mode and every one can log in', async () => {
    const accounts = await (await suite.app.request('/api/auth/demo-accounts')).json()
    expect(accounts.map((account: { role: string }) => account.role)).toEqual(
      expect.arrayContaining([
        'leader',
        'planner',
        'supervisor',
        'admin',
        'grid_member_1',
        'grid_member_2',
        'grid_member_3',
      ]),
    )
    for (const account of accounts) {
      const response = await suite.app.request(
        '/api/auth/login',
        jsonRequest('POST', { username: account.username, password: account.password }),
      )
      expect(response.status, account.username).toBe(200)
    }
  })

  test('do not exist in production mode', async () => {
    const production = createTestApp(suite.database, { mode: 'production' }).app
    expect((await production.request('/api/auth/demo-accounts')).status).toBe(404)
  })

  test('make production mode refuse to start', async () => {
    await expect(refuseDemoAccountsInProduction(suite.database)).rejects.toThrow(/demo account/)
  })
})

describe('audit log', () => {
  test('rolls back with the write it describes', async () => {
    const count = async () =>
      (await suite.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log`))[0]!.n
    const before = await count()
    await expect(
      suite.database.write(async (transaction) => {
        await writeAudit(
          transaction,
          { user: null, requestId: 'test', countyCode: '371703' },
          { action: 'create', entity: 'test', entityId: 1 },
        )
        throw new Error('the write fails after its audit row')
      }),
    ).rejects.toThrow('the write fails')
    expect(await count()).toBe(before)
  })

  test('refuses updates and deletes', async () => {
    // A row to refuse changing: the seeded database may hold none, and a row trigger fires only on rows.
    await suite.database.write((transaction) =>
      writeAudit(
        transaction,
        { user: null, requestId: 'test', countyCode: '371703' },
        { action: 'create', entity: 'test', entityId: 2 },
      ),
    )
    await expect(suite.database.rows(sql`UPDATE audit_log SET action = 'edited'`)).rejects.toThrow()
    await expect(suite.database.rows(sql`DELETE FROM audit_log`)).rejects.toThrow()
    const [row] = await suite.database.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'edited'`,
    )
    expect(row!.n).toBe(0)
  })

  test('records logins', async () => {
    await loginAs(suite.app, 'grid2')
    const [row] = await suite.database.rows<{ action: string; after: { username: string } }>(
      sql`SELECT action, after FROM audit_log ORDER BY id DESC LIMIT 1`,
    )
    expect(row).toMatchObject({ action: 'login', after: { username: 'grid2' } })
  })
})
