// The monthly rotation: generated plans keep every rule; edited plans are checked rule by rule.
import { describe, expect, test } from 'vitest'
import {
  checkRotation,
  generateRotation,
  monthsFrom,
  rotationRules,
  type RotationEntry,
  type RotationTeam,
} from './rotation.ts'

const [A, B, C, D] = [101, 102, 103, 104]
const zones = [A, B, C, D]
const teams: RotationTeam[] = [
  { id: 1, homeZoneId: A, memberZoneIds: [A] },
  { id: 2, homeZoneId: B, memberZoneIds: [B] },
  { id: 3, homeZoneId: C, memberZoneIds: [C] },
  { id: 4, homeZoneId: D, memberZoneIds: [D] },
]
const months = monthsFrom('2026-12', 6)

const zonesOf = (plan: RotationEntry[], teamId: number) =>
  plan.filter((entry) => entry.teamId === teamId).map((entry) => entry.zoneId)

describe('generateRotation', () => {
  test('four teams, four zones, six months: no rule broken, every month a full turn of the millstone', () => {
    const plan = generateRotation(teams, zones, months)
    expect(plan).toHaveLength(24)
    expect(checkRotation(teams, zones, plan)).toEqual([])
    for (const month of months)
      expect(new Set(plan.filter((entry) => entry.month === month).map((entry) => entry.zoneId)).size).toBe(4)
    for (const team of teams) {
      const visited = zonesOf(plan, team.id)
      expect(visited).not.toContain(team.homeZoneId)
      // Each run of three months covers the three other zones.
      expect(new Set(visited.slice(0, 3)).size).toBe(3)
      expect(new Set(visited.slice(3, 6)).size).toBe(3)
    }
  })

  test('a zone with the team’s own members’ grids is avoided when the turn allows, reported when it does not', () => {
    // Five zones, four teams: team 1 can cover B, C, D and E... but its members work in B.
    const five = [A, B, C, D, 105]
    const withFifth = teams.map((team) => (team.id === 1 ? { ...team, memberZoneIds: [A, B] } : team))
    const plan = generateRotation(withFifth, five, months.slice(0, 3))
    // Three months are not enough to cover four zones: the conflicted one is left for last.
    expect(zonesOf(plan, 1)).not.toContain(B)
    expect(checkRotation(withFifth, five, plan)).toEqual([])
    // With four zones the team must check B once per cycle: allowed, but reported.
    const conflicted = teams.map((team) => (team.id === 1 ? { ...team, memberZoneIds: [A, B] } : team))
    const tight = generateRotation(conflicted, zones, months)
    const rules = checkRotation(conflicted, zones, tight).map((violation) => violation.rule)
    expect(new Set(rules)).toEqual(new Set([rotationRules.memberZone]))
    expect(zonesOf(tight, 1).filter((zoneId) => zoneId === B)).toHaveLength(2)
  })

  test('continuing from earlier months gives the same plan as planning them all at once', () => {
    const whole = generateRotation(teams, zones, months)
    const first = generateRotation(teams, zones, months.slice(0, 2))
    const rest = generateRotation(teams, zones, months.slice(2), first)
    expect([...first, ...rest]).toEqual(whole)
  })

  test('an entry kept in a planned month keeps its zone, and no other team is sent there that month', () => {
    const earlier = generateRotation(teams, zones, monthsFrom('2026-10', 2))
    // Team 3 already has its round in the second month, in a zone the generator would give another team.
    const natural = generateRotation(teams, zones, months.slice(0, 2), earlier)
    const other = natural.find((entry) => entry.month === months[1] && entry.teamId !== 3 && entry.zoneId !== C)!
    const kept: RotationEntry = { teamId: 3, month: months[1]!, zoneId: other.zoneId }
    const plan = generateRotation(teams, zones, months.slice(0, 2), [...earlier, kept])
    const second = plan.filter((entry) => entry.month === months[1])
    expect(second.find((entry) => entry.teamId === 3)!.zoneId).toBe(kept.zoneId)
    expect(new Set(second.map((entry) => entry.zoneId)).size).toBe(4)
    expect(checkRotation(teams, zones, plan).filter((violation) => violation.rule === 'zone-twice-in-month')).toEqual(
      [],
    )
  })

  test('the months run across the year end', () => {
    expect(monthsFrom('2026-11', 3)).toEqual(['2026-11-01', '2026-12-01', '2027-01-01'])
  })
})

describe('checkRotation', () => {
  const plan = generateRotation(teams, zones, months.slice(0, 3))
  const edit = (teamId: number, month: string, zoneId: number) =>
    plan.map((entry) => (entry.teamId === teamId && entry.month === month ? { ...entry, zoneId } : entry))

  test('a team sent to its home zone', () => {
    const violations = checkRotation(teams, zones, edit(1, months[0]!, A))
    expect(violations).toContainEqual({ rule: rotationRules.homeZone, teamId: 1, month: months[0], zoneId: A })
  })

  test('two teams in one zone in the same month', () => {
    const other = plan.find((entry) => entry.teamId === 2 && entry.month === months[0])!
    const violations = checkRotation(teams, zones, edit(3, months[0]!, other.zoneId === C ? D : other.zoneId))
    expect(violations.some((violation) => violation.rule === rotationRules.zoneTwice)).toBe(true)
  })

  test('a zone repeated before the others were covered', () => {
    const firstZone = plan.find((entry) => entry.teamId === 1 && entry.month === months[0])!.zoneId
    const violations = checkRotation(teams, zones, edit(1, months[1]!, firstZone))
    expect(violations).toContainEqual({
      rule: rotationRules.repeatBeforeCovered,
      teamId: 1,
      month: months[1],
      zoneId: firstZone,
    })
  })

  test('a member-zone conflict', () => {
    const conflicted = teams.map((team) => (team.id === 2 ? { ...team, memberZoneIds: [B, C] } : team))
    const violations = checkRotation(conflicted, zones, edit(2, months[0]!, C))
    expect(violations.map((violation) => violation.rule)).toContain(rotationRules.memberZone)
  })
})
