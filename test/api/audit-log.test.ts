// Separation of duties (三员分立, issue 18 item 6): only the audit administrator reads the audit log
// — filtered, a page at a time, exported as .xlsx (the export audited too) and with its hash chain
// checked — and reads nothing else; the system administrator can neither read the log nor make,
// change or reset an audit administrator's account (`pnpm auditor` on the server does). Every
// refusal (403) of a signed-in user is an audit row.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, inject, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { openDatabase } from '@gridwatch/db'
import { openSeededTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { createTestApp, jsonRequest, loginAs } from '../support/test-app.ts'
import { seededDataDirectory } from '../support/pglite-data-directory.ts'

let testDatabase: TestDatabase
let app: ReturnType<typeof createTestApp>['app']
let auditor: string

interface AuditPage {
  entries: {
    id: number
    at: string
    username: string | null
    action: string
    entity: string
    after: { username?: string } | null
  }[]
  next: number | null
}

// Each test on its own database: tests run in random order, and one disables the auditor.
beforeEach(async () => {
  testDatabase = await openSeededTestDatabase()
  app = createTestApp(testDatabase.database).app
  for (const username of ['leader', 'planner', 'zone1']) await loginAs(app, username)
  await app.request('/api/auth/login', jsonRequest('POST', { username: 'planner', password: 'a-wrong-one' }))
  auditor = await loginAs(app, 'auditor')
})
afterEach(() => testDatabase.close())

const read = async (query: string) => {
  const response = await app.request(`/api/audit${query}`, { headers: { cookie: auditor } })
  expect(response.status, await response.clone().text()).toBe(200)
  return (await response.json()) as AuditPage
}

describe('the audit log for the audit administrator', () => {
  test('filtered by username and action, newest first, a page at a time', async () => {
    const planner = await read('?username=planner')
    expect(planner.entries.map((entry) => entry.action)).toEqual(['login-failed', 'login'])
    // A failed login has no user: it is found, and shown, by the name tried.
    expect(planner.entries[0]!.username).toBe('planner')

    const logins = await read('?action=login')
    expect(logins.entries.map((entry) => entry.username)).toEqual(['auditor', 'zone1', 'planner', 'leader'])
    const first = await read('?action=login&limit=3')
    expect(first.entries).toHaveLength(3)
    const second = await read(`?action=login&limit=3&before=${first.next}`)
    expect(second.entries.map((entry) => entry.username)).toEqual(['leader'])
    expect(second.next).toBeNull()

    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
    expect((await read(`?from=${today}&to=${today}&action=login`)).entries).toHaveLength(4)
    expect((await read('?from=2020-01-01&to=2020-01-31')).entries).toHaveLength(0)
    const backwards = await app.request('/api/audit?from=2020-02-01&to=2020-01-01', { headers: { cookie: auditor } })
    expect(backwards.status).toBe(400)

    const choices = (await (await app.request('/api/audit/choices', { headers: { cookie: auditor } })).json()) as {
      actions: string[]
    }
    expect(choices.actions).toEqual(expect.arrayContaining(['login', 'login-failed']))
  })

  test('exports the filter as .xlsx, and the export is itself in the log', async () => {
    const response = await app.request('/api/audit/export?action=login', { headers: { cookie: auditor } })
    expect(response.status).toBe(200)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never)
    const sheet = workbook.getWorksheet('审计日志')!
    expect(sheet.getRow(1).values).toEqual(expect.arrayContaining(['时间', '账号', '操作']))
    const usernames = sheet.getColumn(3).values.slice(2)
    expect(usernames).toEqual(['auditor', 'zone1', 'planner', 'leader'])
    const exported = await read('?action=export')
    expect(exported.entries[0]).toMatchObject({
      username: 'auditor',
      entity: 'audit_log',
      after: { action: 'login', rows: 4 },
    })
  })

  test('the hash chain is checked on request', async () => {
    const chain = (await (await app.request('/api/audit/chain', { headers: { cookie: auditor } })).json()) as {
      rows: number
      firstBroken: unknown
    }
    expect(chain.firstBroken).toBeNull()
    expect(chain.rows).toBe(5)
  })

  test('nobody else reads it, and the audit administrator reads nothing else', async () => {
    for (const username of ['admin', 'leader', 'supervisor']) {
      const cookie = await loginAs(app, username)
      expect((await app.request('/api/audit', { headers: { cookie } })).status, username).toBe(403)
      expect((await app.request('/api/audit/export', { headers: { cookie } })).status, username).toBe(403)
    }
    // Each refusal is itself audited, and phrased for the web to word (您的角色……不能查看审计日志).
    const refused = await app.request('/api/audit?action=login', { headers: { cookie: await loginAs(app, 'leader') } })
    expect(await refused.json()).toMatchObject({
      status: 403,
      key: 'not-allowed',
      params: { role: 'leader', action: 'audit-read' },
    })
    const denials = (await read('?action=denied')).entries
    expect(denials.map((entry) => entry.username)).toEqual([
      'leader',
      'supervisor',
      'supervisor',
      'leader',
      'leader',
      'admin',
      'admin',
    ])
    expect(denials[0]!.after).toMatchObject({
      method: 'GET',
      path: '/api/audit',
      detail: 'only the audit administrator reads the audit log',
    })
    for (const path of [
      '/api/institutions?limit=1',
      '/api/map/institutions',
      '/api/wall/summary',
      '/api/users',
      '/api/risk-reports',
    ])
      expect((await app.request(path, { headers: { cookie: auditor } })).status, path).toBe(403)
    expect((await app.request('/api/auth/me', { headers: { cookie: auditor } })).status).toBe(200)
  })

  test('neither the system nor the security administrator makes, changes, resets or disables an audit administrator (only the console does)', async () => {
    const admin = await loginAs(app, 'admin')
    const security = await loginAs(app, 'security')
    const created = await app.request(
      '/api/users',
      jsonRequest('POST', { username: 'auditor2', displayName: '审计', role: 'auditor' }, admin),
    )
    expect(created.status).toBe(403)
    expect(((await created.json()) as { detail: string }).detail).toContain('separation of duties')
    const [row] = await testDatabase.database.rows<{ id: number }>(sql`SELECT id FROM users WHERE username = 'auditor'`)
    const [leader] = await testDatabase.database.rows<{ id: number }>(
      sql`SELECT id FROM users WHERE username = 'leader'`,
    )
    for (const officer of [admin, security]) {
      expect((await app.request(`/api/users/${row!.id}/password`, jsonRequest('POST', {}, officer))).status).toBe(403)
      expect(
        (await app.request(`/api/users/${row!.id}/second-factor/reset`, jsonRequest('POST', {}, officer))).status,
      ).toBe(403)
      expect(
        (await app.request(`/api/users/${row!.id}`, jsonRequest('PATCH', { role: 'admin' }, officer))).status,
      ).toBe(403)
      expect(
        (await app.request(`/api/users/${leader!.id}`, jsonRequest('PATCH', { role: 'auditor' }, officer))).status,
      ).toBe(403)
      expect(
        (await app.request(`/api/users/${leader!.id}`, jsonRequest('PATCH', { role: 'security' }, officer))).status,
      ).toBe(403)
    }
    expect(
      (
        await app.request(
          '/api/users',
          jsonRequest('POST', { username: 'security2', displayName: '安全', role: 'security' }, admin),
        )
      ).status,
    ).toBe(403)
    const [unchanged] = await testDatabase.database.rows<{ role: string }>(
      sql`SELECT role FROM users WHERE id = ${leader!.id}`,
    )
    expect(unchanged!.role).toBe('leader')
    // Disabling an officer is out of reach too (三员分立 covers it): the audit administrator keeps working.
    for (const officer of [admin, security])
      expect(
        (await app.request(`/api/users/${row!.id}`, jsonRequest('PATCH', { disabled: true }, officer))).status,
      ).toBe(403)
    const [still] = await testDatabase.database.rows<{ disabled: boolean }>(
      sql`SELECT disabled FROM users WHERE id = ${row!.id}`,
    )
    expect(still!.disabled).toBe(false)
    expect((await app.request('/api/audit', { headers: { cookie: auditor } })).status).toBe(200)
    const [securityRow] = await testDatabase.database.rows<{ id: number }>(
      sql`SELECT id FROM users WHERE username = 'security'`,
    )
    expect(
      (await app.request(`/api/users/${securityRow!.id}`, jsonRequest('PATCH', { disabled: true }, admin))).status,
    ).toBe(403)
  })
})

