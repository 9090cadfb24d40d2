// Grid imports and exports through the API with real files: grids exported as GeoJSON (in GCJ-02,
// as Chinese web maps give them) go back in unchanged when the right coordinate system is chosen;
// every kind of bad file is refused with what is wrong and where, and writes nothing; a zipped
// Shapefile made by GDAL reads like the GeoJSON, and our own Shapefile exports read in GDAL and go
// back in unchanged.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { apiSuite } from '../support/api-suite.ts'
import { loginAs } from '../support/test-app.ts'
import { ring, transferClient, type Collection, type GridReport } from '../support/transfer-client.ts'
import { villageImportReportSchema } from '@gridwatch/api/transfers/report-schemas.ts'

let cookie: string

// One copy of the seeded database for the file: each test makes or finds its own data.
const suite = apiSuite()
beforeAll(async () => {
  cookie = await loginAs(suite.app, 'planner')
})

const { download, downloadJson, upload, importGrids, counts } = transferClient(() => ({
  app: suite.app,
  cookie,
  database: suite.database,
}))

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
    const zones = await suite.database.rows<{ name: string }>(
      sql`SELECT name FROM areas WHERE level = 'zone' ORDER BY id`,
    )
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
    const draft = await (
      await suite.app.request(`/api/planner/drafts/${applied.draftId}`, { headers: { cookie } })
    ).json()
    expect(draft.draft.name).toBe('导入 grids-2026.geojson')
    expect(draft.draft.grids).toHaveLength(11)
    expect(draft.shapes.features).toHaveLength(11)
    const check = await (
      await suite.app.request(`/api/planner/drafts/${applied.draftId}/check`, { method: 'POST', headers: { cookie } })
    ).json()
    expect(check.problems.filter((problem: { severity: string }) => problem.severity === 'error')).toEqual([])
    const [audit] = await suite.database.rows<{ action: string; after: { importedFrom: string; crs: string } }>(sql`
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
        file.features.push({
          ...structuredClone(file.features[3]!),
          properties: { name: '重复网格', zone: file.features[3]!.properties.zone },
        })
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
  test.each(broken)(
    '%s is rejected with a precise reason; applying writes nothing',
    async (_, breakIt, kind, message) => {
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
      expect(
        report.rejected.length + report.problems.filter((candidate) => candidate.kind === 'gap').length,
      ).toBeGreaterThan(0)
      expect(await counts()).toEqual(before)
    },
  )

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
    const grid = await suite.app.request('/api/planner/import/grids?crs=mercator', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/octet-stream' },
      body: '{}',
    })
    expect(grid.status).toBe(400)
  })

  test('grid members may neither import nor export', async () => {
    const member = await loginAs(suite.app, 'grid2')
    expect(
      (
        await suite.app.request('/api/planner/import/grids', {
          method: 'POST',
          headers: { cookie: member, 'content-type': 'application/octet-stream' },
          body: '{}',
        })
      ).status,
    ).toBe(403)
    expect((await suite.app.request('/api/planner/export/institutions', { headers: { cookie: member } })).status).toBe(
      403,
    )
  })

  const ogr2ogr = ['/usr/bin/ogr2ogr', '/usr/local/bin/ogr2ogr'].find((candidate) => fs.existsSync(candidate))
  test.skipIf(!ogr2ogr && !process.env.GRIDWATCH_REQUIRE_GDAL)(
    'a zipped Shapefile written by GDAL imports like the GeoJSON it came from',
    async () => {
      const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'gridwatch-shp-'))
      try {
        fs.writeFileSync(path.join(directory, 'grids.geojson'), await download('/api/planner/export/grids'))
        await promisify(execFile)(ogr2ogr!, [
          '-f',
          'ESRI Shapefile',
          '-lco',
          'ENCODING=UTF-8',
          path.join(directory, 'grids.shp.zip'),
          path.join(directory, 'grids.geojson'),
        ])
        const response = await upload(
          '/api/planner/import/grids?crs=wgs84&name=grids.shp.zip',
          new Uint8Array(fs.readFileSync(path.join(directory, 'grids.shp.zip'))),
        )
        expect(response.status).toBe(200)
        const report = (await response.json()) as GridReport & { format: string }
        expect(report.format).toBe('shapefile')
        expect(report.rejected).toEqual([])
        expect(report.grids.map((grid) => grid.status)).toEqual(Array(11).fill('unchanged'))
      } finally {
        fs.rmSync(directory, { recursive: true, force: true })
      }
    },
  )
  const ogrinfo = ['/usr/bin/ogrinfo', '/usr/local/bin/ogrinfo'].find((candidate) => fs.existsSync(candidate))
  test.skipIf(!ogrinfo && !process.env.GRIDWATCH_REQUIRE_GDAL)(
    'grids, villages and institutions export as zipped Shapefiles that GDAL reads with their Chinese names, and that go back in unchanged',
    async () => {
      const grids = await download('/api/planner/export/grids?format=shapefile')
      const units = await download('/api/planner/export/villages?format=shapefile')
      const institutions = await download('/api/planner/export/institutions?format=shapefile&crs=gcj02')
      // Back through our own importer: outer rings and holes read the right way round, names in UTF-8.
      const gridReport = (await (
        await upload('/api/planner/import/grids?crs=wgs84&name=grids.zip', grids)
      ).json()) as GridReport & { format: string }
      expect(gridReport).toMatchObject({ format: 'shapefile', valid: true, rejected: [] })
      expect(gridReport.grids.map((grid) => grid.status)).toEqual(Array(11).fill('unchanged'))
      expect(Math.min(...gridReport.grids.map((grid) => grid.fit))).toBeGreaterThan(0.999)
      const [villages] = await suite.database.rows<{ count: number }>(
        sql`SELECT count(*)::int AS count FROM areas WHERE level = 'village' AND boundary_version_id IN (SELECT id FROM boundary_versions WHERE status = 'published')`,
      )
      const villageResponse = await upload('/api/planner/import/villages?crs=wgs84&name=villages.zip', units)
      expect(villageImportReportSchema.strict().parse(await villageResponse.json())).toMatchObject({
        valid: true,
        applied: false,
        matched: villages!.count,
        missing: [],
        rejected: [],
      })
      // And through GDAL, as ArcGIS or QGIS would open them.
      const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'gridwatch-shp-'))
      try {
        const read = async (name: string, bytes: Uint8Array) => {
          fs.writeFileSync(path.join(directory, name), bytes)
          return (
            await promisify(execFile)(
              ogrinfo!,
              ['-ro', '-al', '-geom=SUMMARY', `/vsizip/${path.join(directory, name)}`],
              { maxBuffer: 64 * 1024 * 1024 },
            )
          ).stdout
        }
        const gridText = await read('grids.zip', grids)
        expect(gridText).toMatch(/Feature Count: 11\b/)
        expect(gridText).toMatch(/ID\["EPSG",4326\]/)
        const [published] = await suite.database.rows<{ name: string; zone: string }>(sql`
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
        const [, first] = new TextDecoder()
          .decode(await download('/api/planner/export/institutions?format=csv&crs=gcj02'))
          .replace(/^\uFEFF/, '')
          .split('\r\n')
        const [code, name, , lon, lat] = first!.split(',')
        expect(institutionText).toContain(`code (String) = ${code}`)
        expect(institutionText).toContain(`name (String) = ${name}`)
        expect(institutionText).toContain(`lon (String) = ${lon}`)
        expect(institutionText).toContain(`lat (String) = ${lat}`)
      } finally {
        fs.rmSync(directory, { recursive: true, force: true })
      }
    },
  )
})
