// One openDatabase() over the two runtimes: embedded PGlite with PostGIS (the default, data kept
// in a directory) and a PostgreSQL + PostGIS server when a DATABASE_URL is given. Both run the
// same migrations and hand back the same Drizzle surface.
import type { PGlite } from '@electric-sql/pglite'
import type { SQL } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core'
import type { ExtractTablesWithRelations } from 'drizzle-orm'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import * as schema from './schema/index.ts'
import { flushWriteAheadLog } from './data-directory.ts'
import { takeEmbeddedClient } from './embedded-client.ts'
import { DatabaseConfigurationError } from './errors.ts'
import { migrate, type MigrationProgress, type MigrationReport, type MigrationSession } from './migrate.ts'
import { PgliteThread } from './pglite-thread.ts'

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
  /** PostGIS's library version, read when the database was opened. */
  postgisVersion: string
  /** Resolves when the database can take work; on the embedded runtime without waiting behind the query running now. */
  ping(): Promise<void>
  /**
   * Only where this process is the database's sole writer (the embedded runtime): a number that
   * changes whenever anything may have been written, so that what was read at an equal number is
   * still current without asking the database. Absent on a server, which other processes share.
   */
  changes?(): number
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
  /**
   * On a server: migrations run over this URL, as the role that owns the tables, and DATABASE_URL's
   * role is granted what the application needs and no more (on the audit log: INSERT and SELECT).
   * Without it, DATABASE_URL's role migrates and owns everything.
   */
  migrationDatabaseUrl?: string
  /** On a server: statements running longer are cancelled (SQLSTATE 57014), so no request holds a connection for long. Migrations are exempt. */
  statementTimeoutMs?: number
  /** Told before each pending migration is applied, and once the database files are open. */
  onProgress?: OpenProgress
}

export type OpenProgress = (
  step: { opened: true; ms: number } | { migration: string; number: number; pending: number },
) => void

