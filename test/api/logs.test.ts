// Server logs as an operator reads them: JSON lines with the request id; nothing a request carries
// can forge a line; no session token, password, query string or SQL parameter value in them.
import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { createLogger } from '@gridwatch/api/platform/logger.ts'
import { hashToken } from '@gridwatch/api/auth/sessions.ts'
import { openSeededTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { createTestApp, jsonRequest, loginAs } from '../support/test-app.ts'

let testDatabase: TestDatabase
let written = ''
const logger = createLogger(
  new Writable({ write: (chunk: Buffer, _encoding, done) => ((written += chunk.toString()), done()) }),
  'info',
)
const lines = () => written.split('\n').filter(Boolean)

beforeAll(async () => {
  testDatabase = await openSeededTestDatabase()
})
afterAll(() => testDatabase.close())

describe('server logs', () => {
  test('one JSON line per request with its id, path without the query; a CR/LF in a field forges nothing', async () => {
    const { app } = createTestApp(testDatabase.database, { logger })
    written = ''
    const forged = 'x\r\n{"level":30,"msg":"request","path":"/api/admin","status":200}'
    const login = await app.request('/api/auth/login', {
      ...jsonRequest('POST', { username: forged, password: 'secret-password-1' }),
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-0001' },
    })
    expect(login.status).toBe(401)
    const cookie = await loginAs(app, 'planner')
    const search = await app.request('/api/institutions/search?q=%E5%BC%A0%E4%B8%89%E7%9A%84%E7%94%B5%E8%AF%9D', {
      headers: { cookie, 'x-request-id': 'evil id <script>' },
    })
    const requests = lines()
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.msg === 'request')
    expect(requests).toHaveLength(3)
    expect(requests[0]).toMatchObject({ requestId: 'req-0001', method: 'POST', path: '/api/auth/login', status: 401 })
    expect(requests[2]).toMatchObject({ path: '/api/institutions/search', status: search.status })
    expect(requests[2]!.requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(written).not.toContain('secret-password-1')
    expect(written).not.toContain('planner-demo')
    expect(written).not.toContain('张三')
    expect(written).not.toContain('%E5%BC%A0')
    expect(written).not.toContain(cookie.split('=')[1]!)
  })

  test('a failing query is logged with its SQL and error code, never its parameters (here a session token’s hash)', async () => {
    const { app } = createTestApp(testDatabase.database, { logger })
    const cookie = await loginAs(app, 'leader')
    const token = cookie.split('=')[1]!
    written = ''
    await testDatabase.database.rows(sql`ALTER TABLE sessions RENAME COLUMN last_seen_at TO seen_at`)
    try {
      const response = await app.request('/api/auth/me', { headers: { cookie } })
      expect(response.status).toBe(500)
      const { requestId } = (await response.json()) as { requestId: string }
      const failure = lines()
        .map(
          (line) =>
            JSON.parse(line) as {
              msg: string
              requestId: string
              err: { query?: string; code?: string; cause?: { code?: string } }
            },
        )
        .find((line) => line.msg === 'request failed')!
      expect(failure.requestId).toBe(requestId)
      expect(failure.err.query).toContain('FROM sessions')
      expect(failure.err.cause?.code ?? failure.err.code).toBe('42703')
      expect(written).not.toContain(hashToken(token))
      expect(written).not.toContain(token)
      expect(written).not.toContain('params')
    } finally {
      await testDatabase.database.rows(sql`ALTER TABLE sessions RENAME COLUMN seen_at TO last_seen_at`)
    }
  })
})
