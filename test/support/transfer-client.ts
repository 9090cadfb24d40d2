// Shared by the transfer tests: the report shapes, and a client that downloads exports and uploads
// files as the signed-in planner of the current test.
import { expect } from 'vitest'
import { sql } from 'drizzle-orm'
import type { Database } from '@gridwatch/db'
import type { createTestApp } from './test-app.ts'
import { gridImportReportSchema } from '@gridwatch/api/transfers/report-schemas.ts'

export type Position = [number, number]
export interface Feature {
  type: 'Feature'
  properties: Record<string, unknown>
  geometry: { type: string; coordinates: unknown }
}
export interface Collection {
  type: 'FeatureCollection'
  features: Feature[]
}
/** A message as the API sends it: English, and key + params for the web to word it. */
export interface Phrase {
  message: string
  key: string
  params: Record<string, unknown>
}
export const messages = (phrases: Phrase[]) => phrases.map((phrase) => phrase.message).join()

export interface GridReport {
  valid: boolean
  applied: boolean
  draftId: number | null
  grids: { name: string; status: string; gridId: number | null; villages: number; fit: number }[]
  retired: { name: string }[]
  rejected: { feature: number; name: string; reasons: Phrase[] }[]
  problems: ({ kind: string; severity: string; feature?: number } & Phrase)[]
}
export interface InstitutionReport {
  valid: boolean
  applied: boolean
  rows: number
  created: { row: number; code: string; grid: string }[]
  changed: { row: number; code: string; changes: Phrase[] }[]
  unchanged: number
  rejected: { row: number; code: string; reasons: Phrase[] }[]
  notInFile: number
}

/** Requests as the current test's planner; `current` is read on every call (each test has its own app). */
export function transferClient(
  current: () => { app: ReturnType<typeof createTestApp>['app']; cookie: string; database: Database },
) {
  const cookieOf = () => current().cookie
  const databaseOf = () => current().database
  const download = async (url: string) => {
    const response = await current().app.request(url, { headers: { cookie: cookieOf() } })
    expect(response.status).toBe(200)
    return new Uint8Array(await response.arrayBuffer())
  }
  const downloadJson = async (url: string) => JSON.parse(new TextDecoder().decode(await download(url))) as Collection
  const upload = (url: string, body: Uint8Array | string) =>
    current().app.request(url, {
      method: 'POST',
      headers: { cookie: cookieOf(), 'content-type': 'application/octet-stream' },
      body: (typeof body === 'string' ? new TextEncoder().encode(body) : body) as BodyInit,
    })
  async function importGrids(collection: unknown, query = 'crs=gcj02'): Promise<GridReport> {
    const response = await upload(`/api/planner/import/grids?${query}`, JSON.stringify(collection))
    expect(response.status).toBe(200)
    // The report is what the OpenAPI document (and so the web's generated types) says it is.
    return gridImportReportSchema.strict().parse(await response.json()) as unknown as GridReport
  }
  async function counts() {
    const [row] = await databaseOf().rows<{
      drafts: number
      versions: number
      institutions: number
      changed: string
    }>(sql`
      SELECT (SELECT count(*)::int FROM boundary_drafts) AS drafts, (SELECT count(*)::int FROM boundary_versions) AS versions,
        (SELECT count(*)::int FROM institutions) AS institutions, (SELECT coalesce(max(updated_at)::text, '') FROM institutions) AS changed`)
    return row!
  }
  return { download, downloadJson, upload, importGrids, counts }
}

export const ring = (feature: Feature) =>
  feature.geometry.type === 'Polygon'
    ? (feature.geometry.coordinates as Position[][])[0]!
    : (feature.geometry.coordinates as Position[][][])[0]![0]!
