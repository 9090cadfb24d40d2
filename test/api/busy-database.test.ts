// Light requests while the database is busy (issue 18, item 1). The embedded database runs on its
// own thread (db/src/pglite-thread.ts): a long query there must not hold up /api/health, who is
// signed in, or the cached map layers, which are answered from what this process already knows —
// and what it knows must be dropped the moment anything is written. Checked by order, not by time:
// the light answers arrive while a three-second query is still running. Both runtimes.
import { describe, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { apiSuite } from '../support/api-suite.ts'
import { loginAs } from '../support/test-app.ts'

// One copy of the seeded database for the file: each test makes or finds its own data.
const suite = apiSuite()

describe('a busy database', () => {
  test('health, the signed-in user and the cached layers answer while a long query runs', async () => {
    const cookie = await loginAs(suite.app, 'planner')
    const light = [
      '/api/health',
      '/api/auth/me',
      '/api/map/institutions',
      '/api/areas?level=grid',
      '/api/areas?level=zone',
    ]
    for (const path of light) expect((await suite.app.request(path, { headers: { cookie } })).status, path).toBe(200)

    let longQueryDone = false
    const longQuery = suite.database.rows(sql`SELECT pg_sleep(3)`).then(() => (longQueryDone = true))
    // The long query has been handed to the database before the light requests start.
    await new Promise((resolve) => setTimeout(resolve, 100))
    for (const path of light) {
      const response = await suite.app.request(path, { headers: { cookie } })
      expect(response.status, path).toBe(200)
      await response.arrayBuffer()
      expect(longQueryDone, `${path} waited for the long query`).toBe(false)
    }
    expect(((await (await suite.app.request('/api/health')).json()) as { postgis: string }).postgis).toMatch(/^3\./)
    await longQuery
  }, 60_000)

  test('a session known to the process ends at once when it is ended or its account disabled, from the API or not', async () => {
    const planner = await loginAs(suite.app, 'planner')
    expect((await suite.app.request('/api/auth/me', { headers: { cookie: planner } })).status).toBe(200)
    expect(
      (
        await suite.app.request('/api/auth/logout', {
          method: 'POST',
          headers: { cookie: planner, 'content-type': 'application/json' },
        })
      ).status,
    ).toBe(204)
    expect((await suite.app.request('/api/auth/me', { headers: { cookie: planner } })).status).toBe(401)

    const leader = await loginAs(suite.app, 'leader')
    expect((await suite.app.request('/api/auth/me', { headers: { cookie: leader } })).status).toBe(200)
    // Written beside the application (as a migration or a maintenance script would): still seen.
    await suite.database.rows(sql`UPDATE users SET disabled = true WHERE username = 'leader'`)
    expect((await suite.app.request('/api/auth/me', { headers: { cookie: leader } })).status).toBe(401)
  })

  test('what a signed-in user may see follows a change of their scope at once', async () => {
    const member = await loginAs(suite.app, 'grid2')
    const before = (await (await suite.app.request('/api/auth/me', { headers: { cookie: member } })).json()) as {
      scopeAreaId: number | null
    }
    const [other] = await suite.database.rows<{ id: number }>(
      sql`SELECT id FROM areas WHERE level = 'grid' AND id <> ${before.scopeAreaId} AND boundary_version_id IS NOT NULL ORDER BY id LIMIT 1`,
    )
    await suite.database.write((transaction) =>
      suite.database.rows(sql`UPDATE users SET scope_area_id = ${other!.id} WHERE username = 'grid2'`, transaction),
    )
    const after = (await (await suite.app.request('/api/auth/me', { headers: { cookie: member } })).json()) as {
      scopeAreaId: number | null
    }
    expect(after.scopeAreaId).toBe(other!.id)
  })
})
