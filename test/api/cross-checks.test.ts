// Structured cross-check results on both runtimes: a supervision team member records a cross-check
// with the institution's checklist, the grid staff's work and a finding; the finding opens a ledger
// item in the same transaction; GET /api/cross-checks shows the grid's score equal to the one
// recomputed here from the records, and the monthly report carries the same score. Staff-work
// checks on another kind are refused and change nothing; the plan's size stays hidden from grid
// members (四不两直); a level-3 member reads no results. The demo's last round has results.
import { describe, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { apiSuite } from '../support/api-suite.ts'
import { jsonRequest, loginAs } from '../support/test-app.ts'
import { inspectionBody } from '../support/inspection-body.ts'

// One copy of the seeded database for the file: each test makes or finds its own data.
const suite = apiSuite()

interface GridResult {
  gridId: number
  gridName: string
  planned: number | null
  checked: number
  institutionShare: number | null
  staffWorkShare: number | null
  score: number | null
  findings: number
  staffWorkProblems: Record<string, number>
  crossChecks: { inspectionId: number; problems: string[]; staffWorkProblems: string[]; ledgerItemIds: number[] }[]
}

const beijingMonth = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 7)

async function results(cookie: string, month: string): Promise<{ status: number; grids: GridResult[] }> {
  const response = await suite.app.request(`/api/cross-checks?month=${month}`, { headers: { cookie } })
  return {
    status: response.status,
    grids: response.status === 200 ? ((await response.json()) as { grids: GridResult[] }).grids : [],
  }
}

/** The score recomputed from the grid's cross-checks of the month with plain SQL: the mean of the checked halves. */
async function recomputedScore(gridId: number, month: string): Promise<number | null> {
  const rows = await suite.database.rows<{ checklist: { result: string }[]; staff_work: { result: string }[] }>(sql`
    SELECT checklist, staff_work FROM inspections WHERE kind = 'cross-check' AND grid_id = ${gridId}
      AND arrived_at >= (${month + '-01'}::date::timestamp AT TIME ZONE 'Asia/Shanghai') AND arrived_at < ((${month + '-01'}::date + interval '1 month')::timestamp AT TIME ZONE 'Asia/Shanghai')`)
  const shareOf = (results: string[]) => {
    const checked = results.filter((result) => result !== 'not-applicable')
    return checked.length === 0
      ? null
      : Math.round((checked.filter((result) => result === 'ok').length / checked.length) * 1000) / 1000
  }
  const halves = [
    shareOf(rows.flatMap((row) => row.checklist.map((entry) => entry.result))),
    shareOf(rows.flatMap((row) => row.staff_work.map((entry) => entry.result))),
  ].filter((half): half is number => half !== null)
  return halves.length === 0
    ? null
    : Math.round((halves.reduce((sum, half) => sum + half, 0) / halves.length) * 1000) / 1000
}

async function counts() {
  const [row] = await suite.database.rows<{ inspections: number; ledger: number; audit: number }>(sql`
    SELECT (SELECT count(*)::int FROM inspections) AS inspections, (SELECT count(*)::int FROM ledger_items) AS ledger, (SELECT count(*)::int FROM audit_log WHERE action <> 'denied') AS audit`)
  return row!
}

