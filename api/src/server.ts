// Starts gridwatch: opens the database (migrating it), seeds the demo county into an empty one in
// demo mode, refuses production mode while demo accounts exist, and serves the API and the built
// web app on one port.
import { startScheduledBackups } from './backup/scheduled-backups.ts'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { serve, type ServerType } from '@hono/node-server'
import { serveStatic } from '@hono/node-server/serve-static'
import { sql } from 'drizzle-orm'
import { openDatabase, type Database } from '@gridwatch/db'
import { createApp } from './app.ts'
import { ConfigurationError, databaseOptions, type Config } from './platform/config.ts'
import { seedDemoIfEmpty } from './demo/seed-demo.ts'
import { EventBus } from './platform/events.ts'
import { InstitutionLayer } from './map/institution-layer.ts'
import { AreaLayers } from './areas/area-layers.ts'
import { startBoundarySchedule } from './boundaries/schedule.ts'
import { startIdempotencyPruning } from './platform/idempotency.ts'
import { startChangeSetPruning } from './platform/changes.ts'
import { startRiskEscalation } from './risk-reports/risk-escalation.ts'
import { startBlacklistPeriods } from './credit/credit-queries.ts'
import { bureauDate } from '@gridwatch/domain/bureau-calendar.ts'
import { logger } from './platform/logger.ts'
import { loadSecretKey, sealStoredSecrets, SecretBox } from './platform/secret-box.ts'

async function warmMapLayers(institutionLayer: InstitutionLayer, areaLayers: AreaLayers): Promise<void> {
  const started = performance.now()
  try {
    await institutionLayer.refresh()
    for (const level of ['district', 'zone', 'grid'] as const) await areaLayers.encoded(level)
    logger.info(
      { ms: Math.round(performance.now() - started) },
      'start: map layers read (institutions, districts, zones, grids)',
    )
  } catch (error) {
    logger.error({ err: error }, 'reading the map layers at start failed; they will be read on first request')
  }
}

export const webDistDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist')

export interface RunningServer {
  url: string
  database: Database
  server: ServerType
  timings: { openDatabaseMs: number; seedMs: number; seeded: boolean }
  close(): Promise<void>
}

export async function refuseDemoAccountsInProduction(database: Database): Promise<void> {
  const [row] = await database.rows<{ count: number }>(
    sql`SELECT count(*)::int AS count FROM users WHERE is_demo AND NOT disabled`,
  )
  if (row!.count > 0)
    throw new ConfigurationError(
      `Production mode refuses to start: ${row!.count} demo account(s) with published passwords exist. Disable them (UPDATE users SET disabled = true WHERE is_demo) or use a database without demo data.`,
    )
}

/** How often the server's own passes run; tests shorten them to watch a timer fire without waiting a minute. */
export interface ServerTimers {
  riskEscalationEveryMilliseconds?: number
}