async function rowsOf<Row>(executor: Executor, query: SQL): Promise<Row[]> {
  const result = (await executor.execute(query)) as unknown
  return (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[]
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  return options.databaseUrl
    ? openServer(options.databaseUrl, options.statementTimeoutMs, options.migrationDatabaseUrl, options.onProgress)
    : openEmbedded(options)
}

async function openEmbedded(options: OpenDatabaseOptions): Promise<Database> {
  const started = performance.now()
  const dataDirectory = options.loadDataDirectory ? undefined : (options.dataDirectory ?? './data')
  let release = () => {}
  let client: PgliteThread
  if (dataDirectory) {
    ;({ client, release } = await takeEmbeddedClient(dataDirectory))
  } else {
    client = await PgliteThread.open({ loadDataDir: options.loadDataDirectory })
  }
  options.onProgress?.({ opened: true, ms: Math.round(performance.now() - started) })
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
  let postgisVersion: string
  try {
    migration = await migrate(session, migrationProgress(options.onProgress))
    postgisVersion = (await session.rows<{ version: string }>('SELECT postgis_lib_version() AS version'))[0]!.version
  } catch (error) {
    await client.close()
    release()
    throw error
  }
  const orm = drizzlePglite({ client: client as unknown as PGlite, schema }) as unknown as Orm
  return {
    runtime: 'pglite',
    orm,
    migration,
    postgisVersion,
    rows: (query, executor = orm) => rowsOf(executor, query),
    async write(work) {
      const result = await orm.transaction(work)
      if (dataDirectory) flushWriteAheadLog(dataDirectory)
      return result
    },
    // The thread answers nothing while a query runs; that it still runs is the answer.
    ping: async () => {
      if (!client.alive) throw new Error('The embedded database has stopped; see the log for why.')
    },
    changes: () => client.changes,
    dumpDataDirectory: () => client.dumpDataDir('gzip'),
    async close() {
      await client.close()
      release()
    },
  }
}

function describeServer(databaseUrl: string, variable: string): string {
  let url: URL | undefined
  try {
    url = new URL(databaseUrl)
  } catch {
    url = undefined
  }
  if (!url || !['postgres:', 'postgresql:'].includes(url.protocol) || !url.hostname)
    throw new DatabaseConfigurationError(`${variable} is not a valid URL; expected postgres://user@host:5432/database`)
  return `${url.hostname}:${url.port || 5432}${url.pathname}`
}

/** A pool on a server with PostGIS, or a DatabaseConfigurationError that says what to do. */
async function connectServer(
  databaseUrl: string,
  variable: string,
  options: { max: number; statementTimeoutMs?: number },
) {
  const where = describeServer(databaseUrl, variable)
  // JIT compilation pays off for long analytical scans, not for gridwatch's short queries: with
  // PostGIS functions priced high, a 5 ms geometry check was compiled for 300 ms first.
  const client = postgres(databaseUrl, {
    max: options.max,
    onnotice: () => {},
    connect_timeout: 10,
    connection: {
      jit: 'off',
      ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    },
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
      `Cannot reach the PostgreSQL server at ${where} (${(error as Error).message}). Check ${variable} and that the server is running.`,
    )
  }
  return client
}

/**
 * What the application's role may do when migrations run as another (the owner): read and write
 * its tables, but on the audit log only add and read rows. Not owning the tables, it cannot drop
 * the audit log's triggers or rewrite its rows — 等保 2.0's protection of audit records.
 */
function applicationGrants(role: string): string {
  const quoted = `"${role.replaceAll('"', '""')}"`
  return `
    GRANT USAGE ON SCHEMA public TO ${quoted};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${quoted};
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${quoted};
    REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_log FROM ${quoted};
    REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON gridwatch_migrations FROM ${quoted};`
}

function migrationProgress(onProgress: OpenProgress | undefined): MigrationProgress | undefined {
  return onProgress && ((step) => onProgress({ migration: step.tag, number: step.number, pending: step.pending }))
}

async function openServer(
  databaseUrl: string,
  statementTimeoutMs?: number,
  migrationDatabaseUrl?: string,
  onProgress?: OpenProgress,
): Promise<Database> {
  const started = performance.now()
  const client = await connectServer(databaseUrl, 'DATABASE_URL', { max: 10, statementTimeoutMs })
  let migrationClient: postgres.Sql | undefined
  try {
    migrationClient = migrationDatabaseUrl
      ? await connectServer(migrationDatabaseUrl, 'GRIDWATCH_MIGRATION_DATABASE_URL', { max: 1 })
      : undefined
  } catch (error) {
    await client.end({ timeout: 1 })
    throw error
  }
  // Advisory locks belong to a connection, so migrations run on one reserved connection.
  const reserved = await (migrationClient ?? client).reserve()
  onProgress?.({ opened: true, ms: Math.round(performance.now() - started) })
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
  let postgisVersion: string
  try {
    // A migration may rewrite a large table: no statement timeout for it.
    await reserved.unsafe('SET statement_timeout = 0')
    migration = await migrate(session, migrationProgress(onProgress))
    await reserved.unsafe('RESET statement_timeout')
    if (migrationClient) {
      const [application] = await client<{ role: string; owner: boolean }[]>`
        SELECT current_user AS role, (SELECT tableowner = current_user FROM pg_tables WHERE schemaname = 'public' AND tablename = 'audit_log') AS owner`
      if (application!.owner)
        throw new DatabaseConfigurationError(
          `DATABASE_URL connects as ${application!.role}, the owner of gridwatch's tables: with GRIDWATCH_MIGRATION_DATABASE_URL set, DATABASE_URL must name another role, one that does not own them (see README, "The application's database role").`,
        )
      await reserved.unsafe(applicationGrants(application!.role))
    }
    postgisVersion = (
      (await reserved.unsafe('SELECT postgis_lib_version() AS version')) as unknown as [{ version: string }]
    )[0].version
  } catch (error) {
    reserved.release()
    await Promise.all([client.end({ timeout: 1 }), migrationClient?.end({ timeout: 1 })])
    throw error
  }
  reserved.release()
  await migrationClient?.end({ timeout: 5 })
  const orm = drizzlePostgres({ client, schema }) as unknown as Orm
  return {
    runtime: 'postgres',
    orm,
    migration,
    rows: (query, executor = orm) => rowsOf(executor, query),
    postgisVersion,
    write: (work) => orm.transaction(work),
    ping: async () => void (await client`SELECT 1`),
    close: () => client.end({ timeout: 5 }),
  }
}
