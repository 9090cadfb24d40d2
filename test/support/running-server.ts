// The real server (API + built web app) on a free port over a fresh seeded database, for browser
// tests; restartable on the same port and database, as after a deployment or a crash.
import { inject } from 'vitest'
import { startServer, type RunningServer } from '@gridwatch/api/server.ts'
import type { Config } from '@gridwatch/api/platform/config.ts'
import { seededDataDirectory } from './pglite-data-directory.ts'
import { createDatabase } from './server-databases.ts'

export interface TestServer {
  server: RunningServer
  /** Stops the server (ending open connections) and starts it again on the same port and database. */
  restart(options?: { downMilliseconds?: number }): Promise<void>
  stop(): Promise<void>
}

export async function startTestServer(): Promise<TestServer> {
  const common = { port: 0, host: '127.0.0.1', mode: 'demo' as const, cookieSecure: false }
  let config: Config
  let cleanUp: () => Promise<void> | void
  if (inject('databaseRuntime') === 'postgres') {
    const created = await createDatabase(inject('serverUrl'), inject('templateDatabase'))
    config = { ...common, databaseUrl: created.url, dataDirectory: '' }
    cleanUp = () => created.drop()
  } else {
    const data = await seededDataDirectory()
    config = { ...common, databaseUrl: undefined, dataDirectory: data.directory }
    cleanUp = () => data.remove()
  }
  const handle: TestServer = {
    server: await startServer(config),
    async restart({ downMilliseconds = 0 } = {}) {
      const port = Number(new URL(handle.server.url).port)
      await handle.server.close()
      await new Promise((resolve) => setTimeout(resolve, downMilliseconds))
      handle.server = await startServer({ ...config, port })
    },
    async stop() {
      await handle.server.close()
      await cleanUp()
    },
  }
  return handle
}
