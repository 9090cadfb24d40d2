// The embedded runtime counts writes by the statements it is sent (db/src/pglite-thread.ts): a
// statement with INSERT, UPDATE, DELETE… counts, a plain SELECT does not, and the session cache and
// the map layer skip re-reading while the count stands still. A SELECT calling a function of ours
// that writes would change data without counting. None may exist: every function of gridwatch's own
// (not PostGIS's) that writes is a trigger function, run only by a statement that is counted.
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { openSeededTestDatabase, type TestDatabase } from '../support/test-database.ts'

let opened: TestDatabase
beforeAll(async () => {
  opened = await openSeededTestDatabase()
})
afterAll(() => opened?.close())

test("every function of gridwatch's own that writes data is a trigger function", async () => {
  const functions = await opened.database.rows<{ name: string; returns: string; body: string }>(sql`
    SELECT p.proname AS name, format_type(p.prorettype, NULL) AS returns, p.prosrc AS body
    FROM pg_proc p
    JOIN pg_namespace n ON n.oid = p.pronamespace
    JOIN pg_language l ON l.oid = p.prolang
    WHERE n.nspname = 'public' AND l.lanname IN ('plpgsql', 'sql')
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')`)
  // The check reads something: gridwatch has trigger functions of its own (the audit log's guard among them).
  expect(functions.filter((entry) => entry.returns === 'trigger').length).toBeGreaterThan(0)
  const writing = /\b(insert|update|delete|truncate|merge)\b/i
  const writingNonTriggers = functions
    .filter((entry) => entry.returns !== 'trigger' && writing.test(entry.body))
    .map((entry) => entry.name)
  expect(writingNonTriggers).toEqual([])
})

test.runIf(inject('databaseRuntime') === 'pglite')(
  'on the embedded runtime a write is counted and a read is not',
  async () => {
    const { database } = opened
    const before = database.changes!()
    await database.rows(sql`SELECT count(*) FROM institutions`)
    expect(database.changes!()).toBe(before)
    await database.write((transaction) =>
      database.rows(
        sql`UPDATE institutions SET name = name WHERE id = (SELECT min(id) FROM institutions)`,
        transaction,
      ),
    )
    expect(database.changes!()).toBeGreaterThan(before)
  },
)
