// `pnpm bench`: prints gridwatch's figures as JSON lines, one per measurement:
//   {"figure": "...", "runtime": "pglite" | "postgres", "value": 123, "unit": "ms", ...}
// Nothing here is asserted; the figures go into the closing notes of the issues that set them.
// The PostgreSQL figures need a server at BENCH_DATABASE_URL (default: the local one); the
// province figures load the province-sized set into ./data-province on first use (minutes).
// --skip-startup, --skip-province or --skip-routes leave out a part.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import postgres from 'postgres'
import { openDatabase } from '@gridwatch/db'
import { seedDemoIfEmpty } from '@gridwatch/api/demo/seed-demo.ts'
import { provinceSupervisor } from '@gridwatch/api/demo/load-province.ts'
import { launchBrowser } from '../support/browser.ts'
import { routeOrder } from '@gridwatch/api/domain/route-order.ts'
import { routeSearchMilliseconds } from '@gridwatch/api/routes/routes.ts'
import { seededRandom } from '@gridwatch/geodata'
import { tsplibAsStops, tsplibInstances, tsplibTourLength } from '../fixtures/tsplib.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const skipProvince = process.argv.includes('--skip-province')
const skipStartup = process.argv.includes('--skip-startup')
const skipRoutes = process.argv.includes('--skip-routes')

function report(figure: string, value: number, unit: string, extra: Record<string, unknown> = {}) {
  console.log(JSON.stringify({ figure, ...extra, value: Math.round(value * 10) / 10, unit }))
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

let nextPort = 39_400
/** Starts `pnpm start`'s server process and times it to its first healthy answer. */
async function coldStart(environment: Record<string, string>): Promise<{ ms: number; stop(): Promise<void>; url: string }> {
  const port = nextPort++
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
        .get(`${url}/api/map/clinics`, { headers: { 'accept-encoding': encoding } }, (response) => {
          let length = 0
          response.on('data', (chunk: Buffer) => (length += chunk.length))
          response.on('end', () => resolve({ length, encoding: response.headers['content-encoding'] }))
        })
        .on('error', reject)
    })
  const first = await timedFetch(`${url}/api/map/clinics`)
  const clinics = (JSON.parse(new TextDecoder().decode(first.body)) as { count: number }).count
  report('GET /api/map/clinics, whole province, first request after start (reads every clinic)', first.ms, 'ms', { runtime: 'pglite', clinics })
  const timings: number[] = []
  for (let run = 0; run < 40; run++) timings.push((await timedFetch(`${url}/api/map/clinics`, { 'accept-encoding': 'br' })).ms)
  report('GET /api/map/clinics, whole province, p95', percentile(timings, 95), 'ms', { runtime: 'pglite', clinics, p50: Math.round(percentile(timings, 50) * 10) / 10 })
  for (const encoding of ['br', 'gzip']) {
    const { length } = await wire(encoding)
    report(`GET /api/map/clinics, bytes per clinic on the wire (${encoding})`, length / clinics, 'B', { clinics, bytes: length })
  }
  const geojson: number[] = []
  let geojsonBytes = 0
  for (let run = 0; run < 3; run++) {
    const result = await timedFetch(`${url}/api/clinics`)
    geojson.push(result.ms)
    geojsonBytes = result.bytes
  }
  report('GET /api/clinics (GeoJSON), whole province, median of 3', percentile(geojson, 50), 'ms', { runtime: 'pglite', bytesPerClinic: Math.round(geojsonBytes / clinics) })
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

/** /wall in headless Chromium on the province: navigation to every clinic drawn, and a visit reaching the screen. */
async function wallFigures(url: string) {
  const browser = await launchBrowser()
  try {
    const later: number[] = []
    for (const round of ['first', 'later', 'later', 'later', 'later', 'last']) {
      const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
      await page.goto(`${url}/wall?cycle=0`)
      const drawn = await page.waitForFunction(
        () => {
          const mark = performance.getEntriesByName('gridwatch:clinics-drawn')[0] as PerformanceMark | undefined
          return mark && (mark.detail as { count: number }).count > 0 ? { at: mark.startTime, count: (mark.detail as { count: number }).count } : null
        },
        undefined,
        { timeout: 120_000, polling: 50 },
      )
      const { at, count } = (await drawn.jsonValue())!
      if (round === 'first') report('/wall: navigation to all clinics drawn (first load after start)', at, 'ms', { clinics: count, viewport: '1920x1080' })
      else later.push(at)
      if (round === 'last') {
        report('/wall: navigation to all clinics drawn, median of 5 later loads', percentile(later, 50), 'ms', { clinics: count, max: Math.round(Math.max(...later)) })
        // A visit recorded from this page's session; the time until the map has redrawn the clinic.
        const latencies = await page.evaluate(async (account) => {
          await fetch('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(account) })
          const layer = (await (await fetch('/api/map/clinics')).json()) as { id: number[] }
          let sum = 0
          const ids = layer.id.map((delta) => (sum += delta))
          const results: number[] = []
          for (let run = 0; run < 5; run++) {
            const id = ids[run * 9973]
            const before = performance.getEntriesByName('gridwatch:clinics-updated').length
            const started = performance.now()
            await fetch('/api/inspections', {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ institutionId: id, kind: 'cross-check', visitedAt: new Date().toISOString(), findings: '', position: [117, 36] }),
            })
            // (No named inner functions here: tsx would wrap them in a helper the page does not have.)
            while (performance.getEntriesByName('gridwatch:clinics-updated').length <= before) await new Promise((resolve) => setTimeout(resolve, 5))
            results.push(performance.now() - started)
          }
          return results
        }, provinceSupervisor)
        report('recorded visit to redrawn clinic on an open /wall (POST → SSE → point layer → next frame), median of 5', percentile(latencies, 50), 'ms', {
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

if (!skipRoutes) routeFigures()
if (!skipStartup) await startupFigures()
if (!skipProvince) await provinceFigures()
