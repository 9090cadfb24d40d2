// The dispatch view (常调度) on both runtimes: a level-1 member's zone, grid by grid, with every
// count equal to one recomputed here from the records (overdue inspections from the GeoJSON layer's
// days and intervals, overdue items, waiting risk reports and open clues by SQL); a level-3 member's
// row counts their own institutions; this week's work equals the records of this week; a risk
// report raised now shows for the member it waits for; level-3 members have no dispatch view.
import { describe, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { apiSuite } from '../support/api-suite.ts'
import { loginAs } from '../support/test-app.ts'

// One copy of the seeded database for the file: each test makes or finds its own data.
const suite = apiSuite()

interface Counts {
  overdueInspections: number
  overdueLedgerItems: number
  unacknowledgedRisks: number
  openClues: number
}
interface Dispatch {
  weekStart: string
  grids: (Counts & { gridId: number; name: string; institutions: number })[]
  people: (Counts & { staffId: number; name: string; level: number })[]
  overdueLedgerItems: { id: number; daysOverdue: number }[]
  unacknowledgedRisks: { id: number; staffName: string | null }[]
  week: { thisWeek: { inspections: number; ledgerOpened: number; riskReports: number } }
}

const get = async <T>(cookie: string, path: string) => {
  const response = await suite.app.request(path, { headers: { cookie } })
  return { status: response.status, body: (await response.json()) as T }
}

/** Past the interval as the map colours it: more than the interval since the last visit, or never. */
const recencyOverdue = (days: number | null, interval: number) => days === null || days > interval

describe('dispatch view', () => {
  test('a level-1 member’s zone, grid by grid, with every count recomputed from the records', async () => {
    const cookie = await loginAs(suite.app, 'zone1')
    const view = await get<Dispatch>(cookie, '/api/dispatch')
    expect(view.status).toBe(200)
    const zoneGrids = await suite.database.rows<{ id: number }>(sql`
      SELECT g.id FROM areas g JOIN users u ON u.scope_area_id = g.parent_id WHERE u.username = 'zone1' AND g.level = 'grid'`)
    expect(view.body.grids.map((grid) => grid.gridId).sort()).toEqual(zoneGrids.map((grid) => grid.id).sort())

    const layer = await get<{
      features: {
        properties: { id: number; gridId: number; daysSinceVisit: number | null; intervalDays: number; status: string }
      }[]
    }>(cookie, '/api/institutions')
    for (const grid of view.body.grids) {
      const own = layer.body.features.filter(
        (feature) => feature.properties.gridId === grid.gridId && feature.properties.status === 'active',
      )
      const one = async (query: ReturnType<typeof sql>) =>
        Number((await suite.database.rows<{ n: number }>(query))[0]!.n)
      expect(grid, grid.name).toMatchObject({
        institutions: own.length,
        overdueInspections: own.filter((feature) =>
          recencyOverdue(feature.properties.daysSinceVisit, feature.properties.intervalDays),
        ).length,
        overdueLedgerItems: await one(sql`
          SELECT count(*) AS n FROM ledger_items l JOIN institutions i ON i.id = l.institution_id WHERE i.grid_id = ${grid.gridId} AND l.status <> 'closed' AND l.deadline_at < now()`),
        unacknowledgedRisks: await one(sql`
          SELECT count(*) AS n FROM risk_reports r JOIN institutions i ON i.id = r.institution_id WHERE i.grid_id = ${grid.gridId} AND r.status <> 'closed'
            AND (SELECT h.acknowledged_at FROM risk_report_hops h WHERE h.risk_report_id = r.id ORDER BY h.id DESC LIMIT 1) IS NULL`),
        openClues: await one(
          sql`SELECT count(*) AS n FROM clues c JOIN institutions i ON i.id = c.institution_id WHERE i.grid_id = ${grid.gridId} AND c.status <> 'concluded'`,
        ),
      })
    }
    expect(view.body.grids.reduce((sum, grid) => sum + grid.overdueInspections, 0)).toBeGreaterThan(0)

    // member3's row counts the institutions assigned to them.
    const [member] = await suite.database.rows<{ staff_id: number }>(
      sql`SELECT staff_id FROM users WHERE username = 'member3'`,
    )
    const theirs = await suite.database.rows<{ institution_id: number }>(
      sql`SELECT institution_id FROM assignments WHERE staff_id = ${member!.staff_id} AND until IS NULL AND institution_id IS NOT NULL`,
    )
    const expected = layer.body.features.filter(
      (feature) =>
        theirs.some((row) => row.institution_id === feature.properties.id) &&
        recencyOverdue(feature.properties.daysSinceVisit, feature.properties.intervalDays),
    ).length
    const row = view.body.people.find((person) => person.staffId === member!.staff_id)
    expect(row?.overdueInspections ?? 0).toBe(expected)

    // This week's inspections of the zone's institutions, from Monday 00:00 in UTC+8.
    const [week] = await suite.database.rows<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM inspections v JOIN institutions i ON i.id = v.institution_id
      WHERE i.grid_id IN (${sql.join(
        zoneGrids.map((grid) => sql`${grid.id}`),
        sql`, `,
      )}) AND v.arrived_at >= ${`${view.body.weekStart}T00:00:00+08:00`}::timestamptz`)
    expect(view.body.week.thisWeek.inspections).toBe(week!.n)
  })

  test('a risk report raised now waits for the grid’s level-2 member and shows on their row; level-3 members have no dispatch view', async () => {
    const reporter = await loginAs(suite.app, 'member3')
    expect((await suite.app.request('/api/dispatch', { headers: { cookie: reporter } })).status).toBe(403)
    const [institution] = await suite.database.rows<{ institution_id: number }>(sql`
      SELECT a.institution_id FROM assignments a JOIN users u ON u.staff_id = a.staff_id WHERE u.username = 'member3' AND a.until IS NULL AND a.institution_id IS NOT NULL ORDER BY a.id LIMIT 1`)
    const raised = await suite.app.request('/api/risk-reports', {
      method: 'POST',
      headers: { cookie: reporter, 'content-type': 'application/json' },
      body: JSON.stringify({
        institutionId: institution!.institution_id,
        title: '群众反映卫生室收费异常',
        description: '村民在微信群里反映',
        severity: 'medium',
        source: 'short-video',
      }),
    })
    expect(raised.status).toBe(201)
    const { id } = (await raised.json()) as { id: number }
    const view = await get<Dispatch>(await loginAs(suite.app, 'zone1'), '/api/dispatch')
    const waiting = view.body.unacknowledgedRisks.find((risk) => risk.id === id)!
    const [level2] = await suite.database.rows<{ name: string; id: number }>(
      sql`SELECT s.name, s.id FROM users u JOIN staff s ON s.id = u.staff_id WHERE u.username = 'grid2b'`,
    )
    expect(waiting.staffName).toBe(level2!.name)
    expect(
      view.body.people.find((person) => person.staffId === level2!.id)!.unacknowledgedRisks,
    ).toBeGreaterThanOrEqual(1)
    expect(view.body.week.thisWeek.riskReports).toBeGreaterThanOrEqual(1)
  })
})
