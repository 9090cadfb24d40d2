// Risk reports (舆情) on both runtimes: a level-3 member's report climbs to level 2, level 1 and
// the bureau; a hop nobody acknowledges in time climbs on by itself and raises the alarm (the
// wall and the map count it); acknowledgements go only to the chain, closing only after the
// bureau; the report is seen by its chain and leadership only. Refusals write nothing.
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import type { Database } from '@gridwatch/db'
import { writePath } from '@gridwatch/api/platform/write-path.ts'
import { escalateOverdueHops } from '@gridwatch/api/risk-reports/risk-report-queries.ts'
import type { EventBus, LiveEvent } from '@gridwatch/api/platform/events.ts'
import type { InstitutionLayer } from '@gridwatch/api/map/institution-layer.ts'
import { decodeInstitutionLayer, type InstitutionLayerPayload } from '@gridwatch/domain/institution-layer-format.ts'
import { openSeededTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { createTestApp, jsonRequest, loginAs } from '../support/test-app.ts'
import { bureauWeekdayAfterSeed } from '../support/reference-time.ts'

let clock = bureauWeekdayAfterSeed(3, '10:00')
const later = (minutes: number) => (clock = new Date(clock.getTime() + minutes * 60_000))

let testDatabase: TestDatabase
let database: Database
let app: ReturnType<typeof createTestApp>['app']
let events: EventBus
let institutionLayer: InstitutionLayer
let ownInstitution: number
let foreignInstitution: number

interface Report {
  id: number
  status: string
  alarm: boolean
  waitingAt: number | null
  hops: {
    level: number
    toStaffName: string | null
    acknowledgedAt: string | null
    acknowledgedBy: string | null
    timedOutAt: string | null
    dueAt: string | null
  }[]
  actions: string[]
  handling: string
  closedBy: string | null
}

beforeEach(async () => {
  clock = bureauWeekdayAfterSeed(3, '10:00')
  cookies.clear()
  testDatabase = await openSeededTestDatabase()
  database = testDatabase.database
  ;({ app, events, institutionLayer } = createTestApp(database, { now: () => clock }))
  const [own] = await database.rows<{ id: number }>(sql`
    SELECT a.institution_id AS id FROM assignments a JOIN users u ON u.staff_id = a.staff_id WHERE u.username = 'member3' AND a.institution_id IS NOT NULL ORDER BY a.institution_id LIMIT 1`)
  ownInstitution = own!.id
  const [foreign] = await database.rows<{ id: number }>(sql`
    SELECT i.id FROM institutions i JOIN areas g ON g.id = i.grid_id WHERE g.name = '张湾镇' ORDER BY i.id LIMIT 1`)
  foreignInstitution = foreign!.id
  // The demo's report is mid-escalation at the seed's time and would time out under the test's
  // clock (days later): its waiting hop is acknowledged, so that every escalation counted is the test's.
  await database.rows(sql`UPDATE risk_report_hops SET acknowledged_at = sent_at WHERE acknowledged_at IS NULL`)
})
afterEach(() => testDatabase.close())

const cookies = new Map<string, string>()
async function as(username: string): Promise<string> {
  if (!cookies.has(username)) cookies.set(username, await loginAs(app, username))
  return cookies.get(username)!
}

async function call<T>(
  username: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const cookie = await as(username)
  const response = await app.request(
    path,
    body === undefined && method === 'GET' ? { headers: { cookie } } : jsonRequest(method, body ?? {}, cookie),
  )
  return { status: response.status, body: (await response.json()) as T }
}

/** A 较大 (medium) report climbs one level at a time; `severity: 'high'` (重大) goes to every level at once. */
const raise = (username = 'member3', institutionId = ownInstitution, severity = 'medium') =>
  call<Report>(username, 'POST', '/api/risk-reports', {
    institutionId,
    title: '短视频反映收费问题',
    description: '有群众在短视频平台反映门诊收费与医保结算不一致。',
    severity,
    source: 'short-video',
  })

async function counts() {
  const [row] = await database.rows<{ reports: number; hops: number; audit: number }>(sql`
    SELECT (SELECT count(*)::int FROM risk_reports) AS reports, (SELECT count(*)::int FROM risk_report_hops) AS hops, (SELECT count(*)::int FROM audit_log WHERE action NOT IN ('login', 'denied')) AS audit`)
  return row!
}

const escalate = () =>
  escalateOverdueHops(
    database,
    (countyCode) => writePath(database, events, { user: null, requestId: undefined, countyCode }),
    clock,
  )

describe('the chain', () => {
  test('raised by level 3, it waits at level 2; unacknowledged for 30 minutes it climbs to level 1 with the alarm; level 1 and the bureau acknowledge; level 1 closes with the handling', async () => {
    const heard: LiveEvent[] = []
    events.subscribe((event) => heard.push(event))
    const raised = await raise()
    expect(raised.status).toBe(201)
    expect(raised.body).toMatchObject({ status: 'escalating', waitingAt: 2, alarm: false })
    expect(raised.body.hops).toHaveLength(1)
    expect(raised.body.hops[0]!.toStaffName).toBeTruthy()
    expect(raised.body.hops[0]!.dueAt).toBe(new Date(clock.getTime() + 30 * 60_000).toISOString())
    expect(heard).toContainEqual({
      type: 'risk-report.changed',
      institutionId: ownInstitution,
      riskReportId: raised.body.id,
    })

    // 29 minutes: nothing moves.
    later(29)
    expect(await escalate()).toBe(0)
    // 31 minutes: the level-2 hop times out and the report is sent to level 1, with the alarm.
    later(2)
    expect(await escalate()).toBe(1)
    expect(await escalate()).toBe(0)
    const climbed = (await call<Report>('zone1', 'GET', `/api/risk-reports/${raised.body.id}`)).body
    expect(climbed).toMatchObject({ status: 'escalating', waitingAt: 1, alarm: true, actions: ['acknowledge'] })
    expect(climbed.hops.map((hop) => [hop.level, hop.timedOutAt !== null])).toEqual([
      [2, true],
      [1, false],
    ])
    expect(
      (await call<{ reports: Report[] }>('leader', 'GET', '/api/risk-reports?alarm=true')).body.reports.map(
        (report) => report.id,
      ),
    ).toContain(raised.body.id)
    const wall = (
      await call<{ risks: { unacknowledged: number; timedOut: number } }>('leader', 'GET', '/api/wall/summary')
    ).body
    expect(wall.risks.unacknowledged).toBeGreaterThanOrEqual(1)
    expect(wall.risks.timedOut).toBe(1)

    // Closing before the bureau has acknowledged is refused.
    expect(
      (await call('zone1', 'POST', `/api/risk-reports/${raised.body.id}/close`, { handling: '已处理' })).status,
    ).toBe(409)

    const acknowledged = await call<Report>('zone1', 'POST', `/api/risk-reports/${raised.body.id}/acknowledge`)
    expect(acknowledged.status).toBe(200)
    expect(acknowledged.body).toMatchObject({ waitingAt: 0, alarm: true, actions: [] })
    // Level 1 cannot acknowledge the bureau's hop.
    expect((await call('zone1', 'POST', `/api/risk-reports/${raised.body.id}/acknowledge`)).status).toBe(409)
    const bureau = await call<Report>('supervisor', 'POST', `/api/risk-reports/${raised.body.id}/acknowledge`)
    expect(bureau.body).toMatchObject({ status: 'acknowledged', waitingAt: null, alarm: false, actions: ['close'] })
    expect(bureau.body.hops.map((hop) => hop.acknowledgedBy)).toEqual([null, '一级网格员（演示）', '督导组（演示）'])

    expect((await call('zone1', 'POST', `/api/risk-reports/${raised.body.id}/close`, { handling: '   ' })).status).toBe(
      400,
    )
    const closed = await call<Report>('zone1', 'POST', `/api/risk-reports/${raised.body.id}/close`, {
      handling: '约谈负责人，核对收费，已向群众解释并公开说明',
    })
    expect(closed.body).toMatchObject({
      status: 'closed',
      handling: '约谈负责人，核对收费，已向群众解释并公开说明',
      closedBy: '一级网格员（演示）',
      actions: [],
    })
    expect(
      (await call('zone1', 'POST', `/api/risk-reports/${raised.body.id}/close`, { handling: '再次' })).status,
    ).toBe(409)
  })

  test('the map counts the institution at risk while the report climbs, and stops once the bureau has it', async () => {
    const raised = await raise()
    const riskOf = async () => {
      const records = decodeInstitutionLayer(
        (await call<InstitutionLayerPayload>('leader', 'GET', '/api/map/institutions')).body,
      )
      return records.find((record) => record.id === ownInstitution)!.riskSinceMinute
    }
    await institutionLayer.refresh()
    expect(await riskOf()).toBe(Math.floor(clock.getTime() / 60_000))
    await call('supervisor', 'POST', `/api/risk-reports/${raised.body.id}/acknowledge`)
    await institutionLayer.refresh()
    expect(await riskOf()).toBeNull()
  })

  test('someone higher in the chain may take a hop below them; the bureau’s acknowledgement ends the climb', async () => {
    const raised = await raise()
    const taken = await call<Report>('supervisor', 'POST', `/api/risk-reports/${raised.body.id}/acknowledge`)
    expect(taken.body).toMatchObject({ status: 'acknowledged', waitingAt: null })
    expect(taken.body.hops).toHaveLength(1)
  })

  test('重大 goes to every level of the chain at once: each level acknowledges its own hop, none times out into a second one, the bureau’s acknowledgement ends it', async () => {
    const raised = await raise('member3', ownInstitution, 'high')
    expect(raised.status).toBe(201)
    expect(raised.body.hops.map((hop) => hop.level)).toEqual([2, 1, 0])
    expect(raised.body.waitingAt).toBe(2)
    // Each level has it at once, and may acknowledge its own hop.
    for (const username of ['zone1', 'supervisor'])
      expect((await call<Report>(username, 'GET', `/api/risk-reports/${raised.body.id}`)).body.actions).toContain(
        'acknowledge',
      )
    const levelOne = await call<Report>('zone1', 'POST', `/api/risk-reports/${raised.body.id}/acknowledge`)
    expect(levelOne.status).toBe(200)
    expect(levelOne.body.hops).toHaveLength(3)
    expect(levelOne.body.hops.find((hop) => hop.level === 1)!.acknowledgedAt).not.toBeNull()
    // Level 2 did not acknowledge in time: its hop times out, and nothing new is sent (levels 1 and 0 have it).
    later(31)
    cookies.clear() // 31 idle minutes end the sessions too
    expect(await escalate()).toBe(1)
    const after = (await call<Report>('supervisor', 'GET', `/api/risk-reports/${raised.body.id}`)).body
    expect(after.hops).toHaveLength(3)
    expect(after).toMatchObject({ status: 'escalating', alarm: true, waitingAt: 0 })
    const bureau = await call<Report>('supervisor', 'POST', `/api/risk-reports/${raised.body.id}/acknowledge`)
    expect(bureau.body).toMatchObject({ status: 'acknowledged', alarm: false, waitingAt: null })
    expect(bureau.body.hops.filter((hop) => hop.acknowledgedAt === null && hop.timedOutAt === null)).toEqual([])
    // A 较大 report still climbs one level at a time.
    expect((await raise()).body.hops.map((hop) => hop.level)).toEqual([2])
  })

  test('a 舆情 about a place in the member’s grid (no institution): raised where the member stands, seen and taken by the grid’s chain; outside the grid refused', async () => {
    const positionOf = async (id: number) => {
      const [row] = await database.rows<{ lon: number; lat: number }>(
        sql`SELECT ST_X(position) AS lon, ST_Y(position) AS lat FROM institutions WHERE id = ${id}`,
      )
      return [row!.lon + 0.0005, row!.lat] as [number, number]
    }
    const body = {
      place: '本村村口',
      title: '短视频称村民被收走医保卡',
      description: '有视频称村口有人收集村民医保卡，尚不清楚涉及哪家机构。',
      severity: 'medium',
      source: 'short-video',
    }
    const before = await counts()
    const outside = await call('member3', 'POST', '/api/risk-reports', {
      ...body,
      position: await positionOf(foreignInstitution),
    })
    expect(outside.status).toBe(403)
    expect((await call('member3', 'POST', '/api/risk-reports', { ...body, place: undefined })).status).toBe(400)
    expect(await counts()).toEqual(before)

    const raised = await call<Report & { institutionId: number | null; institutionName: string; place: string }>(
      'member3',
      'POST',
      '/api/risk-reports',
      { ...body, position: await positionOf(ownInstitution) },
    )
    expect(raised.status).toBe(201)
    expect(raised.body).toMatchObject({
      institutionId: null,
      institutionName: '本村村口',
      place: '本村村口',
      waitingAt: 2,
    })
    // The zone's level-1 member sees it and may take it (the chain by the report's grid).
    const seen = (await call<{ reports: Report[] }>('zone1', 'GET', '/api/risk-reports')).body.reports
    expect(seen.map((report) => report.id)).toContain(raised.body.id)
    const taken = await call<Report>('zone1', 'POST', `/api/risk-reports/${raised.body.id}/acknowledge`)
    expect(taken.status).toBe(200)
    expect(taken.body.waitingAt).toBe(0)
  })

  test('a level-2 member’s own report starts at level 1', async () => {
    const raised = await raise('grid2', foreignInstitution)
    expect(raised.status).toBe(201)
    expect(raised.body.waitingAt).toBe(1)
  })
})

describe('who sees and who acts', () => {
  test('the reporter, the chain by scope and leadership see the report; other grid members and planners do not', async () => {
    const raised = await raise()
    const path = `/api/risk-reports/${raised.body.id}`
    for (const username of ['member3', 'zone1', 'supervisor', 'leader'])
      expect((await call(username, 'GET', path)).status).toBe(200)
    // grid2's grid and member3b's institutions are elsewhere: the report does not exist for them.
    for (const username of ['grid2', 'member3b']) {
      expect((await call(username, 'GET', path)).status).toBe(404)
      expect(
        (await call<{ reports: Report[] }>(username, 'GET', '/api/risk-reports')).body.reports.map(
          (report) => report.id,
        ),
      ).not.toContain(raised.body.id)
    }
    expect((await call('planner', 'GET', '/api/risk-reports')).status).toBe(403)
    expect((await call('admin', 'GET', path)).status).toBe(403)
    // The institution's card names the open report to the chain, and to nobody outside it.
    type Card = { openRiskReports: { id: number; title: string; status: string }[] }
    expect((await call<Card>('leader', 'GET', `/api/institutions/${ownInstitution}`)).body.openRiskReports).toEqual([
      expect.objectContaining({ id: raised.body.id, title: '短视频反映收费问题', status: 'escalating' }),
    ])
    expect((await call<Card>('planner', 'GET', `/api/institutions/${ownInstitution}`)).body.openRiskReports).toEqual([])
  })

  test('refusals write nothing: a level-3 member acknowledging, raising outside their institutions, a planner raising, bad input', async () => {
    const raised = await raise()
    const before = await counts()
    expect((await call('member3', 'POST', `/api/risk-reports/${raised.body.id}/acknowledge`)).status).toBe(403)
    expect((await call('grid2', 'POST', `/api/risk-reports/${raised.body.id}/acknowledge`)).status).toBe(404)
    expect((await raise('member3', foreignInstitution)).status).toBe(403)
    expect((await raise('planner')).status).toBe(403)
    const bad = await call<{ type: string; errors: { path: string }[] }>('member3', 'POST', '/api/risk-reports', {
      institutionId: ownInstitution,
      title: '',
      description: 'x',
      severity: 'urgent',
    })
    expect(bad.status).toBe(400)
    expect(bad.body.errors.map((error) => error.path).sort()).toEqual(['severity', 'title'])
    expect(await counts()).toEqual(before)
  })

  test('one Idempotency-Key, sent three times, raises one report', async () => {
    const cookie = await as('member3')
    const before = await counts()
    const body = {
      institutionId: ownInstitution,
      title: '重复发送',
      description: '信号不好，手机重发了三次',
      severity: 'medium',
    }
    const answers = []
    for (let attempt = 0; attempt < 3; attempt++) {
      const init = jsonRequest('POST', body, cookie)
      ;(init.headers as Record<string, string>)['idempotency-key'] = 'risk-key-00000001'
      const response = await app.request('/api/risk-reports', init)
      expect(response.status).toBe(201)
      answers.push(await response.json())
    }
    expect(answers[1]).toEqual(answers[0])
    expect(answers[2]).toEqual(answers[0])
    expect((await counts()).reports).toBe(before.reports + 1)
  })

  test('a county may set another limit: with 10 minutes a hop times out after 10', async () => {
    expect((await call('admin', 'PUT', '/api/settings/field', { riskHopLimitMinutes: 10 })).status).toBe(200)
    const raised = await raise()
    later(11)
    expect(await escalate()).toBe(1)
    expect((await call<Report>('leader', 'GET', `/api/risk-reports/${raised.body.id}`)).body.waitingAt).toBe(1)
  })
})
