// The province-sized figures: loading Shandong's 62,074 institutions, the server, map data, lasso
// and wall on it, and a publish in one of its counties against the province-wide layers.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { openDatabase, schema, type Database } from '@gridwatch/db'
import { hashPassword } from '@gridwatch/api/auth/password.ts'
import { provinceSupervisor } from '@gridwatch/api/demo/load-province.ts'
import { launchBrowser } from '../support/browser.ts'
import { seededRandom } from '@gridwatch/geodata'

import {
  coldStart,
  percentile,
  report,
  root,
  skipProvinceScreens,
  timedFetch,
  type Credentials,
} from './bench-support.ts'
import { publishFigures } from './boundaries.ts'
import { monthlyReportFigures, oversightFigures } from './reports.ts'

export function runProvinceScript(environment: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'api/src/province.ts'], {
      cwd: root,
      env: { ...process.env, ...environment },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.once('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`province script failed (${code}): ${output}`)),
    )
  })
}

export const provinceDataDirectory = path.join(root, 'data-province')

export async function provinceFigures() {
  if (!fs.existsSync(provinceDataDirectory)) {
    const started = performance.now()
    const output = await runProvinceScript({ GRIDWATCH_DATA_DIR: provinceDataDirectory })
    const built = /(built|read) .*: (\d+) counties in (\d+) ms/.exec(output)
    const loaded = /loaded (\d+) counties, (\d+) institutions and (\d+) visits in (\d+) ms/.exec(output)
    if (built)
      report(`province set: ${built[1] === 'built' ? 'generate' : 'read the generated file'}`, Number(built[3]), 'ms', {
        counties: Number(built[2]),
      })
    if (loaded)
      report('province set: load into the embedded database', Number(loaded[4]), 'ms', {
        runtime: 'pglite',
        institutions: Number(loaded[2]),
        visits: Number(loaded[3]),
      })
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
    await publishFigures(
      database,
      'pglite',
      `one county of the province (${planner.countyCode}), layer of the whole province`,
      planner,
      provinceSupervisor,
    )
    await monthlyReportFigures(database, 'pglite')
    await oversightFigures(database, 'pglite')
  } finally {
    await database.close()
  }
}

/** A planner for the first county of the province set (made on first use; a demo account like the province supervisor). */
export async function provincePlanner(database: Database): Promise<Credentials & { countyCode: string }> {
  const [county] = await database.rows<{ county_code: string }>(
    sql`SELECT min(county_code) AS county_code FROM areas WHERE level = 'grid'`,
  )
  const account = { username: 'province-planner', password: 'province-planner-demo', countyCode: county!.county_code }
  const passwordHash = await hashPassword(account.password)
  await database.write(async (transaction) => {
    await transaction
      .insert(schema.users)
      .values({
        countyCode: account.countyCode,
        username: account.username,
        displayName: '省网格规划（基准）',
        passwordHash,
        role: 'planner',
        scopeKind: 'district',
        isDemo: true,
      })
      .onConflictDoNothing()
  })
  return account
}

/** The map-data API for the whole province: the compact layer on the wire, and GeoJSON for comparison. */
export async function mapDataFigures(url: string) {
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
  report(
    'GET /api/map/institutions, whole province, first request after start (reads every institution)',
    first.ms,
    'ms',
    { runtime: 'pglite', institutions },
  )
  const timings: number[] = []
  for (let run = 0; run < 40; run++)
    timings.push((await timedFetch(`${url}/api/map/institutions`, { 'accept-encoding': 'br' })).ms)
  report('GET /api/map/institutions, whole province, p95', percentile(timings, 95), 'ms', {
    runtime: 'pglite',
    institutions,
    p50: Math.round(percentile(timings, 50) * 10) / 10,
  })
  for (const encoding of ['br', 'gzip']) {
    const { length } = await wire(encoding)
    report(`GET /api/map/institutions, bytes per institution on the wire (${encoding})`, length / institutions, 'B', {
      institutions,
      bytes: length,
    })
  }
  const geojson: number[] = []
  let geojsonBytes = 0
  for (let run = 0; run < 3; run++) {
    const result = await timedFetch(`${url}/api/institutions`)
    geojson.push(result.ms)
    geojsonBytes = result.bytes
  }
  report('GET /api/institutions (GeoJSON), whole province, median of 3', percentile(geojson, 50), 'ms', {
    runtime: 'pglite',
    bytesPerInstitution: Math.round(geojsonBytes / institutions),
  })
}

/** The supervision teams' lasso: institutions inside a drawn polygon, anywhere in the province. */
export async function lassoFigures(url: string) {
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
    const response = await fetch(`${url}/api/institutions/within`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ polygon }),
    })
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
export async function wallFigures(url: string) {
  const browser = await launchBrowser()
  try {
    const later: number[] = []
    for (const round of ['first', 'later', 'later', 'later', 'later', 'last']) {
      const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
      await page.goto(`${url}/wall?cycle=0`)
      const drawn = await page.waitForFunction(
        () => {
          const mark = performance.getEntriesByName('gridwatch:institutions-drawn')[0] as PerformanceMark | undefined
          return mark && (mark.detail as { count: number }).count > 0
            ? { at: mark.startTime, count: (mark.detail as { count: number }).count }
            : null
        },
        undefined,
        { timeout: 120_000, polling: 50 },
      )
      const { at, count } = (await drawn.jsonValue())!
      if (round === 'first')
        report('/wall: navigation to all institutions drawn (first load after start)', at, 'ms', {
          institutions: count,
          viewport: '1920x1080',
        })
      else later.push(at)
      if (round === 'last') {
        report('/wall: navigation to all institutions drawn, median of 5 later loads', percentile(later, 50), 'ms', {
          institutions: count,
          max: Math.round(Math.max(...later)),
        })
        // A visit recorded from this page's session; the time until the map has redrawn the institution.
        const latencies = await page.evaluate(async (account) => {
          await fetch('/api/auth/login', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(account),
          })
          const layer = (await (await fetch('/api/map/institutions')).json()) as {
            id: number[]
            lon: number[]
            lat: number[]
          }
          let sum = 0
          const ids = layer.id.map((delta) => (sum += delta))
          let [lon, lat] = [0, 0]
          const positions = layer.lon.map((delta, index) => [(lon += delta) / 1e5, (lat += layer.lat[index]!) / 1e5])
          const results: number[] = []
          for (let run = 0; run < 5; run++) {
            const id = ids[run * 9973]
            const position = positions[run * 9973]
            const before = performance.getEntriesByName('gridwatch:institutions-updated').length
            const started = performance.now()
            await fetch('/api/inspections', {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({
                institutionId: id,
                kind: 'cross-check',
                arrivedAt: new Date(Date.now() - 40 * 60_000).toISOString(),
                departedAt: new Date(Date.now() - 20 * 60_000).toISOString(),
                position,
                accuracyMeters: 12,
              }),
            })
            // (No named inner functions here: tsx would wrap them in a helper the page does not have.)
            while (performance.getEntriesByName('gridwatch:institutions-updated').length <= before)
              await new Promise((resolve) => setTimeout(resolve, 5))
            results.push(performance.now() - started)
          }
          return results
        }, provinceSupervisor)
        report(
          'recorded visit to redrawn institution on an open /wall (POST → SSE → point layer → next frame), median of 5',
          percentile(latencies, 50),
          'ms',
          {
            max: Math.round(Math.max(...latencies)),
          },
        )
      }
      await page.close()
    }
  } finally {
    await browser.close()
  }
}
