// The PostgreSQL server runtime: migrations applied once when two processes start together, the
// demo seeded once, and clear messages for a server without PostGIS or no server at all.
import { describe, expect, inject, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'
import { DatabaseConfigurationError, openDatabase, readMigrations } from '@gridwatch/db'
import { seedDemoIfEmpty } from '@gridwatch/api/demo/seed-demo.ts'
import { createDatabase } from '../support/server-databases.ts'
import { freePort } from '../support/free-port.ts'

describe.runIf(inject('databaseRuntime') === 'postgres')('PostgreSQL server runtime', () => {
  test('two processes starting together on an empty database apply each migration once and seed once', async () => {
    const created = await createDatabase(inject('serverUrl'))
    try {
      const [first, second] = await Promise.all([
        openDatabase({ databaseUrl: created.url }),
        openDatabase({ databaseUrl: created.url }),
      ])
      const tags = readMigrations().map((migration) => migration.tag)
      expect([...first.migration.applied, ...second.migration.applied].sort()).toEqual(tags)
      const [row] = await first.rows<{ count: number }>(sql`SELECT count(*)::int AS count FROM gridwatch_migrations`)
      expect(row!.count).toBe(tags.length)
      const seeds = await Promise.all([seedDemoIfEmpty(first), seedDemoIfEmpty(second)])
      expect(seeds.map((seed) => seed.seeded).sort()).toEqual([false, true])
      const [areas] = await first.rows<{ grids: number }>(
        sql`SELECT count(*)::int AS grids FROM areas WHERE level = 'grid'`,
      )
      expect(areas!.grids).toBe(11)
      await Promise.all([first.close(), second.close()])
    } finally {
      await created.drop()
    }
  })
})

describe('server configuration messages', () => {
  test('a server without PostGIS is named, with how to install it, and nothing is created there', async () => {
    const plain = await PGlite.create()
    const port = await freePort()
    const server = new PGLiteSocketServer({ db: plain, port, host: '127.0.0.1' })
    await server.start()
    try {
      const error = await openDatabase({ databaseUrl: `postgres://postgres@127.0.0.1:${port}/postgres` }).catch(
        (caught: unknown) => caught,
      )
      expect(error).toBeInstanceOf(DatabaseConfigurationError)
      expect((error as Error).message).toMatch(/has no PostGIS extension available/)
      expect((error as Error).message).toMatch(/apt-get install postgresql-\d+-postgis-3/)
      const tables = await plain.query(`SELECT count(*)::int AS count FROM pg_tables WHERE schemaname = 'public'`)
      expect(tables.rows).toEqual([{ count: 0 }])
    } finally {
      await server.stop()
      await plain.close()
    }
  })

  test('no server listening is reported with the address tried', async () => {
    const port = await freePort()
    await expect(openDatabase({ databaseUrl: `postgres://postgres@127.0.0.1:${port}/gridwatch` })).rejects.toThrow(
      new RegExp(`Cannot reach the PostgreSQL server at 127.0.0.1:${port}/gridwatch`),
    )
  })

  test('a DATABASE_URL that is not a URL is reported as such', async () => {
    await expect(openDatabase({ databaseUrl: 'localhost:5432' })).rejects.toThrow(/DATABASE_URL is not a valid URL/)
  })
})
