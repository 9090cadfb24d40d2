// Every endpoint in /api/openapi.json × every role, generated from the document so that a new
// endpoint cannot be added without saying who may call it. Each call carries an empty body and
// ids that do not exist: the answer shows the access decision only — 401 for anonymous callers
// and 403 for roles that may not act, both before any validation; anything else (200, 400, 404,
// 409, 422) for callers who are let through, and never a 5xx.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { openSeededTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { createTestApp, loginAs } from '../support/test-app.ts'
import { startTestServer, type TestServer } from '../support/running-server.ts'

type Role = 'leader' | 'planner' | 'supervisor' | 'admin' | 'zone1' | 'grid2' | 'member3' | 'auditor' | 'security'
/** Everyone who works with supervision data; the audit administrator (三员分立) reads only the audit log and their own account (/api/auth/…). */
const everyone: Role[] = ['leader', 'planner', 'supervisor', 'admin', 'zone1', 'grid2', 'member3']
const planners: Role[] = ['leader', 'supervisor', 'admin']
const boundaryEditors: Role[] = ['planner', 'admin', 'leader']
const displayManagers: Role[] = ['admin', 'leader']
const fieldRecorders: Role[] = ['supervisor', 'zone1', 'grid2', 'member3']

/**
 * Who may call each endpoint: `public` (anyone, also anonymous in production), `map` (any
 * signed-in user, a display, and anonymous viewers in demo mode only), or the signed-in roles let
 * through. Written by hand from the product's rules, not from can(): the test checks the code.
 */
