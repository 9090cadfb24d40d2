// The suggested balanced split: whole grids move between neighbouring teams, only where the
// receiving team may check them, the giving team stays in one piece, and the largest workload
// never grows.
import { describe, expect, test } from 'vitest'
import { suggestBalancedSplit, type BalanceInstitution, type BalanceTeam } from './balance.ts'
import { connectedPieces } from './grid-metrics.ts'

/** Grids 1…n in a row, each touching the next. */
function row(count: number): Map<number, number[]> {
  const neighbours = new Map<number, number[]>()
  for (let grid = 1; grid <= count; grid++)
    neighbours.set(
      grid,
      [grid - 1, grid + 1].filter((other) => other >= 1 && other <= count),
    )
  return neighbours
}

/** `perGrid` institutions in each grid, held by the team the map names. */
function institutionsOf(holders: Record<number, number>, perGrid: Record<number, number>): BalanceInstitution[] {
  const institutions: BalanceInstitution[] = []
  for (const [grid, teamId] of Object.entries(holders))
    for (let index = 0; index < (perGrid[Number(grid)] ?? 3); index++)
      institutions.push({
        id: Number(grid) * 100 + index,
        gridId: Number(grid),
        teamId,
        position: [115 + Number(grid) * 0.01, 35 + index * 0.001],
      })
  return institutions
}

const stopsCount = (positions: readonly [number, number][]) => positions.length
const free = (id: number): BalanceTeam => ({ id, forbiddenGridIds: new Set() })
const countOf = (result: ReturnType<typeof suggestBalancedSplit>, teamId: number) =>
  [...result.teamOf.values()].filter((holder) => holder === teamId).length

