// The demo county in the database: 11 grids, 4 zones of whole grids, no gaps or overlaps, grids
// that are exactly the union of their village cells, every institution in exactly one grid.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import type { Database } from '@gridwatch/db'
import { openSeededTestDatabase, type TestDatabase } from '../support/test-database.ts'

let testDatabase: TestDatabase
let database: Database
beforeAll(async () => {
  testDatabase = await openSeededTestDatabase()
  database = testDatabase.database
})
afterAll(() => testDatabase.close())

const one = async <Row>(query: ReturnType<typeof sql>) => (await database.rows<Row>(query))[0]!

test('11 grids, 4 zones, 341 villages, one district — all valid, each one piece', async () => {
  const rows = await database.rows<{ level: string; count: number; valid: boolean; pieces: number }>(sql`
    SELECT level, count(*)::int AS count, bool_and(ST_IsValid(geom)) AS valid, max(ST_NumGeometries(geom))::int AS pieces
    FROM areas GROUP BY level ORDER BY level`)
  expect(rows).toEqual([
    { level: 'district', count: 1, valid: true, pieces: 1 },
    { level: 'grid', count: 11, valid: true, pieces: 1 },
    { level: 'village', count: 341, valid: true, pieces: 1 },
    { level: 'zone', count: 4, valid: true, pieces: expect.any(Number) },
  ])
})

test('zones are 东南, 西南, 西北, 东北, made of whole grids', async () => {
  const zones = await database.rows<{ name: string; grids: number; difference_m2: number }>(sql`
    SELECT z.name, count(g.id)::int AS grids,
      ST_Area(ST_SymDifference(z.geom, ST_UnaryUnion(ST_Collect(g.geom), 1e-7))::geography) AS difference_m2
    FROM areas z JOIN areas g ON g.parent_id = z.id AND g.level = 'grid'
    WHERE z.level = 'zone' GROUP BY z.id ORDER BY z.sort_order`)
  expect(zones.map((zone) => zone.name)).toEqual(['东南片区', '西南片区', '西北片区', '东北片区'])
  expect(zones.reduce((sum, zone) => sum + zone.grids, 0)).toBe(11)
  for (const zone of zones) expect(zone.difference_m2).toBeLessThan(1)
})

test('grids do not overlap and together cover the real outline', async () => {
  const overlap = await one<{ m2: number }>(sql`
    SELECT coalesce(sum(ST_Area(ST_Intersection(a.geom, b.geom)::geography)), 0) AS m2
    FROM areas a JOIN areas b ON a.level = 'grid' AND b.level = 'grid' AND a.id < b.id AND ST_Intersects(a.geom, b.geom)`)
  expect(overlap.m2).toBeLessThan(1)
  // The outline itself is only good to about 100 m; clipping leaves sub-millimetre differences along it.
  const coverage = await one<{ outline_m2: number; difference_m2: number }>(sql`
    SELECT ST_Area(d.geom::geography) AS outline_m2,
      ST_Area(ST_SymDifference(d.geom, (SELECT ST_UnaryUnion(ST_Collect(geom), 1e-7) FROM areas WHERE level = 'grid'))::geography) AS difference_m2
    FROM areas d WHERE d.level = 'district'`)
  expect(coverage.outline_m2 / 1e6).toBeCloseTo(838.9, 0)
  expect(coverage.difference_m2 / coverage.outline_m2).toBeLessThan(1e-6)
})

test('every grid is exactly the union of its village cells', async () => {
  const grids = await database.rows<{ name: string; villages: number; difference_m2: number }>(sql`
    SELECT g.name, count(v.id)::int AS villages,
      ST_Area(ST_SymDifference(g.geom, ST_UnaryUnion(ST_Collect(v.geom), 1e-7))::geography) AS difference_m2
    FROM areas g JOIN areas v ON v.parent_id = g.id AND v.level = 'village'
    WHERE g.level = 'grid' GROUP BY g.id`)
  expect(grids).toHaveLength(11)
  expect(grids.reduce((sum, grid) => sum + grid.villages, 0)).toBe(341)
  for (const grid of grids) expect(grid.difference_m2, grid.name).toBeLessThan(0.01)
})

