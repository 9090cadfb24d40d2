// Entry point: `pnpm start` runs this after building the web app. The embedded database starts
// opening on its own thread first (PGlite with PostGIS takes about four seconds), while the rest of
// the server is loaded: a restart answers sooner than doing one after the other.
import { beginOpeningEmbedded } from '@gridwatch/db/embedded-client'
import { ConfigurationError, readConfig } from './platform/config.ts'
import { logger } from './platform/logger.ts'

try {
  const config = readConfig()
  logger.info(
    config.databaseUrl
      ? 'connecting to the PostgreSQL server…'
      : `opening the embedded database in ${config.dataDirectory}…`,
  )
  if (!config.databaseUrl) beginOpeningEmbedded(config.dataDirectory)
  const { startServer } = await import('./server.ts')
  const running = await startServer(config)
  if (running.timings.seeded) logger.info({ ms: running.timings.seedMs }, 'seeded the demo county (定陶区, demo data)')
  logger.info(
    {
      url: running.url,
      mode: config.mode,
      openDatabaseMs: running.timings.openDatabaseMs,
      startMs: Math.round(process.uptime() * 1000),
    },
    `gridwatch ${config.mode === 'demo' ? '(demo mode) ' : ''}is running at ${running.url}`,
  )
  const shutdown = () => void running.close().then(() => process.exit(0))
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)
} catch (error) {
  const { DatabaseConfigurationError } = await import('@gridwatch/db')
  if (error instanceof ConfigurationError || error instanceof DatabaseConfigurationError) {
    logger.fatal(`gridwatch cannot start: ${error.message}`)
    process.exit(1)
  }
  throw error
}
