// can(): roles × scopes, table-driven.
import { describe, expect, test } from 'vitest'
import type { SessionUser } from './session-user.ts'
import { can, type InstitutionPlace } from './can.ts'

function user(overrides: Partial<SessionUser>): SessionUser {
  return {
    id: 1,
    username: 'u',
    displayName: 'u',
    countyCode: '371703',
    role: 'grid_member_3',
    scopeKind: 'own_institutions',
    scopeAreaId: null,
    staffId: 1,
    assignedInstitutionIds: new Set([10]),
    clueHandler: false,
    ...overrides,
  }
}
const own: InstitutionPlace = { id: 10, countyCode: '371703', gridId: 100, zoneId: 1000 }
const sameGrid: InstitutionPlace = { id: 11, countyCode: '371703', gridId: 100, zoneId: 1000 }
const otherZone: InstitutionPlace = { id: 12, countyCode: '371703', gridId: 200, zoneId: 2000 }
const otherCounty: InstitutionPlace = { id: 13, countyCode: '371702', gridId: 300, zoneId: 3000 }

describe('inspection.create', () => {
  test.each([
    ['level 3, own institution', user({}), own, 'weekly-visit', true],
    ['level 3, same grid but not assigned', user({}), sameGrid, 'weekly-visit', false],
    [
      'level 2, own grid',
      user({ role: 'grid_member_2', scopeKind: 'grid', scopeAreaId: 100 }),
      sameGrid,
      'weekly-visit',
      true,
    ],
    [
      'level 2, other grid',
      user({ role: 'grid_member_2', scopeKind: 'grid', scopeAreaId: 100 }),
      otherZone,
      'weekly-visit',
      false,
    ],
    [
      'level 1, own zone',
      user({ role: 'grid_member_1', scopeKind: 'zone', scopeAreaId: 1000 }),
      sameGrid,
      'special',
      true,
    ],
    [
      'level 1, other zone',
      user({ role: 'grid_member_1', scopeKind: 'zone', scopeAreaId: 1000 }),
      otherZone,
      'special',
      false,
    ],
    [
      'supervisor, cross-check anywhere',
      user({ role: 'supervisor', scopeKind: 'district' }),
      otherZone,
      'cross-check',
      true,
    ],
    [
      'supervisor, cross-check in another county',
      user({ role: 'supervisor', scopeKind: 'district' }),
      otherCounty,
      'cross-check',
      false,
    ],
    [
      'province supervisor, cross-check in any of its counties',
      user({ role: 'supervisor', scopeKind: 'district', countyCode: '37' }),
      otherCounty,
      'cross-check',
      true,
    ],
    ['supervisor, weekly visit', user({ role: 'supervisor', scopeKind: 'district' }), otherZone, 'weekly-visit', false],
    ['level 3, cross-check', user({}), own, 'cross-check', false],
    ['leader', user({ role: 'leader', scopeKind: 'district' }), own, 'weekly-visit', false],
    ['planner', user({ role: 'planner', scopeKind: 'district' }), own, 'weekly-visit', false],
  ] as const)('%s → %s', (_, actor, institution, inspectionKind, allowed) => {
    expect(can(actor, { kind: 'inspection.create', institution, inspectionKind }).allowed).toBe(allowed)
  })

  test('anonymous is refused everything', () => {
    expect(can(null, { kind: 'map.read' })).toEqual({ allowed: false, reason: 'login required' })
  })
})

describe('phone.read', () => {
  test.each([
    ['leader', user({ role: 'leader', scopeKind: 'district' }), true],
    ['supervisor', user({ role: 'supervisor', scopeKind: 'district' }), true],
    ['level 2', user({ role: 'grid_member_2', scopeKind: 'grid', scopeAreaId: 100 }), true],
    ['level 3', user({}), false],
    ['planner', user({ role: 'planner', scopeKind: 'district' }), false],
    ['anonymous wall viewer (id 0)', user({ id: 0, role: 'leader', scopeKind: 'district' }), false],
  ] as const)('%s → %s', (_, actor, allowed) => {
    expect(can(actor, { kind: 'phone.read' }).allowed).toBe(allowed)
  })
})

describe('staff-phone.read', () => {
  test.each([
    ['level 3, its own level-2 member', user({}), 2, true, true],
    ['level 3, its own level-1 member', user({}), 1, true, true],
    ['level 3, a level-1 member elsewhere', user({}), 1, false, false],
    ['level 3, another level-3 member', user({}), 3, true, false],
    ['planner, anyone', user({ role: 'planner', scopeKind: 'district' }), 2, true, false],
    ['leader, anyone', user({ role: 'leader', scopeKind: 'district' }), 3, false, true],
  ] as const)('%s → %s', (_, actor, staffLevel, answersForCallersInstitution, allowed) => {
    expect(can(actor, { kind: 'staff-phone.read', staffLevel, answersForCallersInstitution }).allowed).toBe(allowed)
  })
})

describe('rotation.read (unannounced cross-checks)', () => {
  test.each([
    ['supervisor, not yet checked', user({ role: 'supervisor', scopeKind: 'district' }), false, false, true],
    ['leader, not yet checked', user({ role: 'leader', scopeKind: 'district' }), false, false, true],
    [
      'level 1 of the target zone, not yet checked',
      user({ role: 'grid_member_1', scopeKind: 'zone', scopeAreaId: 1000 }),
      false,
      false,
      false,
    ],
    ['level 3, not yet checked', user({}), false, false, false],
    ['planner, not yet checked', user({ role: 'planner', scopeKind: 'district' }), false, false, false],
    [
      'member of the team, not yet checked',
      user({ role: 'grid_member_2', scopeKind: 'grid', scopeAreaId: 100 }),
      true,
      false,
      true,
    ],
    ['level 3, after the check', user({}), false, true, true],
    [
      'a wall display token (reads as a leader, id 0), not yet checked',
      user({ id: 0, role: 'leader', scopeKind: 'district' }),
      false,
      false,
      false,
    ],
    [
      'a wall display token, after the check',
      user({ id: 0, role: 'leader', scopeKind: 'district' }),
      false,
      true,
      true,
    ],
  ] as const)('%s → %s', (_, actor, memberOfTeam, checked, allowed) => {
    expect(can(actor, { kind: 'rotation.read', memberOfTeam, checked }).allowed).toBe(allowed)
  })

  test('only supervisors, leaders and admins plan', () => {
    expect(can(user({ role: 'supervisor', scopeKind: 'district' }), { kind: 'rotation.plan' }).allowed).toBe(true)
    expect(can(user({ role: 'planner', scopeKind: 'district' }), { kind: 'rotation.plan' }).allowed).toBe(false)
    expect(
      can(user({ role: 'grid_member_1', scopeKind: 'zone', scopeAreaId: 1 }), { kind: 'rotation.plan' }).allowed,
    ).toBe(false)
  })
})
