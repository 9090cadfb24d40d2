// Every route of the OpenAPI document with a path parameter, every method, called with ids that
// are not ids — words, negatives, zero, fractions, beyond 2³¹, NUL, SQL — by a leader and an
// administrator: the answer is a 4xx problem, never a 500 (issue 18 item 8). Refusals among them
// are audited, a NUL in the address written as U+FFFD.
import { describe, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { apiSuite } from '../support/api-suite.ts'
import { loginAs } from '../support/test-app.ts'

// One copy of the seeded database for the file: each test makes or finds its own data.
const suite = apiSuite()

const malformed = [
  'abc',
  '-1',
  '0',
  '1.5',
  '2147483648',
  '99999999999999999999',
  '1e3',
  '%00',
  "1'%20OR%20'1'='1",
  '%E4%B8%80',
]

describe('malformed path parameters on every route', () => {
  test('answer 4xx problem+json, never 5xx', async () => {
    const document = (await (await suite.app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>
    }
    const routes = Object.entries(document.paths)
      .filter(([path]) => path.includes('{') && path !== '/api/events')
      .flatMap(([path, methods]) =>
        Object.keys(methods)
          .filter((method) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
          .map((method) => ({ path, method })),
      )
    expect(routes.length).toBeGreaterThan(40)
    const failures: string[] = []
    for (const username of ['leader', 'admin']) {
      const cookie = await loginAs(suite.app, username)
      for (const { path, method } of routes)
        for (const value of malformed) {
          const url = path.replace(/\{[^}]+\}/g, value)
          const response = await suite.app.request(url, {
            method: method.toUpperCase(),
            headers: {
              cookie,
              ...(method === 'get' || method === 'delete' ? {} : { 'content-type': 'application/json' }),
            },
            ...(method === 'get' || method === 'delete' ? {} : { body: '{}' }),
          })
          const type = response.headers.get('content-type') ?? ''
          if (response.status >= 500 || (response.status >= 400 && !type.includes('problem+json')))
            failures.push(`${username} ${method.toUpperCase()} ${url} → ${response.status} ${type}`)
          await response.arrayBuffer()
        }
    }
    expect(failures).toEqual([])
    // The administrator was refused such addresses: each refusal has its audit row, the NUL included.
    const [audited] = await suite.database.rows<{ count: number }>(
      sql`select count(*)::int as count from audit_log where action = 'denied' and username = 'admin' and after ->> 'path' like ${'%\uFFFD%'}`,
    )
    expect(audited!.count).toBeGreaterThan(0)
  })
})
