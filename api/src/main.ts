// Entry point: `pnpm start` runs this after building the web app.
import { DatabaseConfigurationError } from '@gridwatch/db'
import { ConfigurationError, readConfig } from './platform/config.ts'
import { startServer } from './server.ts'
import { logger } from './platform/logger.ts'

try {
  const config = readConfig()
  logger.info(config.databaseUrl ? 'connecting to the PostgreSQL server…' : `opening the embedded database in ${config.dataDirectory}…`)
  const running = await startServer(config)
  if (running.timings.seeded) logger.info({ ms: running.timings.seedMs }, 'seeded the demo county (定陶区, demo data)')
  logger.info({ url: running.url, mode: config.mode, openDatabaseMs: running.timings.openDatabaseMs, startMs: Math.round(process.uptime() * 1000) }, `gridwatch ${config.mode === 'demo' ? '(demo mode) ' : ''}is running at ${running.url}`)
  const shutdown = () => void running.close().then(() => process.exit(0))
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)
} catch (error) {
  if (error instanceof ConfigurationError || error instanceof DatabaseConfigurationError) {
    logger.fatal(`gridwatch cannot start: ${error.message}`)
    process.exit(1)
  }
  throw error
}
