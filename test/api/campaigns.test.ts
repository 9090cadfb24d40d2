// Full-coverage campaigns (拉网式检查) on both runtimes: a supervisor starts one over a zone; an
// inspection made for it in the zone, in the period, covering its categories counts — the
// campaign's progress per grid follows and its finding is on the problem list; one outside the
// zone or missing a category is refused with a reason and writes nothing. Bad definitions are
// 400s, grid members may not start one, and each reader sees the progress of their own scope.
import { describe, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { apiSuite } from '../support/api-suite.ts'
import { jsonRequest, loginAs } from '../support/test-app.ts'
import { inspectionBody } from '../support/inspection-body.ts'

// One copy of the seeded database for the file: each test makes or finds its own data.
const suite = apiSuite()

const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)
const inDays = (days: number) => new Date(Date.parse(today) + days * 86_400_000).toISOString().slice(0, 10)

interface Detail {
  id: number
  institutions: number
  inspected: number
  phase: string
  grids: { gridId: number; gridName: string; institutions: number; inspected: number }[]
  institutionsList: { id: number; inspectedAt: string | null }[]
  problems: { institutionId: number; category: string; status: string }[]
}

async function counts() {
  const [row] = await suite.database.rows<{ inspections: number; ledger: number; campaigns: number }>(sql`
    SELECT (SELECT count(*)::int FROM inspections) AS inspections, (SELECT count(*)::int FROM ledger_items) AS ledger, (SELECT count(*)::int FROM campaigns) AS campaigns`)
  return row!
}

async function villageClinic(zone: string) {
  const [row] = await suite.database.rows<{ id: number; grid_id: number; lon: number; lat: number }>(sql`
    SELECT i.id, i.grid_id, ST_X(i.position) AS lon, ST_Y(i.position) AS lat FROM institutions i JOIN areas g ON g.id = i.grid_id JOIN areas z ON z.id = g.parent_id
    WHERE z.name = ${zone} AND i.type = 'village_clinic' AND i.status = 'active' ORDER BY i.id LIMIT 1`)
  return row!
}

describe('full-coverage campaigns', () => {
  test('an inspection made for the campaign counts, per grid; its finding is on the problem list; the wrong ones are refused and write nothing', async () => {
    const supervisor = await loginAs(suite.app, 'supervisor')
    const [zone] = await suite.database.rows<{ id: number }>(
      sql`SELECT id FROM areas WHERE level = 'zone' AND name = '东南片区' ORDER BY id DESC LIMIT 1`,
    )
    const started = await suite.app.request(
      '/api/campaigns',
      jsonRequest(
        'POST',
        {
          name: '东南片区拉网式全面检查',
          areaId: zone!.id,
          startsOn: inDays(-1),
          endsOn: inDays(30),
          categories: ['挂床住院', '串换药品', '分解收费'],
        },
        supervisor,
      ),
    )
    expect(started.status).toBe(201)
    const campaign = (await started.json()) as { id: number; institutions: number; inspected: number; phase: string }
    expect(campaign.phase).toBe('running')
    const [expected] = await suite.database.rows<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM institutions i JOIN areas g ON g.id = i.grid_id WHERE g.parent_id = ${zone!.id} AND i.status = 'active'`)
    expect(campaign.institutions).toBe(expected!.n)
    expect(campaign.inspected).toBe(0)

    const zone1 = await loginAs(suite.app, 'zone1')
    const clinic = await villageClinic('东南片区')
    const covering = [
      { category: '串换耗材', result: 'ok' },
      { category: '串换药品', result: 'problem' },
    ]
    const made = await suite.app.request(
      '/api/inspections',
      jsonRequest(
        'POST',
        inspectionBody(clinic.id, [clinic.lon, clinic.lat], {
          campaignId: campaign.id,
          checklist: covering,
          findings: [{ category: '串换药品', problem: '处方药品与结算不一致', severity: 'general' }],
        }),
        zone1,
      ),
    )
    expect(made.status).toBe(201)

    const detail = (await (
      await suite.app.request(`/api/campaigns/${campaign.id}`, { headers: { cookie: supervisor } })
    ).json()) as Detail
    expect(detail.inspected).toBe(1)
    expect(detail.grids.reduce((sum, grid) => sum + grid.institutions, 0)).toBe(expected!.n)
    expect(detail.grids.find((grid) => grid.gridId === clinic.grid_id)!.inspected).toBe(1)
    expect(detail.institutionsList.find((institution) => institution.id === clinic.id)!.inspectedAt).not.toBeNull()
    expect(detail.problems).toMatchObject([{ institutionId: clinic.id, category: '串换药品', status: 'open' }])

    // Refused: outside the zone; a checklist without a campaign category; each writes nothing.
    const before = await counts()
    const outside = await villageClinic('西北片区')
    const supervisorVisit = await suite.app.request(
      '/api/inspections',
      jsonRequest(
        'POST',
        inspectionBody(outside.id, [outside.lon, outside.lat], {
          kind: 'cross-check',
          campaignId: campaign.id,
          checklist: covering,
        }),
        supervisor,
      ),
    )
    expect(supervisorVisit.status).toBe(422)
    expect(((await supervisorVisit.json()) as { detail: string }).detail).toContain('outside the campaign’s area')
    const partial = await suite.app.request(
      '/api/inspections',
      jsonRequest(
        'POST',
        inspectionBody(clinic.id, [clinic.lon, clinic.lat], {
          campaignId: campaign.id,
          checklist: [{ category: '串换耗材', result: 'ok' }],
        }),
        zone1,
      ),
    )
    expect(partial.status).toBe(422)
    expect(((await partial.json()) as { detail: string }).detail).toContain('串换药品')
    expect(await counts()).toEqual(before)

    // A level-3 member sees the campaign over their own institutions only.
    const mine = (await (
      await suite.app.request(`/api/campaigns/${campaign.id}`, {
        headers: { cookie: await loginAs(suite.app, 'member3b') },
      })
    ).json()) as Detail
    const [own] = await suite.database.rows<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM assignments a JOIN institutions i ON i.id = a.institution_id JOIN areas g ON g.id = i.grid_id JOIN staff s ON s.id = a.staff_id JOIN users u ON u.staff_id = s.id
      WHERE u.username = 'member3b' AND a.until IS NULL AND g.parent_id = ${zone!.id} AND i.status = 'active'`)
    expect(mine.institutions).toBe(own!.n)
    expect(mine.institutions).toBeLessThan(expected!.n)
  })

  test('bad definitions are 400s and grid members may not start one; nothing is written', async () => {
    const supervisor = await loginAs(suite.app, 'supervisor')
    const before = await counts()
    const body = { name: '拉网式检查', areaId: null, startsOn: inDays(0), endsOn: inDays(30), categories: ['挂床住院'] }
    for (const wrong of [
      { ...body, endsOn: inDays(-1) },
      { ...body, categories: ['喝茶'] },
      { ...body, categories: [] },
      { ...body, areaId: 999_999 },
    ])
      expect((await suite.app.request('/api/campaigns', jsonRequest('POST', wrong, supervisor))).status).toBe(400)
    for (const username of ['zone1', 'grid2', 'member3', 'planner'])
      expect(
        (await suite.app.request('/api/campaigns', jsonRequest('POST', body, await loginAs(suite.app, username))))
          .status,
      ).toBe(403)
    expect(await counts()).toEqual(before)
    expect((await suite.app.request('/api/campaigns', jsonRequest('POST', body, supervisor))).status).toBe(201)
  })
})
