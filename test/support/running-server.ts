// The real server (API + built web app) on a free port over a fresh seeded database, for browser tests.
import { inject } from 'vitest'
import { startServer, type RunningServer } from '@gridwatch/api/server.ts'
import { seededDataDirectory } from './pglite-data-directory.ts'
import { createDatabase, templateDatabaseName } from './server-databases.ts'

export async function startTestServer(): Promise<{ server: RunningServer; stop(): Promise<void> }> {
  const common = { port: 0, host: '127.0.0.1', mode: 'demo' as const, cookieSecure: false }
  if (inject('databaseRuntime') === 'postgres') {
    const created = await createDatabase(inject('serverUrl'), templateDatabaseName)
    const server = await startServer({ ...common, databaseUrl: created.url, dataDirectory: '' })
    return { server, stop: async () => (await server.close(), await created.drop()) }
  }
  const data = await seededDataDirectory()
  const server = await startServer({ ...common, databaseUrl: undefined, dataDirectory: data.directory })
  return { server, stop: async () => (await server.close(), data.remove()) }
}
