// Grid boundaries: validating a county's grids, publishing and what open screens see of it, imports,
// and the planner's edit loop on a province-sized plan.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { openDatabase, type Database } from '@gridwatch/db'
import { validateGrids } from '@gridwatch/api/boundaries/validate-grids.ts'
import { indexPlan, planMetrics, type PlanInstitution, type PlanVillage } from '@gridwatch/domain/grid-metrics.ts'
import { PlanEditor } from '../../web/src/stores/plan-editor.ts'
import { publishedBoundaryVersionIds } from '@gridwatch/api/boundaries/published-version.ts'
import { seedDemoIfEmpty } from '@gridwatch/api/demo/seed-demo.ts'
import { createApp } from '@gridwatch/api'
import { EventBus } from '@gridwatch/api/platform/events.ts'
import { demoPasswords } from '@gridwatch/api/demo/demo-accounts.ts'

import { loggedIn, percentile, report, withServerDatabase, type Credentials } from './bench-support.ts'

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
export async function publishFigures(
  database: Database,
  runtime: string,
  where: string,
  planner: Credentials,
  reader: Credentials,
) {
  const events = new EventBus()
  const app = createApp({ database, config: { mode: 'demo', cookieSecure: false }, events, now: () => new Date() })
  const cookie = await loggedIn(app, planner)
  const readerCookie = await loggedIn(app, reader)
  const call = async <T>(method: string, url: string, body?: unknown): Promise<T> => {
    const response = await app.request(url, {
      method,
      headers: { cookie, 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    })
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
  const wholeScreen = () =>
    Promise.all([read('/api/map/institutions'), ...levels.map((level) => read(`/api/areas?level=${level}`))])
  const institutions = (
    JSON.parse(new TextDecoder().decode(await read('/api/map/institutions', 'identity'))) as { count: number }
  ).count
  await wholeScreen()
  const units = await call<{
    adjacency: [number, number][]
    institutions: { id: number; villageId: number | null }[]
    villages: { features: { properties: { id: number; gridId: number } }[] }
  }>('GET', '/api/planner/villages')
  const gridOf = new Map(units.villages.features.map((feature) => [feature.properties.id, feature.properties.gridId]))
  const [village, neighbour] = units.adjacency.find(
    ([a, b]) =>
      gridOf.get(a) !== gridOf.get(b) && units.institutions.some((institution) => institution.villageId === a),
  )!
  const movingIds = new Set(
    units.institutions.filter((institution) => institution.villageId === village).map((institution) => institution.id),
  )
  const openScreen: number[] = []
  const newScreen: number[] = []
  let moved = 0
  for (let run = 0; run < 5; run++) {
    type Draft = {
      id: number
      revision: number
      grids: { key: string; gridId: number | null; villageIds: number[]; allowPieces?: boolean }[]
    }
    const draft = await call<Draft>('POST', '/api/planner/drafts', { name: `bench ${run}` })
    const target = `g${run % 2 === 0 ? gridOf.get(neighbour) : gridOf.get(village)}`
    const grids = draft.grids.map((grid) => ({
      ...grid,
      villageIds:
        grid.key === target
          ? [...grid.villageIds.filter((id) => id !== village), village]
          : grid.villageIds.filter((id) => id !== village),
    }))
    let saved = (
      await call<{ draft: Draft }>('PUT', `/api/planner/drafts/${draft.id}`, { revision: draft.revision, grids })
    ).draft
    // Real township outlines (the province set) have exclaves: the planner allows those grids'
    // pieces explicitly, as the check asks, before publishing.
    const check = await call<{ problems: { kind: string; gridKey?: string }[] }>(
      'POST',
      `/api/planner/drafts/${draft.id}/check`,
      {},
    )
    const inPieces = new Set(
      check.problems.filter((problem) => problem.kind === 'grid-in-pieces').map((problem) => problem.gridKey),
    )
    if (inPieces.size > 0) {
      const allowed = saved.grids.map((grid) => (inPieces.has(grid.key) ? { ...grid, allowPieces: true } : grid))
      saved = (
        await call<{ draft: Draft }>('PUT', `/api/planner/drafts/${draft.id}`, {
          revision: saved.revision,
          grids: allowed,
        })
      ).draft
    }
    // What an open screen receives: the moved institutions, and which counties' areas to re-read.
    let institutionsArrived!: () => void
    let areasRead!: Promise<unknown>
    const institutionsChanged = new Promise<void>((resolve) => (institutionsArrived = resolve))
    const boundariesChanged = new Promise<void>((resolve) => {
      const unsubscribe = events.subscribe((event) => {
        if (event.type === 'institutions.changed' && event.records.some((record) => movingIds.has(record.id)))
          institutionsArrived()
        if (event.type === 'boundaries.changed') {
          unsubscribe()
          areasRead = Promise.all(
            event.countyCodes.flatMap((county) =>
              levels.map((level) => read(`/api/areas?level=${level}&county=${county}`)),
            ),
          )
          resolve()
        }
      })
    })
    const started = performance.now()
    const result = await call<{ moved: unknown[] }>('POST', `/api/planner/drafts/${draft.id}/publish`, {
      revision: saved.revision,
      effectiveFrom: '2026-11-01',
    })
    await Promise.all([institutionsChanged, boundariesChanged])
    await areasRead
    openScreen.push(performance.now() - started)
    moved = result.moved.length
    const loading = performance.now()
    await wholeScreen()
    newScreen.push(performance.now() - loading)
  }
  const extra = { runtime, layerInstitutions: institutions, institutionsMoved: moved }
  report(
    `publish a boundary change → an open screen has the moved institutions and the county's new areas, ${where}, median of 5`,
    percentile(openScreen, 50),
    'ms',
    {
      ...extra,
      max: Math.round(Math.max(...openScreen) * 10) / 10,
    },
  )
  report(
    `publish a boundary change → a screen opened afterwards loads the whole institution layer and area levels, ${where}, median of 5`,
    percentile(newScreen, 50),
    'ms',
    {
      ...extra,
      max: Math.round(Math.max(...newScreen) * 10) / 10,
    },
  )
}

/** The import checks a planner runs before importing: the county's grids as GCJ-02 GeoJSON, and its institution list as CSV. Median of 5 after a warm-up. */
export async function importFigures(database: Database, runtime: string) {
  const app = createApp({
    database,
    config: { mode: 'demo', cookieSecure: false },
    events: new EventBus(),
    now: () => new Date(),
  })
  const cookie = await loggedIn(app, { username: 'planner', password: demoPasswords.planner! })
  const grids = new Uint8Array(
    await (await app.request('/api/planner/export/grids?crs=gcj02', { headers: { cookie } })).arrayBuffer(),
  )
  const institutions = new Uint8Array(
    await (await app.request('/api/planner/export/institutions?format=csv', { headers: { cookie } })).arrayBuffer(),
  )
  for (const [label, url, body] of [
    [
      `check a grid import (${Math.round(grids.length / 1024)} KB GeoJSON in GCJ-02, demo county)`,
      '/api/planner/import/grids?crs=gcj02',
      grids,
    ],
    [
      `check an institution list (${Math.round(institutions.length / 1024)} KB CSV, 378 rows)`,
      '/api/planner/import/institutions',
      institutions,
    ],
  ] as const) {
    const timings: number[] = []
    for (let run = 0; run < 6; run++) {
      const started = performance.now()
      const response = await app.request(url, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/octet-stream' },
        body: body as BodyInit,
      })
      if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`)
      await response.json()
      if (run > 0) timings.push(performance.now() - started)
    }
    report(`${label}, median of 5`, percentile(timings, 50), 'ms', {
      runtime,
      max: Math.round(Math.max(...timings) * 10) / 10,
    })
  }
}

/** POST /api/boundaries/validate's work on the demo county's 11 grids, both runtimes: median and p95 of 15 after 3 warm-ups. */
export async function boundaryFigures() {
  const measure = async (database: Database, runtime: string) => {
    await seedDemoIfEmpty(database)
    const rows = await database.rows<{ name: string; geometry: string; county_code: string }>(sql`
      SELECT name, county_code, ST_AsGeoJSON(geom) AS geometry FROM areas WHERE level = 'grid' AND boundary_version_id IN ${publishedBoundaryVersionIds}`)
    const features = rows.map((row) => ({
      type: 'Feature',
      properties: { name: row.name },
      geometry: JSON.parse(row.geometry) as unknown,
    }))
    const timings: number[] = []
    for (let run = 0; run < 18; run++) {
      const started = performance.now()
      await validateGrids(database, rows[0]!.county_code, features)
      if (run >= 3) timings.push(performance.now() - started)
    }
    report(
      `validate a county's grids (${features.length} grids, ${rows[0]!.county_code}), median of 15`,
      percentile(timings, 50),
      'ms',
      { runtime, p95: Math.round(percentile(timings, 95) * 10) / 10 },
    )
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
 * The planner's edit loop on a province-sized plan (62,074 villages in a lattice, 1,853 grids,
 * one institution per village): a lasso of 150 units moved into a neighbouring grid, then every
 * metric recomputed, as the page does on each edit. Median and max of 20.
 */
export function plannerEditFigures() {
  const [columns, rows] = [254, 245]
  const units: PlanVillage[] = []
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
  const editor = new PlanEditor(
    [...grids].map(([key, villageIds], position) => ({ key, gridId: position + 1, name: key, zoneId: 1, villageIds })),
  )
  const timings: number[] = []
  for (let run = 0; run < 20; run++) {
    // A 10 × 15 block straddling two grids, moved back and forth.
    const top = 60 + (run % 2) * 3
    const lassoed = []
    for (let row = top; row < top + 10; row++)
      for (let column = 100; column < 115; column++) lassoed.push(row * columns + column + 1)
    const started = performance.now()
    editor.moveVillages(lassoed, run % 2 === 0 ? 'g10-16' : 'g10-18')
    planMetrics(editor.grids, index)
    timings.push(performance.now() - started)
  }
  report(
    `planner: lasso of 150 units moved + all metrics recomputed, province-sized plan (${units.length} units, ${editor.grids.length} grids), median of 20`,
    percentile(timings, 50),
    'ms',
    {
      max: Math.round(Math.max(...timings) * 10) / 10,
    },
  )
}
