// Village and institution transfers through the API with real files: villages and institutions
// export in the system asked for; institutions round-trip through CSV and XLSX, and a corrected
// list creates and changes institutions in one go, visible on the map layer; real village polygons
// replace the demo cells, and grids, zones and institutions follow.
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import type { Database } from '@gridwatch/db'
import { openSeededTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { createTestApp, loginAs } from '../support/test-app.ts'
import {
  messages,
  transferClient,
  type InstitutionReport,
  type Phrase,
  type Position,
} from '../support/transfer-client.ts'
import { institutionImportReportSchema } from '@gridwatch/api/transfers/report-schemas.ts'

let testDatabase: TestDatabase
let database: Database
let app: ReturnType<typeof createTestApp>['app']
let cookie: string

// Its tests write: each gets its own copy of the seeded database, whatever order they run in.
beforeEach(async () => {
  testDatabase = await openSeededTestDatabase()
  database = testDatabase.database
  ;({ app } = createTestApp(database))
  cookie = await loginAs(app, 'planner')
})
afterEach(() => testDatabase.close())

const { download, downloadJson, upload, counts } = transferClient(() => ({ app, cookie, database }))

describe('villages and institutions', () => {
  test('villages and institutions export as GeoJSON with their grid, in the system asked for', async () => {
    const units = await downloadJson('/api/planner/export/villages')
    const [villages] = await database.rows<{ count: number }>(
      sql`SELECT count(*)::int AS count FROM areas WHERE level = 'village' AND boundary_version_id IN (SELECT id FROM boundary_versions WHERE status = 'published')`,
    )
    expect(units.features).toHaveLength(villages!.count)
    expect(units.features[0]!.properties).toMatchObject({ name: expect.any(String), grid: expect.any(String) })
    const wgs = await downloadJson('/api/planner/export/institutions?format=geojson')
    const gcj = await downloadJson('/api/planner/export/institutions?format=geojson&crs=gcj02')
    expect(wgs.features).toHaveLength(378)
    const [a, b] = [
      wgs.features[0]!.geometry.coordinates as Position,
      gcj.features[0]!.geometry.coordinates as Position,
    ]
    expect(Math.hypot(a[0] - b[0], a[1] - b[1])).toBeGreaterThan(0.003)
  })

  test('the exported CSV and XLSX go back in unchanged', async () => {
    const csv = await download('/api/planner/export/institutions?format=csv&crs=gcj02')
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(csv.slice(0, 22))).toBe('\uFEFF医保编码,机构')
    const fromCsv = institutionImportReportSchema
      .strict()
      .parse(await (await upload('/api/planner/import/institutions?crs=gcj02', csv)).json()) as InstitutionReport
    expect(fromCsv).toMatchObject({
      valid: true,
      rows: 378,
      created: [],
      changed: [],
      unchanged: 378,
      rejected: [],
      notInFile: 0,
    })
    const xlsx = await download('/api/planner/export/institutions?format=xlsx')
    const fromXlsx = (await (await upload('/api/planner/import/institutions', xlsx)).json()) as InstitutionReport & {
      format: string
    }
    expect(fromXlsx).toMatchObject({ format: 'xlsx', valid: true, unchanged: 378, rejected: [] })
  })

  test('bad rows are rejected by row number and nothing is written; corrected, the list creates and changes institutions in one go', async () => {
    const lines = new TextDecoder()
      .decode(await download('/api/planner/export/institutions?format=csv'))
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    const header = lines[0]!
    const first = lines[1]!.split(',')
    const second = lines[2]!.split(',')
    const renamed = [first[0], `${first[1]}（更名）`, ...first.slice(2)].join(',')
    const added = ['NEW-0001', '新开诊所', '诊所', second[3], second[4], '', '', '', '正常', ''].join(',')
    const badType = ['NEW-0002', '某机构', '养老院', second[3], second[4], '', '', '', '正常', ''].join(',')
    const outside = ['NEW-0003', '外县药店', '药店', '117.5', '36.2', '', '', '', '正常', ''].join(',')
    const noName = ['NEW-0004', '', '药店', second[3], second[4], '', '', '', '正常', ''].join(',')
    const file = [header, renamed, added, badType, outside, noName].join('\n')
    const before = await counts()
    const refused = (await (
      await upload('/api/planner/import/institutions?apply=true', file)
    ).json()) as InstitutionReport
    expect(refused.valid).toBe(false)
    expect(refused.applied).toBe(false)
    expect(refused.rejected.map((row) => row.row)).toEqual([4, 5, 6])
    expect(messages(refused.rejected[0]!.reasons)).toMatch(/养老院/)
    expect(refused.rejected[0]!.reasons[0]).toMatchObject({ key: 'type-unknown', params: { value: '养老院' } })
    expect(messages(refused.rejected[1]!.reasons)).toMatch(/outside the district/)
    expect(messages(refused.rejected[2]!.reasons)).toMatch(/机构名称 is empty/)
    expect(await counts()).toEqual(before)

    const accepted = (await (
      await upload('/api/planner/import/institutions?apply=true&name=list.csv', [header, renamed, added].join('\n'))
    ).json()) as InstitutionReport
    expect(accepted).toMatchObject({ valid: true, applied: true, unchanged: 0, notInFile: 377 })
    expect(accepted.created.map((row) => row.code)).toEqual(['NEW-0001'])
    expect(accepted.changed.map((row) => row.code)).toEqual([first[0]])
    expect(accepted.changed[0]!.changes[0]).toMatchObject({
      key: 'changed-name',
      params: { after: `${first[1]}（更名）` },
    })
    const [created] = await database.rows<{ grid_id: number | null; village_id: number | null; type: string }>(
      sql`SELECT grid_id, village_id, type FROM institutions WHERE code = 'NEW-0001'`,
    )
    expect(created).toMatchObject({
      type: 'private_clinic',
      grid_id: expect.any(Number),
      village_id: expect.any(Number),
    })
    const layer = (await (await app.request('/api/map/institutions', { headers: { cookie } })).json()) as {
      id: number[]
    }
    expect(layer.id).toHaveLength(379)
    const [audit] = await database.rows<{ after: { created: number[]; changed: number[] } }>(
      sql`SELECT after FROM audit_log WHERE entity = 'institution' AND action = 'import' ORDER BY id DESC LIMIT 1`,
    )
    expect(audit!.after.created).toHaveLength(1)
    expect(audit!.after.changed).toHaveLength(1)
  })

  test('a header without the required columns names them', async () => {
    const report = (await (
      await upload('/api/planner/import/institutions', 'code,名称\nA,B\n')
    ).json()) as InstitutionReport
    expect(report.valid).toBe(false)
    expect(report.rejected[0]!.reasons[0]!.message).toMatch(/机构类型, 经度, 纬度/)
    expect(report.rejected[0]!.reasons[0]).toMatchObject({
      key: 'header-lacks-columns',
      params: { missing: ['机构类型', '经度', '纬度'] },
    })
  })
})

