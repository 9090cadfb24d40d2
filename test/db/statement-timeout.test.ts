// On a PostgreSQL server a statement that runs past the configured time is cancelled: no request
// holds a connection for long. Here a lock another session holds makes the app's read wait; the
// server cancels it and the API answers 503 problem+json, and the next request works.
import { describe, expect, test } from 'vitest'
import { inject } from 'vitest'
import postgres from 'postgres'
import { sql } from 'drizzle-orm'
import { openDatabase } from '@gridwatch/db'
import { createDatabase } from '../support/server-databases.ts'
import { createTestApp, jsonRequest } from '../support/test-app.ts'

describe.skipIf(inject('databaseRuntime') !== 'postgres')('statement timeout on a PostgreSQL server', () => {
  test('a statement waiting past the limit is cancelled: 503 problem, nothing held; the next request is answered', async () => {
    const created = await createDatabase(inject('serverUrl'), inject('templateDatabase'))
    const database = await openDatabase({ databaseUrl: created.url, statementTimeoutMs: 500 })
    const locker = postgres(created.url, { max: 1, onnotice: () => {} })
    try {
      await expect(database.rows(sql`SELECT pg_sleep(2)`)).rejects.toMatchObject({ cause: { code: '57014' } })
      const { app } = createTestApp(database)
      const [zone] = await database.rows<{ id: number }>(
        sql`SELECT id FROM areas WHERE level = 'zone' ORDER BY id LIMIT 1`,
      )
      const body = { zoneIds: [zone!.id] }
      await app.request('/api/institutions/within', jsonRequest('POST', body))
      // Another session holds the institutions table while the app reads it.
      const held = locker.begin(async (transaction) => {
        await transaction`LOCK TABLE institutions IN ACCESS EXCLUSIVE MODE`
        await transaction`SELECT pg_sleep(3)`
      })
      await new Promise((resolve) => setTimeout(resolve, 200))
      // Without the limit it would wait for the lock and answer 200; with it, the server cancels.
      const response = await app.request('/api/institutions/within', jsonRequest('POST', body))
      expect(response.status).toBe(503)
      expect(response.headers.get('content-type')).toContain('application/problem+json')
      expect(((await response.json()) as { type: string }).type).toBe('/api/problems/too-slow')
      await held
      expect((await app.request('/api/institutions/within', jsonRequest('POST', body))).status).toBe(200)
    } finally {
      await locker.end()
      await database.close()
      await created.drop()
    }
  })
})
