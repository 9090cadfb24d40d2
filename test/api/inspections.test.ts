// POST /api/inspections and GET /api/me/institutions: scope checks, audit in the same transaction,
// problem+json for bad input, and nothing written when a request is refused.
import { describe, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { apiSuite } from '../support/api-suite.ts'
import { jsonRequest, loginAs } from '../support/test-app.ts'
import { inspectionBody } from '../support/inspection-body.ts'

// One copy of the seeded database for the file: each test makes or finds its own data.
const suite = apiSuite()

async function counts() {
  const [row] = await suite.database.rows<{ inspections: number; audit: number }>(
    sql`SELECT (SELECT count(*)::int FROM inspections) AS inspections, (SELECT count(*)::int FROM audit_log WHERE action <> 'denied') AS audit`,
  )
  return row!
}

async function ownInstitutionIds(cookie: string): Promise<number[]> {
  const body = await (await suite.app.request('/api/me/institutions', { headers: { cookie } })).json()
  return body.features.map((feature: { id: number }) => feature.id)
}

function visit(institutionId: number, overrides: Record<string, unknown> = {}) {
  return inspectionBody(institutionId, [115.58, 35.07], { note: '未发现问题', ...overrides })
}

describe('GET /api/me/institutions', () => {
  test('a level-3 member gets exactly the institutions assigned to them', async () => {
    const cookie = await loginAs(suite.app, 'member3')
    const ids = await ownInstitutionIds(cookie)
    const [user] = await suite.database.rows<{ ids: number[] }>(sql`
      SELECT array_agg(a.institution_id ORDER BY a.institution_id) AS ids FROM assignments a
      JOIN users u ON u.staff_id = a.staff_id WHERE u.username = 'member3' AND a.institution_id IS NOT NULL`)
    expect(ids.length).toBeGreaterThan(0)
    expect([...ids].sort((a, b) => a - b)).toEqual(user!.ids)
  })

  test('anonymous gets 401', async () => {
    expect((await suite.app.request('/api/me/institutions')).status).toBe(401)
  })
})

describe('POST /api/inspections', () => {
  test('records a visit to an own institution with an audit row, and the institution shows it was visited today', async () => {
    const cookie = await loginAs(suite.app, 'member3')
    const [institutionId] = await ownInstitutionIds(cookie)
    const before = await counts()
    const received: unknown[] = []
    const unsubscribe = suite.events.subscribe((event) => received.push(event))
    const response = await suite.app.request(
      '/api/inspections',
      jsonRequest('POST', visit(institutionId!, { note: '核查处方，未见异常' }), cookie),
    )
    unsubscribe()
    expect(response.status).toBe(201)
    const created = await response.json()
    expect(created).toMatchObject({ institutionId, kind: 'weekly-visit', note: '核查处方，未见异常' })
    expect(await counts()).toEqual({ inspections: before.inspections + 1, audit: before.audit + 1 })
    const [audit] = await suite.database.rows<{
      username: string
      action: string
      entity: string
      entity_id: string
      after: { note: string }
    }>(sql`SELECT username, action, entity, entity_id, after FROM audit_log ORDER BY id DESC LIMIT 1`)
    expect(audit).toMatchObject({
      username: 'member3',
      action: 'create',
      entity: 'inspection',
      entity_id: String(created.id),
    })
    expect(audit!.after.note).toBe('核查处方，未见异常')
    expect(received).toEqual([expect.objectContaining({ type: 'inspection.created', institutionId })])
    const institutions = (await (await suite.app.request('/api/me/institutions', { headers: { cookie } })).json())
      .features
    expect(institutions.find((feature: { id: number }) => feature.id === institutionId).properties.daysSinceVisit).toBe(
      0,
    )
  })

  test('anonymous gets 401 and nothing is written', async () => {
    const before = await counts()
    const response = await suite.app.request('/api/inspections', jsonRequest('POST', visit(1)))
    expect(response.status).toBe(401)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    expect(await counts()).toEqual(before)
  })

  test('a institution outside the caller’s scope gets 403 and nothing is written', async () => {
    const member = await loginAs(suite.app, 'member3')
    const other = await loginAs(suite.app, 'member3b')
    const foreignId = (await ownInstitutionIds(other))[0]!
    expect(await ownInstitutionIds(member)).not.toContain(foreignId)
    const before = await counts()
    const response = await suite.app.request('/api/inspections', jsonRequest('POST', visit(foreignId), member))
    expect(response.status).toBe(403)
    const problem = await response.json()
    expect(problem).toMatchObject({ type: '/api/problems/forbidden', status: 403 })
    expect(problem.detail).toContain('outside your scope')
    expect(problem.requestId).toBeTruthy()
    expect(await counts()).toEqual(before)
  })

  test.each([
    ['leader', 'weekly-visit', 403],
    ['planner', 'weekly-visit', 403],
    ['admin', 'weekly-visit', 403],
    ['supervisor', 'weekly-visit', 403],
    ['supervisor', 'cross-check', 201],
    ['zone1', 'weekly-visit', 201],
    ['zone1', 'cross-check', 403],
  ])('%s recording a %s in the 东南 zone gets %i', async (username, kind, status) => {
    const cookie = await loginAs(suite.app, username)
    const [target] = await suite.database.rows<{ id: number }>(sql`
      SELECT i.id FROM institutions i JOIN areas g ON g.id = i.grid_id JOIN areas z ON z.id = g.parent_id
      WHERE z.name = '东南片区' ORDER BY i.id LIMIT 1`)
    const before = await counts()
    const response = await suite.app.request(
      '/api/inspections',
      jsonRequest('POST', visit(target!.id, { kind }), cookie),
    )
    expect(response.status).toBe(status)
    expect((await counts()).inspections).toBe(before.inspections + (status === 201 ? 1 : 0))
  })

  test('a zone member cannot record in another zone', async () => {
    const cookie = await loginAs(suite.app, 'zone1')
    const [target] = await suite.database.rows<{ id: number }>(sql`
      SELECT i.id FROM institutions i JOIN areas g ON g.id = i.grid_id JOIN areas z ON z.id = g.parent_id
      WHERE z.name = '西北片区' ORDER BY i.id LIMIT 1`)
    expect((await suite.app.request('/api/inspections', jsonRequest('POST', visit(target!.id), cookie))).status).toBe(
      403,
    )
  })

  test.each([
    ['not JSON at all', '{"institutionId": 1,', undefined],
    ['a missing field', { ...inspectionBody(1, [115.5, 35]), institutionId: undefined }, 'institutionId'],
    ['an unknown kind', inspectionBody(1, [115.5, 35], { kind: 'picnic' }), 'kind'],
    ['a position off the globe', inspectionBody(1, [200, 35]), 'position.0'],
    ['a time without offset', inspectionBody(1, [115.5, 35], { arrivedAt: '2026-11-20 09:00' }), 'arrivedAt'],
    ['no accuracy', { ...inspectionBody(1, [115.5, 35]), accuracyMeters: undefined }, 'accuracyMeters'],
    [
      'a finding without severity',
      inspectionBody(1, [115.5, 35], { findings: [{ category: '挂床住院', problem: '发现挂床' }] }),
      'findings.0.severity',
    ],
  ])('%s is a 400 problem naming the field, and nothing is written', async (_, body, field) => {
    const cookie = await loginAs(suite.app, 'member3')
    const before = await counts()
    const response = await suite.app.request('/api/inspections', jsonRequest('POST', body, cookie))
    expect(response.status).toBe(400)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    const problem = await response.json()
    expect(problem.type).toBe('/api/problems/invalid-request')
    if (field) expect(problem.errors.map((error: { path: string }) => error.path)).toContain(field)
    expect(await counts()).toEqual(before)
  })

  test('an institution that does not exist is a 404 problem', async () => {
    const cookie = await loginAs(suite.app, 'member3')
    const response = await suite.app.request('/api/inspections', jsonRequest('POST', visit(999_999), cookie))
    expect(response.status).toBe(404)
  })
})
