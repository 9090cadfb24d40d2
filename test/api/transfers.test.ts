// Imports and exports through the API with real files: grids exported as GeoJSON (in GCJ-02, as
// Chinese web maps give them) go back in unchanged when the right coordinate system is chosen;
// every kind of bad file is refused with what is wrong and where, and writes nothing; a zipped
// Shapefile made by GDAL reads like the GeoJSON, and our own Shapefile exports read in GDAL and go
// back in unchanged; institutions round-trip through CSV and XLSX,
// and a corrected list creates and changes institutions in one go, visible on the map layer.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import type { Database } from '@gridwatch/db'
import { openSeededTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { createTestApp, loginAs } from '../support/test-app.ts'
import { gridImportReportSchema, institutionImportReportSchema, unitImportReportSchema } from '@gridwatch/api/transfers/report-schemas.ts'

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

type Position = [number, number]
interface Feature {
  type: 'Feature'
  properties: Record<string, unknown>
  geometry: { type: string; coordinates: unknown }
}
interface Collection {
  type: 'FeatureCollection'
  features: Feature[]
}
/** A message as the API sends it: English, and key + params for the web to word it. */
interface Phrase {
  message: string
  key: string
  params: Record<string, unknown>
}
const messages = (phrases: Phrase[]) => phrases.map((phrase) => phrase.message).join()

interface GridReport {
  valid: boolean
  applied: boolean
  draftId: number | null
  grids: { name: string; status: string; gridId: number | null; villages: number; fit: number }[]
  retired: { name: string }[]
  rejected: { feature: number; name: string; reasons: Phrase[] }[]
  problems: ({ kind: string; severity: string; feature?: number } & Phrase)[]
}
interface InstitutionReport {
  valid: boolean
  applied: boolean
  rows: number
  created: { row: number; code: string; grid: string }[]
  changed: { row: number; code: string; changes: Phrase[] }[]
  unchanged: number
  rejected: { row: number; code: string; reasons: Phrase[] }[]
  notInFile: number
}

const download = async (url: string) => {
  const response = await app.request(url, { headers: { cookie } })
  expect(response.status).toBe(200)
  return new Uint8Array(await response.arrayBuffer())
}
const downloadJson = async (url: string) => JSON.parse(new TextDecoder().decode(await download(url))) as Collection
const upload = (url: string, body: Uint8Array | string) =>
  app.request(url, { method: 'POST', headers: { cookie, 'content-type': 'application/octet-stream' }, body: (typeof body === 'string' ? new TextEncoder().encode(body) : body) as BodyInit })
async function importGrids(collection: unknown, query = 'crs=gcj02'): Promise<GridReport> {
  const response = await upload(`/api/planner/import/grids?${query}`, JSON.stringify(collection))
  expect(response.status).toBe(200)
  // The report is what the OpenAPI document (and so the web's generated types) says it is.
  return gridImportReportSchema.strict().parse(await response.json()) as unknown as GridReport
}
async function counts() {
  const [row] = await database.rows<{ drafts: number; versions: number; institutions: number; changed: string }>(sql`
    SELECT (SELECT count(*)::int FROM boundary_drafts) AS drafts, (SELECT count(*)::int FROM boundary_versions) AS versions,
      (SELECT count(*)::int FROM institutions) AS institutions, (SELECT coalesce(max(updated_at)::text, '') FROM institutions) AS changed`)
  return row!
}
const ring = (feature: Feature) => (feature.geometry.type === 'Polygon' ? (feature.geometry.coordinates as Position[][])[0]! : (feature.geometry.coordinates as Position[][][])[0]![0]!)

describe('grids', () => {
  test('published grids exported in GCJ-02 come back unchanged with gcj02 chosen, and far off with wgs84', async () => {
    const gcj = await downloadJson('/api/planner/export/grids?crs=gcj02')
    const wgs = await downloadJson('/api/planner/export/grids')
    expect(gcj.features).toHaveLength(11)
    // GCJ-02 is offset from WGS84 by a few hundred metres here.
    const [gcjLon, gcjLat] = ring(gcj.features[0]!)[0]!
    const [wgsLon, wgsLat] = ring(wgs.features[0]!)[0]!
    expect(Math.hypot(gcjLon - wgsLon, gcjLat - wgsLat)).toBeGreaterThan(0.003)

    const right = await importGrids(gcj, 'crs=gcj02')
    expect(right.rejected).toEqual([])
    expect(right.valid).toBe(true)
    expect(right.grids.map((grid) => grid.status)).toEqual(Array(11).fill('unchanged'))
    expect(right.retired).toEqual([])
    for (const grid of right.grids) expect(grid.fit).toBeGreaterThan(0.999)

    const wrong = await importGrids(gcj, 'crs=wgs84')
    expect(wrong.valid).toBe(false)
    expect(wrong.problems.map((problem) => problem.kind)).toEqual(expect.arrayContaining(['gap', 'outside-district']))
  })

  test('a renamed grid and a changed zone: the dry run reports them and writes nothing; applying makes one draft that passes the check', async () => {
    const file = await downloadJson('/api/planner/export/grids?crs=gcj02')
    const zones = await database.rows<{ name: string }>(sql`SELECT name FROM areas WHERE level = 'zone' ORDER BY id`)
    const renamed = file.features[0]!
    const oldName = renamed.properties.name as string
    renamed.properties = { 网格名称: `${oldName}（新）`, 片区: renamed.properties.zone }
    const rezoned = file.features[1]!
    rezoned.properties.zone = zones.find((zone) => zone.name !== rezoned.properties.zone)!.name
    const before = await counts()
    const dry = await importGrids(file)
    expect(dry.valid).toBe(true)
    expect(dry.applied).toBe(false)
    expect(dry.grids.find((grid) => grid.name === `${oldName}（新）`)).toMatchObject({ status: 'new', gridId: null })
    expect(dry.grids.find((grid) => grid.name === rezoned.properties.name)).toMatchObject({ status: 'changed' })
    expect(dry.grids.filter((grid) => grid.status === 'unchanged')).toHaveLength(9)
    expect(dry.retired.map((grid) => grid.name)).toEqual([oldName])
    expect(await counts()).toEqual(before)

    const applied = await importGrids(file, 'crs=gcj02&apply=true&name=grids-2026.geojson')
    expect(applied.applied).toBe(true)
    const after = await counts()
    expect(after.drafts).toBe(before.drafts + 1)
    expect(after.versions).toBe(before.versions)
    const draft = await (await app.request(`/api/planner/drafts/${applied.draftId}`, { headers: { cookie } })).json()
    expect(draft.draft.name).toBe('导入 grids-2026.geojson')
    expect(draft.draft.grids).toHaveLength(11)
    expect(draft.shapes.features).toHaveLength(11)
    const check = await (await app.request(`/api/planner/drafts/${applied.draftId}/check`, { method: 'POST', headers: { cookie } })).json()
    expect(check.problems.filter((problem: { severity: string }) => problem.severity === 'error')).toEqual([])
    const [audit] = await database.rows<{ action: string; after: { importedFrom: string; crs: string } }>(sql`
      SELECT action, after FROM audit_log WHERE entity = 'boundary_draft' AND entity_id = ${String(applied.draftId)}`)
    expect(audit).toMatchObject({ action: 'import', after: { importedFrom: 'grids-2026.geojson', crs: 'gcj02' } })
  })

  const broken: [string, (file: Collection) => void, string, RegExp][] = [
    [
      'a self-intersecting ring',
      (file) => {
        // Two positions a quarter and three quarters round the ring trade places: a bow tie.
        const positions = ring(file.features[2]!)
        const [a, b] = [Math.floor(positions.length / 4), Math.floor((positions.length * 3) / 4)]
        ;[positions[a], positions[b]] = [positions[b]!, positions[a]!]
      },
      'invalid-geometry',
      /Self-intersection|Ring Self-intersection/,
    ],
    [
      'an unclosed ring',
      (file) => {
        ring(file.features[2]!).pop()
      },
      'unclosed-ring',
      /not closed/,
    ],
    [
      'latitude and longitude swapped',
      (file) => {
        for (const position of ring(file.features[2]!)) position.reverse()
      },
      'swapped-coordinates',
      /latitude, longitude/,
    ],
    [
      'two grids overlapping',
      (file) => {
        file.features.push({ ...structuredClone(file.features[3]!), properties: { name: '重复网格', zone: file.features[3]!.properties.zone } })
      },
      'overlap',
      /overlap/,
    ],
    [
      'a gap where a grid was left out',
      (file) => {
        file.features.splice(4, 1)
      },
      'gap',
      /belongs to no grid/,
    ],
    [
      'a grid outside the district',
      (file) => {
        for (const position of ring(file.features[5]!)) position[0] += 1.5
      },
      'outside-district',
      /outside the district/,
    ],
    [
      'a feature that is a point',
      (file) => {
        file.features[6]!.geometry = { type: 'Point', coordinates: [115.5, 35.1] }
      },
      'not-a-polygon',
      /not a Feature with a Polygon/,
    ],
    [
      'a zone that does not exist',
      (file) => {
        file.features[7]!.properties.zone = '不存在的片区'
      },
      'grid-without-zone',
      /does not exist/,
    ],
  ]
  test.each(broken)('%s is rejected with a precise reason; applying writes nothing', async (_, breakIt, kind, message) => {
    const file = await downloadJson('/api/planner/export/grids?crs=gcj02')
    breakIt(file)
    const before = await counts()
    const report = await importGrids(file, 'crs=gcj02&apply=true')
    expect(report.valid).toBe(false)
    expect(report.applied).toBe(false)
    const problem = report.problems.find((candidate) => candidate.kind === kind)
    expect(problem, JSON.stringify(report.problems.slice(0, 5))).toBeDefined()
    expect(problem!.message).toMatch(message)
    expect(problem!.key).toMatch(/^[a-z-]+$/)
    expect(report.rejected.length + report.problems.filter((candidate) => candidate.kind === 'gap').length).toBeGreaterThan(0)
    expect(await counts()).toEqual(before)
  })

  test('files that are not GeoJSON, not JSON or too large are 4xx problems saying what is wrong', async () => {
    const notJson = await upload('/api/planner/import/grids', '{"type": "FeatureCollection",\n "features": [}')
    expect(notJson.status).toBe(400)
    expect(notJson.headers.get('content-type')).toContain('application/problem+json')
    const notJsonProblem = await notJson.json()
    expect(notJsonProblem.detail).toMatch(/not valid JSON at line 2/)
    // The same, as data for the web to word in Chinese.
    expect(notJsonProblem).toMatchObject({ key: 'json-invalid-at', params: { line: 2, column: expect.any(Number) } })
    const notCollection = await upload('/api/planner/import/grids', JSON.stringify({ type: 'Feature', geometry: null }))
    expect((await notCollection.json()).detail).toMatch(/"Feature".*FeatureCollection/)
    const notZip = await upload('/api/planner/import/grids', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))
    expect(notZip.status).toBe(400)
    expect((await notZip.json()).detail).toMatch(/Shapefile/)
    const empty = await upload('/api/planner/import/grids', '')
    expect((await empty.json()).detail).toMatch(/empty/)
    const huge = await upload('/api/planner/import/grids', new Uint8Array(21 * 1024 * 1024).fill(32))
    expect(huge.status).toBe(413)
    const grid = await app.request('/api/planner/import/grids?crs=mercator', { method: 'POST', headers: { cookie }, body: '{}' })
    expect(grid.status).toBe(400)
  })

  test('grid members may neither import nor export', async () => {
    const member = await loginAs(app, 'grid2')
    expect((await app.request('/api/planner/import/grids', { method: 'POST', headers: { cookie: member }, body: '{}' })).status).toBe(403)
    expect((await app.request('/api/planner/export/institutions', { headers: { cookie: member } })).status).toBe(403)
  })

  const ogr2ogr = ['/usr/bin/ogr2ogr', '/usr/local/bin/ogr2ogr'].find((candidate) => fs.existsSync(candidate))
  test.skipIf(!ogr2ogr && !process.env.GRIDWATCH_REQUIRE_GDAL)('a zipped Shapefile written by GDAL imports like the GeoJSON it came from', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'gridwatch-shp-'))
    try {
      fs.writeFileSync(path.join(directory, 'grids.geojson'), await download('/api/planner/export/grids'))
      await promisify(execFile)(ogr2ogr!, ['-f', 'ESRI Shapefile', '-lco', 'ENCODING=UTF-8', path.join(directory, 'grids.shp.zip'), path.join(directory, 'grids.geojson')])
      const response = await upload('/api/planner/import/grids?crs=wgs84&name=grids.shp.zip', new Uint8Array(fs.readFileSync(path.join(directory, 'grids.shp.zip'))))
      expect(response.status).toBe(200)
      const report = (await response.json()) as GridReport & { format: string }
      expect(report.format).toBe('shapefile')
      expect(report.rejected).toEqual([])
      expect(report.grids.map((grid) => grid.status)).toEqual(Array(11).fill('unchanged'))
    } finally {
      fs.rmSync(directory, { recursive: true, force: true })
    }
  })
  const ogrinfo = ['/usr/bin/ogrinfo', '/usr/local/bin/ogrinfo'].find((candidate) => fs.existsSync(candidate))
  test.skipIf(!ogrinfo && !process.env.GRIDWATCH_REQUIRE_GDAL)('grids, villages and institutions export as zipped Shapefiles that GDAL reads with their Chinese names, and that go back in unchanged', async () => {
    const grids = await download('/api/planner/export/grids?format=shapefile')
    const units = await download('/api/planner/export/villages?format=shapefile')
    const institutions = await download('/api/planner/export/institutions?format=shapefile&crs=gcj02')
    // Back through our own importer: outer rings and holes read the right way round, names in UTF-8.
    const gridReport = (await (await upload('/api/planner/import/grids?crs=wgs84&name=grids.zip', grids)).json()) as GridReport & { format: string }
    expect(gridReport).toMatchObject({ format: 'shapefile', valid: true, rejected: [] })
    expect(gridReport.grids.map((grid) => grid.status)).toEqual(Array(11).fill('unchanged'))
    expect(Math.min(...gridReport.grids.map((grid) => grid.fit))).toBeGreaterThan(0.999)
    const [villages] = await database.rows<{ count: number }>(sql`SELECT count(*)::int AS count FROM areas WHERE level = 'village' AND boundary_version_id IN (SELECT id FROM boundary_versions WHERE status = 'published')`)
    const unitResponse = await upload('/api/planner/import/villages?crs=wgs84&name=villages.zip', units)
    expect(unitImportReportSchema.strict().parse(await unitResponse.json())).toMatchObject({ valid: true, applied: false, matched: villages!.count, missing: [], rejected: [] })
    // And through GDAL, as ArcGIS or QGIS would open them.
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'gridwatch-shp-'))
    try {
      const read = async (name: string, bytes: Uint8Array) => {
        fs.writeFileSync(path.join(directory, name), bytes)
        return (await promisify(execFile)(ogrinfo!, ['-ro', '-al', '-geom=SUMMARY', `/vsizip/${path.join(directory, name)}`], { maxBuffer: 64 * 1024 * 1024 })).stdout
      }
      const gridText = await read('grids.zip', grids)
      expect(gridText).toMatch(/Feature Count: 11\b/)
      expect(gridText).toMatch(/ID\["EPSG",4326\]/)
      const [published] = await database.rows<{ name: string; zone: string }>(sql`
        SELECT g.name, z.name AS zone FROM areas g JOIN areas z ON z.id = g.parent_id
        WHERE g.level = 'grid' AND g.boundary_version_id IN (SELECT id FROM boundary_versions WHERE status = 'published') ORDER BY g.sort_order, g.id LIMIT 1`)
      expect(gridText).toContain(`name (String) = ${published!.name}`)
      expect(gridText).toContain(`zone (String) = ${published!.zone}`)
      expect(gridText).toMatch(/instCount \(Real\) = \d+/)
      expect(await read('villages.zip', units)).toMatch(new RegExp(`Feature Count: ${villages!.count}\\b`))
      const institutionText = await read('institutions.zip', institutions)
      expect(institutionText).toMatch(/Geometry: Point/)
      expect(institutionText).toMatch(/Feature Count: 378\b/)
      // The same code, name and GCJ-02 position the CSV export gives.
      const [, first] = new TextDecoder().decode(await download('/api/planner/export/institutions?format=csv&crs=gcj02')).replace(/^\uFEFF/, '').split('\r\n')
      const [code, name, , lon, lat] = first!.split(',')
      expect(institutionText).toContain(`code (String) = ${code}`)
      expect(institutionText).toContain(`name (String) = ${name}`)
      expect(institutionText).toContain(`lon (String) = ${lon}`)
      expect(institutionText).toContain(`lat (String) = ${lat}`)
    } finally {
      fs.rmSync(directory, { recursive: true, force: true })
    }
  })
})

