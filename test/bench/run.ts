// `pnpm bench`: prints gridwatch's figures as JSON lines, one per measurement:
//   {"figure": "...", "runtime": "pglite" | "postgres", "value": 123, "unit": "ms", ...}
// Nothing here is asserted; the figures go into the closing notes of the issues that set them.
// The PostgreSQL figures need a server at BENCH_DATABASE_URL (default: the local one); the
// province figures load the province-sized set into ./data-province on first use (minutes).
// --skip-startup, --skip-province, --skip-province-screens, --skip-routes or --skip-boundaries leave
// out a part.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import postgres from 'postgres'
import { sql } from 'drizzle-orm'
import { openDatabase, schema, type Database } from '@gridwatch/db'
import { hashPassword } from '@gridwatch/api/auth/password.ts'
import { validateGrids } from '@gridwatch/api/boundaries/validate-grids.ts'
import { indexPlan, planMetrics, type PlanInstitution, type PlanUnit } from '@gridwatch/domain/grid-metrics.ts'
import { PlanEditor } from '../../web/src/pages/planner/plan-editor.ts'
import { publishedBoundaryVersionIds } from '@gridwatch/api/boundaries/published-version.ts'
import { seedDemoIfEmpty } from '@gridwatch/api/demo/seed-demo.ts'
import { createApp } from '@gridwatch/api'
import { EventBus } from '@gridwatch/api/platform/events.ts'
import { demoPasswords } from '@gridwatch/api/demo/demo-accounts.ts'
import { provinceSupervisor } from '@gridwatch/api/demo/load-province.ts'
import { launchBrowser } from '../support/browser.ts'
import { routeOrder } from '@gridwatch/domain/route-order.ts'
import { routeSearchMilliseconds } from '@gridwatch/api/route-plans/route-plans.endpoints.ts'
import { estimatedHours } from '@gridwatch/domain/workload.ts'
import { suggestBalancedSplit, type BalanceInstitution } from '@gridwatch/domain/balance.ts'
import { seededRandom } from '@gridwatch/geodata'
import { tsplibAsStops, tsplibInstances, tsplibTourLength } from '../fixtures/tsplib.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const skipProvince = process.argv.includes('--skip-province')
/** The province's server, map and wall figures (minutes); its publish figures still run. */
const skipProvinceScreens = process.argv.includes('--skip-province-screens')
const skipStartup = process.argv.includes('--skip-startup')
const skipRoutes = process.argv.includes('--skip-routes')
const skipBoundaries = process.argv.includes('--skip-boundaries')

function report(figure: string, value: number, unit: string, extra: Record<string, unknown> = {}) {
  console.log(JSON.stringify({ figure, ...extra, value: Math.round(value * 10) / 10, unit }))
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

/** A port nobody listens on now (a fixed one was taken on a CI machine by another process). */
async function freePort(): Promise<number> {
  const probe = net.createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()))
  const { port } = probe.address() as net.AddressInfo
  await new Promise((resolve) => probe.close(resolve))
  return port
}
/** Starts `pnpm start`'s server process and times it to its first healthy answer. */
async function coldStart(environment: Record<string, string>): Promise<{ ms: number; stop(): Promise<void>; url: string }> {
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

async function withServerDatabase<T>(name: string, run: (url: string) => Promise<T>): Promise<T> {
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

async function startupFigures() {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'gridwatch-bench-'))
  try {
    const dataDirectory = path.join(directory, 'data')
    const fresh = await coldStart({ GRIDWATCH_DATA_DIR: dataDirectory })
    await fresh.stop()
    report('cold start to first healthy response, new data directory (migrate + seed)', fresh.ms, 'ms', { runtime: 'pglite' })
    const again = await coldStart({ GRIDWATCH_DATA_DIR: dataDirectory })
    await again.stop()
    report('cold start to first healthy response, existing data directory', again.ms, 'ms', { runtime: 'pglite' })

    const migrated = path.join(directory, 'migrated')
    const opened = performance.now()
    const database = await openDatabase({ dataDirectory: migrated })
    report('open + migrate a new embedded database', performance.now() - opened, 'ms', { runtime: 'pglite', migrationMs: database.migration.durationMs })
    const seed = await seedDemoIfEmpty(database)
    report('seed the demo county and its history', seed.durationMs, 'ms', { runtime: 'pglite' })
    await database.close()
  } finally {
    fs.rmSync(directory, { recursive: true, force: true })
  }

  await withServerDatabase('gridwatch_bench', async (databaseUrl) => {
    const fresh = await coldStart({ DATABASE_URL: databaseUrl })
    await fresh.stop()
    report('cold start to first healthy response, new database (migrate + seed)', fresh.ms, 'ms', { runtime: 'postgres' })
    const again = await coldStart({ DATABASE_URL: databaseUrl })
    await again.stop()
    report('cold start to first healthy response, existing database', again.ms, 'ms', { runtime: 'postgres' })
  })
  await withServerDatabase('gridwatch_bench', async (databaseUrl) => {
    const opened = performance.now()
    const database = await openDatabase({ databaseUrl })
    report('open + migrate a new server database', performance.now() - opened, 'ms', { runtime: 'postgres', migrationMs: database.migration.durationMs })
    const seed = await seedDemoIfEmpty(database)
    report('seed the demo county and its history', seed.durationMs, 'ms', { runtime: 'postgres' })
    await database.close()
  })
}