const access: Record<string, 'public' | 'map' | Role[]> = {
  'GET /api/health': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'public',
  'GET /api/auth/me': everyone,
  'GET /api/auth/session': 'public',
  'GET /api/auth/demo-accounts': 'public',
  'POST /api/auth/display': 'public',
  'GET /api/areas': 'map',
  'GET /api/institutions': 'map',
  'GET /api/me/institutions': everyone,
  'GET /api/institutions/search': 'map',
  'GET /api/institutions/{id}': 'map',
  'POST /api/institutions/within': 'map',
  'GET /api/map/institutions': 'map',
  'GET /api/map/base-map': 'public',
  'GET /api/grids/{id}': 'map',
  'GET /api/wall/summary': 'map',
  'GET /api/events': 'map',
  'POST /api/routes/optimize': 'map',
  'POST /api/inspections': fieldRecorders,
  'GET /api/inspections': everyone,
  'POST /api/photos': fieldRecorders,
  'GET /api/photos/{id}/{size}': everyone,
  'GET /api/ledger-items': everyone,
  'GET /api/ledger-items/{id}': everyone,
  'POST /api/ledger-items': fieldRecorders,
  'POST /api/ledger-items/{id}/transitions': [...fieldRecorders, 'leader'],
  'GET /api/risk-reports': ['leader', 'supervisor', 'zone1', 'grid2', 'member3'],
  'GET /api/risk-reports/{id}': ['leader', 'supervisor', 'zone1', 'grid2', 'member3'],
  'GET /api/clues': ['leader', 'supervisor', 'zone1', 'grid2'],
  'GET /api/clues/{id}': ['leader', 'supervisor', 'zone1', 'grid2'],
  'GET /api/clues/{id}/complainant': [],
  'POST /api/clues': ['leader', 'supervisor'],
  'POST /api/clues/{id}/assign': ['leader', 'supervisor'],
  'POST /api/clues/{id}/links': ['leader', 'supervisor', 'zone1', 'grid2'],
  'POST /api/clues/{id}/conclude': ['leader', 'supervisor'],
  'POST /api/risk-reports': ['zone1', 'grid2', 'member3'],
  'POST /api/risk-reports/{id}/acknowledge': ['leader', 'supervisor', 'zone1', 'grid2'],
  'POST /api/risk-reports/{id}/close': ['leader', 'supervisor', 'zone1', 'grid2'],
  'GET /api/settings/field': everyone,
  'GET /api/me/plan': everyone,
  'GET /api/me/inbox': everyone,
  'PUT /api/grids/{id}/materials-clerk': everyone,
  'GET /api/grids/{id}/records': everyone,
  'GET /api/grids/{id}/posters': everyone,
  'GET /api/public/contacts/{id}': 'public',
  'POST /api/public/clues': 'public',
  'PUT /api/settings/field': displayManagers,
  'GET /api/display-tokens': displayManagers,
  'POST /api/display-tokens': displayManagers,
  'DELETE /api/display-tokens/{id}': displayManagers,
  'GET /api/teams': everyone,
  'POST /api/teams': planners,
  'PUT /api/teams/{id}': planners,
  'GET /api/staff': [...planners, 'zone1', 'grid2', 'security'],
  'POST /api/staff': ['leader', 'admin', 'zone1', 'grid2'],
  'PATCH /api/staff/{id}': ['leader', 'admin', 'zone1', 'grid2'],
  'POST /api/staff/{id}/assignments': ['leader', 'admin', 'zone1', 'grid2'],
  'POST /api/assignments/{id}/end': ['leader', 'admin', 'zone1', 'grid2'],
  'GET /api/assignments/unassigned-institutions': ['leader', 'admin', 'zone1', 'grid2'],
  'GET /api/users': ['admin', 'security'],
  'POST /api/users': ['admin'],
  'PATCH /api/users/{id}': ['admin', 'security'],
  'POST /api/users/{id}/password': ['security'],
  'POST /api/auth/password': everyone,
  'POST /api/users/{id}/second-factor/reset': ['security'],
  'GET /api/audit': ['auditor'],
  'GET /api/audit/choices': ['auditor'],
  'GET /api/audit/export': ['auditor'],
  'GET /api/audit/chain': ['auditor'],
  'GET /api/auth/second-factor': everyone,
  'POST /api/auth/second-factor/enrolment': everyone,
  'POST /api/auth/second-factor': everyone,
  'DELETE /api/auth/second-factor': everyone,
  'POST /api/auth/gis-key': everyone,
  'DELETE /api/auth/gis-key': everyone,
  'GET /api/credit': ['leader', 'supervisor', 'admin', 'zone1', 'grid2'],
  'GET /api/credit/{institutionId}': ['leader', 'supervisor', 'admin', 'zone1', 'grid2'],
  'POST /api/credit/{institutionId}/evaluations': ['leader', 'supervisor'],
  'POST /api/blacklist-entries': ['leader', 'supervisor'],
  'POST /api/blacklist-entries/{id}/lift': ['leader', 'supervisor'],
  'GET /api/public/credit': 'public',
  'GET /api/reports/monthly': ['leader', 'supervisor', 'admin', 'zone1', 'grid2'],
  'GET /api/reports/monthly/xlsx': ['leader', 'supervisor', 'admin', 'zone1', 'grid2'],
  'POST /api/reports/monthly': ['leader', 'zone1', 'grid2'],
  'POST /api/reports/monthly/{id}/submit': ['leader', 'zone1', 'grid2'],
  'POST /api/reports/monthly/{id}/review': ['leader', 'zone1', 'grid2'],
  'GET /api/dispatch': ['leader', 'supervisor', 'admin', 'zone1', 'grid2'],
  'GET /api/assessments': ['leader', 'supervisor', 'admin', 'zone1', 'grid2'],
  'GET /api/assessments/xlsx': ['leader', 'supervisor', 'admin', 'zone1', 'grid2'],
  'GET /api/campaigns': everyone,
  'GET /api/campaigns/{id}': everyone,
  'POST /api/campaigns': ['leader', 'supervisor'],
  'GET /api/cross-checks': ['leader', 'supervisor', 'admin', 'zone1', 'grid2'],
  'GET /api/circulars': everyone,
  'GET /api/circulars/latest': everyone,
  'GET /api/circulars/{id}': everyone,
  'POST /api/circulars': ['leader', 'supervisor'],
  'PATCH /api/circulars/{id}': ['leader', 'supervisor'],
  'POST /api/circulars/{id}/approve': ['leader'],
  'GET /api/rotations': everyone,
  'POST /api/rotations/generate': planners,
  'PUT /api/rotations/{teamId}/{month}': planners,
  'GET /api/rotations/{teamId}/{month}/institutions': everyone,
  'PUT /api/rotations/{teamId}/{month}/institutions': planners,
  'PUT /api/rotations/{teamId}/{month}/route': planners,
  'GET /api/rotations/{teamId}/{month}/route-sheet': everyone,
  'GET /api/me/round': everyone,
  'POST /api/rotations/split/suggest': planners,
  'PUT /api/rotations/split': planners,
  'GET /api/rotations/workload': planners,
  'POST /api/draws': planners,
  'POST /api/draws/{id}/draw': planners,
  'POST /api/draws/{id}/publish': planners,
  'GET /api/draws': 'public',
  'GET /api/draws/{id}': 'public',
  'POST /api/draws/verify': 'public',
  'POST /api/boundaries/validate': boundaryEditors,
  'GET /api/boundaries/versions': boundaryEditors,
  'GET /api/planner/villages': boundaryEditors,
  'GET /api/planner/drafts': boundaryEditors,
  'POST /api/planner/drafts': boundaryEditors,
  'GET /api/planner/drafts/{id}': boundaryEditors,
  'PUT /api/planner/drafts/{id}': boundaryEditors,
  'POST /api/planner/drafts/{id}/check': boundaryEditors,
  'POST /api/planner/drafts/{id}/publish': boundaryEditors,
  'POST /api/planner/drafts/{id}/unschedule': boundaryEditors,
  'POST /api/planner/import/grids': boundaryEditors,
  'POST /api/planner/import/villages': boundaryEditors,
  'POST /api/planner/import/institutions': boundaryEditors,
  'GET /api/planner/export/grids': boundaryEditors,
  'GET /api/planner/export/villages': boundaryEditors,
  'GET /api/planner/export/institutions': boundaryEditors,
}

