// Monthly reports (月上报) on both runtimes: every figure equals the same figure recomputed here
// from the records with plain SQL; the level-2 member saves and (once the month is over) submits
// with a narrative, the zone's level-1 member returns it with a note, it is submitted again and
// accepted — and then frozen: a record added afterwards changes the live figures, not the report.
// Other grids' members, reviewers writing and writers reviewing are refused and nothing is written.
// Late reports are those unsubmitted after the 5th; the workbook reads back with Chinese labels.
import { beforeEach, describe, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { defaultIntervalTable } from '@gridwatch/domain/inspection-intervals.ts'
import { monthlyFigures } from '@gridwatch/api/reports/monthly-report-queries.ts'
import { apiSuite } from '../support/api-suite.ts'
import { loginAs } from '../support/test-app.ts'
import { seededAt } from '../support/reference-time.ts'
import { addMonths, bureauInstant, bureauMonth } from '@gridwatch/domain/bureau-calendar.ts'

/** The month reported on is the last whole month before the seed's; it is reported in the seed's month. */
const seedMonth = bureauMonth(seededAt())
const month = addMonths(seedMonth, -1)
/** The bureau's instant on `day` of the report's month (`of: 'next'`: of the month it is reported in). */
const at = (day: number, time: string, of: 'report' | 'next' = 'report') =>
  bureauInstant(`${of === 'report' ? month : seedMonth}-${String(day).padStart(2, '0')}`, time)

let clock = at(2, '10:00', 'next')
const cookies = new Map<string, string>()

// Its tests need a pristine county: a fresh copy of the seeded database for each.
const suite = apiSuite({ fresh: 'test', now: () => clock })
beforeEach(() => {
  clock = at(2, '10:00', 'next')
  cookies.clear()
})

async function call<T = unknown>(
  username: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T; bytes: ArrayBuffer }> {
  // Sessions last hours: log in again whenever the test moves the clock.
  const key = `${username}@${clock.toISOString()}`
  if (!cookies.has(key)) cookies.set(key, await loginAs(suite.app, username))
  const response = await suite.app.request(path, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), cookie: cookies.get(key)! },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const bytes = await response.arrayBuffer()
  const text = new TextDecoder().decode(bytes)
  return {
    status: response.status,
    bytes,
    body: (response.headers.get('content-type')?.includes('json') && text ? JSON.parse(text) : text) as T,
  }
}

interface Report {
  id: number | null
  gridId: number
  gridName: string
  status: string
  late: boolean
  frozen: boolean
  narrative: string
  figures: Record<string, number | null>
  actions: string[]
  steps: { action: string; by: string; note?: string }[]
}

const start = bureauInstant(`${month}-01`).toISOString()
const end = bureauInstant(`${seedMonth}-01`).toISOString()

async function tianzhong(): Promise<number> {
  const [row] = await suite.database.rows<{ id: number }>(
    sql`SELECT id FROM areas WHERE level = 'grid' AND name = '天中街道'`,
  )
  return row!.id
}