function runProvinceScript(environment: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'api/src/province.ts'], { cwd: root, env: { ...process.env, ...environment }, stdio: ['ignore', 'pipe', 'inherit'] })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`province script failed (${code}): ${output}`))))
  })
}

const provinceDataDirectory = path.join(root, 'data-province')

async function provinceFigures() {
  if (!fs.existsSync(provinceDataDirectory)) {
    const started = performance.now()
    const output = await runProvinceScript({ GRIDWATCH_DATA_DIR: provinceDataDirectory })
    const built = /(built|read) .*: (\d+) counties in (\d+) ms/.exec(output)
    const loaded = /loaded (\d+) counties, (\d+) institutions and (\d+) visits in (\d+) ms/.exec(output)
    if (built) report(`province set: ${built[1] === 'built' ? 'generate' : 'read the generated file'}`, Number(built[3]), 'ms', { counties: Number(built[2]) })
    if (loaded)
      report('province set: load into the embedded database', Number(loaded[4]), 'ms', { runtime: 'pglite', institutions: Number(loaded[2]), visits: Number(loaded[3]) })
    report('province set: whole script', performance.now() - started, 'ms')
  }
  if (!skipProvinceScreens) {
    const server = await coldStart({ GRIDWATCH_DATA_DIR: provinceDataDirectory })
    try {
      report('cold start to first healthy response, province data directory', server.ms, 'ms', { runtime: 'pglite' })
      await mapDataFigures(server.url)
      await lassoFigures(server.url)
      await wallFigures(server.url)
    } finally {
      await server.stop()
    }
  }
  // The embedded database takes one process at a time: the planner's publish runs in-process
  // once the server has stopped.
  const database = await openDatabase({ dataDirectory: provinceDataDirectory })
  try {
    const planner = await provincePlanner(database)
    await publishFigures(database, 'pglite', `one county of the province (${planner.countyCode}), layer of the whole province`, planner, provinceSupervisor)
  } finally {
    await database.close()
  }
}

/** A planner for the first county of the province set (made on first use; a demo account like the province supervisor). */
async function provincePlanner(database: Database): Promise<Credentials & { countyCode: string }> {
  const [county] = await database.rows<{ county_code: string }>(sql`SELECT min(county_code) AS county_code FROM areas WHERE level = 'grid'`)
  const account = { username: 'province-planner', password: 'province-planner-demo', countyCode: county!.county_code }
  const passwordHash = await hashPassword(account.password)
  await database.write(async (transaction) => {
    await transaction
      .insert(schema.users)
      .values({ countyCode: account.countyCode, username: account.username, displayName: '省网格规划（基准）', passwordHash, role: 'planner', scopeKind: 'district', isDemo: true })
      .onConflictDoNothing()
  })
  return account
}

async function timedFetch(url: string, headers: Record<string, string> = {}): Promise<{ ms: number; bytes: number; body: ArrayBuffer }> {
  const started = performance.now()
  const response = await fetch(url, { headers })
  const body = await response.arrayBuffer()
  return { ms: performance.now() - started, bytes: body.byteLength, body }
}

