// Wall screens in production: no anonymous reads; an administrator issues a display token, the
// screen trades it for a cookie and reads the map (phones masked, no writes); revoking it cuts the
// screen off at once, its live stream included; every issue and revoke is audited.
import { describe, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { apiSuite } from '../support/api-suite.ts'
import { jsonRequest, loginAs } from '../support/test-app.ts'
import { inspectionBody } from '../support/inspection-body.ts'

// One copy of the seeded database for the file: each test makes or finds its own data.
const suite = apiSuite({ mode: 'production' })

async function issue(name: string): Promise<{ id: number; token: string; wallUrl: string }> {
  const response = await suite.app.request(
    '/api/display-tokens',
    jsonRequest('POST', { name }, await loginAs(suite.app, 'admin')),
  )
  expect(response.status).toBe(201)
  return response.json()
}

async function displayCookie(token: string): Promise<string> {
  const response = await suite.app.request('/api/auth/display', jsonRequest('POST', { token }))
  expect(response.status).toBe(204)
  const cookie = response.headers.get('set-cookie')!
  expect(cookie).toMatch(/HttpOnly/i)
  return cookie.split(';')[0]!
}

describe('display tokens', () => {
  test('production refuses anonymous wall reads; a display token opens them, read-only, with phones masked', async () => {
    for (const path of ['/api/map/institutions', '/api/wall/summary', '/api/areas?level=grid', '/api/events'])
      expect((await suite.app.request(path)).status).toBe(401)
    const issued = await issue('局三楼调度大厅')
    expect(issued.wallUrl).toBe(`/wall?display=${issued.token}`)
    const cookie = await displayCookie(issued.token)
    for (const path of ['/api/map/institutions', '/api/wall/summary', '/api/areas?level=grid'])
      expect((await suite.app.request(path, { headers: { cookie } })).status).toBe(200)
    const [institution] = await suite.database.rows<{ id: number }>(
      sql`SELECT id FROM institutions ORDER BY id LIMIT 1`,
    )
    const detail = (await (
      await suite.app.request(`/api/institutions/${institution!.id}`, { headers: { cookie } })
    ).json()) as { staff: { phoneMasked: boolean }[] }
    expect(detail.staff.length).toBeGreaterThan(0)
    expect(detail.staff.every((person) => person.phoneMasked)).toBe(true)
    const before = await suite.database.rows<{ count: number }>(sql`SELECT count(*)::int AS count FROM inspections`)
    const write = await suite.app.request(
      '/api/inspections',
      jsonRequest('POST', inspectionBody(institution!.id, [115.6, 35.1], { kind: 'weekly-visit' }), cookie),
    )
    expect(write.status).toBe(401)
    expect(await suite.database.rows(sql`SELECT count(*)::int AS count FROM inspections`)).toEqual(before)
  })

  test('a wall screen reads as a leader yet sees no unannounced cross-check plan (四不两直)', async () => {
    const cookie = await displayCookie((await issue('局一楼大厅')).token)
    // This month's checks all lie ahead.
    const kept = await suite.database.rows<{ id: number; check_date: string }>(
      sql`SELECT id, to_char(check_date, 'YYYY-MM-DD') AS check_date FROM rotations WHERE check_date IS NOT NULL`,
    )
    await suite.database.rows(sql`UPDATE rotations SET check_date = '2099-12-31' WHERE status = 'planned'`)
    try {
      const summary = (await (await suite.app.request('/api/wall/summary', { headers: { cookie } })).json()) as {
        teams: { announced: boolean; targetZone: string | null; institutions: number }[]
      }
      expect(summary.teams.length).toBeGreaterThan(0)
      expect(
        summary.teams.every((team) => !team.announced && team.targetZone === null && team.institutions === 0),
      ).toBe(true)
      const leader = (await (
        await suite.app.request('/api/wall/summary', { headers: { cookie: await loginAs(suite.app, 'leader') } })
      ).json()) as { teams: { announced: boolean }[] }
      expect(leader.teams.every((team) => team.announced)).toBe(true)
    } finally {
      for (const row of kept)
        await suite.database.rows(sql`UPDATE rotations SET check_date = ${row.check_date}::date WHERE id = ${row.id}`)
    }
  })

  test('revoking cuts the screen off at once and closes its live stream; issue and revoke are audited', async () => {
    const issued = await issue('东南片区分屏')
    const cookie = await displayCookie(issued.token)
    const stream = await suite.app.request('/api/events', { headers: { cookie } })
    expect(stream.status).toBe(200)
    const reader = stream.body!.getReader()
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('ready')
    // A second screen, not revoked: its stream must stay open, so that an ending stream means revocation.
    const other = await suite.app.request('/api/events', {
      headers: { cookie: await displayCookie((await issue('西北片区分屏')).token) },
    })
    const otherReader = other.body!.getReader()
    expect(new TextDecoder().decode((await otherReader.read()).value)).toContain('ready')

    const revoke = await suite.app.request(`/api/display-tokens/${issued.id}`, {
      method: 'DELETE',
      headers: { cookie: await loginAs(suite.app, 'admin') },
    })
    expect(revoke.status).toBe(204)
    let done = false
    while (!done) done = (await reader.read()).done
    const otherClosed = await Promise.race([
      otherReader.read().then((result) => result.done),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 500)),
    ])
    expect(otherClosed).toBe(false)
    await otherReader.cancel()
    expect((await suite.app.request('/api/map/institutions', { headers: { cookie } })).status).toBe(401)
    const again = await suite.app.request('/api/auth/display', jsonRequest('POST', { token: issued.token }))
    expect(again.status).toBe(401)
    expect((await again.json()).type).toBe('/api/problems/invalid-display-token')

    const audit = await suite.database.rows<{ action: string }>(
      sql`SELECT action FROM audit_log WHERE entity = 'display_token' AND entity_id = ${String(issued.id)} ORDER BY id`,
    )
    expect(audit.map((row) => row.action)).toEqual(['issue', 'revoke'])
    const listed = (await (
      await suite.app.request('/api/display-tokens', { headers: { cookie: await loginAs(suite.app, 'admin') } })
    ).json()) as { id: number; revokedAt: string | null }[]
    expect(listed.find((token) => token.id === issued.id)?.revokedAt).not.toBeNull()
    expect(JSON.stringify(listed)).not.toContain(issued.token)
  })

  test('only administrators and leaders manage tokens; an empty name or an unknown token is refused', async () => {
    for (const username of ['planner', 'supervisor', 'member3']) {
      const response = await suite.app.request(
        '/api/display-tokens',
        jsonRequest('POST', { name: '大屏' }, await loginAs(suite.app, username)),
      )
      expect(response.status).toBe(403)
    }
    expect((await suite.app.request('/api/display-tokens', jsonRequest('POST', { name: '大屏' }))).status).toBe(401)
    const count = await suite.database.rows(sql`SELECT count(*)::int AS count FROM display_tokens`)
    expect(
      (
        await suite.app.request(
          '/api/display-tokens',
          jsonRequest('POST', { name: '   ' }, await loginAs(suite.app, 'leader')),
        )
      ).status,
    ).toBe(400)
    expect(await suite.database.rows(sql`SELECT count(*)::int AS count FROM display_tokens`)).toEqual(count)
    expect((await suite.app.request('/api/auth/display', jsonRequest('POST', { token: 'disp_unknown' }))).status).toBe(
      401,
    )
    expect(
      (
        await suite.app.request('/api/display-tokens/999999', {
          method: 'DELETE',
          headers: { cookie: await loginAs(suite.app, 'admin') },
        })
      ).status,
    ).toBe(404)
  })
})
