// Who each page is for, by route name: the header offers a page to these roles only, and a page
// opened by another role's address says in words who uses it instead of showing an empty shell.
// The API decides what anyone may read or do; this table decides only what the app offers. Pages
// not listed are for everyone (the overview, the public lists) or explain themselves (the phone).
import type { Role } from '@gridwatch/domain/roles.ts'

const members: readonly Role[] = ['grid_member_1', 'grid_member_2', 'grid_member_3']

export const pageUsers: Readonly<Partial<Record<string, readonly Role[]>>> = {
  ledger: ['leader', 'supervisor', ...members, 'admin'],
  risks: ['leader', 'supervisor', ...members],
  clues: ['supervisor', 'leader', 'grid_member_1', 'grid_member_2'],
  teams: ['supervisor', 'leader', 'admin'],
  field: ['supervisor', ...members],
  planner: ['planner', 'leader', 'admin'],
  dispatch: ['leader', 'supervisor', 'grid_member_1', 'grid_member_2'],
  reports: ['leader', 'supervisor', 'admin', 'grid_member_1', 'grid_member_2'],
  staff: ['admin', 'leader', 'grid_member_1', 'grid_member_2'],
  users: ['admin', 'security'],
  displays: ['admin', 'leader'],
  credit: ['supervisor', 'leader', 'admin', 'grid_member_1', 'grid_member_2'],
  audit: ['auditor'],
}

/** Whether the page is for this role (a page nobody is listed for is for everyone). */
export function isPageFor(page: string, role: Role): boolean {
  const users = pageUsers[page]
  return users === undefined || users.includes(role)
}
