// Who uses gridwatch (the roles) and what part of the county each user sees (the scope kinds).
// Grid members come in three levels (网格员 一级/二级/三级). Separation of duties (三员分立): `admin`
// is the system administrator (系统管理员: makes accounts, keeps settings), `security` the security
// administrator (安全管理员: grants roles and scopes — a new account works only once granted —,
// resets passwords and second factors) and `auditor` the audit administrator (安全审计员), who reads
// the audit log and nothing else. Neither administrator keeps the other officers' accounts.
export const roles = [
  'leader',
  'planner',
  'supervisor',
  'grid_member_1',
  'grid_member_2',
  'grid_member_3',
  'admin',
  'security',
  'auditor',
] as const
export type Role = (typeof roles)[number]

/** Roles that must sign in with a second factor (动态口令) in production: those who see or change the whole county. */
export const secondFactorRoles: readonly Role[] = ['admin', 'security', 'auditor', 'leader', 'supervisor', 'planner']

/** The officers whose accounts are made and reset on the server (`pnpm officer`), never on /users. */
export const officerRoles: readonly Role[] = ['security', 'auditor']

/** What part of the county a user may see and act on. */
export const scopeKinds = ['district', 'zone', 'grid', 'own_institutions'] as const
export type ScopeKind = (typeof scopeKinds)[number]
