// Staff levels' targets, roles' scopes and the password rule.
import { describe, expect, test } from 'vitest'
import { assignmentTargets, passwordProblem, scopeKindOfRole, staffLevelOfRole } from './staff.ts'

describe('assignments and scopes', () => {
  test('level 3 answers for institutions only; level 1 for zones and grids', () => {
    expect(assignmentTargets(3)).toEqual(['institution'])
    expect(assignmentTargets(2)).toContain('grid')
    expect(assignmentTargets(1)).toEqual(['zone', 'grid'])
  })
  test('a role decides its scope kind and staff level', () => {
    expect(scopeKindOfRole('grid_member_1')).toBe('zone')
    expect(scopeKindOfRole('grid_member_3')).toBe('own_institutions')
    expect(scopeKindOfRole('planner')).toBe('district')
    expect(staffLevelOfRole('grid_member_2')).toBe(2)
    expect(staffLevelOfRole('leader')).toBeNull()
  })
})

describe('passwordProblem', () => {
  test('ten characters of two kinds, without the username', () => {
    expect(passwordProblem('short1', 'wang')).toBe('too-short')
    expect(passwordProblem('abcdefghijkl', 'wang')).toBe('too-simple')
    expect(passwordProblem('网格员网格员网格员网格', 'wang')).toBe('too-simple')
    expect(passwordProblem('wangwei2026!', 'wangwei')).toBe('contains-username')
    expect(passwordProblem('Tianzhong-2026', 'wangwei')).toBeNull()
  })
})