let testDatabase: TestDatabase
let demo: ReturnType<typeof createTestApp>['app']
let production: ReturnType<typeof createTestApp>['app']
let operations: string[]
const cookies = new Map<Role, string>()

beforeAll(async () => {
  testDatabase = await openSeededTestDatabase()
  demo = createTestApp(testDatabase.database).app
  production = createTestApp(testDatabase.database, { mode: 'production' }).app
  const document = (await (await demo.request('/api/openapi.json')).json()) as {
    paths: Record<string, Record<string, unknown>>
  }
  operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
  )
  for (const role of [...everyone, 'auditor' as const, 'security' as const])
    cookies.set(role, await loginAs(demo, role))
})
afterAll(() => testDatabase.close())

/** A request for the operation with ids that do not exist and an empty JSON body. */
async function call(app: typeof demo, operation: string, cookie?: string): Promise<Response> {
  const [method, template] = operation.split(' ') as [string, string]
  const path = template.replace('{month}', '2099-01').replace(/\{[^}]+\}/g, '2147483000')
  const response = await app.request(path, {
    method,
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    ...(method === 'GET' || method === 'DELETE' ? {} : { body: '{}' }),
  })
  // The event stream stays open for an admitted caller: its status is all we need.
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) await response.body?.cancel()
  return response
}

/** What a status says of the access decision; a 5xx is a failure whoever asks. */
const verdict = (status: number) =>
  status === 401 ? 401 : status === 403 ? 403 : status >= 500 ? `error ${status}` : 'admitted'

