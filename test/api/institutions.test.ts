// The dashboard's reads beyond the map: search by name or pinyin, one institution in full (staff
// with phones masked by role, visits, ledger items, credit history), one grid's figures, and the
// areas served simplified from memory.
import zlib from 'node:zlib'
import { describe, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { apiSuite } from '../support/api-suite.ts'
import { loginAs } from '../support/test-app.ts'

// One copy of the seeded database for the file: each test makes or finds its own data.
const suite = apiSuite()

interface Hit {
  id: number
  name: string
  gridName: string | null
  position: [number, number]
}

const search = async (query: string, cookie?: string) =>
  (
    await suite.app.request(`/api/institutions/search?q=${encodeURIComponent(query)}`, {
      headers: cookie ? { cookie } : {},
    })
  ).json() as Promise<Hit[]>

describe('GET /api/institutions/search', () => {
  test.each([
    ['pinyin initials', 'dcsq'],
    ['initials in capitals with a space', 'DC SQ'],
    ['full pinyin', 'dongcheng'],
    ['characters', '东城社区'],
  ])('%s (%s) finds 东城社区卫生室 first', async (_, query) => {
    const hits = await search(query)
    expect(hits[0]?.name).toBe('东城社区卫生室')
    expect(hits[0]?.gridName).toBe('天中街道')
    expect(hits[0]?.position[0]).toBeCloseTo(115.6, 0)
  })

  test('returns at most 20 hits and nothing for a name that is not there', async () => {
    expect(await search('卫生室')).toHaveLength(20)
    expect(await search('qqqxz')).toEqual([])
  })

  test('an empty or overlong query is a 400 problem', async () => {
    for (const query of ['', 'x'.repeat(51)]) {
      const response = await suite.app.request(`/api/institutions/search?q=${query}`)
      expect(response.status).toBe(400)
      expect(response.headers.get('content-type')).toContain('problem+json')
    }
  })

  test('a level-3 member finds only their own institutions', async () => {
    const cookie = await loginAs(suite.app, 'member3')
    const own = (await (await suite.app.request('/api/me/institutions', { headers: { cookie } })).json()).features as {
      id: number
    }[]
    const ownIds = new Set(own.map((feature) => feature.id))
    const hits = await search('卫生室', cookie)
    expect(hits.length).toBeGreaterThan(0)
    expect(hits.every((hit) => ownIds.has(hit.id))).toBe(true)
    expect(hits.length).toBeLessThanOrEqual(own.length)
  })
})

interface InstitutionBody {
  id: number
  name: string
  gridId: number
  staff: { name: string; level: number; phone: string | null; phoneMasked: boolean; via: string }[]
  inspections: { arrivedAt: string; kind: string; verified: boolean; inspectors: string[] }[]
  ledgerItems: { deadlineAt: string; status: string; overdue: boolean; responsiblePerson: string }[]
  creditHistory: { grade: string; score: number; evaluatedAt: string }[]
}

async function institutionWithOverdueItem(): Promise<number> {
  const [row] = await suite.database.rows<{ id: number }>(sql`
    SELECT institution_id AS id FROM ledger_items WHERE status <> 'closed' AND deadline_at < now() ORDER BY institution_id LIMIT 1`)
  return row!.id
}

describe('GET /api/institutions/{id}', () => {
  test('a leader sees staff with full phones, inspections newest first, open items with deadlines, credit history', async () => {
    const id = await institutionWithOverdueItem()
    const cookie = await loginAs(suite.app, 'leader')
    const body = (await (
      await suite.app.request(`/api/institutions/${id}`, { headers: { cookie } })
    ).json()) as InstitutionBody
    expect(body.id).toBe(id)
    expect(body.staff.length).toBeGreaterThan(0)
    expect(body.staff.some((person) => person.via === 'institution' || person.level === 2)).toBe(true)
    expect(body.staff.every((person) => !person.phoneMasked && /^\d{11}$/.test(person.phone ?? ''))).toBe(true)
    const times = body.inspections.map((inspection) => new Date(inspection.arrivedAt).getTime())
    expect(times.length).toBeGreaterThan(0)
    expect(times).toEqual([...times].sort((a, b) => b - a))
    expect(body.inspections.every((inspection) => typeof inspection.verified === 'boolean')).toBe(true)
    expect(
      body.ledgerItems.some(
        (item) => item.overdue && item.status !== 'closed' && new Date(item.deadlineAt) < new Date(),
      ),
    ).toBe(true)
    expect(body.creditHistory.length).toBeGreaterThan(0)
  })

  test('a planner and the anonymous demo viewer see the same staff with phones masked', async () => {
    const id = await institutionWithOverdueItem()
    const leader = (await (
      await suite.app.request(`/api/institutions/${id}`, { headers: { cookie: await loginAs(suite.app, 'leader') } })
    ).json()) as InstitutionBody
    for (const headers of [{ cookie: await loginAs(suite.app, 'planner') }, {}] as Record<string, string>[]) {
      const body = (await (await suite.app.request(`/api/institutions/${id}`, { headers })).json()) as InstitutionBody
      expect(body.staff.map((person) => person.name)).toEqual(leader.staff.map((person) => person.name))
      expect(body.staff.every((person) => person.phoneMasked && /^\d{3}\*{4}\d{4}$/.test(person.phone ?? ''))).toBe(
        true,
      )
    }
  })

  test('a level-3 member sees the full numbers of their own level-1 and level-2 members, other level-3 numbers masked', async () => {
    const cookie = await loginAs(suite.app, 'member3')
    const [own] = await suite.database.rows<{ id: number }>(sql`
      SELECT a.institution_id AS id FROM assignments a JOIN users u ON u.staff_id = a.staff_id WHERE u.username = 'member3' AND a.institution_id IS NOT NULL ORDER BY 1 LIMIT 1`)
    const body = (await (
      await suite.app.request(`/api/institutions/${own!.id}`, { headers: { cookie } })
    ).json()) as InstitutionBody
    const superiors = body.staff.filter((person) => person.level <= 2)
    expect(superiors.length).toBeGreaterThan(0)
    expect(superiors.every((person) => !person.phoneMasked && /^\d{11}$/.test(person.phone ?? ''))).toBe(true)
    expect(body.staff.filter((person) => person.level === 3).every((person) => person.phoneMasked)).toBe(true)
  })

  test('an institution outside a level-3 member’s scope is a 404, like a missing one', async () => {
    const cookie = await loginAs(suite.app, 'member3')
    const [outside] = await suite.database.rows<{ id: number }>(sql`
      SELECT i.id FROM institutions i WHERE i.id NOT IN (
        SELECT a.institution_id FROM assignments a JOIN users u ON u.staff_id = a.staff_id WHERE u.username = 'member3' AND a.institution_id IS NOT NULL)
      ORDER BY i.id LIMIT 1`)
    for (const id of [outside!.id, 999_999])
      expect((await suite.app.request(`/api/institutions/${id}`, { headers: { cookie } })).status).toBe(404)
  })
})

describe('GET /api/grids/{id}', () => {
  test('figures agree with the institutions in the grid and staff of all levels are listed', async () => {
    const [grid] = await suite.database.rows<{ id: number; name: string; institutions: number; open: number }>(sql`
      SELECT g.id, g.name, (SELECT count(*)::int FROM institutions i WHERE i.grid_id = g.id AND i.status = 'active') AS institutions,
        (SELECT count(*)::int FROM ledger_items l JOIN institutions i ON i.id = l.institution_id WHERE i.grid_id = g.id AND i.status = 'active' AND l.status <> 'closed') AS open
      FROM areas g WHERE g.level = 'grid' ORDER BY g.id LIMIT 1`)
    const body = (await (await suite.app.request(`/api/grids/${grid!.id}`)).json()) as {
      name: string
      zoneName: string
      institutions: number
      visitedWithinInterval: number
      pastInterval: number
      neverVisited: number
      openItems: number
      staff: { level: number }[]
    }
    expect(body.name).toBe(grid!.name)
    expect(body.zoneName).toMatch(/片区$/)
    expect(body.institutions).toBe(grid!.institutions)
    expect(body.visitedWithinInterval + body.pastInterval + body.neverVisited).toBe(body.institutions)
    expect(body.openItems).toBe(grid!.open)
    expect(new Set(body.staff.map((person) => person.level))).toEqual(new Set([1, 2]))
  })

  test('a zone that is not a grid, or a grid outside a level-2 member’s scope, is a 404', async () => {
    const [zone] = await suite.database.rows<{ id: number }>(
      sql`SELECT id FROM areas WHERE level = 'zone' ORDER BY id LIMIT 1`,
    )
    expect((await suite.app.request(`/api/grids/${zone!.id}`)).status).toBe(404)
    const cookie = await loginAs(suite.app, 'grid2')
    const [other] = await suite.database.rows<{ id: number }>(sql`
      SELECT id FROM areas WHERE level = 'grid' AND id <> (SELECT scope_area_id FROM users WHERE username = 'grid2') ORDER BY id LIMIT 1`)
    expect((await suite.app.request(`/api/grids/${other!.id}`, { headers: { cookie } })).status).toBe(404)
  })
})

describe('GET /api/areas', () => {
  test('grids come simplified and with 5 decimals, but cover the same area within 0.1 %', async () => {
    const response = await suite.app.request('/api/areas?level=grid', { headers: { 'accept-encoding': 'br' } })
    expect(response.headers.get('content-encoding')).toBe('br')
    const etag = response.headers.get('etag')!
    const text = zlib.brotliDecompressSync(Buffer.from(await response.arrayBuffer())).toString()
    expect(text).not.toMatch(/\d\.\d{6,}/)
    const body = JSON.parse(text) as { features: { id: number; geometry: unknown }[] }
    expect(body.features).toHaveLength(11)
    for (const feature of body.features) {
      const [row] = await suite.database.rows<{ ratio: number }>(sql`
        SELECT ST_Area(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(feature.geometry)}), 4326)) / ST_Area(geom) AS ratio FROM areas WHERE id = ${feature.id}`)
      expect(Math.abs(row!.ratio - 1)).toBeLessThan(0.001)
    }
    expect((await suite.app.request('/api/areas?level=grid', { headers: { 'if-none-match': etag } })).status).toBe(304)
  })
})