describe('cross-check results', () => {
  test('a cross-check with checklist, staff work and a finding: the ledger item opens, the grid’s score equals the records’, the monthly report agrees', async () => {
    const supervisor = await loginAs(suite.app, 'supervisor')
    const [target] = await suite.database.rows<{
      id: number
      grid_id: number
      lon: number
      lat: number
      type: string
    }>(sql`
      SELECT i.id, i.grid_id, ST_X(i.position) AS lon, ST_Y(i.position) AS lat, i.type FROM institutions i JOIN areas g ON g.id = i.grid_id
      WHERE g.name = '天中街道' AND i.type = 'village_clinic' ORDER BY i.id LIMIT 1`)
    const staffWork = [
      { item: 'poster', result: 'ok' },
      { item: 'ledger-current', result: 'problem' },
      { item: 'visits-verified', result: 'ok' },
      { item: 'closure-proper', result: 'ok' },
    ]
    const body = inspectionBody(target!.id, [target!.lon, target!.lat], {
      kind: 'cross-check',
      checklist: [
        { category: '串换耗材', result: 'ok' },
        { category: '串换药品', result: 'problem' },
        { category: '其他', result: 'not-applicable' },
      ],
      staffWork,
      findings: [{ category: '串换药品', problem: '处方药品与结算药品不一致', severity: 'serious' }],
    })
    const response = await suite.app.request('/api/inspections', jsonRequest('POST', body, supervisor))
    expect(response.status).toBe(201)
    const recorded = (await response.json()) as { id: number; ledgerItemIds: number[] }
    expect(recorded.ledgerItemIds).toHaveLength(1)
    const [stored] = await suite.database.rows<{ staff_work: unknown; inspection_id: number }>(sql`
      SELECT v.staff_work, l.inspection_id FROM inspections v JOIN ledger_items l ON l.inspection_id = v.id WHERE v.id = ${recorded.id}`)
    expect(stored!.staff_work).toEqual(staffWork)

    // The month the cross-check happened in (40 minutes ago: just after midnight on the 1st, last month).
    const month = beijingMonth(new Date(body.arrivedAt as string))
    const { status, grids } = await results(supervisor, month)
    expect(status).toBe(200)
    const grid = grids.find((entry) => entry.gridId === target!.grid_id)!
    expect(grid.checked).toBeGreaterThanOrEqual(1)
    expect(grid.score).toBe(await recomputedScore(target!.grid_id, month))
    expect(grid.score).not.toBeNull()
    expect(grid.staffWorkProblems['ledger-current']).toBeGreaterThanOrEqual(1)
    const check = grid.crossChecks.find((entry) => entry.inspectionId === recorded.id)!
    expect(check.problems).toEqual(['串换药品'])
    expect(check.staffWorkProblems).toEqual(['ledger-current'])
    expect(check.ledgerItemIds).toEqual(recorded.ledgerItemIds)
    expect(typeof grid.planned).toBe('number')

    // The grid's monthly report carries the same score.
    const report = await suite.app.request(`/api/reports/monthly?month=${month}&grid=${target!.grid_id}`, {
      headers: { cookie: await loginAs(suite.app, 'leader') },
    })
    const [monthly] = (await report.json()) as { figures: { crossCheckScore: number | null } }[]
    expect(monthly!.figures.crossCheckScore).toBe(grid.score)
  })

  test('staff-work checks on a weekly visit, or an item twice, are refused and change nothing', async () => {
    const member = await loginAs(suite.app, 'grid2b')
    const supervisor = await loginAs(suite.app, 'supervisor')
    const [target] = await suite.database.rows<{ id: number; lon: number; lat: number }>(sql`
      SELECT i.id, ST_X(i.position) AS lon, ST_Y(i.position) AS lat FROM institutions i JOIN areas g ON g.id = i.grid_id
      WHERE g.name = '天中街道' ORDER BY i.id LIMIT 1`)
    const before = await counts()
    const visit = await suite.app.request(
      '/api/inspections',
      jsonRequest(
        'POST',
        inspectionBody(target!.id, [target!.lon, target!.lat], { staffWork: [{ item: 'poster', result: 'ok' }] }),
        member,
      ),
    )
    expect(visit.status).toBe(400)
    expect(((await visit.json()) as { detail: string }).detail).toContain('cross-check only')
    const twice = await suite.app.request(
      '/api/inspections',
      jsonRequest(
        'POST',
        inspectionBody(target!.id, [target!.lon, target!.lat], {
          kind: 'cross-check',
          staffWork: [
            { item: 'poster', result: 'ok' },
            { item: 'poster', result: 'problem' },
          ],
        }),
        supervisor,
      ),
    )
    expect(twice.status).toBe(400)
    const unknown = await suite.app.request(
      '/api/inspections',
      jsonRequest(
        'POST',
        inspectionBody(target!.id, [target!.lon, target!.lat], {
          kind: 'cross-check',
          staffWork: [{ item: 'coffee', result: 'ok' }],
        }),
        supervisor,
      ),
    )
    expect(unknown.status).toBe(400)
    expect(await counts()).toEqual(before)
  })

  test('the demo’s last round has results; grid members see their scope without the plan’s size; level 3 reads none', async () => {
    const [done] = await suite.database.rows<{ month: string }>(
      sql`SELECT to_char(month, 'YYYY-MM') AS month FROM rotations WHERE status = 'done' ORDER BY month DESC LIMIT 1`,
    )
    expect(done).toBeDefined()
    const leader = await results(await loginAs(suite.app, 'leader'), done!.month)
    const checked = leader.grids.filter((grid) => grid.checked > 0)
    expect(checked.length).toBeGreaterThan(4)
    for (const grid of checked) expect(grid.score).toBe(await recomputedScore(grid.gridId, done!.month))
    expect(checked.reduce((sum, grid) => sum + grid.checked, 0)).toBe(24)

    const own = await results(await loginAs(suite.app, 'grid2b'), done!.month)
    expect(own.grids.map((grid) => grid.gridName)).toEqual(['天中街道'])
    expect(own.grids[0]!.planned).toBeNull()
    expect((await results(await loginAs(suite.app, 'member3'), done!.month)).status).toBe(403)
  })
})
