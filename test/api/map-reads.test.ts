// GET /api/health, /api/areas and /api/institutions as PRODUCT.md defines them, on the seeded demo county.
import { describe, expect, test } from 'vitest'
import { inject } from 'vitest'
import { apiSuite } from '../support/api-suite.ts'
import { createTestApp, loginAs } from '../support/test-app.ts'

// One copy of the seeded database for the file: each test makes or finds its own data.
const suite = apiSuite()

describe('GET /api/health', () => {
  test('names the runtime and the PostGIS version', async () => {
    const response = await suite.app.request('/api/health')
    expect(response.status).toBe(200)
    const body = await response.json()
    expect(body.status).toBe('ok')
    expect(body.db).toBe(inject('databaseRuntime'))
    expect(body.postgis).toMatch(/^3\.\d+\.\d+/)
  })
})

describe('GET /api/areas', () => {
  test('level=zone gives the four zones as GeoJSON multipolygons', async () => {
    const response = await suite.app.request('/api/areas?level=zone')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('application/geo+json')
    const body = await response.json()
    expect(body.type).toBe('FeatureCollection')
    expect(body.features.map((feature: { properties: { name: string } }) => feature.properties.name).sort()).toEqual(
      ['东北片区', '东南片区', '西北片区', '西南片区'].sort(),
    )
    for (const feature of body.features) expect(feature.geometry.type).toBe('MultiPolygon')
  })

  test('level=grid gives the eleven township grids with their zone, seat and demo flag', async () => {
    const body = await (await suite.app.request('/api/areas?level=grid')).json()
    expect(body.features).toHaveLength(11)
    const ranGu = body.features.find(
      (feature: { properties: { code: string } }) => feature.properties.code === '371703102',
    )
    expect(ranGu.properties).toMatchObject({
      name: '冉固镇',
      parentName: '东南片区',
      seatEstimated: true,
      isDemo: true,
    })
    const tianzhong = body.features.find(
      (feature: { properties: { code: string } }) => feature.properties.code === '371703001',
    )
    expect(tianzhong.properties.seatEstimated).toBe(false)
    expect(tianzhong.properties.seat).toEqual([115.57732, 35.0761])
  })

  test('an unknown level is a 400 problem', async () => {
    const response = await suite.app.request('/api/areas?level=province')
    expect(response.status).toBe(400)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    expect((await response.json()).errors[0].path).toBe('level')
  })
})

describe('GET /api/institutions', () => {
  test('every institution is a point with the properties the map themes need', async () => {
    const body = await (await suite.app.request('/api/institutions')).json()
    expect(body.features).toHaveLength(378)
    const institution = body.features.find(
      (feature: { properties: { type: string } }) => feature.properties.type === 'village_clinic',
    )
    expect(Object.keys(institution.properties)).toEqual(
      expect.arrayContaining([
        'id',
        'name',
        'gridId',
        'daysSinceVisit',
        'openLedgerItems',
        'overdueLedgerItems',
        'creditGrade',
      ]),
    )
    expect(institution.geometry.type).toBe('Point')
    const neverVisited = body.features.filter(
      (feature: { properties: { daysSinceVisit: number | null } }) => feature.properties.daysSinceVisit === null,
    )
    expect(neverVisited.length).toBeGreaterThan(0)
    expect(neverVisited.length).toBeLessThan(20)
    expect(
      body.features.some(
        (feature: { properties: { overdueLedgerItems: number } }) => feature.properties.overdueLedgerItems > 0,
      ),
    ).toBe(true)
    expect(
      body.features.filter((feature: { properties: { blacklisted: boolean } }) => feature.properties.blacklisted)
        .length,
    ).toBeGreaterThan(0)
  })

  test('bbox keeps only the institutions inside it', async () => {
    const all = (await (await suite.app.request('/api/institutions')).json()).features as {
      geometry: { coordinates: [number, number] }
    }[]
    const bbox = [115.5, 35.0, 115.6, 35.1]
    const expected = all.filter(
      ({
        geometry: {
          coordinates: [lon, lat],
        },
      }) => lon >= bbox[0]! && lon <= bbox[2]! && lat >= bbox[1]! && lat <= bbox[3]!,
    )
    const inside = (await (await suite.app.request(`/api/institutions?bbox=${bbox.join(',')}`)).json()).features
    expect(expected.length).toBeGreaterThan(10)
    expect(inside).toHaveLength(expected.length)
  })

  test.each(['1,2,3', 'a,b,c,d', '10,10,5,5', '0,-100,1,1'])('bbox=%s is refused with a 400 problem', async (bbox) => {
    const response = await suite.app.request(`/api/institutions?bbox=${bbox}`)
    expect(response.status).toBe(400)
    expect((await response.json()).type).toBe('/api/problems/invalid-request')
  })

  test('a grid-scoped member sees only their grid', async () => {
    const cookie = await loginAs(suite.app, 'grid2')
    const features = (await (await suite.app.request('/api/institutions', { headers: { cookie } })).json()).features
    expect(features.length).toBeGreaterThan(5)
    expect(
      new Set(features.map((feature: { properties: { gridName: string } }) => feature.properties.gridName)),
    ).toEqual(new Set(['张湾镇']))
  })

  test('in production mode an anonymous reader gets 401', async () => {
    const production = createTestApp(suite.database, { mode: 'production' }).app
    expect((await production.request('/api/institutions')).status).toBe(401)
    expect((await production.request('/api/areas?level=grid')).status).toBe(401)
  })
})

test('the OpenAPI document lists the landmark paths', async () => {
  const document = await (await suite.app.request('/api/openapi.json')).json()
  expect(Object.keys(document.paths)).toEqual(
    expect.arrayContaining([
      '/api/health',
      '/api/areas',
      '/api/institutions',
      '/api/auth/login',
      '/api/inspections',
      '/api/me/institutions',
      '/api/routes/optimize',
    ]),
  )
})
