// The route optimiser (200 stops, TSPLIB tour quality, quiet and busy) and the balanced split of a month.
import { routeOrder } from '@gridwatch/domain/route-order.ts'
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import os from 'node:os'
import { estimatedHours } from '@gridwatch/domain/workload.ts'
import { suggestBalancedSplit, type BalanceInstitution } from '@gridwatch/domain/balance.ts'
import { seededRandom } from '@gridwatch/geodata'
import { tsplibAsStops, tsplibInstances, tsplibTourLength } from '../fixtures/tsplib.ts'

import { percentile, report } from './bench-support.ts'

/** Five processes spinning on the two cores: the load average the route engine must not notice (about 5). */
function busyMachine(): { stop(): void } {
  const spinners = Array.from({ length: 5 }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }))
  return { stop: () => spinners.forEach((spinner) => spinner.kill('SIGKILL')) }
}

/** Tour quality on TSPLIB instances with known optima, and 200 random stops end to end. */
function routeQuality(load: 'quiet' | 'busy') {
  const random = seededRandom('bench-200')
  const stops = Array.from({ length: 200 }, (_, index) => ({
    id: String(index),
    lon: 115.3 + random() * 0.6,
    lat: 34.9 + random() * 0.4,
  }))
  const timings: number[] = []
  let last: ReturnType<typeof routeOrder> | undefined
  for (let run = 0; run < 7; run++) {
    const started = performance.now()
    last = routeOrder([115.573, 35.072], stops, { returnToStart: true })
    timings.push(performance.now() - started)
  }
  report(
    `route optimiser, 200 stops, whole call (matrix, search to convergence, result), ${load}, median of 7`,
    percentile(timings, 50),
    'ms',
    {
      max: Math.round(Math.max(...timings)),
      kicks: last!.kicks,
      converged: last!.converged,
      metres: Math.round(last!.distanceMeters),
      shorterThanNearestNeighbourPercent:
        Math.round((1 - last!.distanceMeters / last!.nearestNeighbourMeters) * 1000) / 10,
    },
  )
  for (const instance of tsplibInstances) {
    const { start, stops: instanceStops } = tsplibAsStops(instance, 1)
    const started = performance.now()
    const result = routeOrder(start, instanceStops, { returnToStart: true })
    const length = tsplibTourLength(instance.coordinates, [0, ...result.order.map((id) => Number(id) - 1)])
    report(
      `route optimiser on TSPLIB ${instance.name}${instance.heldOut ? ' (held out)' : ''}, ${load}: above the optimal tour`,
      (length / instance.optimum - 1) * 100,
      '%',
      {
        length,
        optimum: instance.optimum,
        abovePercent: Math.round((length / instance.optimum - 1) * 10000) / 100,
        kicks: result.kicks,
        converged: result.converged,
        ms: Math.round(performance.now() - started),
      },
    )
  }
}

/** The route optimiser on a quiet machine and on one made busy (load about 5 on two cores). */
export async function routeFigures() {
  routeQuality('quiet')
  const busy = busyMachine()
  try {
    // Let the spinners start and the load settle before measuring.
    await new Promise((resolve) => setTimeout(resolve, 1500))
    // The fourth field of /proc/loadavg counts the threads running now (the 1-minute average lags).
    const runningNow = Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[3]!.split('/')[0])
    report('route optimiser, busy machine: threads running now, on this many cores', runningNow, 'threads', {
      cores: os.availableParallelism(),
      spinners: 5,
    })
    routeQuality('busy')
  } finally {
    busy.stop()
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
      neighbours.set(
        grid,
        [grid - 1, grid + 1, grid - columns, grid + columns].filter(
          (other) =>
            other >= 0 &&
            other < rows * columns &&
            (Math.abs(other - grid) !== 1 || Math.floor(other / columns) === row),
        ),
      )
      // Team 1 holds the western half; teams 2–4 share the rest.
      const teamId = column < 4 ? 1 : 2 + Math.min(2, Math.floor(row / 2))
      for (let index = 0; index < 10; index++)
        institutions.push({
          id: grid * 100 + index,
          gridId: grid,
          teamId,
          position: [115.3 + column * 0.06 + random() * 0.05, 34.9 + row * 0.05 + random() * 0.04],
        })
    }
  const teams = [1, 2, 3, 4].map((id) => ({ id, forbiddenGridIds: new Set<number>() }))
  const start: [number, number] = [115.55, 35.05]
  const started = performance.now()
  const result = suggestBalancedSplit(
    teams,
    institutions,
    neighbours,
    (positions) =>
      estimatedHours(
        start,
        positions.map((position, id) => ({ id, position })),
        true,
      ).hours,
  )
  const ms = performance.now() - started
  report('suggest a balanced split: 4 teams, 48 grids, 480 institutions', ms, 'ms', {
    moves: result.moves.length,
    largestHoursBefore: Math.max(...result.hoursBefore.values()),
    largestHoursAfter: Math.round(Math.max(...result.hoursAfter.values()) * 10) / 10,
  })
}
