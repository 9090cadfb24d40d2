// Demo accounts: one per role and scope, listed on the login page in demo mode. Production mode
// refuses to start while any of them exists (see config.ts).
import { sql } from 'drizzle-orm'
import { schema, type Database, type Transaction } from '@gridwatch/db'
import { hashPassword } from '../auth/password.ts'
import type { SeededCounty } from './seed-county.ts'
import type { SeededStaff } from './seed-staff.ts'

export interface DemoAccount {
  username: string
  password: string
  displayName: string
  role: schema.Role
  scopeKind: schema.ScopeKind
  /** Name of the zone or grid the scope covers; the staff member's own institutions for level 3. */
  scope: string
}

export async function seedDemoAccounts(
  database: Database,
  transaction: Transaction,
  seeded: SeededCounty,
  staff: SeededStaff,
): Promise<DemoAccount[]> {
  const gridTianzhong = seeded.gridIdByCode.get('371703001')!
  const gridZhangwan = seeded.gridIdByCode.get('371703103')!
  const gridHuangdian = seeded.gridIdByCode.get('371703104')!
  const zoneSoutheast = seeded.zoneIdByName.get('东南片区')!
  const accounts: (DemoAccount & { scopeAreaId: number | null; staffId: number | null; clueHandler?: boolean })[] = [
    {
      username: 'leader',
      displayName: '局领导（演示）',
      role: 'leader',
      scopeKind: 'district',
      scopeAreaId: null,
      staffId: staff.bureauLeaderIds[0]!,
      password: 'leader-demo',
      scope: '',
    },
    {
      username: 'planner',
      displayName: '规划科（演示）',
      role: 'planner',
      scopeKind: 'district',
      scopeAreaId: null,
      staffId: null,
      password: 'planner-demo',
      scope: '',
    },
    {
      username: 'supervisor',
      displayName: '督导组（演示）',
      role: 'supervisor',
      scopeKind: 'district',
      scopeAreaId: null,
      staffId: staff.bureauStaffIds[0]!,
      password: 'supervisor-demo',
      scope: '',
    },
    {
      username: 'handler',
      displayName: '线索受理员（演示）',
      role: 'supervisor',
      scopeKind: 'district',
      scopeAreaId: null,
      staffId: staff.bureauStaffIds[1] ?? staff.bureauStaffIds[0]!,
      password: 'handler-demo',
      scope: '',
      clueHandler: true,
    },
    {
      username: 'admin',
      displayName: '系统管理员（演示）',
      role: 'admin',
      scopeKind: 'district',
      scopeAreaId: null,
      staffId: null,
      password: 'admin-demo',
      scope: '',
    },
    {
      username: 'security',
      displayName: '安全管理员（演示）',
      role: 'security',
      scopeKind: 'district',
      scopeAreaId: null,
      staffId: null,
      password: 'security-demo',
      scope: '',
    },
    {
      username: 'auditor',
      displayName: '安全审计员（演示）',
      role: 'auditor',
      scopeKind: 'district',
      scopeAreaId: null,
      staffId: null,
      password: 'auditor-demo',
      scope: '',
    },
    {
      username: 'zone1',
      displayName: '一级网格员（演示）',
      role: 'grid_member_1',
      scopeKind: 'zone',
      scopeAreaId: zoneSoutheast,
      staffId: staff.level1ByGridId.get(gridTianzhong)![0]!,
      password: 'zone1-demo',
      scope: '',
    },
    {
      username: 'grid2',
      displayName: '二级网格员（演示）',
      role: 'grid_member_2',
      scopeKind: 'grid',
      scopeAreaId: gridZhangwan,
      staffId: staff.level2ByGridId.get(gridZhangwan)![0]!,
      password: 'grid2-demo',
      scope: '',
    },
    {
      username: 'grid2b',
      displayName: '二级网格员乙（演示）',
      role: 'grid_member_2',
      scopeKind: 'grid',
      scopeAreaId: gridTianzhong,
      staffId: staff.level2ByGridId.get(gridTianzhong)![0]!,
      password: 'grid2b-demo',
      scope: '',
    },
    {
      username: 'member3',
      displayName: '三级网格员（演示）',
      role: 'grid_member_3',
      scopeKind: 'own_institutions',
      scopeAreaId: null,
      staffId: staff.level3ByGridId.get(gridTianzhong)![0]!,
      password: 'member3-demo',
      scope: '',
    },
    {
      username: 'member3b',
      displayName: '三级网格员乙（演示）',
      role: 'grid_member_3',
      scopeKind: 'own_institutions',
      scopeAreaId: null,
      staffId: staff.level3ByGridId.get(gridHuangdian)![0]!,
      password: 'member3b-demo',
      scope: '',
    },
  ]
  const names = new Map(
    (
      await database.rows<{ id: number; name: string }>(
        sql`SELECT id, name FROM areas WHERE level IN ('zone', 'grid')`,
        transaction,
      )
    ).map((row) => [row.id, row.name]),
  )
  for (const account of accounts) {
    account.scope =
      account.scopeKind === 'district'
        ? '定陶区'
        : account.scopeKind === 'own_institutions'
          ? '本人包联机构'
          : names.get(account.scopeAreaId!)!
    await transaction.insert(schema.users).values({
      countyCode: seeded.countyCode,
      username: account.username,
      displayName: account.displayName,
      passwordHash: await hashPassword(account.password),
      role: account.role,
      scopeKind: account.scopeKind,
      scopeAreaId: account.scopeAreaId,
      staffId: account.staffId,
      isDemo: true,
      clueHandler: account.clueHandler ?? false,
    })
  }
  return accounts.map(({ username, password, displayName, role, scopeKind, scope }) => ({
    username,
    password,
    displayName,
    role,
    scopeKind,
    scope,
  }))
}

/** The demo accounts as the login page lists them; passwords are fixed, so they can be listed. */
export const demoPasswords: Record<string, string> = {
  leader: 'leader-demo',
  planner: 'planner-demo',
  supervisor: 'supervisor-demo',
  admin: 'admin-demo',
  handler: 'handler-demo',
  security: 'security-demo',
  auditor: 'auditor-demo',
  zone1: 'zone1-demo',
  grid2: 'grid2-demo',
  grid2b: 'grid2b-demo',
  member3: 'member3-demo',
  member3b: 'member3b-demo',
}
