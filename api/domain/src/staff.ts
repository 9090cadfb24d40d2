// Grid staff (网格员), their assignments (包联) and the accounts people sign in with: which
// target each level answers for, which scope each role sees, and what a password must be.
import type { Role, ScopeKind } from './roles.ts'

export const staffLevels = [1, 2, 3] as const
export type StaffLevel = (typeof staffLevels)[number]

/** What an assignment points at: one institution, a grid, or a zone (片区). */
export type AssignmentTarget = 'institution' | 'grid' | 'zone'

/**
 * Seed 000: level-3 members answer for institutions; level-2 members for a grid (and follow its
 * hospitals, clinics and pharmacies one by one); level-1 members for a zone or a township's grid.
 */
export function assignmentTargets(level: StaffLevel): readonly AssignmentTarget[] {
  switch (level) {
    case 3:
      return ['institution']
    case 2:
      return ['grid', 'institution']
    case 1:
      return ['zone', 'grid']
  }
}

/** The scope an account of a role sees: the bureau all of the county, members their zone, grid or own institutions. */
export function scopeKindOfRole(role: Role): ScopeKind {
  switch (role) {
    case 'grid_member_1':
      return 'zone'
    case 'grid_member_2':
      return 'grid'
    case 'grid_member_3':
      return 'own_institutions'
    default:
      return 'district'
  }
}

/** The staff level a grid member's account belongs to; null for the bureau's roles. */
export function staffLevelOfRole(role: Role): StaffLevel | null {
  return role === 'grid_member_1' ? 1 : role === 'grid_member_2' ? 2 : role === 'grid_member_3' ? 3 : null
}

export const minimumPasswordLength = 10

export type PasswordProblem = 'too-short' | 'too-simple' | 'contains-username'

/** Why a new password is refused (null: it is acceptable): 10 characters, two kinds of character, not the username. */
export function passwordProblem(password: string, username: string): PasswordProblem | null {
  if ([...password].length < minimumPasswordLength) return 'too-short'
  const kinds = [/[a-z]/i, /[0-9]/, /[^a-z0-9]/i].filter((pattern) => pattern.test(password)).length
  if (kinds < 2) return 'too-simple'
  if (username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) return 'contains-username'
  return null
}