describe('units and institutions', () => {
  test('village units and institutions export as GeoJSON with their grid, in the system asked for', async () => {
    const units = await downloadJson('/api/planner/export/villages')
    const [villages] = await database.rows<{ count: number }>(sql`SELECT count(*)::int AS count FROM areas WHERE level = 'village' AND boundary_version_id IN (SELECT id FROM boundary_versions WHERE status = 'published')`)
    expect(units.features).toHaveLength(villages!.count)
    expect(units.features[0]!.properties).toMatchObject({ name: expect.any(String), grid: expect.any(String) })
    const wgs = await downloadJson('/api/planner/export/institutions?format=geojson')
    const gcj = await downloadJson('/api/planner/export/institutions?format=geojson&crs=gcj02')
    expect(wgs.features).toHaveLength(378)
    const [a, b] = [wgs.features[0]!.geometry.coordinates as Position, gcj.features[0]!.geometry.coordinates as Position]
    expect(Math.hypot(a[0] - b[0], a[1] - b[1])).toBeGreaterThan(0.003)
  })

  test('the exported CSV and XLSX go back in unchanged', async () => {
    const csv = await download('/api/planner/export/institutions?format=csv&crs=gcj02')
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(csv.slice(0, 22))).toBe('\uFEFF医保编码,机构')
    const fromCsv = institutionImportReportSchema.strict().parse(await (await upload('/api/planner/import/institutions?crs=gcj02', csv)).json()) as InstitutionReport
    expect(fromCsv).toMatchObject({ valid: true, rows: 378, created: [], changed: [], unchanged: 378, rejected: [], notInFile: 0 })
    const xlsx = await download('/api/planner/export/institutions?format=xlsx')
    const fromXlsx = (await (await upload('/api/planner/import/institutions', xlsx)).json()) as InstitutionReport & { format: string }
    expect(fromXlsx).toMatchObject({ format: 'xlsx', valid: true, unchanged: 378, rejected: [] })
  })

  test('bad rows are rejected by row number and nothing is written; corrected, the list creates and changes institutions in one go', async () => {
    const lines = new TextDecoder().decode(await download('/api/planner/export/institutions?format=csv')).replace(/^\uFEFF/, '').trim().split('\r\n')
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
    const refused = (await (await upload('/api/planner/import/institutions?apply=true', file)).json()) as InstitutionReport
    expect(refused.valid).toBe(false)
    expect(refused.applied).toBe(false)
    expect(refused.rejected.map((row) => row.row)).toEqual([4, 5, 6])
    expect(messages(refused.rejected[0]!.reasons)).toMatch(/养老院/)
    expect(refused.rejected[0]!.reasons[0]).toMatchObject({ key: 'type-unknown', params: { value: '养老院' } })
    expect(messages(refused.rejected[1]!.reasons)).toMatch(/outside the district/)
    expect(messages(refused.rejected[2]!.reasons)).toMatch(/机构名称 is empty/)
    expect(await counts()).toEqual(before)

    const accepted = (await (await upload('/api/planner/import/institutions?apply=true&name=list.csv', [header, renamed, added].join('\n'))).json()) as InstitutionReport
    expect(accepted).toMatchObject({ valid: true, applied: true, unchanged: 0, notInFile: 377 })
    expect(accepted.created.map((row) => row.code)).toEqual(['NEW-0001'])
    expect(accepted.changed.map((row) => row.code)).toEqual([first[0]])
    expect(accepted.changed[0]!.changes[0]).toMatchObject({ key: 'changed-name', params: { after: `${first[1]}（更名）` } })
    const [created] = await database.rows<{ grid_id: number | null; village_id: number | null; type: string }>(sql`SELECT grid_id, village_id, type FROM institutions WHERE code = 'NEW-0001'`)
    expect(created).toMatchObject({ type: 'private_clinic', grid_id: expect.any(Number), village_id: expect.any(Number) })
    const layer = (await (await app.request('/api/map/institutions', { headers: { cookie } })).json()) as { id: number[] }
    expect(layer.id).toHaveLength(379)
    const [audit] = await database.rows<{ after: { created: number[]; changed: number[] } }>(sql`SELECT after FROM audit_log WHERE entity = 'institution' AND action = 'import' ORDER BY id DESC LIMIT 1`)
    expect(audit!.after.created).toHaveLength(1)
    expect(audit!.after.changed).toHaveLength(1)
  })

  test('a header without the required columns names them', async () => {
    const report = (await (await upload('/api/planner/import/institutions', 'code,名称\nA,B\n')).json()) as InstitutionReport
    expect(report.valid).toBe(false)
    expect(report.rejected[0]!.reasons[0]!.message).toMatch(/机构类型, 经度, 纬度/)
    expect(report.rejected[0]!.reasons[0]).toMatchObject({ key: 'header-lacks-columns', params: { missing: ['机构类型', '经度', '纬度'] } })
  })
})

