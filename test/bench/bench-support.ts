// What every part of `pnpm bench` shares: the flags, how a figure is printed, free ports, cold
// starts of the server, throw-away PostgreSQL databases, timed fetches and logins.
import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import postgres from 'postgres'
import { createApp } from '@gridwatch/api'
import { freePort } from '../support/free-port.ts'

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
export const skipProvince = process.argv.includes('--skip-province')
/** The province's server, map and wall figures (minutes); its publish figures still run. */
export const skipProvinceScreens = process.argv.includes('--skip-province-screens')
export const skipStartup = process.argv.includes('--skip-startup')
export const skipRoutes = process.argv.includes('--skip-routes')
export const skipBoundaries = process.argv.includes('--skip-boundaries')
export const skipField = process.argv.includes('--skip-field')
export const skipResponsiveness = process.argv.includes('--skip-responsiveness')
export const skipAudit = process.argv.includes('--skip-audit')

export function report(figure: string, value: number, unit: string, extra: Record<string, unknown> = {}) {
  console.log(JSON.stringify({ figure, ...extra, value: Math.round(value * 10) / 10, unit }))
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

/** Starts `pnpm start`'s server process and times it to its first healthy answer. */
export async function coldStart(
  environment: Record<string, string>,
): Promise<{ ms: number; stop(): Promise<void>; url: string }> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const started = performance.now()
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/src/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), ...environment },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${stderr}`)
    try {
      const response = await fetch(`${url}/api/health`)
      if (response.ok) break
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  const ms = performance.now() - started
  return { ms, url, stop: async () => (child.kill('SIGTERM'), await exited) }
}

export async function withServerDatabase<T>(name: string, run: (url: string) => Promise<T>): Promise<T> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} })
  await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  await admin.unsafe(`CREATE DATABASE ${name}`)
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  try {
    return await run(url.toString())
  } finally {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await admin.end()
  }
}

export async function timedFetch(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ ms: number; bytes: number; body: ArrayBuffer }> {
  const started = performance.now()
  const response = await fetch(url, { headers })
  const body = await response.arrayBuffer()
  return { ms: performance.now() - started, bytes: body.byteLength, body }
}

export interface Credentials {
  username: string
  password: string
}

export async function loggedIn(app: ReturnType<typeof createApp>, account: Credentials): Promise<string> {
  const login = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(account),
  })
  if (!login.ok) throw new Error(`login as ${account.username}: ${login.status} ${await login.text()}`)
  return login.headers.get('set-cookie')!.split(';')[0]!
}