/** The map-data API for the whole province: the compact layer on the wire, and GeoJSON for comparison. */
async function mapDataFigures(url: string) {
  // fetch() decompresses; the wire size is what node:http receives before any decoding.
  const wire = (encoding: string) =>
    new Promise<{ length: number; encoding: string | undefined }>((resolve, reject) => {
      http
        .get(`${url}/api/map/institutions`, { headers: { 'accept-encoding': encoding } }, (response) => {
          let length = 0
          response.on('data', (chunk: Buffer) => (length += chunk.length))
          response.on('end', () => resolve({ length, encoding: response.headers['content-encoding'] }))
        })
        .on('error', reject)
    })
  const first = await timedFetch(`${url}/api/map/institutions`)
  const institutions = (JSON.parse(new TextDecoder().decode(first.body)) as { count: number }).count
  report('GET /api/map/institutions, whole province, first request after start (reads every institution)', first.ms, 'ms', { runtime: 'pglite', institutions })
  const timings: number[] = []
  for (let run = 0; run < 40; run++) timings.push((await timedFetch(`${url}/api/map/institutions`, { 'accept-encoding': 'br' })).ms)
  report('GET /api/map/institutions, whole province, p95', percentile(timings, 95), 'ms', { runtime: 'pglite', institutions, p50: Math.round(percentile(timings, 50) * 10) / 10 })
  for (const encoding of ['br', 'gzip']) {
    const { length } = await wire(encoding)
    report(`GET /api/map/institutions, bytes per institution on the wire (${encoding})`, length / institutions, 'B', { institutions, bytes: length })
  }
  const geojson: number[] = []
  let geojsonBytes = 0
  for (let run = 0; run < 3; run++) {
    const result = await timedFetch(`${url}/api/institutions`)
    geojson.push(result.ms)
    geojsonBytes = result.bytes
  }
  report('GET /api/institutions (GeoJSON), whole province, median of 3', percentile(geojson, 50), 'ms', { runtime: 'pglite', bytesPerInstitution: Math.round(geojsonBytes / institutions) })
}

/** The supervision teams' lasso: institutions inside a drawn polygon, anywhere in the province. */
async function lassoFigures(url: string) {
  const random = seededRandom('lasso')
  const timings: number[] = []
  let found = 0
  for (let run = 0; run < 40; run++) {
    // An irregular octagon of 10–25 km across somewhere in Shandong.
    const [lon, lat] = [115.5 + random() * 6, 35 + random() * 2.5]
    const radius = 0.05 + random() * 0.08
    const ring = Array.from({ length: 8 }, (_, index) => {
      const angle = (index / 8) * 2 * Math.PI
      const reach = radius * (0.7 + random() * 0.3)
      return [lon + Math.cos(angle) * reach * 1.2, lat + Math.sin(angle) * reach]
    })
    const polygon = { type: 'Polygon', coordinates: [[...ring, ring[0]]] }
    const started = performance.now()
    const response = await fetch(`${url}/api/institutions/within`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ polygon }) })
    found += ((await response.json()) as unknown[]).length
    timings.push(performance.now() - started)
  }
  report('POST /api/institutions/within (lasso), province, p95 of 40 polygons', percentile(timings, 95), 'ms', {
    runtime: 'pglite',
    p50: Math.round(percentile(timings, 50) * 10) / 10,
    meanInstitutionsFound: Math.round(found / 40),
  })
}

