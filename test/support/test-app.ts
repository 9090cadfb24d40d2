// The API over a test database, and a helper to log in as one of the demo accounts.
import { createApp, type App } from '@gridwatch/api'
import { EventBus } from '@gridwatch/api/platform/events.ts'
import { InstitutionLayer } from '@gridwatch/api/map/institution-layer.ts'
import { demoPasswords } from '@gridwatch/api/demo/demo-accounts.ts'
import type { Database } from '@gridwatch/db'
import type { Logger } from '@gridwatch/api/platform/logger.ts'
import type { SecretBox } from '@gridwatch/api/platform/secret-box.ts'
import type { Role } from '@gridwatch/domain/roles.ts'

export function createTestApp(
  database: Database,
  options: {
    mode?: 'demo' | 'production'
    now?: () => Date
    wallFrameOrigins?: string[]
    cookieSecure?: boolean
    logger?: Logger
    secondFactorRoles?: Role[]
    secrets?: SecretBox
  } = {},
) {
  const events = new EventBus()
  const now = options.now ?? (() => new Date())
  const institutionLayer = new InstitutionLayer(database, events, now)
  const app = createApp({
    database,
    config: {
      mode: options.mode ?? 'demo',
      cookieSecure: options.cookieSecure ?? false,
      wallFrameOrigins: options.wallFrameOrigins ?? [],
      secondFactorRoles: options.secondFactorRoles ?? [],
    },
    events,
    now,
    institutionLayer,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.secrets ? { secrets: options.secrets } : {}),
  })
  return { app, events, institutionLayer }
}

/** Logs in and returns the Cookie header to send with later requests. */
export async function loginAs(app: App, username: string): Promise<string> {
  const response = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: demoPasswords[username] }),
  })
  if (response.status !== 200)
    throw new Error(`login as ${username} failed: ${response.status} ${await response.text()}`)
  const cookie = response.headers.get('set-cookie')
  if (!cookie) throw new Error('no session cookie')
  return cookie.split(';')[0]!
}

export function jsonRequest(method: string, body: unknown, cookie?: string): RequestInit {
  return {
    method,
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  }
}
