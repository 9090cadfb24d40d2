// The application's database role on a server (issue 18, item 6): with
// GRIDWATCH_MIGRATION_DATABASE_URL the tables' owner migrates, and DATABASE_URL's role may run the
// whole application (here: seed the demo county, log in and out) but on the audit log only add and
// read rows — it cannot rewrite, delete or empty them, nor switch off the triggers that chain them.
import crypto from 'node:crypto'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { DatabaseConfigurationError, openDatabase, type Database } from '@gridwatch/db'
import { seedDemoIfEmpty } from '@gridwatch/api/demo/seed-demo.ts'
import { adminConnection, createDatabase } from '../support/server-databases.ts'
import { createTestApp, loginAs } from '../support/test-app.ts'

describe.runIf(inject('databaseRuntime') === 'postgres')('the application role on a PostgreSQL server', () => {
  const role = `gridwatch_app_${crypto.randomBytes(4).toString('hex')}`
  let created: Awaited<ReturnType<typeof createDatabase>>
  let ownerUrl: string
  let applicationUrl: string
  let database: Database

  beforeAll(async () => {
    const admin = adminConnection(inject('serverUrl'))
    await admin.unsafe(`CREATE ROLE ${role} LOGIN`)
    await admin.end()
    created = await createDatabase(inject('serverUrl'))
    ownerUrl = created.url
    const url = new URL(created.url)
    url.username = role
    applicationUrl = url.toString()
    database = await openDatabase({ databaseUrl: applicationUrl, migrationDatabaseUrl: ownerUrl })
  }, 120_000)

  afterAll(async () => {
    await database?.close()
    await created?.drop()
    const admin = adminConnection(inject('serverUrl'))
    await admin.unsafe(`DROP ROLE IF EXISTS ${role}`)
    await admin.end()
  })

  test('the application runs as its role: seeding, logging in and out are written and audited', async () => {
    const [who] = await database.rows<{ user: string }>(sql`SELECT current_user AS user`)
    expect(who!.user).toBe(role)
    await seedDemoIfEmpty(database)
    const { app } = createTestApp(database)
    const cookie = await loginAs(app, 'planner')
    expect(
      (
        await app.request('/api/auth/logout', {
          method: 'POST',
          headers: { cookie, 'content-type': 'application/json' },
        })
      ).status,
    ).toBe(204)
    const [logout] = await database.rows<{ count: number }>(
      sql`SELECT count(*)::int AS count FROM audit_log WHERE action = 'logout' AND username = 'planner'`,
    )
    expect(logout!.count).toBe(1)
  }, 180_000)

  test('on the audit log it may only add and read: no update, delete, truncate or switching off its triggers', async () => {
    const [before] = await database.rows<{ count: number }>(sql`SELECT count(*)::int AS count FROM audit_log`)
    for (const statement of [
      sql`UPDATE audit_log SET action = 'rewritten'`,
      sql`DELETE FROM audit_log`,
      sql`TRUNCATE audit_log`,
      sql`ALTER TABLE audit_log DISABLE TRIGGER ALL`,
      sql`DROP TRIGGER audit_log_chain ON audit_log`,
    ]) {
      const refusal = await database.rows(statement).then(
        () => null,
        (error: Error & { cause?: { code?: string } }) => error.cause?.code ?? (error as { code?: string }).code,
      )
      expect(refusal).toBe('42501')
    }
    const [after] = await database.rows<{ count: number }>(
      sql`SELECT count(*)::int AS count FROM audit_log WHERE action <> 'rewritten'`,
    )
    expect(after!.count).toBe(before!.count)
  })

  test('the owner is refused as the application role when migrations run apart', async () => {
    const refusal = await openDatabase({ databaseUrl: ownerUrl, migrationDatabaseUrl: ownerUrl }).catch(
      (error: Error) => error,
    )
    expect(refusal).toBeInstanceOf(DatabaseConfigurationError)
    expect((refusal as Error).message).toMatch(/must name another role/)
  })
})