export async function startServer(config: Config, timers: ServerTimers = {}): Promise<RunningServer> {
  const openStarted = performance.now()
  const database = await openDatabase({
    ...databaseOptions(config),
    statementTimeoutMs: config.statementTimeoutSeconds * 1000,
    onProgress: (step) =>
      'opened' in step
        ? logger.info({ ms: step.ms }, 'start: database reached, checking its schema')
        : logger.info({ migration: step.migration }, `start: applying migration ${step.number} of ${step.pending}`),
  })
  const openDatabaseMs = Math.round(performance.now() - openStarted)
  const applied = database.migration.applied.length
  logger.info(
    {
      ms: openDatabaseMs,
      migrationMs: database.migration.durationMs,
      applied,
      alreadyApplied: database.migration.alreadyApplied,
    },
    applied > 0
      ? `start: database opened, ${applied} migration(s) applied`
      : 'start: database opened, schema up to date',
  )
  let seed = { seeded: false, durationMs: 0 }
  try {
    if (config.mode === 'demo')
      seed = await seedDemoIfEmpty(database, new Date(), (step, counts) =>
        logger.info(counts, `start: seeding the demo county — ${step}`),
      )
    else await refuseDemoAccountsInProduction(database)
  } catch (error) {
    await database.close()
    throw error
  }

  // Second-factor secrets are sealed under a key kept outside the database (platform/secret-box.ts).
  let secrets: SecretBox | undefined
  try {
    if (config.secretKeyFile) {
      const loaded = loadSecretKey(config.secretKeyFile)
      if (loaded.created)
        logger.warn(
          { file: path.resolve(config.secretKeyFile) },
          'start: made a new secret key for second-factor secrets; keep a copy of it apart from the backups',
        )
      secrets = new SecretBox(loaded.key)
      const { sealed, unreadable } = await sealStoredSecrets(database, secrets)
      if (sealed > 0)
        logger.info({ users: sealed }, 'start: sealed second-factor secrets that were stored in the clear')
      if (unreadable > 0)
        logger.error(
          { users: unreadable, file: path.resolve(config.secretKeyFile) },
          "start: second-factor secrets that this key does not open: restore the key file that belongs to this database, or reset those users' second factors",
        )
    }
  } catch (error) {
    await database.close()
    throw error
  }

  const events = new EventBus()
  const now = () => new Date()
  const institutionLayer = new InstitutionLayer(database, events, now)
  const areaLayers = new AreaLayers(database, institutionLayer)
  const app = createApp({
    database,
    config,
    events,
    now,
    institutionLayer,
    areaLayers,
    ...(secrets ? { secrets } : {}),
  })
  if (fs.existsSync(webDistDirectory)) {
    const root = path.relative(process.cwd(), webDistDirectory)
    app.use('/assets/*', serveStatic({ root }))
    app.use('/*', serveStatic({ root }))
    // Client-side pages (/wall, /planner, …) all load the single page; an unknown API or OGC path
    // is a 404 problem, never the page (an absent endpoint must not look present).
    const singlePage = serveStatic({ root, path: 'index.html' })
    app.get('*', async (context, next) => {
      if (/^\/(api|ogc)(\/|$)/.test(context.req.path)) return context.notFound()
      return (await singlePage(context, next)) ?? undefined
    })
  }

  const server = await new Promise<ServerType>((resolve) => {
    const running = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(running))
  })
  // Read the map layers now rather than on the first wall's request (a province takes seconds).
  const warmed = warmMapLayers(institutionLayer, areaLayers)
  // Drafts scheduled for a later date are published on their day (checked now and every minute).
  const schedule = startBoundarySchedule(database, events, institutionLayer, () => bureauDate(now()))
  // Kept Idempotency-Key answers older than 30 days are forgotten (now and every six hours).
  const pruning = startIdempotencyPruning(database)
  const changePruning = startChangeSetPruning(database)
  // Risk reports nobody acknowledged in time climb the chain by themselves (checked every minute).
  const escalation = startRiskEscalation(database, events, now, timers.riskEscalationEveryMilliseconds)
  // Blacklist entries start and expire on their days: the institutions' flags follow (checked every hour).
  const blacklistPeriods = startBlacklistPeriods(database, events, now)
  // Backups on the configured schedule (api/src/backup/scheduled-backups.ts).
  const backups = startScheduledBackups(database, config, now)
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  return {
    url: `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}/`,
    database,
    server,
    timings: { openDatabaseMs, seedMs: seed.durationMs, seeded: seed.seeded },
    async close() {
      await warmed
      await schedule.stop()
      await pruning.stop()
      await changePruning.stop()
      await escalation.stop()
      await blacklistPeriods.stop()
      await backups?.stop()
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      // Live screens hold their event streams open; end them, or close() would wait for ever.
      if ('closeAllConnections' in server) server.closeAllConnections()
      await closed
      await database.close()
    },
  }
}