/** /wall in headless Chromium on the province: navigation to every institution drawn, and a visit reaching the screen. */
async function wallFigures(url: string) {
  const browser = await launchBrowser()
  try {
    const later: number[] = []
    for (const round of ['first', 'later', 'later', 'later', 'later', 'last']) {
      const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
      await page.goto(`${url}/wall?cycle=0`)
      const drawn = await page.waitForFunction(
        () => {
          const mark = performance.getEntriesByName('gridwatch:institutions-drawn')[0] as PerformanceMark | undefined
          return mark && (mark.detail as { count: number }).count > 0 ? { at: mark.startTime, count: (mark.detail as { count: number }).count } : null
        },
        undefined,
        { timeout: 120_000, polling: 50 },
      )
      const { at, count } = (await drawn.jsonValue())!
      if (round === 'first') report('/wall: navigation to all institutions drawn (first load after start)', at, 'ms', { institutions: count, viewport: '1920x1080' })
      else later.push(at)
      if (round === 'last') {
        report('/wall: navigation to all institutions drawn, median of 5 later loads', percentile(later, 50), 'ms', { institutions: count, max: Math.round(Math.max(...later)) })
        // A visit recorded from this page's session; the time until the map has redrawn the institution.
        const latencies = await page.evaluate(async (account) => {
          await fetch('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(account) })
          const layer = (await (await fetch('/api/map/institutions')).json()) as { id: number[] }
          let sum = 0
          const ids = layer.id.map((delta) => (sum += delta))
          const results: number[] = []
          for (let run = 0; run < 5; run++) {
            const id = ids[run * 9973]
            const before = performance.getEntriesByName('gridwatch:institutions-updated').length
            const started = performance.now()
            await fetch('/api/inspections', {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ institutionId: id, kind: 'cross-check', visitedAt: new Date().toISOString(), findings: '', position: [117, 36] }),
            })
            // (No named inner functions here: tsx would wrap them in a helper the page does not have.)
            while (performance.getEntriesByName('gridwatch:institutions-updated').length <= before) await new Promise((resolve) => setTimeout(resolve, 5))
            results.push(performance.now() - started)
          }
          return results
        }, provinceSupervisor)
        report('recorded visit to redrawn institution on an open /wall (POST → SSE → point layer → next frame), median of 5', percentile(latencies, 50), 'ms', {
          max: Math.round(Math.max(...latencies)),
        })
      }
      await page.close()
    }
  } finally {
    await browser.close()
  }
}

/** The route optimiser: 200 stops end to end, and tour quality on TSPLIB instances with known optima. */
function routeFigures() {
  const random = seededRandom('bench-200')
  const stops = Array.from({ length: 200 }, (_, index) => ({ id: String(index), lon: 115.3 + random() * 0.6, lat: 34.9 + random() * 0.4 }))
  const timings: number[] = []
  let gainOverNearest = 0
  for (let run = 0; run < 7; run++) {
    const started = performance.now()
    const result = routeOrder([115.573, 35.072], stops, { returnToStart: true, timeLimitMilliseconds: routeSearchMilliseconds })
    timings.push(performance.now() - started)
    gainOverNearest = 1 - result.distanceMeters / result.nearestNeighbourMeters
  }
  report('route optimiser, 200 stops, whole call (matrix, search, result), median of 7', percentile(timings, 50), 'ms', {
    first: Math.round(timings[0]!),
    max: Math.round(Math.max(...timings)),
    shorterThanNearestNeighbourPercent: Math.round(gainOverNearest * 1000) / 10,
  })
  for (const instance of tsplibInstances) {
    const { start, stops: instanceStops } = tsplibAsStops(instance, 1)
    const started = performance.now()
    const result = routeOrder(start, instanceStops, { returnToStart: true, timeLimitMilliseconds: routeSearchMilliseconds })
    const length = tsplibTourLength(instance.coordinates, [0, ...result.order.map((id) => Number(id) - 1)])
    report(`route optimiser on TSPLIB ${instance.name}: above the optimal tour`, (length / instance.optimum - 1) * 100, '%', {
      length,
      optimum: instance.optimum,
      ms: Math.round(performance.now() - started),
    })
  }
}

/** The suggested balanced split on a county-sized round: 4 teams, 48 grids (8 × 6), 480 institutions, badly split to begin with. */
function balanceFigures() {
  const random = seededRandom('balance')
  const [columns, rows] = [8, 6]
  const neighbours = new Map<number, number[]>()
  const institutions: BalanceInstitution[] = []
  for (let row = 0; row < rows; row++)
    for (let column = 0; column < columns; column++) {
      const grid = row * columns + column
      neighbours.set(grid, [grid - 1, grid + 1, grid - columns, grid + columns].filter((other) => other >= 0 && other < rows * columns && (Math.abs(other - grid) !== 1 || Math.floor(other / columns) === row)))
      // Team 1 holds the western half; teams 2–4 share the rest.
      const teamId = column < 4 ? 1 : 2 + Math.min(2, Math.floor(row / 2))
      for (let index = 0; index < 10; index++)
        institutions.push({ id: grid * 100 + index, gridId: grid, teamId, position: [115.3 + column * 0.06 + random() * 0.05, 34.9 + row * 0.05 + random() * 0.04] })
    }
  const teams = [1, 2, 3, 4].map((id) => ({ id, forbiddenGridIds: new Set<number>() }))
  const start: [number, number] = [115.55, 35.05]
  const started = performance.now()
  const result = suggestBalancedSplit(teams, institutions, neighbours, (positions) => estimatedHours(start, positions.map((position, id) => ({ id, position })), true).hours)
  const ms = performance.now() - started
  report('suggest a balanced split: 4 teams, 48 grids, 480 institutions', ms, 'ms', {
    moves: result.moves.length,
    largestHoursBefore: Math.max(...result.hoursBefore.values()),
    largestHoursAfter: Math.round(Math.max(...result.hoursAfter.values()) * 10) / 10,
  })
}