describe('suggestBalancedSplit', () => {
  test('border grids move from the busy team to its neighbour until the load is even', () => {
    // Team 1 holds grids 1–4, team 2 grids 5–6: 12 against 6 institutions.
    const institutions = institutionsOf({ 1: 1, 2: 1, 3: 1, 4: 1, 5: 2, 6: 2 }, {})
    const result = suggestBalancedSplit([free(1), free(2)], institutions, row(6), stopsCount)
    expect(result.hoursBefore.get(1)).toBe(12)
    expect(result.moves).toEqual([
      { gridId: 4, fromTeamId: 1, toTeamId: 2, institutionIds: [400, 401, 402], reason: 'balance' },
    ])
    expect(result.hoursAfter.get(1)).toBe(9)
    expect(result.hoursAfter.get(2)).toBe(9)
    expect(countOf(result, 1) + countOf(result, 2)).toBe(institutions.length)
  })

  test('a team holding nothing yet may take any grid', () => {
    const institutions = institutionsOf({ 1: 1, 2: 1, 3: 1, 4: 1 }, {})
    const result = suggestBalancedSplit([free(1), free(2)], institutions, row(4), stopsCount)
    expect(result.hoursAfter.get(1)).toBe(6)
    expect(result.hoursAfter.get(2)).toBe(6)
  })

  test('a grid the neighbour may not check stays; without another border grid nothing moves', () => {
    const institutions = institutionsOf({ 1: 1, 2: 1, 3: 1, 4: 1, 5: 2, 6: 2 }, {})
    const result = suggestBalancedSplit(
      [free(1), { id: 2, forbiddenGridIds: new Set([4]) }],
      institutions,
      row(6),
      stopsCount,
    )
    expect(result.moves).toEqual([])
    expect(result.hoursAfter).toEqual(result.hoursBefore)
  })

  test('a move that keeps the giving team in one piece is preferred to a slightly better one that cuts it', () => {
    // Row 1–2–3–4, and grid 2 also touches grid 4. Moving grid 2 would even the load more but cut 1 from 3.
    const neighbours = new Map<number, number[]>([
      [1, [2]],
      [2, [1, 3, 4]],
      [3, [2, 4]],
      [4, [2, 3]],
    ])
    const institutions = institutionsOf({ 1: 1, 2: 1, 3: 1, 4: 2 }, { 1: 3, 2: 4, 3: 3, 4: 1 })
    const result = suggestBalancedSplit([free(1), free(2)], institutions, neighbours, stopsCount)
    expect(result.moves.map((move) => move.gridId)).toEqual([3])
    expect(connectedPieces([1, 3], neighbours)).toBe(2)
  })

  test('where every move cuts the giving team (township-sized grids), the best one is still suggested', () => {
    // Grid 2 is the only link between grids 1 and 3 of team 1, and the only grid team 2 touches.
    const neighbours = new Map<number, number[]>([
      [1, [2]],
      [2, [1, 3, 4]],
      [3, [2]],
      [4, [2]],
    ])
    const institutions = institutionsOf({ 1: 1, 2: 1, 3: 1, 4: 2 }, { 1: 3, 2: 3, 3: 3, 4: 1 })
    const result = suggestBalancedSplit([free(1), free(2)], institutions, neighbours, stopsCount)
    expect(result.moves.map((move) => move.gridId)).toEqual([2])
    expect(result.hoursAfter.get(1)).toBe(6)
  })

  test('a grid of the team’s own members goes to a neighbour that may check it, whatever the balance', () => {
    const institutions = institutionsOf({ 1: 1, 2: 1, 3: 2, 4: 2 }, { 1: 3, 2: 3, 3: 3, 4: 3 })
    const result = suggestBalancedSplit(
      [{ id: 1, forbiddenGridIds: new Set([2]) }, free(2)],
      institutions,
      row(4),
      stopsCount,
    )
    expect(result.moves[0]).toMatchObject({ gridId: 2, fromTeamId: 1, toTeamId: 2, reason: 'conflict' })
    for (const id of [200, 201, 202]) expect(result.teamOf.get(id)).toBe(2)
  })

  test('random rounds: every institution keeps exactly one team, the balancing only lowers the largest load, nobody gets a forbidden grid', () => {
    let seed = 7
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
    for (let trial = 0; trial < 30; trial++) {
      const gridCount = 12
      const teamCount = 3
      const holders: Record<number, number> = {}
      const perGrid: Record<number, number> = {}
      for (let grid = 1; grid <= gridCount; grid++) {
        holders[grid] = 1 + Math.min(teamCount - 1, Math.floor(((grid - 1) / gridCount) * teamCount + random() * 0.6))
        perGrid[grid] = 1 + Math.floor(random() * 6)
      }
      const teams = [1, 2, 3].map((id) => ({ id, forbiddenGridIds: new Set([1 + Math.floor(random() * gridCount)]) }))
      const institutions = institutionsOf(holders, perGrid)
      const result = suggestBalancedSplit(teams, institutions, row(gridCount), stopsCount)
      expect([...result.teamOf.keys()].sort()).toEqual(institutions.map((institution) => institution.id).sort())
      const total = [1, 2, 3].reduce((sum, teamId) => sum + countOf(result, teamId), 0)
      expect(total).toBe(institutions.length)
      const balanceMoves = result.moves.filter((move) => move.reason === 'balance')
      // The balancing phase only ever lowers the largest load left by the conflict moves.
      const afterConflicts = new Map(institutions.map((institution) => [institution.id, institution.teamId]))
      for (const move of result.moves.filter((candidate) => candidate.reason === 'conflict'))
        for (const id of move.institutionIds) afterConflicts.set(id, move.toTeamId)
      const largest = (holding: Map<number, number>) =>
        Math.max(...[1, 2, 3].map((teamId) => [...holding.values()].filter((holder) => holder === teamId).length))
      if (balanceMoves.length > 0) expect(largest(result.teamOf)).toBeLessThan(largest(afterConflicts))
      else expect(largest(result.teamOf)).toBe(largest(afterConflicts))
      for (const move of balanceMoves)
        expect(teams.find((team) => team.id === move.toTeamId)!.forbiddenGridIds.has(move.gridId)).toBe(false)
      for (const [id, teamId] of result.teamOf) {
        const grid = Math.floor(id / 100)
        const wasForbiddenForHolder = teams.find((team) => team.id === holders[grid])!.forbiddenGridIds.has(grid)
        if (!wasForbiddenForHolder) continue
        // A conflicted grid left its holder unless every team was barred from it.
        const someoneMay = teams.some((team) => !team.forbiddenGridIds.has(grid))
        if (someoneMay) expect(teams.find((team) => team.id === teamId)!.forbiddenGridIds.has(grid)).toBe(false)
      }
    }
  })
})
