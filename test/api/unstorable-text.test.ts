// A NUL character in text (issue 18, item 8) is the request's fault: 400 problem+json, nothing
// written — never a 500. Sent where free text goes into the database: an inspection's note and a
// staff member's name.
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import type { Database } from '@gridwatch/db'
import { openSeededTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { createTestApp, jsonRequest, loginAs } from '../support/test-app.ts'
import { inspectionBody } from '../support/inspection-body.ts'

let testDatabase: TestDatabase
let database: Database
let app: ReturnType<typeof createTestApp>['app']

beforeEach(async () => {
  testDatabase = await openSeededTestDatabase()
  database = testDatabase.database
  app = createTestApp(database).app
})
afterEach(() => testDatabase.close())

describe('text the database cannot hold', () => {
  test('a NUL in an inspection note or a staff name is a 400 problem and writes nothing', async () => {
    const member = await loginAs(app, 'member3')
    const admin = await loginAs(app, 'admin')
    const [target] = await database.rows<{ id: number; lon: number; lat: number }>(sql`
      SELECT i.id, ST_X(i.position) AS lon, ST_Y(i.position) AS lat FROM institutions i JOIN assignments a ON a.institution_id = i.id JOIN users u ON u.staff_id = a.staff_id
      WHERE u.username = 'member3' AND a.until IS NULL ORDER BY i.id LIMIT 1`)
    const [before] = await database.rows<{ n: string }>(
      sql`SELECT (SELECT count(*) FROM inspections) || ':' || (SELECT count(*) FROM staff) || ':' || (SELECT count(*) FROM audit_log WHERE action NOT IN ('login', 'denied')) AS n`,
    )
    const inspection = await app.request(
      '/api/inspections',
      jsonRequest(
        'POST',
        inspectionBody(target!.id, [target!.lon, target!.lat], { note: 'before\u0000after' }),
        member,
      ),
    )
    expect(inspection.status).toBe(400)
    expect(inspection.headers.get('content-type')).toContain('problem+json')
    expect(((await inspection.json()) as { detail: string }).detail).toContain('NUL')
    const staff = await app.request(
      '/api/staff',
      jsonRequest('POST', { name: '张\u0000三', level: 3, phone: '13900000000', areaId: null }, admin),
    )
    expect([400, 422]).toContain(staff.status)
    const [after] = await database.rows<{ n: string }>(
      sql`SELECT (SELECT count(*) FROM inspections) || ':' || (SELECT count(*) FROM staff) || ':' || (SELECT count(*) FROM audit_log WHERE action NOT IN ('login', 'denied')) AS n`,
    )
    expect(after!.n).toBe(before!.n)
  })
})
