// Light requests while heavy work runs (issue 18, item 1): a planner validates the largest boundary
// collection the API takes (200,000 vertices) while /api/health, the institution layer and the grid
// layer are asked every 25 ms. Figures: how long the validation took, and the slowest and p95
// answer of each light request during it, on both runtimes.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { demoPasswords } from '@gridwatch/api/demo/demo-accounts.ts'
import { maximumBoundaryVertices } from '@gridwatch/api/boundaries/boundaries.endpoints.ts'
import { coldStart, percentile, report, withServerDatabase } from './bench-support.ts'

type Position = [number, number]

/** The county's grids with every edge cut into short pieces, so that together they hold close to `vertices` positions. */
export function densified(
  collection: { features: { geometry: { type: string; coordinates: unknown } }[] },
  vertices: number,
) {
  const rings: Position[][] = []
  for (const feature of collection.features) {
    const polygons = (
      feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates
    ) as Position[][][]
    for (const polygon of polygons) rings.push(...polygon)
  }
  const existing = rings.reduce((sum, ring) => sum + ring.length, 0)
  const pieces = Math.max(1, Math.floor(vertices / existing) - 1)
  const cut = (ring: Position[]) => {
    const out: Position[] = []
    for (let index = 0; index < ring.length - 1; index++) {
      const [x1, y1] = ring[index]!
      const [x2, y2] = ring[index + 1]!
      for (let piece = 0; piece < pieces; piece++)
        out.push([x1 + ((x2 - x1) * piece) / pieces, y1 + ((y2 - y1) * piece) / pieces])
    }
    out.push(ring[ring.length - 1]!)
    return out
  }
  return {
    type: 'FeatureCollection',
    features: collection.features.map((feature) => {
      const polygons = (
        feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates
      ) as Position[][][]
      return {
        ...feature,
        geometry: { type: 'MultiPolygon', coordinates: polygons.map((polygon) => polygon.map(cut)) },
      }
    }),
  }
}

async function probe(url: string, runtime: string) {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ username: 'planner', password: demoPasswords.planner }),
  })
  if (!login.ok) throw new Error(`login: ${login.status} ${await login.text()}`)
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!
  const grids = (await (await fetch(`${url}/api/areas?level=grid`, { headers: { cookie } })).json()) as Parameters<
    typeof densified
  >[0]
  const body = JSON.stringify(densified(grids, maximumBoundaryVertices - 1000))
  const light = {
    health: '/api/health',
    'institution layer': '/api/map/institutions',
    'grid layer': '/api/areas?level=grid',
  }
  for (const path of Object.values(light)) await (await fetch(`${url}${path}`, { headers: { cookie } })).arrayBuffer()

  const timings = new Map<string, number[]>(Object.keys(light).map((name) => [name, []]))
  let heavyDone = false
  const started = performance.now()
  const heavy = fetch(`${url}/api/boundaries/validate`, {
    method: 'POST',
    headers: { cookie, origin: url, 'content-type': 'application/json' },
    body,
  })
    .then(async (response) => {
      if (!response.ok) throw new Error(`validate: ${response.status} ${await response.text()}`)
      await response.arrayBuffer()
      return performance.now() - started
    })
    .finally(() => (heavyDone = true))
  const askers = Object.entries(light).map(async ([name, path]) => {
    await new Promise((resolve) => setTimeout(resolve, 200))
    while (!heavyDone) {
      const asked = performance.now()
      const response = await fetch(`${url}${path}`, { headers: { cookie } })
      await response.arrayBuffer()
      // Asked while the heavy request ran: counted even when the answer came after it.
      timings.get(name)!.push(performance.now() - asked)
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
  })
  const heavyMs = await heavy
  await Promise.all(askers)
  report(
    `validate ${(maximumBoundaryVertices - 1000).toLocaleString('en')} vertices of grids (the heavy request)`,
    heavyMs,
    'ms',
    { runtime },
  )
  for (const [name, values] of timings) {
    if (values.length === 0) continue
    report(`${name} while the heavy request runs, slowest of ${values.length}`, Math.max(...values), 'ms', {
      runtime,
      p95: Math.round(percentile(values, 95) * 10) / 10,
    })
  }
}

export async function responsivenessFigures() {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'gridwatch-bench-'))
  try {
    const server = await coldStart({ GRIDWATCH_DATA_DIR: path.join(directory, 'data') })
    try {
      await probe(server.url, 'pglite')
    } finally {
      await server.stop()
    }
  } finally {
    fs.rmSync(directory, { recursive: true, force: true })
  }
  if (process.argv.includes('--pglite-only')) return
  await withServerDatabase('gridwatch_bench', async (databaseUrl) => {
    const server = await coldStart({ DATABASE_URL: databaseUrl })
    try {
      await probe(server.url, 'postgres')
    } finally {
      await server.stop()
    }
  })
}

// `npx tsx test/bench/responsiveness.ts [--pglite-only]` runs this part alone.
if (import.meta.url === `file://${process.argv[1]}`) await responsivenessFigures()
