// POST /api/boundaries/validate: the published grids pass; each kind of bad import is refused
// with a precise message saying which feature and what is wrong, and where; nothing is written.
import { beforeAll, describe, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { apiSuite } from '../support/api-suite.ts'
import { jsonRequest, loginAs } from '../support/test-app.ts'

let cookie: string

// One copy of the seeded database for the file: each test makes or finds its own data.
const suite = apiSuite()
beforeAll(async () => {
  cookie = await loginAs(suite.app, 'planner')
})

interface Feature {
  type: 'Feature'
  properties: { name: string }
  geometry: { type: string; coordinates: unknown }
}
interface Validation {
  valid: boolean
  features: number
  problems: {
    kind: string
    severity: string
    message: string
    feature?: number
    otherFeature?: number
    at?: [number, number]
    institutionId?: number
  }[]
}

/** The published grids as GeoJSON features, optionally with one geometry replaced by SQL over the grid's `geom`. */
async function grids(change?: { name: string; geometry: ReturnType<typeof sql> }): Promise<Feature[]> {
  const rows = await suite.database.rows<{ name: string; geometry: string }>(sql`
    SELECT name, ST_AsGeoJSON(${change ? sql`CASE WHEN name = ${change.name} THEN ${change.geometry} ELSE geom END` : sql`geom`}) AS geometry
    FROM areas WHERE level = 'grid' ORDER BY sort_order, id`)
  return rows.map((row) => ({ type: 'Feature', properties: { name: row.name }, geometry: JSON.parse(row.geometry) }))
}

async function validate(features: unknown[]): Promise<Validation> {
  const response = await suite.app.request(
    '/api/boundaries/validate',
    jsonRequest('POST', { type: 'FeatureCollection', features }, cookie),
  )
  expect(response.status).toBe(200)
  return response.json()
}

const errors = (validation: Validation) => validation.problems.filter((problem) => problem.severity === 'error')
const indexOf = async (name: string) => (await grids()).findIndex((feature) => feature.properties.name === name)

async function writesSoFar() {
  const [row] = await suite.database.rows<{ areas: string; audit: number }>(sql`
    SELECT (SELECT md5(string_agg(id || ':' || coalesce(parent_id, 0) || ':' || md5(ST_AsBinary(geom)::text), ',' ORDER BY id)) FROM areas) AS areas,
           (SELECT count(*)::int FROM audit_log WHERE action <> 'denied') AS audit`)
  return row
}

describe('POST /api/boundaries/validate', () => {
  test('the published grids are valid: no errors, every institution in exactly one grid', async () => {
    const features = await grids()
    expect(features.length).toBe(11)
    const validation = await validate(features)
    expect(errors(validation)).toEqual([])
    // Rounding noise along the outline (pieces under a square metre) is not reported at all.
    expect(validation.problems.filter((problem) => problem.kind === 'sliver').length).toBeLessThan(15)
    expect(validation.valid).toBe(true)
    expect(validation.features).toBe(11)
  })

  test('a self-intersecting ring is reported with its reason and place, and kept out of the other checks', async () => {
    const index = await indexOf('仿山镇')
    const features = await grids()
    features[index]!.geometry = {
      type: 'Polygon',
      coordinates: [
        [
          [115.45, 35.1],
          [115.5, 35.15],
          [115.5, 35.1],
          [115.45, 35.15],
          [115.45, 35.1],
        ],
      ],
    }
    const validation = await validate(features)
    expect(validation.valid).toBe(false)
    const problem = validation.problems.find((candidate) => candidate.kind === 'invalid-geometry')!
    expect(problem.feature).toBe(index)
    expect(problem.message).toMatch(/仿山镇.*Self-intersection/)
    expect(problem.at![0]).toBeCloseTo(115.475, 3)
    expect(problem.at![1]).toBeCloseTo(35.125, 3)
    // The grid it replaced is now a gap; the bow tie itself took part in no other check.
    expect(validation.problems.some((candidate) => candidate.kind === 'gap')).toBe(true)
    expect(
      validation.problems.filter(
        (candidate) =>
          candidate.kind === 'overlap' && (candidate.feature === index || candidate.otherFeature === index),
      ),
    ).toEqual([])
  })

  test('overlapping grids: both named, the overlap area and a point inside it', async () => {
    const index = await indexOf('天中街道')
    const validation = await validate(await grids({ name: '天中街道', geometry: sql`ST_Buffer(geom, 0.01)` }))
    const overlaps = validation.problems.filter((problem) => problem.kind === 'overlap')
    expect(overlaps.length).toBeGreaterThan(0)
    for (const overlap of overlaps) {
      expect([overlap.feature, overlap.otherFeature]).toContain(index)
      expect(overlap.message).toMatch(/天中街道.*overlap by [\d.,]+ (km²|m²)/)
    }
    // The buffered grid also covers some of its neighbours' institutions.
    const twice = validation.problems.filter((problem) => problem.kind === 'institution-covered-twice')
    expect(twice.length).toBeGreaterThan(0)
    expect(twice.every((problem) => problem.message.includes('天中街道'))).toBe(true)
    expect(validation.valid).toBe(false)
  })

  test('a missing grid leaves a gap, located, and its institutions in no grid', async () => {
    const features = (await grids()).filter((feature) => feature.properties.name !== '张湾镇')
    const validation = await validate(features)
    const gap = validation.problems.find((problem) => problem.kind === 'gap')!
    expect(gap.message).toMatch(/km² of the district belongs to no grid/)
    const [inside] = await suite.database.rows<{ inside: boolean }>(sql`
      SELECT ST_Covers(geom, ST_SetSRID(ST_MakePoint(${gap.at![0]}, ${gap.at![1]}), 4326)) AS inside FROM areas WHERE level = 'grid' AND name = '张湾镇'`)
    expect(inside!.inside).toBe(true)
    const [count] = await suite.database.rows<{ count: number }>(sql`
      SELECT count(*)::int AS count FROM institutions i JOIN areas g ON g.id = i.grid_id WHERE g.name = '张湾镇' AND i.status = 'active'`)
    expect(validation.problems.filter((problem) => problem.kind === 'institution-uncovered')).toHaveLength(count!.count)
  })

  test('a grid outside the district is named as such', async () => {
    const index = await indexOf('孟海镇')
    const validation = await validate(await grids({ name: '孟海镇', geometry: sql`ST_Translate(geom, 1.5, 0)` }))
    const outside = validation.problems.find((problem) => problem.kind === 'outside-district')!
    expect(outside.feature).toBe(index)
    expect(outside.message).toMatch(/孟海镇.*entirely outside the district/)
  })

  test('an unclosed ring, too few positions, swapped latitude/longitude and out-of-range coordinates: which feature, what is wrong', async () => {
    const features = await grids()
    const ring = (features[0]!.geometry.coordinates as number[][][][])[0]![0]!
    features[0]!.geometry = { type: 'Polygon', coordinates: [ring.slice(0, -1)] }
    features[1]!.geometry = {
      type: 'Polygon',
      coordinates: [
        [
          [115.5, 35.0],
          [115.6, 35.0],
          [115.5, 35.0],
        ],
      ],
    }
    const swapped = (features[2]!.geometry.coordinates as number[][][][]).map((polygon) =>
      polygon.map((points) => points.map(([lon, lat]) => [lat!, lon!])),
    )
    features[2]!.geometry = { type: 'MultiPolygon', coordinates: swapped }
    features[3]!.geometry = {
      type: 'Polygon',
      coordinates: [
        [
          [115.5, 35.0],
          [215.6, 35.0],
          [115.6, 95.1],
          [115.5, 35.0],
        ],
      ],
    }
    const validation = await validate(features)
    const byFeature = (index: number) =>
      validation.problems.filter((problem) => problem.feature === index).map((problem) => problem.kind)
    expect(byFeature(0)).toEqual(['unclosed-ring'])
    expect(validation.problems.find((problem) => problem.kind === 'unclosed-ring')!.message).toMatch(
      /^Feature 0 \(.+\), ring 0: the ring is not closed/,
    )
    expect(byFeature(1)).toEqual(['too-few-positions'])
    expect(byFeature(2)).toEqual(['swapped-coordinates'])
    expect(validation.problems.find((problem) => problem.kind === 'swapped-coordinates')!.message).toContain(
      '[latitude, longitude]',
    )
    expect(byFeature(3)).toEqual(['coordinate-out-of-range'])
    expect(validation.valid).toBe(false)
  })

  test('a body that is not GeoJSON, not JSON, or over the upload limit is a problem+json 4xx; nothing is written', async () => {
    const before = await writesSoFar()
    const notGeoJson = await suite.app.request(
      '/api/boundaries/validate',
      jsonRequest('POST', { hello: 'world' }, cookie),
    )
    expect(notGeoJson.status).toBe(400)
    expect(notGeoJson.headers.get('content-type')).toContain('application/problem+json')
    expect(JSON.stringify(await notGeoJson.json())).toContain('FeatureCollection')
    const point = await suite.app.request(
      '/api/boundaries/validate',
      jsonRequest('POST', { type: 'Point', coordinates: [115.5, 35] }, cookie),
    )
    expect(point.status).toBe(400)
    const notJson = await suite.app.request('/api/boundaries/validate', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: 'PK\u0003\u0004 this is a zip file',
    })
    expect(notJson.status).toBe(400)
    expect(notJson.headers.get('content-type')).toContain('application/problem+json')
    // 100 MB of GeoJSON-looking text: refused by size, not read into memory first.
    const huge = `{"type":"FeatureCollection","features":[${'{"type":"Feature","properties":{},"geometry":null},'.repeat(2_000_000)}]}`
    expect(huge.length).toBeGreaterThan(100_000_000)
    const tooLarge = await suite.app.request('/api/boundaries/validate', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: huge,
    })
    expect(tooLarge.status).toBe(413)
    expect(((await tooLarge.json()) as { detail: string }).detail).toMatch(/exceeds 20 MB/)
    expect(await writesSoFar()).toEqual(before)
  })

  test('more vertices than a county’s grids need is a 400 naming the limit, answered at once; nothing is written', async () => {
    const before = await writesSoFar()
    // Under the 20 MB upload limit, over the 200,000-vertex one: one ring of 250,000 points.
    const ring = Array.from({ length: 250_000 }, (_, index) => {
      const angle = (index / 250_000) * 2 * Math.PI
      return [
        Math.round((115.6 + 0.05 * Math.cos(angle)) * 1e5) / 1e5,
        Math.round((35.07 + 0.05 * Math.sin(angle)) * 1e5) / 1e5,
      ]
    })
    ring.push(ring[0]!)
    const response = await suite.app.request(
      '/api/boundaries/validate',
      jsonRequest(
        'POST',
        {
          type: 'FeatureCollection',
          features: [
            { type: 'Feature', properties: { name: '过细的网格' }, geometry: { type: 'Polygon', coordinates: [ring] } },
          ],
        },
        cookie,
      ),
    )
    expect(response.status).toBe(400)
    expect(response.headers.get('content-type')).toContain('application/problem+json')
    expect(JSON.stringify(await response.json())).toContain('200,000 vertices')
    expect(await writesSoFar()).toEqual(before)
  })

  test('grid members and anonymous callers may not validate boundaries', async () => {
    const features = await grids()
    expect(
      (
        await suite.app.request(
          '/api/boundaries/validate',
          jsonRequest('POST', { type: 'FeatureCollection', features }),
        )
      ).status,
    ).toBe(401)
    expect(
      (
        await suite.app.request(
          '/api/boundaries/validate',
          jsonRequest('POST', { type: 'FeatureCollection', features }, await loginAs(suite.app, 'member3')),
        )
      ).status,
    ).toBe(403)
  })
})
