// The visiting-order optimiser: every stop exactly once, never longer than nearest-neighbour,
// reproducible from its seed, open and closed routes, and tours within 1 % of the known optimum
// on TSPLIB instances. The search stops by convergence, so these checks do not depend on how
// fast or busy the machine is (the wall-clock ceiling is far away).
import { describe, expect, test } from 'vitest'
import { seededRandom } from '@gridwatch/geodata'
import { tsplibAsStops, tsplibInstances, tsplibTourLength } from '../../../test/fixtures/tsplib.ts'
import { haversineDistanceMeters, routeOrder, type RouteStop } from './route-order.ts'

const bureau: [number, number] = [115.573, 35.072]

function randomStops(count: number, seed: string): RouteStop[] {
  const random = seededRandom(seed)
  return Array.from({ length: count }, (_, index) => ({
    id: `s${index}`,
    lon: 115.3 + random() * 0.6,
    lat: 34.9 + random() * 0.4,
  }))
}

function routeLength(stops: RouteStop[], order: string[], returnToStart: boolean): number {
  const byId = new Map(stops.map((stop) => [stop.id, [stop.lon, stop.lat] as [number, number]]))
  const points = [bureau, ...order.map((id) => byId.get(id)!), ...(returnToStart ? [bureau] : [])]
  let length = 0
  for (let index = 0; index + 1 < points.length; index++)
    length += haversineDistanceMeters(points[index]!, points[index + 1]!)
  return length
}

describe('routeOrder', () => {
  test.each([1, 2, 3, 4, 7, 8, 9, 25, 120])(
    '%i stops: each visited exactly once, never longer than nearest-neighbour, length as reported',
    (count) => {
      for (const returnToStart of [true, false]) {
        const stops = randomStops(count, `stops-${count}`)
        const result = routeOrder(bureau, stops, { returnToStart, maximumKicks: 200 })
        expect([...result.order].sort()).toEqual(stops.map((stop) => stop.id).sort())
        expect(result.distanceMeters).toBeLessThanOrEqual(result.nearestNeighbourMeters + 1e-6)
        expect(result.distanceMeters).toBeCloseTo(routeLength(stops, result.order, returnToStart), 3)
      }
    },
  )

  test('the same input and seed give the same order', () => {
    const stops = randomStops(60, 'repeat')
    const first = routeOrder(bureau, stops, { returnToStart: true, maximumKicks: 300, seed: 'a' })
    expect(routeOrder(bureau, stops, { returnToStart: true, maximumKicks: 300, seed: 'a' })).toEqual(first)
  })

  test('an open route along a road visits stops in order of distance from the start', () => {
    const stops = [5, 1, 4, 2, 3].map((step) => ({ id: `km${step}`, lon: bureau[0] + step * 0.01, lat: bureau[1] }))
    const result = routeOrder(bureau, stops, { returnToStart: false, maximumKicks: 50 })
    expect(result.order).toEqual(['km1', 'km2', 'km3', 'km4', 'km5'])
    expect(result.distanceMeters).toBeCloseTo(haversineDistanceMeters(bureau, [bureau[0] + 0.05, bureau[1]]), 3)
  })

  test('beats nearest-neighbour clearly on 200 scattered stops', () => {
    const result = routeOrder(bureau, randomStops(200, 'two-hundred'), { returnToStart: true, maximumKicks: 400 })
    expect(result.distanceMeters).toBeLessThan(result.nearestNeighbourMeters * 0.95)
  })

  test.each(tsplibInstances.map((instance) => [instance.name, instance] as const))(
    '%s: converges within 1 %% of the optimal tour',
    (_, instance) => {
      const { start, stops } = tsplibAsStops(instance, 1)
      const result = routeOrder(start, stops, { returnToStart: true, timeLimitMilliseconds: 60_000 })
      expect(result.converged).toBe(true)
      const length = tsplibTourLength(instance.coordinates, [0, ...result.order.map((id) => Number(id) - 1)])
      expect(length / instance.optimum).toBeLessThan(1.01)
    },
  )

  test('stops by convergence: a run of kicks without a shorter tour ends the search, whatever the clock allows', () => {
    const stops = randomStops(120, 'converge')
    const result = routeOrder(bureau, stops, { returnToStart: true, timeLimitMilliseconds: 60_000, stallKicks: 200 })
    expect(result.converged).toBe(true)
    expect(result.kicks).toBeGreaterThanOrEqual(200)
    // The same search with more kicks allowed before giving up is never longer.
    const patient = routeOrder(bureau, stops, { returnToStart: true, timeLimitMilliseconds: 60_000, stallKicks: 2000 })
    expect(patient.distanceMeters).toBeLessThanOrEqual(result.distanceMeters + 1e-6)
    expect(patient.kicks).toBeGreaterThan(result.kicks)
  })

  test('a ceiling reached before convergence says so', () => {
    const result = routeOrder(bureau, randomStops(200, 'ceiling'), { returnToStart: true, timeLimitMilliseconds: 0 })
    expect(result.converged).toBe(false)
    expect(result.kicks).toBe(0)
  })
})
