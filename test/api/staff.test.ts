// Grid staff, their assignments (包联) and accounts on both runtimes: a level-2 member keeps the
// level-3 members of their own grid and hands an institution from one to another (the posters and
// the old member's scope follow at once); every attempt outside a role's level or scope is a 403
// that writes nothing; an administrator creates an account whose temporary password signs in,
// disables it (refused at its next request) and resets a password (old sessions and remembered
// OGC credentials end at once); a user changes their own password under the password rule.
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import type { Database } from '@gridwatch/db'
import { demoPasswords } from '@gridwatch/api/demo/demo-accounts.ts'
import { openSeededTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { createTestApp, loginAs } from '../support/test-app.ts'

let testDatabase: TestDatabase
let database: Database
let app: ReturnType<typeof createTestApp>['app']
const cookies = new Map<string, string>()

beforeEach(async () => {
  cookies.clear()
  testDatabase = await openSeededTestDatabase()
  database = testDatabase.database
  app = createTestApp(database).app
})
afterEach(() => testDatabase.close())

async function call<T = unknown>(
  username: string | null,
  method: string,
  path: string,
  body?: unknown,
  cookie?: string,
): Promise<{ status: number; body: T }> {
  if (username && !cookies.has(username)) cookies.set(username, await loginAs(app, username))
  const response = await app.request(path, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(cookie ? { cookie } : username ? { cookie: cookies.get(username)! } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await response.text()
  return {
    status: response.status,
    body: (text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T,
  }
}

async function login(username: string, password: string): Promise<{ status: number; cookie: string | null }> {
  const response = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  return { status: response.status, cookie: response.headers.get('set-cookie')?.split(';')[0] ?? null }
}

/** Rows of the tables a refused write must leave alone. */
async function fingerprint(): Promise<string> {
  const [row] = await database.rows<{ hash: string }>(sql`
    SELECT md5(
      (SELECT coalesce(string_agg(id || ':' || name || ':' || level || ':' || coalesce(area_id, 0), ',' ORDER BY id), '') FROM staff) || '|' ||
      (SELECT coalesce(string_agg(id || ':' || staff_id || ':' || coalesce(institution_id, 0) || ':' || coalesce(until::text, ''), ',' ORDER BY id), '') FROM assignments) || '|' ||
      (SELECT coalesce(string_agg(id || ':' || username || ':' || role || ':' || disabled || ':' || password_hash, ',' ORDER BY id), '') FROM users) || '|' ||
      (SELECT count(*) FROM audit_log WHERE action <> 'denied')) AS hash`)
  return row!.hash
}

interface Staff {
  id: number
  name: string
  level: number
  phone: string | null
  areaId: number | null
  username: string | null
  assignments: { id: number; target: string; gridId: number | null; institutionId: number | null }[]
}

const grids = async () => {
  const rows = await database.rows<{ id: number; name: string; parent_id: number }>(
    sql`SELECT id, name, parent_id FROM areas WHERE level = 'grid' AND name IN ('张湾镇', '天中街道', '黄店镇')`,
  )
  return Object.fromEntries(rows.map((row) => [row.name, row])) as unknown as Record<
    '张湾镇' | '天中街道' | '黄店镇',
    { id: number; parent_id: number }
  >
}

describe('staff and assignments (包联)', () => {
  test('a level-2 member adds a level-3 member to their grid and hands an institution over; posters and scopes follow; the rest is refused and writes nothing', async () => {
    const { 张湾镇: zhangwan, 黄店镇: huangdian } = await grids()
    // grid2 sees the staff of their own grid only, phones in full (level 2 calls them).
    const own = await call<Staff[]>('grid2', 'GET', '/api/staff')
    expect(own.status).toBe(200)
    expect(own.body.length).toBeGreaterThan(2)
    expect(own.body.every((member) => member.areaId === zhangwan.id)).toBe(true)
    expect(own.body.some((member) => member.phone && !member.phone.includes('*'))).toBe(true)
    // The bureau sees the county; the bureau's own staff (no area) among them.
    const all = await call<Staff[]>('admin', 'GET', '/api/staff')
    expect(all.body.length).toBeGreaterThan(own.body.length)
    expect(all.body.some((member) => member.areaId === null)).toBe(true)
    expect((await call('member3', 'GET', '/api/staff')).status).toBe(403)

    const before = await fingerprint()
    // Refused: a level-2 member keeps level 3 only, in their own grid; a level-3 member keeps nobody.
    expect(
      (
        await call('grid2', 'POST', '/api/staff', {
          name: '王新',
          level: 2,
          organisation: '张湾镇卫生院',
          areaId: zhangwan.id,
        })
      ).status,
    ).toBe(403)
    expect(
      (
        await call('grid2', 'POST', '/api/staff', {
          name: '王新',
          level: 3,
          organisation: '黄店镇卫生院',
          areaId: huangdian.id,
        })
      ).status,
    ).toBe(403)
    expect(
      (await call('grid2', 'POST', '/api/staff', { name: '王新', level: 3, organisation: '县医保局' })).status,
    ).toBe(403)
    expect(
      (
        await call('member3', 'POST', '/api/staff', {
          name: '王新',
          level: 3,
          organisation: '村委',
          areaId: zhangwan.id,
        })
      ).status,
    ).toBe(403)
    expect(
      (await call('grid2', 'POST', '/api/staff', { name: '', level: 3, organisation: '村委', areaId: zhangwan.id }))
        .status,
    ).toBe(400)
    expect(
      (await call('grid2', 'POST', '/api/staff', { name: '王新', level: 3, organisation: '村委', areaId: 999999 }))
        .status,
    ).toBe(400)
    expect(await fingerprint()).toBe(before)

    const created = await call<{ id: number }>('grid2', 'POST', '/api/staff', {
      name: '王新',
      level: 3,
      organisation: '张湾镇村两委',
      title: '村委委员',
      phone: '13800001111',
      areaId: zhangwan.id,
    })
    expect(created.status).toBe(201)
    const newcomer = created.body.id

    // A village clinic of the grid and its current level-3 member.
    const [clinic] = await database.rows<{ institution_id: number; staff_id: number; assignment_id: number }>(sql`
      SELECT a.institution_id, a.staff_id, a.id AS assignment_id FROM assignments a JOIN staff s ON s.id = a.staff_id JOIN institutions i ON i.id = a.institution_id
      WHERE a.until IS NULL AND s.level = 3 AND i.grid_id = ${zhangwan.id} ORDER BY a.id LIMIT 1`)
    const [elsewhere] = await database.rows<{ id: number }>(
      sql`SELECT id FROM institutions WHERE grid_id = ${huangdian.id} ORDER BY id LIMIT 1`,
    )
    const refusedBefore = await fingerprint()
    expect(
      (await call('grid2', 'POST', `/api/staff/${newcomer}/assignments`, { institutionId: elsewhere!.id })).status,
    ).toBe(403)
    expect((await call('grid2', 'POST', `/api/staff/${newcomer}/assignments`, { gridId: zhangwan.id })).status).toBe(
      400,
    )
    expect(
      (
        await call('grid2', 'POST', `/api/staff/${newcomer}/assignments`, {
          institutionId: clinic!.institution_id,
          gridId: zhangwan.id,
        })
      ).status,
    ).toBe(400)
    expect(
      (await call('grid2', 'POST', '/api/staff/99999/assignments', { institutionId: clinic!.institution_id })).status,
    ).toBe(404)
    expect(await fingerprint()).toBe(refusedBefore)

    const handed = await call<{ id: number; ended: number[] }>('grid2', 'POST', `/api/staff/${newcomer}/assignments`, {
      institutionId: clinic!.institution_id,
    })
    expect(handed.status).toBe(201)
    expect(handed.body.ended).toEqual([clinic!.assignment_id])
    expect(
      (await call('grid2', 'POST', `/api/staff/${newcomer}/assignments`, { institutionId: clinic!.institution_id }))
        .status,
    ).toBe(409)
    // The institution's poster names the new member; the old one's assignment has ended, kept in history.
    const posters = await call<{ posters: { institutionId: number; level3: { name: string; phone: string }[] }[] }>(
      'grid2',
      'GET',
      `/api/grids/${zhangwan.id}/posters`,
    )
    const poster = posters.body.posters.find((entry) => entry.institutionId === clinic!.institution_id)!
    expect(poster.level3).toEqual([{ name: '王新', phone: '13800001111' }])
    const [old] = await database.rows<{ until: string | null }>(
      sql`SELECT until::text FROM assignments WHERE id = ${clinic!.assignment_id}`,
    )
    expect(old!.until).not.toBeNull()
    const audit = await database.rows<{ action: string; entity: string }>(
      sql`SELECT action, entity FROM audit_log WHERE entity IN ('staff', 'assignment') ORDER BY id`,
    )
    expect(audit).toEqual([
      { action: 'create', entity: 'staff' },
      { action: 'assign', entity: 'assignment' },
    ])

    // Ending it leaves the institution to nobody: it is listed as an open task until someone is assigned.
    expect((await call('grid2', 'POST', `/api/assignments/${handed.body.id}/end`)).status).toBe(204)
    const open = await call<{ id: number }[]>('grid2', 'GET', '/api/assignments/unassigned-institutions')
    expect(open.body.map((entry) => entry.id)).toEqual([clinic!.institution_id])
    expect((await call('grid2', 'POST', `/api/assignments/${handed.body.id}/end`)).status).toBe(404)
    expect(
      (
        await call('grid2', 'POST', `/api/staff/${clinic!.staff_id}/assignments`, {
          institutionId: clinic!.institution_id,
        })
      ).status,
    ).toBe(201)
    expect((await call<unknown[]>('grid2', 'GET', '/api/assignments/unassigned-institutions')).body).toEqual([])

    // Editing a record: the phone; a level change while holding assignments is refused.
    expect((await call('grid2', 'PATCH', `/api/staff/${newcomer}`, { phone: '13800002222' })).status).toBe(204)
    const [saved] = await database.rows<{ phone: string; title: string }>(
      sql`SELECT phone, title FROM staff WHERE id = ${newcomer}`,
    )
    expect(saved).toEqual({ phone: '13800002222', title: '村委委员' })
    expect((await call('grid2', 'PATCH', `/api/staff/${clinic!.staff_id}`, { level: 2 })).status).toBe(403)
    expect((await call('admin', 'PATCH', `/api/staff/${clinic!.staff_id}`, { level: 2 })).status).toBe(409)
  })

  test('a handover moves the institution out of the old level-3 member’s scope at their next request', async () => {
    const [member] = await database.rows<{ staff_id: number }>(
      sql`SELECT staff_id FROM users WHERE username = 'member3'`,
    )
    const [institution] = await database.rows<{ institution_id: number; grid_id: number }>(sql`
      SELECT institution_id, grid_id FROM assignments WHERE staff_id = ${member!.staff_id} AND until IS NULL AND institution_id IS NOT NULL ORDER BY id LIMIT 1`)
    const mine = async () =>
      (
        await call<{ features: { properties: { id: number } }[] }>('member3', 'GET', '/api/me/institutions')
      ).body.features.map((feature) => feature.properties.id)
    expect(await mine()).toContain(institution!.institution_id)
    const [other] = await database.rows<{ id: number }>(sql`
      SELECT s.id FROM staff s JOIN assignments a ON a.staff_id = s.id WHERE s.level = 3 AND a.grid_id = ${institution!.grid_id} AND s.id <> ${member!.staff_id} AND a.until IS NULL LIMIT 1`)
    expect(
      (
        await call('grid2b', 'POST', `/api/staff/${other!.id}/assignments`, {
          institutionId: institution!.institution_id,
        })
      ).status,
    ).toBe(201)
    expect(await mine()).not.toContain(institution!.institution_id)
    expect((await call('member3', 'GET', `/api/institutions/${institution!.institution_id}`)).status).toBe(404)
  })

  test('a level-1 member answers for a zone; a level-1 record is the bureau’s to keep', async () => {
    const { 张湾镇: zhangwan } = await grids()
    const [leader] = await database.rows<{ id: number }>(
      sql`SELECT s.id FROM staff s WHERE s.level = 1 AND s.area_id = ${zhangwan.id} LIMIT 1`,
    )
    expect(
      (await call('zone1', 'POST', `/api/staff/${leader!.id}/assignments`, { zoneId: zhangwan.parent_id })).status,
    ).toBe(403)
    expect((await call('admin', 'POST', `/api/staff/${leader!.id}/assignments`, { institutionId: 1 })).status).toBe(400)
    expect((await call('admin', 'POST', `/api/staff/${leader!.id}/assignments`, { zoneId: zhangwan.id })).status).toBe(
      400,
    )
    const assigned = await call('admin', 'POST', `/api/staff/${leader!.id}/assignments`, { zoneId: zhangwan.parent_id })
    expect(assigned.status).toBe(201)
    const list = await call<Staff[]>('admin', 'GET', `/api/staff?level=1`)
    expect(
      list.body.find((member) => member.id === leader!.id)!.assignments.some((entry) => entry.target === 'zone'),
    ).toBe(true)
  })
})

describe('accounts', () => {
  test('an administrator creates an account whose temporary password signs in; bad settings are refused and write nothing; only administrators manage accounts', async () => {
    const { 张湾镇: zhangwan } = await grids()
    const [level3] = await database.rows<{ id: number }>(
      sql`SELECT id FROM staff WHERE level = 3 AND area_id = ${zhangwan.id} AND id NOT IN (SELECT staff_id FROM users WHERE staff_id IS NOT NULL) LIMIT 1`,
    )
    const [level2] = await database.rows<{ id: number }>(
      sql`SELECT id FROM staff WHERE level = 2 AND area_id = ${zhangwan.id} LIMIT 1`,
    )
    for (const username of ['leader', 'zone1', 'admin']) cookies.set(username, await loginAs(app, username))
    const before = await fingerprint()
    for (const [username, body] of [
      ['leader', { username: 'wangxin', displayName: '王新', role: 'grid_member_3', staffId: level3!.id }],
      ['zone1', { username: 'wangxin', displayName: '王新', role: 'grid_member_3', staffId: level3!.id }],
    ] as const)
      expect((await call(username, 'POST', '/api/users', body)).status).toBe(403)
    for (const body of [
      { username: 'wangxin', displayName: '王新', role: 'grid_member_3' },
      { username: 'wangxin', displayName: '王新', role: 'grid_member_3', staffId: level2!.id },
      { username: 'wangxin', displayName: '王新', role: 'grid_member_2' },
      { username: 'wangxin', displayName: '王新', role: 'grid_member_2', scopeAreaId: zhangwan.parent_id },
      { username: 'wangxin', displayName: '王新', role: 'planner', scopeAreaId: zhangwan.id },
      { username: 'wangxin', displayName: '王新', role: 'planner', clueHandler: true },
      { username: 'Wang Xin', displayName: '王新', role: 'planner' },
      { username: 'wangxin', displayName: '王新', role: 'root' },
    ])
      expect((await call('admin', 'POST', '/api/users', body)).status, JSON.stringify(body)).toBe(400)
    expect(
      (await call('admin', 'POST', '/api/users', { username: 'grid2', displayName: '重名', role: 'planner' })).status,
    ).toBe(409)
    expect(await fingerprint()).toBe(before)

    const created = await call<{ id: number; temporaryPassword: string }>('admin', 'POST', '/api/users', {
      username: 'wangxin',
      displayName: '王新',
      role: 'grid_member_3',
      staffId: level3!.id,
    })
    expect(created.status).toBe(201)
    expect(created.body.temporaryPassword).toMatch(/^[\w]{4}-[\w]{4}-[\w]{4}-[\w]{4}$/)
    // 三员分立: the account waits for the security administrator's grant; only they enable it,
    // change what it may see or reset it, and they neither open nor rename accounts.
    expect((await login('wangxin', created.body.temporaryPassword)).status).toBe(401)
    cookies.set('security', await loginAs(app, 'security'))
    const granting = await fingerprint()
    expect((await call('admin', 'PATCH', `/api/users/${created.body.id}`, { disabled: false })).status).toBe(403)
    expect(
      (await call('admin', 'PATCH', `/api/users/${created.body.id}`, { staffId: null, role: 'planner' })).status,
    ).toBe(403)
    expect((await call('admin', 'POST', `/api/users/${created.body.id}/password`)).status).toBe(403)
    expect(
      (await call('security', 'POST', '/api/users', { username: 'lisi', displayName: '李四', role: 'planner' })).status,
    ).toBe(403)
    expect((await call('security', 'PATCH', `/api/users/${created.body.id}`, { displayName: '王鑫' })).status).toBe(403)
    for (const path of ['/api/map/institutions', '/api/institutions?limit=1', '/api/wall/summary'])
      expect((await call('security', 'GET', path)).status, path).toBe(403)
    expect(await fingerprint()).toBe(granting)
    expect((await call('security', 'PATCH', `/api/users/${created.body.id}`, { disabled: false })).status).toBe(204)
    const signedIn = await login('wangxin', created.body.temporaryPassword)
    expect(signedIn.status).toBe(200)
    const me = await call<{ role: string; scopeKind: string }>(null, 'GET', '/api/auth/me', undefined, signedIn.cookie!)
    expect(me.body).toMatchObject({ role: 'grid_member_3', scopeKind: 'own_institutions' })
    const listed = await call<{ username: string; staffId: number; lastLoginAt: string | null }[]>(
      'admin',
      'GET',
      '/api/users',
    )
    expect(listed.body.find((account) => account.username === 'wangxin')).toMatchObject({ staffId: level3!.id })
    expect(listed.body.find((account) => account.username === 'wangxin')!.lastLoginAt).not.toBeNull()
    const [audit] = await database.rows<{ after: string }>(
      sql`SELECT after::text FROM audit_log WHERE entity = 'user' AND action = 'create'`,
    )
    expect(audit!.after).not.toContain(created.body.temporaryPassword)
  })

  test('a disabled account is refused at its next request and cannot sign in; enabled again it can', async () => {
    const session = await loginAs(app, 'grid2')
    const [grid2] = await database.rows<{ id: number }>(sql`SELECT id FROM users WHERE username = 'grid2'`)
    expect((await call(null, 'GET', '/api/auth/me', undefined, session)).status).toBe(200)
    expect((await call('admin', 'PATCH', `/api/users/${grid2!.id}`, { disabled: true })).status).toBe(204)
    expect((await call(null, 'GET', '/api/auth/me', undefined, session)).status).toBe(401)
    expect((await login('grid2', demoPasswords.grid2!)).status).toBe(401)
    const [admin] = await database.rows<{ id: number }>(sql`SELECT id FROM users WHERE username = 'admin'`)
    expect((await call('admin', 'PATCH', `/api/users/${admin!.id}`, { disabled: true })).status).toBe(409)
    expect((await call('admin', 'PATCH', `/api/users/${grid2!.id}`, { disabled: false })).status).toBe(403)
    expect((await call('security', 'PATCH', `/api/users/${grid2!.id}`, { disabled: false })).status).toBe(204)
    expect((await login('grid2', demoPasswords.grid2!)).status).toBe(200)
    const actions = await database.rows<{ action: string }>(
      sql`SELECT action FROM audit_log WHERE entity = 'user' AND entity_id = ${String(grid2!.id)} AND action IN ('disable', 'enable') ORDER BY id`,
    )
    expect(actions.map((row) => row.action)).toEqual(['disable', 'enable'])
  })

  test('a reset password ends every session and remembered OGC credential at once; a user changes their own under the rule', async () => {
    const { app: production } = createTestApp(database, { mode: 'production' })
    const basic = (password: string) => ({
      authorization: `Basic ${Buffer.from(`planner:${password}`).toString('base64')}`,
    })
    expect(
      (await production.request('/ogc/collections/grids/items', { headers: basic(demoPasswords.planner!) })).status,
    ).toBe(200)
    const session = await loginAs(app, 'planner')
    const [planner] = await database.rows<{ id: number }>(sql`SELECT id FROM users WHERE username = 'planner'`)
    const reset = await call<{ temporaryPassword: string }>('security', 'POST', `/api/users/${planner!.id}/password`)
    expect(reset.status).toBe(200)
    expect((await call(null, 'GET', '/api/auth/me', undefined, session)).status).toBe(401)
    expect(
      (await production.request('/ogc/collections/grids/items', { headers: basic(demoPasswords.planner!) })).status,
    ).toBe(401)
    expect((await login('planner', demoPasswords.planner!)).status).toBe(401)
    const first = await login('planner', reset.body.temporaryPassword)
    const second = await login('planner', reset.body.temporaryPassword)
    expect(first.status).toBe(200)

    const change = (body: unknown) => call(null, 'POST', '/api/auth/password', body, first.cookie!)
    const before = await fingerprint()
    expect((await change({ currentPassword: 'wrong', newPassword: 'Dingtao-2026!' })).status).toBe(400)
    expect((await change({ currentPassword: reset.body.temporaryPassword, newPassword: 'short1' })).status).toBe(400)
    expect(
      (await change({ currentPassword: reset.body.temporaryPassword, newPassword: 'onlyletterslong' })).status,
    ).toBe(400)
    expect(
      (await change({ currentPassword: reset.body.temporaryPassword, newPassword: 'planner-2026-x' })).status,
    ).toBe(400)
    expect(await fingerprint()).toBe(before)
    expect((await change({ currentPassword: reset.body.temporaryPassword, newPassword: 'Dingtao-2026!' })).status).toBe(
      204,
    )
    // This session goes on; the other one has ended.
    expect((await call(null, 'GET', '/api/auth/me', undefined, first.cookie!)).status).toBe(200)
    expect((await call(null, 'GET', '/api/auth/me', undefined, second.cookie!)).status).toBe(401)
    expect((await login('planner', 'Dingtao-2026!')).status).toBe(200)
  })
})
