// Cross-site request forgery (issue 18, item 2): a signed-in planner's browser made to send an
// institution import from another site, or from another port of the same host, is refused (403)
// and nothing is written; a body of a type a cross-site page can send without a preflight
// (text/plain, a form) is refused (415) on every state-changing route; the app's own requests pass.
import { describe, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { apiSuite } from '../support/api-suite.ts'
import { createTestApp, loginAs } from '../support/test-app.ts'
import { inspectionBody } from '../support/inspection-body.ts'

// One copy of the seeded database for the file: each test makes or finds its own data.
const suite = apiSuite()

async function fingerprint(): Promise<string> {
  const [row] = await suite.database.rows<{ hash: string }>(sql`
    SELECT md5((SELECT count(*) FROM institutions)::text || ':' || coalesce((SELECT max(updated_at)::text FROM institutions), '') || ':' ||
      (SELECT count(*) FROM inspections)::text || ':' || (SELECT count(*) FROM audit_log WHERE action NOT IN ('login', 'denied'))::text || ':' || (SELECT count(*) FROM boundary_drafts)::text) AS hash`)
  return row!.hash
}

const csv = 'code,名称,类型,经度,纬度\nX-CSRF-1,伪造卫生室,village_clinic,115.58,35.08\n'

describe('cross-site request forgery', () => {
  test.each([
    ['another site', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }],
    ['another port of the same host', { origin: 'http://localhost:9999', 'sec-fetch-site': 'same-site' }],
    ['another site, no Fetch Metadata', { origin: 'http://evil.example' }],
    ['an opaque origin (sandboxed frame)', { origin: 'null' }],
  ])('an import from %s is a 403 and writes nothing', async (_, headers) => {
    const cookie = await loginAs(suite.app, 'planner')
    const before = await fingerprint()
    const response = await suite.app.request('/api/planner/import/institutions?apply=true', {
      method: 'POST',
      headers: { cookie, host: 'localhost', 'content-type': 'application/octet-stream', ...headers },
      body: new TextEncoder().encode(csv),
    })
    expect(response.status).toBe(403)
    expect(response.headers.get('content-type')).toContain('problem+json')
    expect(((await response.json()) as { detail: string }).detail).toContain('cross-site request forgery')
    expect(await fingerprint()).toBe(before)
  })

  test('bodies a cross-site page can send without a preflight are 415 on JSON routes and imports; nothing is written', async () => {
    const planner = await loginAs(suite.app, 'planner')
    const member = await loginAs(suite.app, 'member3')
    const [target] = await suite.database.rows<{ id: number; lon: number; lat: number }>(sql`
      SELECT i.id, ST_X(i.position) AS lon, ST_Y(i.position) AS lat FROM institutions i JOIN assignments a ON a.institution_id = i.id JOIN users u ON u.staff_id = a.staff_id
      WHERE u.username = 'member3' AND a.until IS NULL ORDER BY i.id LIMIT 1`)
    const before = await fingerprint()
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const inspection = await suite.app.request('/api/inspections', {
        method: 'POST',
        headers: { cookie: member, 'content-type': type },
        body: JSON.stringify(inspectionBody(target!.id, [target!.lon, target!.lat])),
      })
      expect(inspection.status).toBe(415)
      const imported = await suite.app.request('/api/planner/import/institutions?apply=true', {
        method: 'POST',
        headers: { cookie: planner, 'content-type': type },
        body: csv,
      })
      expect(imported.status).toBe(415)
    }
    expect(await fingerprint()).toBe(before)
  })

  test('security headers on every answer: a CSP without inline scripts, no framing (the wall only by configured origins), nosniff, same-origin referrer', async () => {
    const health = await suite.app.request('/api/health')
    const csp = health.headers.get('content-security-policy')!
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("script-src 'self';")
    expect(csp).not.toContain('unsafe-eval')
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain("object-src 'none'")
    expect(health.headers.get('x-content-type-options')).toBe('nosniff')
    expect(health.headers.get('x-frame-options')).toBe('DENY')
    expect(health.headers.get('referrer-policy')).toBe('same-origin')
    expect(health.headers.get('strict-transport-security')).toBeNull()
    const framed = createTestApp(suite.database, {
      wallFrameOrigins: ['https://screens.example'],
      cookieSecure: true,
    }).app
    const wall = await framed.request('/wall')
    expect(wall.headers.get('content-security-policy')).toContain('frame-ancestors https://screens.example')
    expect(wall.headers.get('x-frame-options')).toBeNull()
    const elsewhere = await framed.request('/api/health')
    expect(elsewhere.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    expect(elsewhere.headers.get('strict-transport-security')).toContain('max-age=')
  })

  test('the app’s own requests pass: same origin, JSON; an import as raw bytes', async () => {
    const member = await loginAs(suite.app, 'member3')
    const [target] = await suite.database.rows<{ id: number; lon: number; lat: number }>(sql`
      SELECT i.id, ST_X(i.position) AS lon, ST_Y(i.position) AS lat FROM institutions i JOIN assignments a ON a.institution_id = i.id JOIN users u ON u.staff_id = a.staff_id
      WHERE u.username = 'member3' AND a.until IS NULL ORDER BY i.id LIMIT 1`)
    const response = await suite.app.request('/api/inspections', {
      method: 'POST',
      headers: {
        cookie: member,
        host: 'gridwatch.example:8443',
        origin: 'https://gridwatch.example:8443',
        'sec-fetch-site': 'same-origin',
        'content-type': 'application/json; charset=utf-8',
      },
      body: JSON.stringify(inspectionBody(target!.id, [target!.lon, target!.lat])),
    })
    expect(response.status).toBe(201)
    const planner = await loginAs(suite.app, 'planner')
    const preview = await suite.app.request('/api/planner/import/institutions', {
      method: 'POST',
      headers: { cookie: planner, origin: 'http://localhost', 'content-type': 'application/octet-stream' },
      body: csv,
    })
    expect(preview.status).toBe(200)
  })
})