interface Credentials {
  username: string
  password: string
}

async function loggedIn(app: ReturnType<typeof createApp>, account: Credentials): Promise<string> {
  const login = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(account) })
  if (!login.ok) throw new Error(`login as ${account.username}: ${login.status} ${await login.text()}`)
  return login.headers.get('set-cookie')!.split(';')[0]!
}

/**
 * Publish → the dashboard shows the new membership: a village with institutions moved across a
 * grid boundary and published through the API. Two figures, five publishes each (the village moved
 * back and forth), median and max:
 * - an open screen: from the publish request until the moved institutions have arrived on the event
 *   stream (institutions.changed) and the county's areas have been re-read, as the page does on
 *   boundaries.changed;
 * - a screen opened afterwards: the reader's whole institution layer and all three area levels (the
 *   county, or the whole province).
 */
async function publishFigures(database: Database, runtime: string, where: string, planner: Credentials, reader: Credentials) {
  const events = new EventBus()
  const app = createApp({ database, config: { mode: 'demo', cookieSecure: false }, events, now: () => new Date() })
  const cookie = await loggedIn(app, planner)
  const readerCookie = await loggedIn(app, reader)
  const call = async <T>(method: string, url: string, body?: unknown): Promise<T> => {
    const response = await app.request(url, { method, headers: { cookie, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) })
    if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`)
    return (await response.json()) as T
  }
  // As a browser asks (brotli); in-process, the body stays compressed.
  const read = async (url: string, encoding = 'br') => {
    const response = await app.request(url, { headers: { cookie: readerCookie, 'accept-encoding': encoding } })
    if (!response.ok) throw new Error(`${url}: ${response.status}`)
    return response.arrayBuffer()
  }
  const levels = ['district', 'zone', 'grid']
  const wholeScreen = () => Promise.all([read('/api/map/institutions'), ...levels.map((level) => read(`/api/areas?level=${level}`))])
  const institutions = (JSON.parse(new TextDecoder().decode(await read('/api/map/institutions', 'identity'))) as { count: number }).count
  await wholeScreen()
  const units = await call<{ adjacency: [number, number][]; institutions: { id: number; villageId: number | null }[]; units: { features: { properties: { id: number; gridId: number } }[] } }>('GET', '/api/planner/villages')
  const gridOf = new Map(units.units.features.map((feature) => [feature.properties.id, feature.properties.gridId]))
  const [village, neighbour] = units.adjacency.find(([a, b]) => gridOf.get(a) !== gridOf.get(b) && units.institutions.some((institution) => institution.villageId === a))!
  const movingIds = new Set(units.institutions.filter((institution) => institution.villageId === village).map((institution) => institution.id))
  const openScreen: number[] = []
  const newScreen: number[] = []
  let moved = 0
  for (let run = 0; run < 5; run++) {
    type Draft = { id: number; revision: number; grids: { key: string; gridId: number | null; unitIds: number[]; allowPieces?: boolean }[] }
    const draft = await call<Draft>('POST', '/api/planner/drafts', { name: `bench ${run}` })
    const target = `g${run % 2 === 0 ? gridOf.get(neighbour) : gridOf.get(village)}`
    const grids = draft.grids.map((grid) => ({ ...grid, unitIds: grid.key === target ? [...grid.unitIds.filter((id) => id !== village), village] : grid.unitIds.filter((id) => id !== village) }))
    let saved = (await call<{ draft: Draft }>('PUT', `/api/planner/drafts/${draft.id}`, { revision: draft.revision, grids })).draft
    // Real township outlines (the province set) have exclaves: the planner allows those grids'
    // pieces explicitly, as the check asks, before publishing.
    const check = await call<{ problems: { kind: string; gridKey?: string }[] }>('POST', `/api/planner/drafts/${draft.id}/check`, {})
    const inPieces = new Set(check.problems.filter((problem) => problem.kind === 'grid-in-pieces').map((problem) => problem.gridKey))
    if (inPieces.size > 0) {
      const allowed = saved.grids.map((grid) => (inPieces.has(grid.key) ? { ...grid, allowPieces: true } : grid))
      saved = (await call<{ draft: Draft }>('PUT', `/api/planner/drafts/${draft.id}`, { revision: saved.revision, grids: allowed })).draft
    }
    // What an open screen receives: the moved institutions, and which counties' areas to re-read.
    let institutionsArrived!: () => void
    let areasRead!: Promise<unknown>
    const institutionsChanged = new Promise<void>((resolve) => (institutionsArrived = resolve))
    const boundariesChanged = new Promise<void>((resolve) => {
      const unsubscribe = events.subscribe((event) => {
        if (event.type === 'institutions.changed' && event.records.some((record) => movingIds.has(record.id))) institutionsArrived()
        if (event.type === 'boundaries.changed') {
          unsubscribe()
          areasRead = Promise.all(event.countyCodes.flatMap((county) => levels.map((level) => read(`/api/areas?level=${level}&county=${county}`))))
          resolve()
        }
      })
    })
    const started = performance.now()
    const result = await call<{ moved: unknown[] }>('POST', `/api/planner/drafts/${draft.id}/publish`, { revision: saved.revision, effectiveFrom: '2026-11-01' })
    await Promise.all([institutionsChanged, boundariesChanged])
    await areasRead
    openScreen.push(performance.now() - started)
    moved = result.moved.length
    const loading = performance.now()
    await wholeScreen()
    newScreen.push(performance.now() - loading)
  }
  const extra = { runtime, layerInstitutions: institutions, institutionsMoved: moved }
  report(`publish a boundary change → an open screen has the moved institutions and the county's new areas, ${where}, median of 5`, percentile(openScreen, 50), 'ms', {
    ...extra,
    max: Math.round(Math.max(...openScreen) * 10) / 10,
  })
  report(`publish a boundary change → a screen opened afterwards loads the whole institution layer and area levels, ${where}, median of 5`, percentile(newScreen, 50), 'ms', {
    ...extra,
    max: Math.round(Math.max(...newScreen) * 10) / 10,
  })
}

