// Live plan metrics: counts, area, contiguity and balance follow the villages a grid holds.
import { describe, expect, test } from 'vitest'
import { indexPlan, planMetrics, connectedPieces, type PlanVillage } from './grid-metrics.ts'

// Six villages in a row, 1 km² each, one institution per village except village 6 (three).
const villages: PlanVillage[] = [1, 2, 3, 4, 5, 6].map((id) => ({ id, seat: [115 + id * 0.01, 35], squareKm: 1 }))
const adjacency = [1, 2, 3, 4, 5].map((id) => [id, id + 1] as [number, number])
const institutions = [
  ...[1, 2, 3, 4, 5].map((id) => ({ id: id * 10, villageId: id, position: [115 + id * 0.01, 35] as [number, number] })),
  ...[61, 62, 63].map((id) => ({ id, villageId: 6, position: [115.06, 35 + (id - 61) * 0.001] as [number, number] })),
]
const index = indexPlan(villages, adjacency, institutions, [{ gridId: 100, level: 3, count: 2 }])

describe('planMetrics', () => {
  test('counts, area, farthest institution and the tour estimate of each grid', () => {
    const metrics = planMetrics(
      [
        { key: 'a', gridId: 100, villageIds: [1, 2, 3] },
        { key: 'b', gridId: 200, villageIds: [4, 5, 6] },
      ],
      index,
    )
    const [a, b] = metrics.grids
    expect(a).toMatchObject({
      institutions: 3,
      villages: 3,
      squareKm: 3,
      pieces: 1,
      staff: { level1: 0, level2: 0, level3: 2 },
    })
    expect(b).toMatchObject({ institutions: 5, villages: 3, pieces: 1 })
    // Centre of a is village 2's seat; villages 1 and 3 are 0.01° of longitude (about 0.91 km at 35°N) away.
    expect(a!.farthestKm).toBeCloseTo(0.9, 1)
    expect(a!.tourKm).toBeCloseTo(0.7124 * Math.sqrt(3 * 3) * 1.3, 1)
    // 3 against 5 institutions: mean 4, deviation 1.
    expect(metrics.institutionsCv).toBeCloseTo(0.25, 3)
    expect(metrics.unassignedVillages).toBe(0)
  })

  test('moving a village changes both grids at once; a grid cut in two is counted in pieces; unassigned villages are counted', () => {
    const metrics = planMetrics(
      [
        { key: 'a', gridId: 100, villageIds: [1, 3, 4] },
        { key: 'b', gridId: 200, villageIds: [2, 5] },
      ],
      index,
    )
    expect(metrics.grids.map((grid) => grid.pieces)).toEqual([2, 2])
    expect(metrics.grids.map((grid) => grid.institutions)).toEqual([3, 2])
    expect(metrics.unassignedVillages).toBe(1)
    expect(connectedPieces([], index.neighbours)).toBe(0)
  })

  test('zones sum their grids; the zone balance follows a grid moved between zones', () => {
    const plan = [
      { key: 'a', gridId: 100, zoneId: 1, villageIds: [1, 2] },
      { key: 'b', gridId: 200, zoneId: 1, villageIds: [3, 4] },
      { key: 'c', gridId: 300, zoneId: 2, villageIds: [5, 6] },
    ]
    const metrics = planMetrics(plan, index)
    expect(metrics.zones.map((zone) => zone.zoneId)).toEqual([1, 2])
    const [first, second] = metrics.zones
    expect(first).toMatchObject({ grids: 2, institutions: 4, villages: 4, squareKm: 4, staff: { level3: 2 } })
    expect(first!.tourKm).toBeCloseTo(metrics.grids[0]!.tourKm + metrics.grids[1]!.tourKm, 5)
    expect(first!.tourPerMemberKm).toBeCloseTo(first!.tourKm / 2, 1)
    expect(second).toMatchObject({ grids: 1, institutions: 4, villages: 2, tourPerMemberKm: null })
    expect(metrics.zoneInstitutionsCv).toBe(0)
    // Grid b moves to zone 2: 2 against 6 institutions, mean 4, deviation 2.
    const moved = planMetrics([plan[0]!, { ...plan[1]!, zoneId: 2 }, plan[2]!], index)
    expect(moved.zones.map((zone) => zone.institutions)).toEqual([2, 6])
    expect(moved.zoneInstitutionsCv).toBeCloseTo(0.5, 3)
  })
})
