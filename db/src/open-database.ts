// One openDatabase() over the two runtimes: embedded PGlite with PostGIS (the default, data kept
// in a directory) and a PostgreSQL + PostGIS server when a DATABASE_URL is given. Both run the
// same migrations and hand back the same Drizzle surface.
import { PGlite } from '@electric-sql/pglite'
import { postgis } from '@electric-sql/pglite-postgis'
import type { SQL } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core'
import type { ExtractTablesWithRelations } from 'drizzle-orm'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import * as schema from './schema/index.ts'
import { flushWriteAheadLog, inspectDataDirectory, lockDataDirectory } from './data-directory.ts'
import { DatabaseConfigurationError } from './errors.ts'
import { migrate, type MigrationReport, type MigrationSession } from './migrate.ts'

export type Schema = typeof schema
export type Orm = PgDatabase<PgQueryResultHKT, Schema>
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>
/** Anything that runs SQL: the database itself or a transaction inside it. */
export type Executor = Orm | Transaction
export type Runtime = 'pglite' | 'postgres'

export interface Database {
  runtime: Runtime
  orm: Orm
  /** Rows of a raw SQL query (spatial work is written as SQL), on the database or a transaction. */
  rows<Row>(query: SQL, executor?: Executor): Promise<Row[]>
  /** One write transaction; resolves only once the commit is durable. */
  write<Result>(work: (transaction: Transaction) => Promise<Result>): Promise<Result>
  migration: MigrationReport
  /** The embedded runtime's whole data directory as a .tar.gz (PGlite's dumpDataDir), taken while it runs: for backups. */
  dumpDataDirectory?(): Promise<Blob>
  close(): Promise<void>
}

export interface OpenDatabaseOptions {
  /** postgres://… of a PostgreSQL server with PostGIS; when absent the embedded database is used. */
  databaseUrl?: string
  /** Where the embedded database keeps its files; ignored with databaseUrl. */
  dataDirectory?: string
  /** Start the embedded database in memory from a dump made by PGlite's dumpDataDir (tests). */
  loadDataDirectory?: Blob
  /** On a server: statements running longer are cancelled (SQLSTATE 57014), so no request holds a connection for long. Migrations are exempt. */
  statementTimeoutMs?: number
}

async function rowsOf<Row>(executor: Executor, query: SQL): Promise<Row[]> {
  const result = (await executor.execute(query)) as unknown
  return (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[]
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  return options.databaseUrl ? openServer(options.databaseUrl, options.statementTimeoutMs) : openEmbedded(options)
}

async function openEmbedded(options: OpenDatabaseOptions): Promise<Database> {
  const dataDirectory = options.loadDataDirectory ? undefined : (options.dataDirectory ?? './data')
  let release = () => {}
  let client: PGlite
  if (dataDirectory) {
    const state = inspectDataDirectory(dataDirectory)
    release = lockDataDirectory(dataDirectory)
    try {
      client = await PGlite.create({ dataDir: dataDirectory, extensions: { postgis } })
    } catch (error) {
      release()
      if (state === 'existing') {
        throw new DatabaseConfigurationError(
          `The embedded database in ${dataDirectory} could not be opened (${(error as Error).message}). It may be damaged or written by another version. Nothing was deleted: restore it from a backup, or move it away to start a new one.`,
        )
      }
      throw error
    }
  } else {
    client = await PGlite.create({ loadDataDir: options.loadDataDirectory, extensions: { postgis } })
  }
  const settle = trackWorkInFlight(client)
  const session: MigrationSession = {
    exec: async (statement) => void (await client.exec(statement)),
    rows: async (statement, parameters) => (await client.query(statement, parameters)).rows as never,
    transaction: (work) =>
      client.transaction(async (transaction) => {
        await work({
          exec: async (statement) => void (await transaction.exec(statement)),
          rows: async (statement, parameters) => (await transaction.query(statement, parameters)).rows as never,
          transaction: () => Promise.reject(new Error('nested migration transactions are not supported')),
        })
      }),
  }
  let migration: MigrationReport
  try {
    migration = await migrate(session)
  } catch (error) {
    await client.close()
    release()
    throw error
  }
  const orm = drizzlePglite({ client, schema }) as unknown as Orm
  return {
    runtime: 'pglite',
    orm,
    migration,
    rows: (query, executor = orm) => rowsOf(executor, query),
    async write(work) {
      const result = await orm.transaction(work)
      if (dataDirectory) flushWriteAheadLog(dataDirectory)
      return result
    },
    dumpDataDirectory: () => client.dumpDataDir('gzip'),
    async close() {
      await settle()
      await client.close()
      release()
    },
  }
}

/**
 * Lets close() wait for the queries and transactions still running. PGlite's close() does not: a
 * close between the messages of a query in flight (a response already sent while a cache refresh
 * it started is still reading) left PostgreSQL's main loop spinning at full CPU, for good.
 */
function trackWorkInFlight(client: PGlite): () => Promise<void> {
  const inFlight = new Set<Promise<unknown>>()
  const tracked = <Parameters extends unknown[], Result>(run: (...parameters: Parameters) => Promise<Result>) =>
    (...parameters: Parameters): Promise<Result> => {
      const running = run(...parameters)
      inFlight.add(running)
      const forget = () => void inFlight.delete(running)
      running.then(forget, forget)
      return running
    }
  client.query = tracked(client.query.bind(client)) as typeof client.query
  client.exec = tracked(client.exec.bind(client)) as typeof client.exec
  client.transaction = tracked(client.transaction.bind(client)) as typeof client.transaction
  return async () => {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight])
  }
}

