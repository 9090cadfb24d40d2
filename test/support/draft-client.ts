// Shared by the planner tests: draft shapes as the API returns them, requests as the current
// test's planner, and helpers that make edits and check what PostGIS stored.
import { expect } from 'vitest'
import { sql } from 'drizzle-orm'
import type { Database } from '@gridwatch/db'
import type { DraftGrid } from '@gridwatch/db/schema'
import { jsonRequest, type createTestApp } from './test-app.ts'

export type Grid = DraftGrid
export interface Draft {
  id: number
  name: string
  revision: number
  status: string
  grids: Grid[]
}
export interface Units {
  villages: { features: { id: number; properties: { id: number; gridId: number } }[] }
  adjacency: [number, number][]
  institutions: { id: number; villageId: number | null; gridId: number | null }[]
}
export interface Problems {
  valid: boolean
  problems: {
    kind: string
    severity: string
    message: string
    gridKey?: string
    villageId?: number
    institutionId?: number
  }[]
}

/** Requests as the current test's planner; `current` is read on every call (each test has its own app). */
export function draftClient(current: () => { app: ReturnType<typeof createTestApp>['app']; cookie: string }) {
  const get = async <T>(path: string) => {
    const response = await current().app.request(path, { headers: { cookie: current().cookie } })
    expect(response.status).toBe(200)
    return (await response.json()) as T
  }
  const send = (method: string, path: string, body: unknown) =>
    current().app.request(path, jsonRequest(method, body, current().cookie))

  async function newDraft(name = '调整方案'): Promise<Draft> {
    const response = await send('POST', '/api/planner/drafts', { name })
    expect(response.status).toBe(201)
    return response.json()
  }

  async function save(draft: Draft, grids: Grid[]): Promise<Response> {
    return send('PUT', `/api/planner/drafts/${draft.id}`, { revision: draft.revision, grids })
  }
  return { get, send, newDraft, save }
}

/** Moves one unit into another grid (by key), returning the new grid list. */
export function moved(grids: Grid[], villageId: number, toKey: string): Grid[] {
  return grids.map((grid) => ({
    ...grid,
    villageIds:
      grid.key === toKey
        ? [...grid.villageIds.filter((id) => id !== villageId), villageId].sort((a, b) => a - b)
        : grid.villageIds.filter((id) => id !== villageId),
  }))
}

/** Largest difference (m²) between a draft grid's stored shape and the union of its villages, over all grids. */
export async function shapeMismatch(database: Database, draft: Draft): Promise<number> {
  const [row] = await database.rows<{ worst: number | null; shapes: number }>(sql`
    WITH plan AS (SELECT g->>'key' AS key, unit::int AS unit FROM boundary_drafts d, jsonb_array_elements(d.grids) g, jsonb_array_elements_text(g->'villageIds') unit WHERE d.id = ${draft.id}),
      expected AS (SELECT p.key, ST_Union(v.geom) AS geom FROM plan p JOIN areas v ON v.id = p.unit GROUP BY p.key)
    SELECT max(ST_Area(ST_SymDifference(e.geom, s.geom)::geography)) AS worst, count(s.key)::int AS shapes
    FROM expected e LEFT JOIN boundary_draft_shapes s ON s.draft_id = ${draft.id} AND s.key = e.key`)
  return row!.worst ?? Infinity
}

/** A border unit of grid `from` that touches a unit of another grid, and that grid's key. */
export function borderVillage(base: Units, grids: Grid[]): { villageId: number; from: Grid; to: Grid } {
  const gridOfVillage = new Map(grids.flatMap((grid) => grid.villageIds.map((villageId) => [villageId, grid] as const)))
  for (const [a, b] of base.adjacency) {
    const [ga, gb] = [gridOfVillage.get(a)!, gridOfVillage.get(b)!]
    // A unit with institutions, in a grid that keeps others.
    if (
      ga.key !== gb.key &&
      ga.villageIds.length > 3 &&
      base.institutions.some((institution) => institution.villageId === a)
    )
      return { villageId: a, from: ga, to: gb }
  }
  throw new Error('no border unit')
}
