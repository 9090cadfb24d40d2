// Entry point: `pnpm start` runs this after building the web app.
import { DatabaseConfigurationError } from '@gridwatch/db'
import { ConfigurationError, readConfig } from './platform/config.ts'
import { startServer } from './server.ts'

try {
  const config = readConfig()
  console.log(config.databaseUrl ? 'gridwatch: connecting to the PostgreSQL server…' : `gridwatch: opening the embedded database in ${config.dataDirectory}…`)
  const running = await startServer(config)
  if (running.timings.seeded) console.log(`gridwatch: seeded the demo county (定陶区, demo data) in ${running.timings.seedMs} ms`)
  console.log(`gridwatch ${config.mode === 'demo' ? '(demo mode) ' : ''}is running at ${running.url}`)
  const shutdown = () => void running.close().then(() => process.exit(0))
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)
} catch (error) {
  if (error instanceof ConfigurationError || error instanceof DatabaseConfigurationError) {
    console.error(`gridwatch cannot start: ${error.message}`)
    process.exit(1)
  }
  throw error
}