/** The import checks a planner runs before importing: the county's grids as GCJ-02 GeoJSON, and its institution list as CSV. Median of 5 after a warm-up. */
async function importFigures(database: Database, runtime: string) {
  const app = createApp({ database, config: { mode: 'demo', cookieSecure: false }, events: new EventBus(), now: () => new Date() })
  const cookie = await loggedIn(app, { username: 'planner', password: demoPasswords.planner! })
  const grids = new Uint8Array(await (await app.request('/api/planner/export/grids?crs=gcj02', { headers: { cookie } })).arrayBuffer())
  const institutions = new Uint8Array(await (await app.request('/api/planner/export/institutions?format=csv', { headers: { cookie } })).arrayBuffer())
  for (const [label, url, body] of [
    [`check a grid import (${Math.round(grids.length / 1024)} KB GeoJSON in GCJ-02, demo county)`, '/api/planner/import/grids?crs=gcj02', grids],
    [`check an institution list (${Math.round(institutions.length / 1024)} KB CSV, 378 rows)`, '/api/planner/import/institutions', institutions],
  ] as const) {
    const timings: number[] = []
    for (let run = 0; run < 6; run++) {
      const started = performance.now()
      const response = await app.request(url, { method: 'POST', headers: { cookie, 'content-type': 'application/octet-stream' }, body: body as BodyInit })
      if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`)
      await response.json()
      if (run > 0) timings.push(performance.now() - started)
    }
    report(`${label}, median of 5`, percentile(timings, 50), 'ms', { runtime, max: Math.round(Math.max(...timings) * 10) / 10 })
  }
}

/** POST /api/boundaries/validate's work on the demo county's 11 grids, both runtimes: median and p95 of 15 after 3 warm-ups. */
async function boundaryFigures() {
  const measure = async (database: Database, runtime: string) => {
    await seedDemoIfEmpty(database)
    const rows = await database.rows<{ name: string; geometry: string; county_code: string }>(sql`
      SELECT name, county_code, ST_AsGeoJSON(geom) AS geometry FROM areas WHERE level = 'grid' AND boundary_version_id IN ${publishedBoundaryVersionIds}`)
    const features = rows.map((row) => ({ type: 'Feature', properties: { name: row.name }, geometry: JSON.parse(row.geometry) as unknown }))
    const timings: number[] = []
    for (let run = 0; run < 18; run++) {
      const started = performance.now()
      await validateGrids(database, rows[0]!.county_code, features)
      if (run >= 3) timings.push(performance.now() - started)
    }
    report(`validate a county's grids (${features.length} grids, ${rows[0]!.county_code}), median of 15`, percentile(timings, 50), 'ms', { runtime, p95: Math.round(percentile(timings, 95) * 10) / 10 })
    const planner = { username: 'planner', password: demoPasswords.planner! }
    await publishFigures(database, runtime, 'demo county', planner, planner)
    await importFigures(database, runtime)
  }
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'gridwatch-bench-'))
  try {
    const database = await openDatabase({ dataDirectory: path.join(directory, 'data') })
    await measure(database, 'pglite')
    await database.close()
  } finally {
    fs.rmSync(directory, { recursive: true, force: true })
  }
  await withServerDatabase('gridwatch_bench', async (databaseUrl) => {
    const database = await openDatabase({ databaseUrl })
    await measure(database, 'postgres')
    await database.close()
  })
}

