// The province-sized benchmark set, two of its counties at test scale: it loads next to the demo
// county on either runtime, every shape is valid, every institution lands in one grid of its county,
// and the map reads serve each county's own published boundaries.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { buildSyntheticProvince, shandong, type DemoCounty } from '@gridwatch/geodata'
import { CountiesPresentError, loadProvince } from '@gridwatch/api/demo/load-province.ts'
import { openSeededTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { createTestApp } from '../support/test-app.ts'

// 牡丹区 takes in Heze's two development zones, which have no outline of their own; 单县's outline
// needs repair after rounding.
const countyCodes = ['371702', '371722']
let testDatabase: TestDatabase
let counties: DemoCounty[]
let report: Awaited<ReturnType<typeof loadProvince>>

beforeAll(async () => {
  counties = buildSyntheticProvince(shandong, { countyCodes })
  testDatabase = await openSeededTestDatabase()
  report = await loadProvince(testDatabase.database, counties, { now: new Date('2026-11-20T10:00:00+08:00') })
}, 120_000)
afterAll(() => testDatabase.close())

describe('province set', () => {
  test('builds the real townships and villages of each county, development zones folded in', () => {
    expect(counties.map((county) => county.county.name)).toEqual(['牡丹区', '单县'])
    const mudan = counties[0]!
    expect(mudan.grids.some((grid) => grid.code.startsWith('371771'))).toBe(true)
    for (const county of counties) {
      expect(county.institutions).toHaveLength(county.villages.length)
      expect(new Set(county.villages.map((village) => village.code)).size).toBe(county.villages.length)
    }
  })

  test('loads every institution into exactly one grid of its own county, with valid shapes and visits', async () => {
    const { database } = testDatabase
    const villages = counties.reduce((sum, county) => sum + county.villages.length, 0)
    expect(report.institutions).toBe(villages)
    expect(report.visits).toBeGreaterThan(villages * 2)
    const [row] = await database.rows<{
      invalid: number
      unassigned: number
      wrong_county: number
      ambiguous: number
    }>(sql`
      SELECT
        (SELECT count(*)::int FROM areas WHERE county_code IN ('371702', '371722') AND (geom IS NULL OR NOT ST_IsValid(geom))) AS invalid,
        (SELECT count(*)::int FROM institutions WHERE county_code IN ('371702', '371722') AND (grid_id IS NULL OR village_id IS NULL)) AS unassigned,
        (SELECT count(*)::int FROM institutions i JOIN areas g ON g.id = i.grid_id WHERE g.county_code <> i.county_code) AS wrong_county,
        (SELECT count(*)::int FROM institutions i WHERE i.county_code IN ('371702', '371722') AND (
           SELECT count(*) FROM areas g WHERE g.level = 'grid' AND g.county_code = i.county_code AND ST_Covers(g.geom, i.position)) <> 1) AS ambiguous`)
    expect(row).toEqual({ invalid: 0, unassigned: 0, wrong_county: 0, ambiguous: 0 })
    // The demo county's institutions kept their grids.
    const [demo] = await database.rows<{ unassigned: number }>(
      sql`SELECT count(*)::int AS unassigned FROM institutions WHERE county_code = '371703' AND grid_id IS NULL`,
    )
    expect(demo!.unassigned).toBe(0)
  })

  test('the map reads serve the published grids of every county', async () => {
    const { app } = createTestApp(testDatabase.database)
    const body = await (await app.request('/api/areas?level=grid')).json()
    const expected = 11 + counties.reduce((sum, county) => sum + county.grids.length, 0)
    expect(body.features).toHaveLength(expected)
    const institutions = await (await app.request('/api/institutions')).json()
    expect(institutions.features).toHaveLength(378 + report.institutions)
  })

  test('after a change to one county’s areas only that county’s areas are read again; a screen can fetch just that county', async () => {
    const { database } = testDatabase
    const { app } = createTestApp(database)
    type Areas = { features: { id: number; properties: { name: string; countyCode: string } }[] }
    const gridLayer = async (query = '') => (await (await app.request(`/api/areas?level=grid${query}`)).json()) as Areas
    const namesOf = (areas: Areas, county: string) =>
      areas.features
        .filter((feature) => feature.properties.countyCode === county)
        .map((feature) => feature.properties.name)
    const before = await gridLayer()
    // Renamed in two counties behind the layer's back (no change set): the layer does not see it…
    await database.rows(
      sql`UPDATE areas SET name = name || '·改' WHERE level = 'grid' AND county_code IN ('371702', '371722')`,
    )
    expect(await gridLayer()).toEqual(before)
    // …until a change set says a county's areas changed (as a publish or a village import there
    // does): that county is read again, the other keeps what was read before.
    await database.rows(sql`INSERT INTO change_sets (county_code, areas) VALUES ('371702', true)`)
    const after = await gridLayer()
    expect(namesOf(after, '371702').every((name) => name.endsWith('·改'))).toBe(true)
    expect(namesOf(after, '371722')).toEqual(namesOf(before, '371722'))
    expect(namesOf(after, '371703')).toEqual(namesOf(before, '371703'))
    // One county alone, as an open screen re-reads it after a publish there.
    const one = await gridLayer('&county=371702')
    expect(one.features.length).toBe(counties[0]!.grids.length)
    expect(one.features.every((feature) => feature.properties.countyCode === '371702')).toBe(true)
    expect(one.features).toEqual(after.features.filter((feature) => feature.properties.countyCode === '371702'))
    expect((await gridLayer('&county=999999')).features).toEqual([])
    expect((await app.request('/api/areas?level=grid&county=37')).status).toBe(400)
  })

  test('a county already present is refused and nothing is written', async () => {
    const { database } = testDatabase
    const count = async () => (await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM areas`))[0]!.n
    const before = await count()
    await expect(loadProvince(database, counties)).rejects.toThrow(CountiesPresentError)
    expect(await count()).toBe(before)
  })
})