test('every institution lies inside exactly one grid, the one it is assigned to, and one village of that grid', async () => {
  const rows = await database.rows<{
    id: number
    covering: number
    assigned_covers: boolean
    village_in_grid: boolean
  }>(sql`
    SELECT i.id,
      (SELECT count(*)::int FROM areas g WHERE g.level = 'grid' AND ST_Covers(g.geom, i.position)) AS covering,
      (SELECT ST_Covers(g.geom, i.position) FROM areas g WHERE g.id = i.grid_id) AS assigned_covers,
      (SELECT v.parent_id = i.grid_id FROM areas v WHERE v.id = i.village_id) AS village_in_grid
    FROM institutions i`)
  expect(rows).toHaveLength(378)
  expect(rows.filter((row) => row.covering !== 1 || !row.assigned_covers || !row.village_in_grid)).toEqual([])
})

test('one village clinic per village, named after it; a health centre per township; a handful of others', async () => {
  const types = await database.rows<{ type: string; count: number }>(
    sql`SELECT type, count(*)::int AS count FROM institutions GROUP BY type ORDER BY type`,
  )
  expect(Object.fromEntries(types.map((row) => [row.type, row.count]))).toMatchObject({
    village_clinic: 341,
    township_health_centre: 11,
    hospital: 3,
  })
  const mismatched = await database.rows(sql`
    SELECT i.name, v.name FROM institutions i JOIN areas v ON v.id = i.village_id
    WHERE i.type = 'village_clinic' AND i.name <> v.name || '卫生室'`)
  expect(mismatched).toEqual([])
})

test('the demo history has the variety the dashboard needs', async () => {
  const history = await one<{
    weeks: number
    never: number
    overdue_items: number
    states: string[]
    blacklisted: number
    levels: number[]
    teams: number
    escalating: number
  }>(sql`
    SELECT
      (SELECT (extract(epoch FROM max(arrived_at) - min(arrived_at)) / 604800)::int FROM inspections) AS weeks,
      (SELECT count(*)::int FROM institutions i WHERE NOT EXISTS (SELECT 1 FROM inspections v WHERE v.institution_id = i.id)) AS never,
      (SELECT count(*)::int FROM ledger_items WHERE status <> 'closed' AND deadline_at < now()) AS overdue_items,
      (SELECT array_agg(DISTINCT status ORDER BY status) FROM ledger_items) AS states,
      (SELECT count(*)::int FROM institutions WHERE blacklisted) AS blacklisted,
      (SELECT array_agg(DISTINCT level ORDER BY level) FROM staff) AS levels,
      (SELECT count(*)::int FROM teams) AS teams,
      (SELECT count(*)::int FROM risk_reports r WHERE status = 'escalating'
         AND EXISTS (SELECT 1 FROM risk_report_hops h WHERE h.risk_report_id = r.id AND h.acknowledged_at IS NULL)
         AND EXISTS (SELECT 1 FROM risk_report_hops h WHERE h.risk_report_id = r.id AND h.acknowledged_at IS NOT NULL)) AS escalating`)
  expect(history.weeks).toBeGreaterThanOrEqual(7)
  expect(history.never).toBeGreaterThan(0)
  expect(history.overdue_items).toBeGreaterThan(0)
  expect(history.states).toEqual(['awaiting-verification', 'closed', 'open', 'rectifying'])
  expect(history.blacklisted).toBeGreaterThan(0)
  expect(history.levels).toEqual([1, 2, 3])
  expect(history.teams).toBe(4)
  expect(history.escalating).toBe(1)
})

test('no supervision team checks its own zone, this month or in last month’s finished round', async () => {
  const rows = await database.rows<{ own: boolean; status: string }>(
    sql`SELECT r.target_zone_id = t.home_zone_id AS own, r.status FROM rotations r JOIN teams t ON t.id = r.team_id`,
  )
  expect(rows).toHaveLength(8)
  expect(rows.filter((row) => row.status === 'done')).toHaveLength(4)
  expect(rows.every((row) => !row.own)).toBe(true)
})
