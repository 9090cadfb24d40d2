// The real server (API + built web app) on a free port over a fresh seeded database, for browser
// tests; restartable on the same port and database, as after a deployment or a crash.
import { inject } from 'vitest'
import { startServer, type RunningServer, type ServerTimers } from '@gridwatch/api/server.ts'
import type { Config } from '@gridwatch/api/platform/config.ts'
import { demoPasswords } from '@gridwatch/api/demo/demo-accounts.ts'
import { seededDataDirectory } from './pglite-data-directory.ts'
import { createDatabase } from './server-databases.ts'

export interface TestServer {
  server: RunningServer
  /** Stops the server (ending open connections) and starts it again on the same port and database. */
  restart(options?: { downMilliseconds?: number }): Promise<void>
  stop(): Promise<void>
}

/** `settings` change the demo configuration, e.g. roles that must sign in with a second factor. */
export async function startTestServer(
  timers: ServerTimers = {},
  settings: Partial<Pick<Config, 'secondFactorRoles' | 'baseMap'>> = {},
): Promise<TestServer> {
  const common = {
    port: 0,
    host: '127.0.0.1',
    mode: 'demo' as const,
    cookieSecure: false,
    wallFrameOrigins: [],
    sessionIdleMinutes: 30,
    statementTimeoutSeconds: 30,
    secondFactorRoles: [],
    ...settings,
  }
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
    server: await startServer(config, timers),
    async restart({ downMilliseconds = 0 } = {}) {
      const port = Number(new URL(handle.server.url).port)
      await handle.server.close()
      await new Promise((resolve) => setTimeout(resolve, downMilliseconds))
      handle.server = await startServer({ ...config, port }, timers)
    },
    async stop() {
      await handle.server.close()
      await cleanUp()
    },
  }
  return handle
}

/** A demo account signed in to the running server: JSON requests with its session cookie. */
export async function apiAs(baseUrl: string, username: string) {
  const login = await fetch(`${baseUrl}api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: demoPasswords[username] }),
  })
  if (login.status !== 200) throw new Error(`${username} could not log in: ${login.status}`)
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!
  return async <T>(path: string, init: RequestInit & { json?: unknown } = {}) => {
    const { json, ...rest } = init
    const headers: Record<string, string> = {
      ...(rest.headers as Record<string, string>),
      cookie,
      ...(json === undefined ? {} : { 'content-type': 'application/json' }),
    }
    const response = await fetch(`${baseUrl}${path.replace(/^\//, '')}`, {
      ...rest,
      headers,
      ...(json === undefined ? {} : { method: rest.method ?? 'POST', body: JSON.stringify(json) }),
    })
    return { status: response.status, body: (await response.json()) as T }
  }
}
