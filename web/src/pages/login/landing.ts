// Where a person lands after signing in: the page they were sent from (`?next=`, the address a
// shared link or an ended session had, view and selection included), else their role's home — the
// field app for grid members, the audit log and the accounts for the two officers, the county map
// for everyone else. An account that must first choose its own password (a temporary one) or set up
// its second factor goes to the account security page instead (on to `next` afterwards).
import type { Role } from '@gridwatch/domain/roles.ts'

const roleHome: Partial<Record<Role, string>> = {
  grid_member_1: '/field',
  grid_member_2: '/field',
  grid_member_3: '/field',
  auditor: '/audit',
  security: '/users',
}

/** Only a path on this site (never `//elsewhere` or a full address): the query cannot send anyone away. */
function sitePath(next: unknown): string | null {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null
  return next.startsWith('/login') ? null : next
}

export function landingAfterSignIn(
  user: { role: Role; secondFactorNeeded: boolean; passwordChangeNeeded?: boolean },
  next: unknown,
): string {
  if (user.passwordChangeNeeded) {
    const then = sitePath(next)
    return then ? `/password?next=${encodeURIComponent(then)}` : '/password'
  }
  if (user.secondFactorNeeded) return '/password'
  const officer = user.role === 'auditor' || user.role === 'security'
  return (!officer && sitePath(next)) || roleHome[user.role] || '/'
}
