// OGC API – Features Part 1 (Core, GeoJSON) at /ogc, checked against the standard's core
// requirements: landing page links, conformance, collections with extents, items with limit,
// bbox and next-link paging, single features, 400s for invalid and unknown parameters, 404s.
// Where GDAL is installed (Debian's gdal-bin, installed by .ci/run), its OAPIF driver reads the
// layers from a running server, as QGIS would.
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { apiSuite } from '../support/api-suite.ts'
import { createTestApp, loginAs } from '../support/test-app.ts'
import { demoPasswords } from '@gridwatch/api/demo/demo-accounts.ts'
import { startTestServer, type TestServer } from '../support/running-server.ts'

// One copy of the seeded database for the file: each test makes or finds its own data.
const suite = apiSuite()

interface Link {
  href: string
  rel: string
  type?: string
}
interface Items {
  type: string
  numberMatched: number
  numberReturned: number
  timeStamp: string
  features: { type: string; id: number; properties: Record<string, unknown>; geometry: { type: string } }[]
  links: Link[]
}

const get = async (path: string, cookie?: string) => suite.app.request(path, cookie ? { headers: { cookie } } : {})
const json = async <T>(path: string, cookie?: string): Promise<T> => {
  const response = await get(path, cookie)
  expect(response.status).toBe(200)
  return (await response.json()) as T
}
const local = (href: string) => href.replace(/^https?:\/\/[^/]+/, '')

