// A team's month: hours from stops and the drive, days from the saved route, and what a split
// moves between teams.
import { describe, expect, test } from 'vitest'
import { estimatedHours, workloadAssumptions } from './workload.ts'
import { dayLengthsOf } from './route-sheet.ts'
import { netMoves, ownersOf, type BalanceInstitution, type BalanceTeam } from './balance.ts'

describe('estimatedHours', () => {
  test('no stops is no work', () => {
    expect(estimatedHours([115.5, 35], [])).toEqual({ hours: 0, routeKilometers: 0 })
  })

  test('one stop 10 km east: service time plus a 20 km round trip stretched by the road factor', () => {
    const east = 10 / (111.32 * Math.cos((35 * Math.PI) / 180))
    const { hours, routeKilometers } = estimatedHours([115.5, 35], [{ id: 1, position: [115.5 + east, 35] }])
    expect(routeKilometers).toBeCloseTo(20 * workloadAssumptions.roadFactor, 0)
    expect(hours).toBeCloseTo(
      workloadAssumptions.serviceMinutesPerStop / 60 +
        routeKilometers / workloadAssumptions.travelSpeedKilometersPerHour,
      1,
    )
  })
})

describe('dayLengthsOf', () => {
  test.each([
    [20, null, [8, 8, 4]],
    [10, { stopsPerDay: 4 }, [4, 4, 2]],
    [10, { stopsPerDay: 5, dayLengths: [3, 7] }, [3, 7]],
    // Two stops added after the route was planned make a last day of their own.
    [12, { stopsPerDay: 5, dayLengths: [3, 7] }, [3, 7, 2]],
    // Stops removed since: the saved days are cut to what is left.
    [6, { stopsPerDay: 5, dayLengths: [3, 7] }, [3, 3]],
    [0, { stopsPerDay: 5 }, []],
  ] as const)('%i stops with %j → %j', (stops, route, expected) => {
    expect(dayLengthsOf(stops, route as { stopsPerDay: number; dayLengths?: number[] } | null)).toEqual(expected)
  })
})

describe('netMoves', () => {
  const teams: BalanceTeam[] = [
    { id: 1, forbiddenGridIds: new Set([10]) },
    { id: 2, forbiddenGridIds: new Set() },
  ]
  const institution = (id: number, gridId: number, teamId: number): BalanceInstitution => ({
    id,
    gridId,
    teamId,
    position: [0, 0],
  })

  test('a grid moving whole is one move; a grid held by its own team is none; a forbidden grid is moved for the conflict', () => {
    const institutions = [institution(1, 10, 1), institution(2, 10, 1), institution(3, 11, 1), institution(4, 12, 2)]
    const teamOf = new Map([
      [1, 2],
      [2, 2],
      [3, 1],
      [4, 1],
    ])
    expect(netMoves(teams, institutions, teamOf)).toEqual([
      { gridId: 10, fromTeamId: 1, toTeamId: 2, institutions: 2, reason: 'conflict' },
      { gridId: 12, fromTeamId: 2, toTeamId: 1, institutions: 1, reason: 'balance' },
    ])
  })
})

describe('ownersOf', () => {
  test('every institution once: its team', () => {
    const result = ownersOf([
      { teamId: 1, institutionIds: [1, 2] },
      { teamId: 2, institutionIds: [3] },
    ])
    expect('owner' in result && [...result.owner]).toEqual([
      [1, 1],
      [2, 1],
      [3, 2],
    ])
  })

  test('an institution given to two teams is named with both', () => {
    expect(
      ownersOf([
        { teamId: 1, institutionIds: [1, 2] },
        { teamId: 2, institutionIds: [3, 2] },
      ]),
    ).toEqual({ twice: { institutionId: 2, teamIds: [1, 2] } })
  })

  test('the same team naming an institution twice is no conflict', () => {
    expect('owner' in ownersOf([{ teamId: 1, institutionIds: [1, 1] }])).toBe(true)
  })
})