function describeServer(databaseUrl: string): string {
  let url: URL | undefined
  try {
    url = new URL(databaseUrl)
  } catch {
    url = undefined
  }
  if (!url || !['postgres:', 'postgresql:'].includes(url.protocol) || !url.hostname)
    throw new DatabaseConfigurationError('DATABASE_URL is not a valid URL; expected postgres://user@host:5432/database')
  return `${url.hostname}:${url.port || 5432}${url.pathname}`
}

async function openServer(databaseUrl: string, statementTimeoutMs?: number): Promise<Database> {
  const where = describeServer(databaseUrl)
  // JIT compilation pays off for long analytical scans, not for gridwatch's short queries: with
  // PostGIS functions priced high, a 5 ms geometry check was compiled for 300 ms first.
  const client = postgres(databaseUrl, {
    max: 10,
    onnotice: () => {},
    connect_timeout: 10,
    connection: { jit: 'off', ...(statementTimeoutMs ? { statement_timeout: statementTimeoutMs } : {}) },
  })
  try {
    const [version] = await client<{ server_version_num: string }[]>`SHOW server_version_num`
    const available = await client`SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'`
    if (available.length === 0) {
      const major = Math.floor(Number(version?.server_version_num) / 10000)
      throw new DatabaseConfigurationError(
        `The PostgreSQL server at ${where} has no PostGIS extension available. Install it on the server (Debian/Ubuntu: apt-get install postgresql-${major}-postgis-3; other systems: https://postgis.net/documentation/getting_started/), then start gridwatch again.`,
      )
    }
  } catch (error) {
    await client.end({ timeout: 1 })
    if (error instanceof DatabaseConfigurationError) throw error
    throw new DatabaseConfigurationError(
      `Cannot reach the PostgreSQL server at ${where} (${(error as Error).message}). Check DATABASE_URL and that the server is running.`,
    )
  }
  // Advisory locks belong to a connection, so migrations run on one reserved connection.
  const reserved = await client.reserve()
  const session: MigrationSession = {
    exec: async (statement) => void (await reserved.unsafe(statement)),
    rows: async (statement, parameters) => (await reserved.unsafe(statement, parameters as never[])) as never,
    async transaction(work) {
      await reserved.unsafe('BEGIN')
      try {
        await work(session)
        await reserved.unsafe('COMMIT')
      } catch (error) {
        await reserved.unsafe('ROLLBACK')
        throw error
      }
    },
  }
  let migration: MigrationReport
  try {
    // A migration may rewrite a large table: no statement timeout for it.
    await reserved.unsafe('SET statement_timeout = 0')
    migration = await migrate(session)
    await reserved.unsafe('RESET statement_timeout')
  } catch (error) {
    reserved.release()
    await client.end({ timeout: 1 })
    throw error
  }
  reserved.release()
  const orm = drizzlePostgres({ client, schema }) as unknown as Orm
  return {
    runtime: 'postgres',
    orm,
    migration,
    rows: (query, executor = orm) => rowsOf(executor, query),
    write: (work) => orm.transaction(work),
    close: () => client.end({ timeout: 5 }),
  }
}