/** The report month's figures of a grid, recomputed with plain queries, independently of the report's code. */
async function recomputed(gridId: number): Promise<Record<string, number | null>> {
  const one = async (query: ReturnType<typeof sql>) => Number((await suite.database.rows<{ n: number }>(query))[0]!.n)
  const ratio = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 1000)
  const inspections = await one(
    sql`SELECT count(*) AS n FROM inspections WHERE grid_id = ${gridId} AND arrived_at >= ${start}::timestamptz AND arrived_at < ${end}::timestamptz`,
  )
  const verified = await one(
    sql`SELECT count(*) AS n FROM inspections WHERE grid_id = ${gridId} AND verified AND arrived_at >= ${start}::timestamptz AND arrived_at < ${end}::timestamptz`,
  )
  const institutions = await suite.database.rows<{
    id: number
    type: keyof typeof defaultIntervalTable
    credit_grade: 'A' | 'B' | 'C' | 'D' | null
    blacklisted: boolean
  }>(sql`SELECT id, type, credit_grade, blacklisted FROM institutions WHERE grid_id = ${gridId} AND status = 'active'`)
  let covered = 0
  for (const institution of institutions) {
    const [last] = await suite.database.rows<{ at: string | null }>(
      sql`SELECT max(arrived_at)::text AS at FROM inspections WHERE institution_id = ${institution.id} AND verified AND arrived_at < ${end}::timestamptz`,
    )
    if (!last!.at) continue
    const grade = institution.blacklisted ? 'D' : (institution.credit_grade ?? 'B')
    if ((Date.parse(end) - Date.parse(last!.at)) / 86_400_000 <= defaultIntervalTable[institution.type][grade])
      covered++
  }
  const crossChecked = await suite.database.rows<{ checklist: { result: string }[]; staff_work: { result: string }[] }>(
    sql`SELECT checklist, staff_work FROM inspections WHERE kind = 'cross-check' AND grid_id = ${gridId} AND arrived_at >= ${start}::timestamptz AND arrived_at < ${end}::timestamptz`,
  )
  // The score: the mean of the institutions' share in order and the staff work's share in order.
  const shareOf = (results: string[]) =>
    ratio(
      results.filter((result) => result === 'ok').length,
      results.filter((result) => result === 'ok' || result === 'problem').length,
    )
  const halves = [
    shareOf(crossChecked.flatMap((row) => row.checklist.map((entry) => entry.result))),
    shareOf(crossChecked.flatMap((row) => row.staff_work.map((entry) => entry.result))),
  ].filter((half): half is number => half !== null)
  const acknowledgements = (
    await suite.database.rows<{ minutes: number }>(sql`
      SELECT extract(epoch FROM h.acknowledged_at - h.sent_at) / 60 AS minutes FROM risk_report_hops h JOIN risk_reports r ON r.id = h.risk_report_id
      WHERE r.grid_id = ${gridId} AND h.to_level = 2 AND h.acknowledged_at IS NOT NULL AND r.reported_at >= ${start}::timestamptz AND r.reported_at < ${end}::timestamptz`)
  )
    .map((row) => Math.round(Number(row.minutes) * 10) / 10)
    .sort((a, b) => a - b)
  const middle = Math.floor(acknowledgements.length / 2)
  const crossChecks = await one(
    sql`SELECT count(*) AS n FROM inspections WHERE kind = 'cross-check' AND grid_id = ${gridId} AND arrived_at >= ${start}::timestamptz AND arrived_at < ${end}::timestamptz`,
  )
  return {
    institutions: institutions.length,
    inspections,
    verifiedInspections: verified,
    verifiedShare: ratio(verified, inspections),
    coveredWithinInterval: covered,
    coverageShare: ratio(covered, institutions.length),
    ledgerOpened: await one(
      sql`SELECT count(*) AS n FROM ledger_items WHERE grid_id = ${gridId} AND opened_at >= ${start}::timestamptz AND opened_at < ${end}::timestamptz`,
    ),
    ledgerClosed: await one(
      sql`SELECT count(*) AS n FROM ledger_items WHERE grid_id = ${gridId} AND closed_at >= ${start}::timestamptz AND closed_at < ${end}::timestamptz`,
    ),
    ledgerClosedOnTime: await one(
      sql`SELECT count(*) AS n FROM ledger_items WHERE grid_id = ${gridId} AND closed_at >= ${start}::timestamptz AND closed_at < ${end}::timestamptz AND closed_at <= deadline_at`,
    ),
    ledgerOverdue: await one(
      sql`SELECT count(*) AS n FROM ledger_items WHERE grid_id = ${gridId} AND opened_at < ${end}::timestamptz AND deadline_at < ${end}::timestamptz AND (closed_at IS NULL OR closed_at >= ${end}::timestamptz)`,
    ),
    riskReports: await one(
      sql`SELECT count(*) AS n FROM risk_reports WHERE grid_id = ${gridId} AND reported_at >= ${start}::timestamptz AND reported_at < ${end}::timestamptz`,
    ),
    riskMedianAcknowledgeMinutes:
      acknowledgements.length === 0
        ? null
        : acknowledgements.length % 2
          ? acknowledgements[middle]!
          : Math.round(((acknowledgements[middle - 1]! + acknowledgements[middle]!) / 2) * 10) / 10,
    riskTimedOutHops: await one(sql`
      SELECT count(*) AS n FROM risk_report_hops h JOIN risk_reports r ON r.id = h.risk_report_id
      WHERE r.grid_id = ${gridId} AND h.timed_out_at >= ${start}::timestamptz AND h.timed_out_at < ${end}::timestamptz`),
    cluesReceived: await one(
      sql`SELECT count(*) AS n FROM clues c JOIN institutions i ON i.id = c.institution_id WHERE i.grid_id = ${gridId} AND c.received_at >= ${start}::timestamptz AND c.received_at < ${end}::timestamptz`,
    ),
    cluesConcluded: await one(
      sql`SELECT count(*) AS n FROM clues c JOIN institutions i ON i.id = c.institution_id WHERE i.grid_id = ${gridId} AND c.concluded_at >= ${start}::timestamptz AND c.concluded_at < ${end}::timestamptz`,
    ),
    cluesOverdue: await one(sql`
      SELECT count(*) AS n FROM clues c JOIN institutions i ON i.id = c.institution_id
      WHERE i.grid_id = ${gridId} AND c.received_at < ${end}::timestamptz AND c.due_at < ${end}::timestamptz AND (c.concluded_at IS NULL OR c.concluded_at >= ${end}::timestamptz)`),
    crossChecks,
    crossCheckScore:
      halves.length === 0
        ? null
        : Math.round((halves.reduce((sum, half) => sum + half, 0) / halves.length) * 1000) / 1000,
  }
}

