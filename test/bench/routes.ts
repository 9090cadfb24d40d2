// The route optimiser (200 stops, TSPLIB tour quality) and the balanced split of a month.
import { routeOrder } from '@gridwatch/domain/route-order.ts'
import { routeSearchMilliseconds } from '@gridwatch/api/route-plans/route-plans.endpoints.ts'
import { estimatedHours } from '@gridwatch/domain/workload.ts'
import { suggestBalancedSplit, type BalanceInstitution } from '@gridwatch/domain/balance.ts'
import { seededRandom } from '@gridwatch/geodata'
import { tsplibAsStops, tsplibInstances, tsplibTourLength } from '../fixtures/tsplib.ts'

import { percentile, report } from './bench-support.ts'

/** The route optimiser: 200 stops end to end, and tour quality on TSPLIB instances with known optima. */
export function routeFigures() {
  const random = seededRandom('bench-200')
  const stops = Array.from({ length: 200 }, (_, index) => ({ id: String(index), lon: 115.3 + random() * 0.6, lat: 34.9 + random() * 0.4 }))
  const timings: number[] = []
  let gainOverNearest = 0
  for (let run = 0; run < 7; run++) {
    const started = performance.now()
    const result = routeOrder([115.573, 35.072], stops, { returnToStart: true, timeLimitMilliseconds: routeSearchMilliseconds })
    timings.push(performance.now() - started)
    gainOverNearest = 1 - result.distanceMeters / result.nearestNeighbourMeters
  }
  report('route optimiser, 200 stops, whole call (matrix, search, result), median of 7', percentile(timings, 50), 'ms', {
    first: Math.round(timings[0]!),
    max: Math.round(Math.max(...timings)),
    shorterThanNearestNeighbourPercent: Math.round(gainOverNearest * 1000) / 10,
  })
  for (const instance of tsplibInstances) {
    const { start, stops: instanceStops } = tsplibAsStops(instance, 1)
    const started = performance.now()
    const result = routeOrder(start, instanceStops, { returnToStart: true, timeLimitMilliseconds: routeSearchMilliseconds })
    const length = tsplibTourLength(instance.coordinates, [0, ...result.order.map((id) => Number(id) - 1)])
    report(`route optimiser on TSPLIB ${instance.name}: above the optimal tour`, (length / instance.optimum - 1) * 100, '%', {
      length,
      optimum: instance.optimum,
      ms: Math.round(performance.now() - started),
    })
  }
}

/** The suggested balanced split on a county-sized round: 4 teams, 48 grids (8 × 6), 480 institutions, badly split to begin with. */
export function balanceFigures() {
  const random = seededRandom('balance')
  const [columns, rows] = [8, 6]
  const neighbours = new Map<number, number[]>()
  const institutions: BalanceInstitution[] = []
  for (let row = 0; row < rows; row++)
    for (let column = 0; column < columns; column++) {
      const grid = row * columns + column
      neighbours.set(grid, [grid - 1, grid + 1, grid - columns, grid + columns].filter((other) => other >= 0 && other < rows * columns && (Math.abs(other - grid) !== 1 || Math.floor(other / columns) === row)))
      // Team 1 holds the western half; teams 2–4 share the rest.
      const teamId = column < 4 ? 1 : 2 + Math.min(2, Math.floor(row / 2))
      for (let index = 0; index < 10; index++)
        institutions.push({ id: grid * 100 + index, gridId: grid, teamId, position: [115.3 + column * 0.06 + random() * 0.05, 34.9 + row * 0.05 + random() * 0.04] })
    }
  const teams = [1, 2, 3, 4].map((id) => ({ id, forbiddenGridIds: new Set<number>() }))
  const start: [number, number] = [115.55, 35.05]
  const started = performance.now()
  const result = suggestBalancedSplit(teams, institutions, neighbours, (positions) => estimatedHours(start, positions.map((position, id) => ({ id, position })), true).hours)
  const ms = performance.now() - started
  report('suggest a balanced split: 4 teams, 48 grids, 480 institutions', ms, 'ms', {
    moves: result.moves.length,
    largestHoursBefore: Math.max(...result.hoursBefore.values()),
    largestHoursAfter: Math.round(Math.max(...result.hoursAfter.values()) * 10) / 10,
  })
}