/**
 * The planner's edit loop on a province-sized plan (62,074 village units in a lattice, 1,853 grids,
 * one institution per village): a lasso of 150 units moved into a neighbouring grid, then every
 * metric recomputed, as the page does on each edit. Median and max of 20.
 */
function plannerEditFigures() {
  const [columns, rows] = [254, 245]
  const units: PlanUnit[] = []
  const adjacency: [number, number][] = []
  const institutions: PlanInstitution[] = []
  for (let row = 0; row < rows; row++)
    for (let column = 0; column < columns; column++) {
      const id = row * columns + column + 1
      units.push({ id, seat: [114.8 + column * 0.03, 34.4 + row * 0.025], squareKm: 2.5 })
      if (column > 0) adjacency.push([id - 1, id])
      if (row > 0) adjacency.push([id - columns, id])
      institutions.push({ id, villageId: id, position: [114.8 + column * 0.03 + 0.005, 34.4 + row * 0.025] })
    }
  // Grids of 6 × 6 units (a few smaller at the edges).
  const grids = new Map<string, number[]>()
  for (const unit of units) {
    const column = (unit.id - 1) % columns
    const row = Math.floor((unit.id - 1) / columns)
    const key = `g${Math.floor(row / 6)}-${Math.floor(column / 6)}`
    grids.set(key, [...(grids.get(key) ?? []), unit.id])
  }
  const index = indexPlan(units, adjacency, institutions, [])
  const editor = new PlanEditor([...grids].map(([key, unitIds], position) => ({ key, gridId: position + 1, name: key, zoneId: 1, unitIds })))
  const timings: number[] = []
  for (let run = 0; run < 20; run++) {
    // A 10 × 15 block straddling two grids, moved back and forth.
    const top = 60 + (run % 2) * 3
    const lassoed = []
    for (let row = top; row < top + 10; row++) for (let column = 100; column < 115; column++) lassoed.push(row * columns + column + 1)
    const started = performance.now()
    editor.moveUnits(lassoed, run % 2 === 0 ? 'g10-16' : 'g10-18')
    planMetrics(editor.grids, index)
    timings.push(performance.now() - started)
  }
  report(`planner: lasso of 150 units moved + all metrics recomputed, province-sized plan (${units.length} units, ${editor.grids.length} grids), median of 20`, percentile(timings, 50), 'ms', {
    max: Math.round(Math.max(...timings) * 10) / 10,
  })
}

if (!skipBoundaries) {
  plannerEditFigures()
  await boundaryFigures()
}
if (!skipRoutes) {
  routeFigures()
  balanceFigures()
}
if (!skipStartup) await startupFigures()
if (!skipProvince) await provinceFigures()