describe('OGC API – Features, core', () => {
  test('landing page: self, service-desc, conformance and data links (/req/core/root-success)', async () => {
    const landing = await json<{ title: string; links: Link[] }>('/ogc')
    const rels = landing.links.map((link) => link.rel)
    for (const rel of ['self', 'service-desc', 'conformance', 'data']) expect(rels).toContain(rel)
    expect((await get(local(landing.links.find((link) => link.rel === 'service-desc')!.href))).status).toBe(200)
  })

  test('conformance declares core and GeoJSON (/req/core/conformance-success)', async () => {
    const { conformsTo } = await json<{ conformsTo: string[] }>('/ogc/conformance')
    expect(conformsTo).toContain('http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core')
    expect(conformsTo).toContain('http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson')
  })

  test('collections: zones, grids, villages, institutions, each with an items link and a CRS84 extent (/req/core/fc-md-*)', async () => {
    const { collections, links } = await json<{
      collections: { id: string; extent: { spatial: { bbox: number[][]; crs: string } }; links: Link[] }[]
      links: Link[]
    }>('/ogc/collections')
    expect(links.map((link) => link.rel)).toContain('self')
    expect(collections.map((collection) => collection.id)).toEqual(['zones', 'grids', 'villages', 'institutions'])
    for (const collection of collections) {
      const [x1, y1, x2, y2] = collection.extent.spatial.bbox[0]!
      expect(x1).toBeGreaterThan(115)
      expect(x2).toBeLessThan(116)
      expect(y1).toBeGreaterThan(34.8)
      expect(y2).toBeLessThan(35.4)
      expect(collection.links.find((link) => link.rel === 'items')!.type).toBe('application/geo+json')
      expect((await json<{ id: string }>(`/ogc/collections/${collection.id}`)).id).toBe(collection.id)
    }
    expect((await get('/ogc/collections/nothing')).status).toBe(404)
  })

  test('items: GeoJSON with numberMatched/Returned and timeStamp; following next links visits every feature once (/req/core/fc-*)', async () => {
    const first = await get('/ogc/collections/institutions/items?limit=50')
    expect(first.headers.get('content-type')).toContain('application/geo+json')
    let page = (await first.json()) as Items
    const [expected] = await suite.database.rows<{ count: number }>(
      sql`SELECT count(*)::int AS count FROM institutions WHERE status = 'active'`,
    )
    expect(page.numberMatched).toBe(expected!.count)
    expect(page.numberReturned).toBe(50)
    expect(Date.parse(page.timeStamp)).not.toBeNaN()
    const seen = new Set<number>()
    for (;;) {
      for (const feature of page.features) {
        expect(feature.type).toBe('Feature')
        expect(feature.geometry.type).toBe('Point')
        seen.add(feature.id)
      }
      const next = page.links.find((link) => link.rel === 'next')
      if (!next) break
      page = await json<Items>(local(next.href))
    }
    expect(seen.size).toBe(expected!.count)
    const grids = await json<Items>('/ogc/collections/grids/items')
    expect(grids.numberReturned).toBe(11)
    expect(
      grids.features.every(
        (feature) => feature.geometry.type === 'MultiPolygon' && typeof feature.properties.name === 'string',
      ),
    ).toBe(true)
    // Above the maximum the server uses its maximum.
    expect((await json<Items>('/ogc/collections/villages/items?limit=50000')).numberReturned).toBe(341)
  })

  test('bbox keeps what PostGIS finds inside; a single feature by id; unknown ids are 404 (/req/core/fc-bbox-response, /req/core/f-success)', async () => {
    const bbox = [115.5, 35.0, 115.65, 35.12]
    const inside = await json<Items>(`/ogc/collections/institutions/items?limit=1000&bbox=${bbox.join(',')}`)
    const [expected] = await suite.database.rows<{ count: number }>(sql`
      SELECT count(*)::int AS count FROM institutions WHERE status = 'active' AND ST_Intersects(position, ST_MakeEnvelope(115.5, 35.0, 115.65, 35.12, 4326))`)
    expect(inside.numberMatched).toBe(expected!.count)
    expect(inside.numberReturned).toBe(expected!.count)
    const one = inside.features[0]!
    const feature = await json<{ id: number; links: Link[] }>(`/ogc/collections/institutions/items/${one.id}`)
    expect(feature.id).toBe(one.id)
    expect(feature.links.map((link) => link.rel)).toEqual(['self', 'collection'])
    expect((await get('/ogc/collections/institutions/items/99999999')).status).toBe(404)
    expect((await get('/ogc/collections/grids/items/abc')).status).toBe(404)
  })

  test.each([
    ['limit=0', 'limit'],
    ['limit=ten', 'limit'],
    ['bbox=1,2,3', 'bbox'],
    ['bbox=115,95,116,96', 'bbox'],
    ['colour=red', 'colour'],
    ['bbox-crs=EPSG:3857&bbox=1,2,3,4', 'bbox-crs'],
  ])('%s is a 400 problem naming the parameter (/req/core/query-param-invalid, -unknown)', async (query, path) => {
    const response = await get(`/ogc/collections/zones/items?${query}`)
    expect(response.status).toBe(400)
    const problem = (await response.json()) as { errors: { path: string }[] }
    expect(problem.errors.map((error) => error.path)).toContain(path)
  })

  test('in production QGIS and GDAL sign in with HTTP Basic credentials: a right password reads in the user’s scope, a wrong one is a 401 asking for them', async () => {
    const { app: production } = createTestApp(suite.database, { mode: 'production' })
    const basic = (username: string, password: string) => ({
      authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`,
    })
    const refused = await production.request('/ogc/collections/grids/items', { headers: basic('planner', 'wrong') })
    expect(refused.status).toBe(401)
    expect(refused.headers.get('www-authenticate')).toMatch(/^Basic realm=/)
    const grids = await production.request('/ogc/collections/grids/items', {
      headers: basic('planner', demoPasswords.planner!),
    })
    expect(grids.status).toBe(200)
    expect(((await grids.json()) as Items).numberMatched).toBe(11)
    // Twice with the same header: the second is answered from the remembered verification, same result.
    for (let run = 0; run < 2; run++) {
      const own = await production.request('/ogc/collections/institutions/items?limit=1000', {
        headers: basic('member3', demoPasswords.member3!),
      })
      const [mine] = await suite.database.rows<{ count: number }>(sql`
        SELECT count(DISTINCT a.institution_id)::int AS count FROM assignments a JOIN users u ON u.staff_id = a.staff_id
        WHERE u.username = 'member3' AND a.until IS NULL AND a.institution_id IS NOT NULL`)
      expect(((await own.json()) as Items).numberMatched).toBe(mine!.count)
    }
    // The rest of the API does not take Basic credentials: it has its own login.
    expect(
      (await production.request('/api/me/institutions', { headers: basic('member3', demoPasswords.member3!) })).status,
    ).toBe(401)
  })

  test('in production the layers need a session; a grid member reads only their own institutions', async () => {
    const { app: production } = createTestApp(suite.database, { mode: 'production' })
    expect((await production.request('/ogc/collections/grids/items')).status).toBe(401)
    const member = await loginAs(suite.app, 'member3')
    const own = await json<Items>('/ogc/collections/institutions/items?limit=1000', member)
    const [mine] = await suite.database.rows<{ count: number }>(sql`
      SELECT count(DISTINCT a.institution_id)::int AS count FROM assignments a JOIN users u ON u.staff_id = a.staff_id
      WHERE u.username = 'member3' AND a.until IS NULL AND a.institution_id IS NOT NULL`)
    expect(own.numberMatched).toBe(mine!.count)
  })
})

const ogrinfo = ['/usr/bin/ogrinfo', '/usr/local/bin/ogrinfo'].find((candidate) => fs.existsSync(candidate))

describe.skipIf(!ogrinfo && !process.env.GRIDWATCH_REQUIRE_GDAL)('GDAL’s OAPIF driver reads the layers', () => {
  let running: TestServer
  beforeAll(async () => {
    running = await startTestServer()
  })
  afterAll(async () => running?.stop())

  test('ogrinfo lists the four layers and counts every grid and institution', async () => {
    const run = promisify(execFile)
    const url = `OAPIF:${running.server.url}ogc`
    const environment = { ...process.env, GDAL_HTTP_TIMEOUT: '20', CPL_DEBUG: 'OFF' }
    const layers = (await run(ogrinfo!, ['-ro', '-q', url], { env: environment })).stdout
    for (const layer of ['zones', 'grids', 'villages', 'institutions']) expect(layers).toContain(layer)
    const grids = (await run(ogrinfo!, ['-ro', '-so', url, 'grids'], { env: environment })).stdout
    expect(grids).toMatch(/Feature Count: 11/)
    const institutions = (
      await run(ogrinfo!, ['-ro', '-al', '-q', url, 'institutions'], { env: environment, maxBuffer: 64 * 1024 * 1024 })
    ).stdout
    expect(institutions.match(/^OGRFeature\(institutions\):/gm)).toHaveLength(378)
    // With a grid member's name and password, GDAL reads what that member may see.
    const signedIn = { ...environment, GDAL_HTTP_AUTH: 'BASIC', GDAL_HTTP_USERPWD: `member3:${demoPasswords.member3}` }
    const own = (await run(ogrinfo!, ['-ro', '-so', url, 'institutions'], { env: signedIn })).stdout
    const direct = await fetch(`${running.server.url}ogc/collections/institutions/items?limit=1`, {
      headers: { authorization: `Basic ${Buffer.from(`member3:${demoPasswords.member3}`).toString('base64')}` },
    })
    const mine = ((await direct.json()) as { numberMatched: number }).numberMatched
    expect(mine).toBeLessThan(378)
    expect(own).toContain(`Feature Count: ${mine}`)
  })
})