async function fingerprint(): Promise<string> {
  const [row] = await suite.database.rows<{ hash: string }>(sql`
    SELECT md5(coalesce((SELECT string_agg(id || ':' || status || ':' || narrative, ',' ORDER BY id) FROM monthly_reports), '') || '|' ||
      (SELECT count(*) FROM audit_log WHERE entity = 'monthly_report')) AS hash`)
  return row!.hash
}

describe('monthly reports', () => {
  test('every figure equals the one recomputed from the records; the bureau sees every grid, a level-2 member their own', async () => {
    const gridId = await tianzhong()
    // A cross-check with a checklist, so the score has something to count.
    await suite.database.rows(sql`
      INSERT INTO inspections (county_code, institution_id, grid_id, kind, arrived_at, departed_at, verified, checklist, staff_work, note)
      SELECT county_code, id, grid_id, 'cross-check', ${at(18, '10:00').toISOString()}::timestamptz, ${at(18, '10:40').toISOString()}::timestamptz, true,
        '[{"category":"挂床住院","result":"ok"},{"category":"串换药品","result":"problem"},{"category":"虚假诊疗","result":"ok"},{"category":"其他","result":"not-applicable"}]'::jsonb,
        '[{"item":"poster","result":"ok"},{"item":"ledger-current","result":"problem"},{"item":"visits-verified","result":"problem"},{"item":"closure-proper","result":"ok"}]'::jsonb, ''
      FROM institutions WHERE grid_id = ${gridId} ORDER BY id LIMIT 1`)
    const reports = await call<Report[]>('leader', 'GET', `/api/reports/monthly?month=${month}`)
    expect(reports.status).toBe(200)
    expect(reports.body).toHaveLength(11)
    const report = reports.body.find((entry) => entry.gridId === gridId)!
    expect(report.figures).toEqual(await recomputed(gridId))
    expect(report.figures.crossCheckScore).not.toBeNull()
    expect(report.figures.inspections).toBeGreaterThan(0)
    const own = await call<Report[]>('grid2b', 'GET', `/api/reports/monthly?month=${month}`)
    expect(own.body.map((entry) => entry.gridId)).toEqual([gridId])
    expect((await call('member3', 'GET', `/api/reports/monthly?month=${month}`)).status).toBe(403)
    expect((await call('leader', 'GET', '/api/reports/monthly?month=2026-13')).status).toBe(400)
  })

  test('saved, submitted after the month, returned with a note, submitted again and accepted; the accepted report stays frozen; the wrong roles are refused and write nothing', async () => {
    const gridId = await tianzhong()
    // Before the month is over: a draft can be saved, not submitted.
    clock = at(20, '10:00')
    const saved = await call<Report>('grid2b', 'POST', '/api/reports/monthly', {
      gridId,
      month,
      narrative: '本月完成村卫生室全覆盖巡查。',
    })
    expect(saved.status).toBe(200)
    expect(saved.body).toMatchObject({ status: 'draft', narrative: '本月完成村卫生室全覆盖巡查。' })
    expect(saved.body.actions).toEqual(['save'])
    const id = saved.body.id!
    expect((await call('grid2b', 'POST', `/api/reports/monthly/${id}/submit`, {})).status).toBe(409)

    clock = at(2, '10:00', 'next')
    for (const username of ['grid2', 'zone1', 'leader', 'member3', 'grid2b', 'supervisor'])
      await call(username, 'GET', '/api/auth/me')
    const before = await fingerprint()
    expect((await call('grid2', 'POST', `/api/reports/monthly/${id}/submit`, {})).status).toBe(404)
    expect((await call('zone1', 'POST', `/api/reports/monthly/${id}/submit`, {})).status).toBe(403)
    expect((await call('supervisor', 'POST', `/api/reports/monthly/${id}/submit`, {})).status).toBe(403)
    expect((await call('member3', 'POST', `/api/reports/monthly/${id}/submit`, {})).status).toBe(403)
    expect((await call('grid2b', 'POST', `/api/reports/monthly/${id}/review`, { decision: 'accept' })).status).toBe(403)
    expect((await call('zone1', 'POST', `/api/reports/monthly/${id}/review`, { decision: 'accept' })).status).toBe(409)
    expect((await call('grid2b', 'POST', `/api/reports/monthly/${id}/submit`, { narrative: '  ' })).status).toBe(400)
    expect(await fingerprint()).toBe(before)

    const submitted = await call<Report>('grid2b', 'POST', `/api/reports/monthly/${id}/submit`, {})
    expect(submitted.body).toMatchObject({ status: 'submitted', late: false })
    expect((await call('zone1', 'POST', `/api/reports/monthly/${id}/review`, { decision: 'return' })).status).toBe(400)
    const returned = await call<Report>('zone1', 'POST', `/api/reports/monthly/${id}/review`, {
      decision: 'return',
      note: '请补充问题整改情况。',
    })
    expect(returned.body).toMatchObject({ status: 'returned', actions: [] })
    const again = await call<Report>('grid2b', 'POST', `/api/reports/monthly/${id}/submit`, {
      narrative: '本月完成村卫生室全覆盖巡查；逾期问题均已督促整改。',
    })
    expect(again.body.status).toBe('submitted')
    const accepted = await call<Report>('zone1', 'POST', `/api/reports/monthly/${id}/review`, {
      decision: 'accept',
      note: '同意。',
    })
    expect(accepted.body).toMatchObject({ status: 'accepted', frozen: true, actions: [] })
    expect(accepted.body.steps.map((step) => step.action)).toEqual(['save', 'submit', 'return', 'submit', 'accept'])
    expect((await call('grid2b', 'POST', '/api/reports/monthly', { gridId, month, narrative: '改' })).status).toBe(409)
    expect((await call('grid2b', 'POST', `/api/reports/monthly/${id}/submit`, {})).status).toBe(409)

    // A verified inspection recorded afterwards in the report's month: the live figures move, the accepted report does not.
    const figuresAtAcceptance = accepted.body.figures
    await suite.database.rows(sql`
      INSERT INTO inspections (county_code, institution_id, grid_id, kind, arrived_at, departed_at, verified, note)
      SELECT county_code, id, grid_id, 'weekly-visit', ${at(28, '10:00').toISOString()}::timestamptz, ${at(28, '10:20').toISOString()}::timestamptz, true, '' FROM institutions WHERE grid_id = ${gridId} ORDER BY id LIMIT 1`)
    const live = (await monthlyFigures(suite.database, [{ id: gridId, countyCode: '371703' }], month)).get(gridId)!
    expect(live.inspections).toBe(figuresAtAcceptance.inspections! + 1)
    const [after] = (await call<Report[]>('leader', 'GET', `/api/reports/monthly?month=${month}&grid=${gridId}`)).body
    expect(after!.figures).toEqual(figuresAtAcceptance)
    const audit = await suite.database.rows<{ action: string }>(
      sql`SELECT action FROM audit_log WHERE entity = 'monthly_report' ORDER BY id`,
    )
    expect(audit.map((row) => row.action)).toEqual(['save', 'submit', 'return', 'submit', 'accept'])
  })

  test('reports not submitted after the deadline are late; the workbook reads back with its Chinese labels and figures', async () => {
    const gridId = await tianzhong()
    clock = at(6, '10:00', 'next')
    const reports = (await call<Report[]>('leader', 'GET', `/api/reports/monthly?month=${month}`)).body
    expect(reports.every((report) => report.late)).toBe(true)
    clock = at(5, '18:00', 'next')
    expect(
      (await call<Report[]>('leader', 'GET', `/api/reports/monthly?month=${month}`)).body.some((report) => report.late),
    ).toBe(false)

    const file = await call('grid2b', 'GET', `/api/reports/monthly/xlsx?month=${month}&grid=${gridId}`)
    expect(file.status).toBe(200)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(file.bytes)
    const sheet = workbook.getWorksheet('月报')!
    const cells = new Map<string, string>()
    sheet.eachRow((row) => cells.set(String(row.getCell(1).value), String(row.getCell(2).value ?? '')))
    expect(String(sheet.getRow(1).getCell(1).value)).toContain('天中街道')
    expect(cells.get('指标')).toBe('数值')
    const [report] = (await call<Report[]>('grid2b', 'GET', `/api/reports/monthly?month=${month}&grid=${gridId}`)).body
    expect(cells.get('检查次数')).toBe(String(report!.figures.inspections))
    expect(cells.get('逾期未整改（月末）')).toBe(String(report!.figures.ledgerOverdue))
  })
})
