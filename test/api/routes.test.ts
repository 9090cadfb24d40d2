// POST /api/routes/optimize as other tools call it: a visiting order for the stops, and clear
// 4xx problems for input that is not a route.
import { describe, expect, test } from 'vitest'
import { seededRandom } from '@gridwatch/geodata'
import { apiSuite } from '../support/api-suite.ts'
import { createTestApp, jsonRequest } from '../support/test-app.ts'

// One copy of the seeded database for the file: each test makes or finds its own data.
const suite = apiSuite()

const bureau = [115.573, 35.072]

function stops(count: number, seed = 'api') {
  const random = seededRandom(seed)
  return Array.from({ length: count }, (_, index) => ({
    id: `institution-${index}`,
    lon: 115.3 + random() * 0.6,
    lat: 34.9 + random() * 0.4,
  }))
}

describe('POST /api/routes/optimize', () => {
  test('orders 200 stops: each exactly once, straight-line metres, no longer than nearest-neighbour', async () => {
    const given = stops(200)
    const response = await suite.app.request(
      '/api/routes/optimize',
      jsonRequest('POST', { start: bureau, stops: given, returnToStart: true }),
    )
    expect(response.status).toBe(200)
    const body = (await response.json()) as {
      order: string[]
      distanceMeters: number
      nearestNeighbourMeters: number
      distanceKind: string
    }
    expect([...body.order].sort()).toEqual(given.map((stop) => stop.id).sort())
    expect(body.distanceKind).toBe('straight-line')
    expect(body.distanceMeters).toBeGreaterThan(100_000)
    expect(body.distanceMeters).toBeLessThanOrEqual(body.nearestNeighbourMeters)
  })

  test('numeric ids come back as strings; returnToStart defaults to true', async () => {
    const response = await suite.app.request(
      '/api/routes/optimize',
      jsonRequest('POST', { start: bureau, stops: [{ id: 7, lon: 115.6, lat: 35.1 }] }),
    )
    const body = (await response.json()) as { order: string[]; distanceMeters: number }
    expect(body.order).toEqual(['7'])
    const oneWay = (await (
      await suite.app.request(
        '/api/routes/optimize',
        jsonRequest('POST', { start: bureau, stops: [{ id: 7, lon: 115.6, lat: 35.1 }], returnToStart: false }),
      )
    ).json()) as {
      distanceMeters: number
    }
    expect(body.distanceMeters).toBeCloseTo(2 * oneWay.distanceMeters, -1)
  })

  test.each([
    ['no stops', { start: bureau, stops: [] }, 'stops'],
    ['10,000 stops', { start: bureau, stops: stops(10_000) }, 'stops'],
    ['a longitude out of range', { start: bureau, stops: [{ id: 'a', lon: 190, lat: 35 }] }, 'stops.0.lon'],
    ['a start latitude out of range', { start: [115.5, 95], stops: stops(3) }, 'start.1'],
    ['duplicate ids', { start: bureau, stops: [...stops(3), { ...stops(3)[0]! }] }, 'stops.3.id'],
    ['no start', { stops: stops(3) }, 'start'],
  ])('%s is a 400 problem naming the field', async (_, body, path) => {
    const response = await suite.app.request('/api/routes/optimize', jsonRequest('POST', body))
    expect(response.status).toBe(400)
    expect(response.headers.get('content-type')).toContain('problem+json')
    const problem = (await response.json()) as { detail: string; errors?: { path: string }[] }
    expect(problem.errors?.map((error) => error.path)).toContain(path)
  })

  test('a body that is not JSON is a 400 problem', async () => {
    const response = await suite.app.request('/api/routes/optimize', jsonRequest('POST', '{"start": [115'))
    expect(response.status).toBe(400)
    expect(response.headers.get('content-type')).toContain('problem+json')
  })

  test('in production an anonymous caller gets 401', async () => {
    const production = createTestApp(suite.database, { mode: 'production' }).app
    expect(
      (await production.request('/api/routes/optimize', jsonRequest('POST', { start: bureau, stops: stops(3) })))
        .status,
    ).toBe(401)
  })
})
