// The annual assessment (年考核) on both runtimes: every grid of the county ranked by a score that
// equals the weighted indicators recomputed here from its figures, figures that equal the records
// of the year so far; the county's weights for the year change the ranking (coverage alone ranks by
// coverage); weights that do not add to 100 are refused; the workbook reads back in Chinese.
import { describe, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { apiSuite } from '../support/api-suite.ts'
import { loginAs } from '../support/test-app.ts'
import { seededAt } from '../support/reference-time.ts'
import { bureauDate, bureauInstant } from '@gridwatch/domain/bureau-calendar.ts'

const clock = seededAt()
/** The bureau's year at the seed: its records so far. */
const year = bureauDate(clock).slice(0, 4)
const yearStart = bureauInstant(`${year}-01-01`).toISOString()

// Its tests need a pristine county: a fresh copy of the seeded database for each.
const suite = apiSuite({ fresh: 'test', now: () => clock })

interface Assessment {
  staff: { staffId: number; rank: number; score: number; figures: Record<string, number | null> }[]
  from: string
  to: string
  weights: Record<string, number>
  grids: {
    gridId: number
    gridName: string
    rank: number
    score: number
    breakdown: { indicator: string; value: number | null; weight: number; points: number }[]
    figures: Record<string, number | null>
  }[]
}

describe('annual assessment', () => {
  test('grids ranked by the weighted indicators of the year’s records; the county’s weights for the year change the ranking', async () => {
    const leader = await loginAs(suite.app, 'leader')
    const get = async (path: string, cookie = leader) => suite.app.request(path, { headers: { cookie } })
    const result = (await (await get(`/api/assessments?year=${year}`)).json()) as Assessment
    expect(result).toMatchObject({ from: `${year}-01-01`, to: bureauDate(clock) })
    expect(result.grids).toHaveLength(11)
    expect(result.grids.map((grid) => grid.rank)).toEqual(
      [...result.grids.map((grid) => grid.rank)].sort((a, b) => a - b),
    )
    for (const grid of result.grids) {
      const f = grid.figures as Record<string, number>
      // Independently: each indicator's share, weighted by the default weights over the indicators that have a value.
      const closedOrOverdue = f.ledgerClosed! + f.ledgerOverdue!
      const values: Record<string, number | null> = {
        coverage: f.coverageShare ?? null,
        verifiedShare: f.verifiedShare ?? null,
        onTimeClosure: closedOrOverdue ? f.ledgerClosedOnTime! / closedOrOverdue : null,
        riskResponse:
          f.riskMedianAcknowledgeMinutes == null
            ? null
            : Math.max(0, Math.min(1, 1 - (f.riskMedianAcknowledgeMinutes - 30) / 60)),
        clueHandling:
          f.cluesConcluded! + f.cluesOverdue! ? f.cluesConcluded! / (f.cluesConcluded! + f.cluesOverdue!) : null,
        crossCheck: f.crossCheckScore ?? null,
      }
      const weights: Record<string, number> = {
        coverage: 25,
        verifiedShare: 20,
        onTimeClosure: 20,
        riskResponse: 10,
        clueHandling: 10,
        crossCheck: 15,
      }
      const counted = Object.keys(weights).filter((key) => values[key] !== null)
      const total = counted.reduce((sum, key) => sum + weights[key]!, 0)
      const expected = counted.reduce((sum, key) => sum + (values[key]! * weights[key]! * 100) / total, 0)
      expect(Math.abs(grid.score - expected), grid.gridName).toBeLessThan(0.35)
      const [inspections] = await suite.database.rows<{ n: number }>(sql`
        SELECT count(*)::int AS n FROM inspections WHERE grid_id = ${grid.gridId} AND arrived_at >= ${yearStart}::timestamptz AND arrived_at < ${clock.toISOString()}::timestamptz`)
      expect(f.inspections).toBe(inspections!.n)
    }

    // Members: member3's row counts the institutions assigned to them and the inspections they took part in this year.
    const [member] = await suite.database.rows<{ staff_id: number }>(
      sql`SELECT staff_id FROM users WHERE username = 'member3'`,
    )
    const row = result.staff.find((entry) => entry.staffId === member!.staff_id)!
    const [assigned] = await suite.database.rows<{ n: number }>(sql`
      SELECT count(DISTINCT a.institution_id)::int AS n FROM assignments a JOIN institutions i ON i.id = a.institution_id
      WHERE a.staff_id = ${member!.staff_id} AND a.until IS NULL AND i.status = 'active'`)
    const [inspected] = await suite.database.rows<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM inspection_inspectors vi JOIN inspections v ON v.id = vi.inspection_id
      WHERE vi.staff_id = ${member!.staff_id} AND v.kind <> 'cross-check' AND v.arrived_at >= ${yearStart}::timestamptz AND v.arrived_at < ${clock.toISOString()}::timestamptz`)
    expect(row.figures).toMatchObject({ institutions: assigned!.n, inspections: inspected!.n })
    expect(result.staff.length).toBeGreaterThan(20)
    expect(result.staff.map((entry) => entry.score)).toEqual(
      [...result.staff.map((entry) => entry.score)].sort((a, b) => b - a),
    )

    // Weights for the year that do not add up to 100 are refused; coverage alone ranks by coverage.
    const put = (body: unknown) =>
      suite.app.request('/api/settings/field', {
        method: 'PUT',
        headers: { cookie: leader, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    const weights = {
      coverage: 100,
      verifiedShare: 0,
      onTimeClosure: 0,
      riskResponse: 0,
      clueHandling: 0,
      crossCheck: 0,
    }
    expect((await put({ assessmentWeights: { [year]: { ...weights, crossCheck: 5 } } })).status).toBe(400)
    expect((await put({ assessmentWeights: { [year]: weights } })).status).toBe(200)
    const byCoverage = (await (await get(`/api/assessments?year=${year}`)).json()) as Assessment
    expect(byCoverage.weights).toEqual(weights)
    for (const grid of byCoverage.grids) expect(grid.score).toBeCloseTo((grid.figures.coverageShare ?? 0) * 100, 0)
    const scores = byCoverage.grids.map((grid) => grid.score)
    expect(scores).toEqual([...scores].sort((a, b) => b - a))
    // Another year keeps the defaults.
    expect(((await (await get('/api/assessments?year=2025')).json()) as Assessment).weights.coverage).toBe(25)

    expect((await get(`/api/assessments?year=${year}`, await loginAs(suite.app, 'member3'))).status).toBe(403)
    const zone = (await (
      await get(`/api/assessments?year=${year}`, await loginAs(suite.app, 'zone1'))
    ).json()) as Assessment
    expect(zone.grids).toHaveLength(3)

    const file = await get(`/api/assessments/xlsx?year=${year}`)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await file.arrayBuffer())
    const sheet = workbook.getWorksheet('年度考核')!
    expect(String(sheet.getRow(1).getCell(1).value)).toContain(`${year}年度`)
    expect(sheet.getRow(4).values).toEqual(expect.arrayContaining(['排名', '网格', '总分', '巡查覆盖率（得分）']))
    expect(sheet.getRow(5).getCell(2).value).toBe(byCoverage.grids[0]!.gridName)
    expect(workbook.getWorksheet('人员考核')!.rowCount).toBe(byCoverage.staff.length + 1)
  })
})