describe('real village polygons', () => {
  interface VillageReport {
    valid: boolean
    applied: boolean
    matched: number
    missing: { name: string }[]
    rejected: { feature: number; reasons: Phrase[] }[]
  }
  const importVillages = async (collection: unknown, query: string) => {
    const response = await upload(`/api/planner/import/villages?${query}`, JSON.stringify(collection))
    expect(response.status).toBe(200)
    return (await response.json()) as VillageReport
  }

  test('a file naming an unknown village, or leaving one out, is refused and changes nothing', async () => {
    const file = await downloadJson('/api/planner/export/villages?crs=bd09')
    const right = await importVillages(file, 'crs=bd09')
    expect(right).toMatchObject({
      valid: true,
      applied: false,
      matched: file.features.length,
      missing: [],
      rejected: [],
    })
    file.features[0]!.properties = { code: '000000000000', name: '不存在村' }
    file.features.splice(1, 1)
    const before = await counts()
    const wrong = await importVillages(file, 'crs=bd09&apply=true')
    expect(wrong.valid).toBe(false)
    expect(wrong.applied).toBe(false)
    expect(messages(wrong.rejected[0]!.reasons)).toMatch(/matches no village/)
    expect(wrong.missing).toHaveLength(2)
    expect(await counts()).toEqual(before)
  })

  test('reshaped villages replace the demo cells: grids and zones follow, institutions are placed again', async () => {
    // Two neighbouring villages of different grids; a strip of the second goes to the first.
    const [pair] = await database.rows<{
      a: number
      b: number
      grid_a: number
      grid_b: number
      new_a: string
      new_b: string
      piece: number
    }>(sql`
      WITH pair AS (
        SELECT a.id AS a, b.id AS b, a.parent_id AS grid_a, b.parent_id AS grid_b, a.geom AS ga, b.geom AS gb FROM areas a JOIN areas b
          ON a.id < b.id AND a.parent_id <> b.parent_id AND a.geom && b.geom AND ST_Relate(a.geom, b.geom, '****1****')
        WHERE a.level = 'village' AND b.level = 'village' AND a.boundary_version_id IN (SELECT id FROM boundary_versions WHERE status = 'published')
          AND b.boundary_version_id = a.boundary_version_id
        ORDER BY a.id, b.id LIMIT 1),
      strip AS (SELECT pair.*, ST_Intersection(gb, ST_Buffer(ga, 0.002)) AS g FROM pair)
      SELECT a, b, grid_a, grid_b, ST_AsGeoJSON(ST_Union(ga, g), 9) AS new_a, ST_AsGeoJSON(ST_Difference(gb, g), 9) AS new_b, ST_Area(g::geography) AS piece FROM strip`)
    const areaOf = async (id: number) =>
      (
        await database.rows<{ area: number }>(sql`SELECT ST_Area(geom::geography) AS area FROM areas WHERE id = ${id}`)
      )[0]!.area
    const [gridA, gridB] = [await areaOf(pair!.grid_a), await areaOf(pair!.grid_b)]
    const file = await downloadJson('/api/planner/export/villages')
    for (const feature of file.features) {
      if (feature.properties.villageId === pair!.a) feature.geometry = JSON.parse(pair!.new_a)
      if (feature.properties.villageId === pair!.b) feature.geometry = JSON.parse(pair!.new_b)
    }
    const report = await importVillages(file, 'crs=wgs84&apply=true&name=villages.geojson')
    expect(report.rejected).toEqual([])
    expect(report.applied).toBe(true)
    expect(await areaOf(pair!.grid_a)).toBeCloseTo(gridA + pair!.piece, -3)
    expect(await areaOf(pair!.grid_b)).toBeCloseTo(gridB - pair!.piece, -3)
    const [state] = await database.rows<{ demo: number; misplaced: number }>(sql`
      SELECT (SELECT count(*)::int FROM areas WHERE level = 'village' AND is_demo AND boundary_version_id IN (SELECT id FROM boundary_versions WHERE status = 'published')) AS demo,
        (SELECT count(*)::int FROM institutions i JOIN areas v ON v.id = i.village_id WHERE NOT ST_Covers(v.geom, i.position) OR i.grid_id IS DISTINCT FROM v.parent_id) AS misplaced`)
    expect(state).toEqual({ demo: 0, misplaced: 0 })
    const [audit] = await database.rows<{ after: { villages: number; file: string } }>(
      sql`SELECT after FROM audit_log WHERE entity = 'area' AND action = 'import' ORDER BY id DESC LIMIT 1`,
    )
    expect(audit!.after).toMatchObject({ villages: file.features.length, file: 'villages.geojson' })
  })
})