describe.skipIf(inject('databaseRuntime') !== 'pglite')('pnpm officer', () => {
  test('makes an audit and a security administrator on the server and resets one; all audited', async () => {
    const data = await seededDataDirectory()
    try {
      const run = (...args: string[]) =>
        promisify(execFile)('npx', ['tsx', 'api/src/users/officer-main.ts', ...args], {
          env: { ...process.env, DATABASE_URL: '', GRIDWATCH_DATA_DIR: data.directory },
        })
      const created = await run('create', 'audit.wang', '王', '审计', '--role', 'auditor')
      await run('create', 'security.li', '李', '安全', '--role', 'security')
      const password = /temporary password (\S+)/.exec(created.stdout)![1]!
      const reset = await run('reset', 'audit.wang')
      const second = /temporary password (\S+)/.exec(reset.stdout)![1]!
      expect(second).not.toBe(password)
      const refused = await run('reset', 'planner').then(
        () => null,
        (error: { code: number; stderr: string }) => error,
      )
      expect(refused?.code).toBe(1)
      expect(refused?.stderr).toContain('not a security or audit administrator')

      const database = await openDatabase({ dataDirectory: data.directory })
      try {
        const made = await database.rows<{ role: string; display_name: string }>(
          sql`SELECT role, display_name FROM users WHERE username IN ('audit.wang', 'security.li') ORDER BY username`,
        )
        expect(made).toEqual([
          { role: 'auditor', display_name: '王 审计' },
          { role: 'security', display_name: '李 安全' },
        ])
        const audited = await database.rows<{ action: string; request_id: string }>(
          sql`SELECT action, request_id FROM audit_log WHERE entity = 'user' AND action IN ('create', 'reset-password') ORDER BY id`,
        )
        expect(audited).toEqual([
          { action: 'create', request_id: 'pnpm-officer' },
          { action: 'create', request_id: 'pnpm-officer' },
          { action: 'reset-password', request_id: 'pnpm-officer' },
        ])
        const app = createTestApp(database).app
        const login = await app.request(
          '/api/auth/login',
          jsonRequest('POST', { username: 'audit.wang', password: second }),
        )
        expect(login.status).toBe(200)
      } finally {
        await database.close()
      }
    } finally {
      data.remove()
    }
  }, 240_000)
})