describe('real village polygons', () => {
  interface UnitReport {
    valid: boolean
    applied: boolean
    matched: number
    missing: { name: string }[]
    rejected: { feature: number; reasons: Phrase[] }[]
  }
  const importUnits = async (collection: unknown, query: string) => {
    const response = await upload(`/api/planner/import/villages?${query}`, JSON.stringify(collection))
    expect(response.status).toBe(200)
    return (await response.json()) as UnitReport
  }

  test('a file naming an unknown village, or leaving one out, is refused and changes nothing', async () => {
    const file = await downloadJson('/api/planner/export/villages?crs=bd09')
    const right = await importUnits(file, 'crs=bd09')
    expect(right).toMatchObject({ valid: true, applied: false, matched: file.features.length, missing: [], rejected: [] })
    file.features[0]!.properties = { code: '000000000000', name: '不存在村' }
    file.features.splice(1, 1)
    const before = await counts()
    const wrong = await importUnits(file, 'crs=bd09&apply=true')
    expect(wrong.valid).toBe(false)
    expect(wrong.applied).toBe(false)
    expect(messages(wrong.rejected[0]!.reasons)).toMatch(/matches no village/)
    expect(wrong.missing).toHaveLength(2)
    expect(await counts()).toEqual(before)
  })

  test('reshaped villages replace the demo cells: grids and zones follow, institutions are placed again', async () => {
    // Two neighbouring villages of different grids; a strip of the second goes to the first.
    const [pair] = await database.rows<{ a: number; b: number; grid_a: number; grid_b: number; new_a: string; new_b: string; piece: number }>(sql`
      WITH pair AS (
        SELECT a.id AS a, b.id AS b, a.parent_id AS grid_a, b.parent_id AS grid_b, a.geom AS ga, b.geom AS gb FROM areas a JOIN areas b
          ON a.id < b.id AND a.parent_id <> b.parent_id AND a.geom && b.geom AND ST_Relate(a.geom, b.geom, '****1****')
        WHERE a.level = 'village' AND b.level = 'village' AND a.boundary_version_id IN (SELECT id FROM boundary_versions WHERE status = 'published')
          AND b.boundary_version_id = a.boundary_version_id
        ORDER BY a.id, b.id LIMIT 1),
      strip AS (SELECT pair.*, ST_Intersection(gb, ST_Buffer(ga, 0.002)) AS g FROM pair)
      SELECT a, b, grid_a, grid_b, ST_AsGeoJSON(ST_Union(ga, g), 9) AS new_a, ST_AsGeoJSON(ST_Difference(gb, g), 9) AS new_b, ST_Area(g::geography) AS piece FROM strip`)
    const areaOf = async (id: number) => (await database.rows<{ area: number }>(sql`SELECT ST_Area(geom::geography) AS area FROM areas WHERE id = ${id}`))[0]!.area
    const [gridA, gridB] = [await areaOf(pair!.grid_a), await areaOf(pair!.grid_b)]
    const file = await downloadJson('/api/planner/export/villages')
    for (const feature of file.features) {
      if (feature.properties.unitId === pair!.a) feature.geometry = JSON.parse(pair!.new_a)
      if (feature.properties.unitId === pair!.b) feature.geometry = JSON.parse(pair!.new_b)
    }
    const report = await importUnits(file, 'crs=wgs84&apply=true&name=villages.geojson')
    expect(report.rejected).toEqual([])
    expect(report.applied).toBe(true)
    expect(await areaOf(pair!.grid_a)).toBeCloseTo(gridA + pair!.piece, -3)
    expect(await areaOf(pair!.grid_b)).toBeCloseTo(gridB - pair!.piece, -3)
    const [state] = await database.rows<{ demo: number; misplaced: number }>(sql`
      SELECT (SELECT count(*)::int FROM areas WHERE level = 'village' AND is_demo AND boundary_version_id IN (SELECT id FROM boundary_versions WHERE status = 'published')) AS demo,
        (SELECT count(*)::int FROM institutions i JOIN areas v ON v.id = i.village_id WHERE NOT ST_Covers(v.geom, i.position) OR i.grid_id IS DISTINCT FROM v.parent_id) AS misplaced`)
    expect(state).toEqual({ demo: 0, misplaced: 0 })
    const [audit] = await database.rows<{ after: { villages: number; file: string } }>(sql`SELECT after FROM audit_log WHERE entity = 'area' AND action = 'import' ORDER BY id DESC LIMIT 1`)
    expect(audit!.after).toMatchObject({ villages: file.features.length, file: 'villages.geojson' })
  })
})