describe('route × role, from /api/openapi.json', () => {
  test('the document lists every endpoint of the table and the table every endpoint of the document', () => {
    expect(operations.filter((operation) => !(operation in access))).toEqual([])
    expect(Object.keys(access).filter((operation) => !operations.includes(operation))).toEqual([])
  })

  test('anonymous callers in production: 401 problem+json before validation, except public endpoints', async () => {
    const wrong: string[] = []
    for (const operation of operations) {
      const response = await call(production, operation)
      const expected = access[operation] === 'public' ? 'admitted' : 401
      const got = verdict(response.status)
      if (got !== expected) wrong.push(`${operation}: ${response.status}, expected ${expected}`)
      if (response.status === 401) expect(response.headers.get('content-type')).toContain('application/problem+json')
    }
    expect(wrong).toEqual([])
  })

  test('anonymous callers in demo mode read the map (the wall opens without a login) and nothing else', async () => {
    const wrong: string[] = []
    for (const operation of operations) {
      const response = await call(demo, operation)
      const rule = access[operation]
      const expected = rule === 'public' || rule === 'map' ? 'admitted' : 401
      const got = verdict(response.status)
      if (got !== expected) wrong.push(`${operation}: ${response.status}, expected ${expected}`)
    }
    expect(wrong).toEqual([])
  })

  test.each(everyone)(
    '%s: admitted where the role may act, 403 problem+json before validation elsewhere',
    async (role) => {
      const wrong: string[] = []
      for (const operation of operations) {
        if (operation === 'POST /api/auth/logout') continue
        const response = await call(demo, operation, cookies.get(role))
        const rule = access[operation]!
        const expected = rule === 'public' || rule === 'map' || rule.includes(role) ? 'admitted' : 403
        const got = verdict(response.status)
        if (got !== expected) wrong.push(`${operation}: ${response.status}, expected ${expected}`)
        if (response.status === 403) expect(response.headers.get('content-type')).toContain('application/problem+json')
      }
      expect(wrong).toEqual([])
    },
  )

  test('auditor: the audit log and their own account, 403 problem+json everywhere else', async () => {
    const wrong: string[] = []
    for (const operation of operations) {
      if (operation === 'POST /api/auth/logout') continue
      const response = await call(demo, operation, cookies.get('auditor'))
      const rule = access[operation]!
      const ownAccount = operation.split(' ')[1]!.startsWith('/api/auth/') && rule !== 'map' && rule.includes('member3')
      const expected =
        rule === 'public' || ownAccount || (rule !== 'map' && rule.includes('auditor')) ? 'admitted' : 403
      const got = verdict(response.status)
      if (got !== expected) wrong.push(`${operation}: ${response.status}, expected ${expected}`)
    }
    expect(wrong).toEqual([])
  })

  test('security: accounts, the staff and areas that scopes name, and their own account; 403 problem+json everywhere else', async () => {
    const wrong: string[] = []
    for (const operation of operations) {
      if (operation === 'POST /api/auth/logout') continue
      const response = await call(demo, operation, cookies.get('security'))
      const rule = access[operation]!
      const ownAccount = operation.split(' ')[1]!.startsWith('/api/auth/') && rule !== 'map' && rule.includes('member3')
      const expected =
        rule === 'public' ||
        ownAccount ||
        operation === 'GET /api/areas' ||
        (rule !== 'map' && rule.includes('security'))
          ? 'admitted'
          : 403
      const got = verdict(response.status)
      if (got !== expected) wrong.push(`${operation}: ${response.status}, expected ${expected}`)
    }
    expect(wrong).toEqual([])
  })

  test('unknown /api paths are 404 problem+json for every method, signed in or not', async () => {
    for (const [method, cookie] of [
      ['GET', undefined],
      ['GET', cookies.get('admin')],
      ['POST', cookies.get('admin')],
      ['DELETE', undefined],
    ] as const) {
      const response = await demo.request('/api/no-such-thing/7', { method, headers: cookie ? { cookie } : {} })
      expect(response.status, `${method} ${cookie ? 'signed in' : 'anonymous'}`).toBe(404)
      expect(response.headers.get('content-type')).toContain('application/problem+json')
    }
  })
})

describe('the running server beside the built web app', () => {
  let running: TestServer
  beforeAll(async () => {
    running = await startTestServer()
  })
  afterAll(async () => running?.stop())

  test('pages load the app; unknown /api and /ogc paths are 404 problem+json, not the page', async () => {
    const page = await fetch(new URL('/wall', running.server.url))
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toContain('text/html')
    for (const path of ['/api/no-such-thing', '/api/clinics', '/ogc/no-such-thing']) {
      const response = await fetch(new URL(path, running.server.url))
      expect(response.status, path).toBe(404)
      expect(response.headers.get('content-type'), path).toContain('application/problem+json')
    }
  })
})
