// Monthly reports (月上报) in the database: the month's figures of a set of grids computed from the
// records in a handful of grouped queries (one grid or a province's worth cost the same number of
// round trips), the report rows with their narrative and review, and the steps — save, submit,
// return, accept — each checked by can() and the domain's step rule. An accepted report answers
// with the figures frozen at acceptance, whatever the records say later.
import { sql } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { schema, type Database } from '@gridwatch/db'
import {
  coveredAt,
  figureRows,
  isLate,
  median,
  monthBounds,
  monthlyReportStep,
  nextMonth,
  share,
  submissionDeadline,
  type MonthlyFigures,
  type MonthlyReportAction,
  type MonthlyReportStatus,
} from '@gridwatch/domain/monthly-report.ts'
import type { CreditGrade } from '@gridwatch/domain/credit.ts'
import { scoreOfTallies } from '@gridwatch/domain/cross-checks.ts'
import type { InstitutionType } from '@gridwatch/domain/institution-types.ts'
import { bureauDate } from '@gridwatch/domain/bureau-calendar.ts'
import { authorise } from '../auth/access.ts'
import { can, type GridPlace } from '../auth/can.ts'
import type { SessionUser } from '../auth/session-user.ts'
import { publishedBoundaryVersionIds } from '../boundaries/published-version.ts'
import { allFieldSettings } from '../settings/field-settings.ts'
import { failures } from '../platform/failure.ts'
import type { WritePath } from '../platform/write-path.ts'

const idArray = (ids: readonly number[]) => `{${ids.join(',')}}`

type Tally = { ok: number; checked: number }

/** Per grid, the cross-checks' checklist and staff-work entries in order and checked over [start, end): what its cross-check score is made of. */
export async function crossCheckTallies(
  database: Database,
  ids: string,
  start: Date,
  end: Date,
): Promise<{ grid_id: number; institution: Tally; staffWork: Tally }[]> {
  const rows = await database.rows<{
    grid_id: number
    institution_ok: number
    institution_checked: number
    staff_ok: number
    staff_checked: number
  }>(sql`
    SELECT v.grid_id,
      coalesce(sum((SELECT count(*) FROM jsonb_array_elements(v.checklist) c WHERE c->>'result' = 'ok')), 0)::int AS institution_ok,
      coalesce(sum((SELECT count(*) FROM jsonb_array_elements(v.checklist) c WHERE c->>'result' IN ('ok', 'problem'))), 0)::int AS institution_checked,
      coalesce(sum((SELECT count(*) FROM jsonb_array_elements(v.staff_work) c WHERE c->>'result' = 'ok')), 0)::int AS staff_ok,
      coalesce(sum((SELECT count(*) FROM jsonb_array_elements(v.staff_work) c WHERE c->>'result' IN ('ok', 'problem'))), 0)::int AS staff_checked
    FROM inspections v
    WHERE v.kind = 'cross-check' AND v.grid_id = ANY(${ids}::int[]) AND v.arrived_at >= ${start.toISOString()}::timestamptz AND v.arrived_at < ${end.toISOString()}::timestamptz
    GROUP BY v.grid_id`)
  return rows.map((row) => ({
    grid_id: row.grid_id,
    institution: { ok: row.institution_ok, checked: row.institution_checked },
    staffWork: { ok: row.staff_ok, checked: row.staff_checked },
  }))
}

/** The figures of each grid for the month, from the records. */
export function monthlyFigures(
  database: Database,
  grids: readonly { id: number; countyCode: string }[],
  month: string,
): Promise<Map<number, MonthlyFigures>> {
  return periodFigures(database, grids, monthBounds(month))
}

/** The same figures for any period [start, end): a month, or a year for the annual assessment (coverage at its end). */
export async function periodFigures(
  database: Database,
  grids: readonly { id: number; countyCode: string }[],
  { start, end }: { start: Date; end: Date },
): Promise<Map<number, MonthlyFigures>> {
  const ids = idArray(grids.map((grid) => grid.id))
  const [settingsOf, institutions, inspections, crossChecks, ledger, risks, hops, clues] = await Promise.all([
    allFieldSettings(database),
    database.rows<{
      grid_id: number
      county_code: string
      type: InstitutionType
      credit_grade: CreditGrade | null
      blacklisted: boolean
      last_verified: Date | string | null
    }>(sql`
      SELECT i.grid_id, i.county_code, i.type, i.credit_grade, i.blacklisted,
        (SELECT max(v.arrived_at) FROM inspections v WHERE v.institution_id = i.id AND v.verified AND v.arrived_at < ${end.toISOString()}::timestamptz) AS last_verified
      FROM institutions i WHERE i.status = 'active' AND i.grid_id = ANY(${ids}::int[])`),
    database.rows<{ grid_id: number; total: number; verified: number; cross_checks: number }>(sql`
      SELECT grid_id, count(*)::int AS total, count(*) FILTER (WHERE verified)::int AS verified, count(*) FILTER (WHERE kind = 'cross-check')::int AS cross_checks
      FROM inspections WHERE grid_id = ANY(${ids}::int[]) AND arrived_at >= ${start.toISOString()}::timestamptz AND arrived_at < ${end.toISOString()}::timestamptz
      GROUP BY grid_id`),
    crossCheckTallies(database, ids, start, end),
    database.rows<{ grid_id: number; opened: number; closed: number; closed_on_time: number; overdue: number }>(sql`
      SELECT grid_id,
        count(*) FILTER (WHERE opened_at >= ${start.toISOString()}::timestamptz AND opened_at < ${end.toISOString()}::timestamptz)::int AS opened,
        count(*) FILTER (WHERE closed_at >= ${start.toISOString()}::timestamptz AND closed_at < ${end.toISOString()}::timestamptz)::int AS closed,
        count(*) FILTER (WHERE closed_at >= ${start.toISOString()}::timestamptz AND closed_at < ${end.toISOString()}::timestamptz AND closed_at <= deadline_at)::int AS closed_on_time,
        count(*) FILTER (WHERE opened_at < ${end.toISOString()}::timestamptz AND (closed_at IS NULL OR closed_at >= ${end.toISOString()}::timestamptz) AND deadline_at < ${end.toISOString()}::timestamptz)::int AS overdue
      FROM ledger_items WHERE grid_id = ANY(${ids}::int[]) GROUP BY grid_id`),
    database.rows<{ grid_id: number; count: number }>(sql`
      SELECT grid_id, count(*)::int AS count FROM risk_reports
      WHERE grid_id = ANY(${ids}::int[]) AND reported_at >= ${start.toISOString()}::timestamptz AND reported_at < ${end.toISOString()}::timestamptz GROUP BY grid_id`),
    database.rows<{ grid_id: number; minutes: number | null; timed_out: boolean }>(sql`
      SELECT r.grid_id, h.to_level,
        CASE WHEN h.to_level = 2 AND r.reported_at >= ${start.toISOString()}::timestamptz AND r.reported_at < ${end.toISOString()}::timestamptz AND h.acknowledged_at IS NOT NULL
          THEN extract(epoch FROM h.acknowledged_at - h.sent_at) / 60 END AS minutes,
        (h.timed_out_at >= ${start.toISOString()}::timestamptz AND h.timed_out_at < ${end.toISOString()}::timestamptz) AS timed_out
      FROM risk_report_hops h JOIN risk_reports r ON r.id = h.risk_report_id
      WHERE r.grid_id = ANY(${ids}::int[]) AND h.sent_at < ${end.toISOString()}::timestamptz AND h.sent_at >= ${new Date(start.getTime() - 86_400_000).toISOString()}::timestamptz`),
    database.rows<{ grid_id: number; received: number; concluded: number; overdue: number }>(sql`
      SELECT i.grid_id,
        count(*) FILTER (WHERE c.received_at >= ${start.toISOString()}::timestamptz AND c.received_at < ${end.toISOString()}::timestamptz)::int AS received,
        count(*) FILTER (WHERE c.concluded_at >= ${start.toISOString()}::timestamptz AND c.concluded_at < ${end.toISOString()}::timestamptz)::int AS concluded,
        count(*) FILTER (WHERE c.received_at < ${end.toISOString()}::timestamptz AND (c.concluded_at IS NULL OR c.concluded_at >= ${end.toISOString()}::timestamptz) AND c.due_at < ${end.toISOString()}::timestamptz)::int AS overdue
      FROM clues c JOIN institutions i ON i.id = c.institution_id WHERE i.grid_id = ANY(${ids}::int[]) GROUP BY i.grid_id`),
  ])
  const byGrid = <T extends { grid_id: number }>(rows: T[]) => new Map(rows.map((row) => [row.grid_id, row]))
  const [inspectionsOf, crossOf, ledgerOf, risksOf, cluesOf] = [
    byGrid(inspections),
    byGrid(crossChecks),
    byGrid(ledger),
    byGrid(risks),
    byGrid(clues),
  ]
  const institutionsOf = new Map<number, typeof institutions>()
  for (const row of institutions) institutionsOf.set(row.grid_id, [...(institutionsOf.get(row.grid_id) ?? []), row])
  const result = new Map<number, MonthlyFigures>()
  for (const grid of grids) {
    const own = institutionsOf.get(grid.id) ?? []
    const covered = coveredAt(
      own.map((row) => ({
        type: row.type,
        creditGrade: row.credit_grade,
        blacklisted: row.blacklisted,
        lastVerifiedAt: row.last_verified === null ? null : new Date(row.last_verified),
      })),
      settingsOf(grid.countyCode).intervals,
      end,
    )
    const visits = inspectionsOf.get(grid.id)
    const checked = crossOf.get(grid.id)
    const items = ledgerOf.get(grid.id)
    const gridHops = hops.filter((hop) => hop.grid_id === grid.id)
    const clueRow = cluesOf.get(grid.id)
    result.set(grid.id, {
      institutions: own.length,
      inspections: visits?.total ?? 0,
      verifiedInspections: visits?.verified ?? 0,
      verifiedShare: share(visits?.verified ?? 0, visits?.total ?? 0),
      coveredWithinInterval: covered,
      coverageShare: share(covered, own.length),
      ledgerOpened: items?.opened ?? 0,
      ledgerClosed: items?.closed ?? 0,
      ledgerClosedOnTime: items?.closed_on_time ?? 0,
      ledgerOverdue: items?.overdue ?? 0,
      riskReports: risksOf.get(grid.id)?.count ?? 0,
      riskMedianAcknowledgeMinutes: median(
        gridHops.filter((hop) => hop.minutes !== null).map((hop) => Math.round(Number(hop.minutes) * 10) / 10),
      ),
      riskTimedOutHops: gridHops.filter((hop) => hop.timed_out).length,
      cluesReceived: clueRow?.received ?? 0,
      cluesConcluded: clueRow?.concluded ?? 0,
      cluesOverdue: clueRow?.overdue ?? 0,
      crossChecks: visits?.cross_checks ?? 0,
      crossCheckScore: checked ? scoreOfTallies(checked.institution, checked.staffWork).score : null,
    })
  }
  return result
}

export interface MonthlyReportView {
  id: number | null
  gridId: number
  gridName: string
  zoneName: string | null
  month: string
  status: MonthlyReportStatus
  narrative: string
  deadline: string
  late: boolean
  /** The figures: frozen at acceptance for an accepted report, else computed from the records now. */
  figures: MonthlyFigures
  frozen: boolean
  submittedAt: string | null
  submittedBy: string | null
  reviewedAt: string | null
  reviewedBy: string | null
  reviewNote: string | null
  steps: { action: string; at: string; by: string; note?: string }[]
  /** What the caller may do with it now. */
  actions: MonthlyReportAction[]
}

export interface GridRow {
  id: number
  county_code: string
  name: string
  zone_id: number | null
  zone_name: string | null
}

/** The grids in force the caller's scope covers, optionally one of them. */
export async function gridsInScope(database: Database, user: SessionUser, gridId?: number): Promise<GridRow[]> {
  const scope =
    user.scopeKind === 'zone'
      ? sql`AND g.parent_id = ${user.scopeAreaId}`
      : user.scopeKind === 'grid'
        ? sql`AND g.id = ${user.scopeAreaId}`
        : user.scopeKind === 'own_institutions'
          ? sql`AND false`
          : sql`AND starts_with(g.county_code, ${user.countyCode})`
  return database.rows<GridRow>(sql`
    SELECT g.id, g.county_code, g.name, g.parent_id AS zone_id, z.name AS zone_name FROM areas g LEFT JOIN areas z ON z.id = g.parent_id
    WHERE g.level = 'grid' AND g.boundary_version_id IN ${publishedBoundaryVersionIds} ${scope} ${gridId === undefined ? sql`` : sql`AND g.id = ${gridId}`}
    ORDER BY g.county_code, z.sort_order, g.sort_order, g.id`)
}

const placeOf = (grid: GridRow): GridPlace => ({ id: grid.id, countyCode: grid.county_code, zoneId: grid.zone_id })

/** The actions the caller may take on a report in this status (the month must be over to submit). */
function actionsFor(
  user: SessionUser,
  grid: GridRow,
  status: MonthlyReportStatus,
  month: string,
  today: string,
): MonthlyReportAction[] {
  const actions: MonthlyReportAction[] = []
  const writes = can(user, { kind: 'monthly-report.write', grid: placeOf(grid) }).allowed
  const reviews = can(user, { kind: 'monthly-report.review', grid: placeOf(grid) }).allowed
  if (writes && monthlyReportStep(status, 'save')) actions.push('save')
  if (writes && monthlyReportStep(status, 'submit') && today >= `${nextMonth(month)}-01`) actions.push('submit')
  if (reviews && monthlyReportStep(status, 'accept')) actions.push('return', 'accept')
  return actions
}

interface ReportRow {
  id: number
  grid_id: number
  status: MonthlyReportStatus
  narrative: string
  figures: MonthlyFigures | null
  submitted_at: Date | string | null
  submitted_by: string | null
  reviewed_at: Date | string | null
  reviewed_by: string | null
  review_note: string | null
  steps: MonthlyReportView['steps']
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString())

/** The reports of the caller's grids for the month (one grid when `gridId` is given), with figures. */
export async function monthlyReports(
  database: Database,
  user: SessionUser,
  month: string,
  now: Date,
  gridId?: number,
): Promise<MonthlyReportView[]> {
  const grids = await gridsInScope(database, user, gridId)
  if (gridId !== undefined && grids.length === 0)
    throw failures.notFound(`Grid ${gridId} is not a grid in force in your scope.`)
  if (grids.length === 0) return []
  const [rows, settingsOf] = await Promise.all([
    database.rows<ReportRow>(sql`
      SELECT r.id, r.grid_id, r.status, r.narrative, r.figures, r.submitted_at, us.display_name AS submitted_by, r.reviewed_at, ur.display_name AS reviewed_by, r.review_note, r.steps
      FROM monthly_reports r LEFT JOIN users us ON us.id = r.submitted_by LEFT JOIN users ur ON ur.id = r.reviewed_by
      WHERE r.month = ${month} AND r.grid_id = ANY(${idArray(grids.map((grid) => grid.id))}::int[])`),
    allFieldSettings(database),
  ])
  const rowOf = new Map(rows.map((row) => [row.grid_id, row]))
  const live = await monthlyFigures(
    database,
    grids
      .filter((grid) => rowOf.get(grid.id)?.status !== 'accepted')
      .map((grid) => ({ id: grid.id, countyCode: grid.county_code })),
    month,
  )
  const today = bureauDate(now)
  return grids.map((grid) => {
    const row = rowOf.get(grid.id)
    const status = row?.status ?? 'draft'
    const deadline = submissionDeadline(month, settingsOf(grid.county_code).reportDueDay)
    const frozen = status === 'accepted' && row?.figures != null
    return {
      id: row?.id ?? null,
      gridId: grid.id,
      gridName: grid.name,
      zoneName: grid.zone_name,
      month,
      status,
      narrative: row?.narrative ?? '',
      deadline,
      late: isLate({ status }, deadline, today),
      figures: frozen ? row!.figures! : live.get(grid.id)!,
      frozen,
      submittedAt: iso(row?.submitted_at ?? null),
      submittedBy: row?.submitted_by ?? null,
      reviewedAt: iso(row?.reviewed_at ?? null),
      reviewedBy: row?.reviewed_by ?? null,
      reviewNote: row?.review_note ?? null,
      steps: row?.steps ?? [],
      actions: actionsFor(user, grid, status, month, today),
    }
  })
}

/**
 * One step on a grid's report: save the narrative (creating the row), submit (the figures as they
 * stand are kept with it), return with a note, or accept (the figures are recomputed and frozen).
 */
export async function stepMonthlyReport(
  database: Database,
  write: WritePath,
  user: SessionUser,
  target: { id: number } | { gridId: number; month: string },
  action: MonthlyReportAction,
  input: { narrative?: string | undefined; note?: string | undefined },
  now: Date,
): Promise<MonthlyReportView> {
  let gridId: number
  let month: string
  if ('id' in target) {
    const [row] = await database.rows<{ grid_id: number; month: string }>(
      sql`SELECT grid_id, month FROM monthly_reports WHERE id = ${target.id}`,
    )
    if (!row) throw failures.notFound(`Monthly report ${target.id} does not exist.`)
    ;({ grid_id: gridId, month } = row)
  } else {
    ;({ gridId, month } = target)
  }
  const [grid] = await gridsInScope(database, user, gridId)
  if (!grid) throw failures.notFound(`Grid ${gridId} is not a grid in force in your scope.`)
  authorise(
    user,
    {
      kind: action === 'save' || action === 'submit' ? 'monthly-report.write' : 'monthly-report.review',
      grid: placeOf(grid),
    },
    'This monthly report',
  )
  const today = bureauDate(now)
  if (action === 'submit' && today < `${nextMonth(month)}-01`)
    throw failures.conflict(
      `The report for ${month} can be submitted once the month is over (from ${nextMonth(month)}-01).`,
    )
  if (action === 'return' && !input.note?.trim())
    throw failures.invalid('Returning a report needs a note saying what to change.', [
      { path: 'note', message: 'required to return' },
    ])
  const figures =
    action === 'submit' || action === 'accept'
      ? (await monthlyFigures(database, [{ id: grid.id, countyCode: grid.county_code }], month)).get(grid.id)!
      : null
  await write(async (transaction, record) => {
    const [current] = await database.rows<{ id: number; status: MonthlyReportStatus; narrative: string }>(
      sql`SELECT id, status, narrative FROM monthly_reports WHERE grid_id = ${grid.id} AND month = ${month} FOR UPDATE`,
      transaction,
    )
    const status = current?.status ?? 'draft'
    const next = monthlyReportStep(status, action)
    if (!next) throw failures.conflict(`A ${status} report cannot be ${action === 'save' ? 'changed' : `${action}ed`}.`)
    const narrative = input.narrative ?? current?.narrative ?? ''
    if (action === 'submit' && !narrative.trim())
      throw failures.invalid('A report is submitted with the level-2 member’s narrative.', [
        { path: 'narrative', message: 'required to submit' },
      ])
    const step = { action, at: now.toISOString(), by: user.displayName, ...(input.note ? { note: input.note } : {}) }
    let id = current?.id
    if (id === undefined) {
      const [created] = await transaction
        .insert(schema.monthlyReports)
        .values({
          countyCode: grid.county_code,
          gridId: grid.id,
          month,
          status: next,
          narrative,
          createdAt: now,
          steps: [step],
        })
        .returning({ id: schema.monthlyReports.id })
      id = created!.id
    }
    const stamp = now.toISOString()
    await database.rows(
      sql`UPDATE monthly_reports SET status = ${next}, narrative = ${narrative},
        figures = ${figures === null ? sql`figures` : sql`${JSON.stringify(figures)}::jsonb`},
        submitted_at = ${action === 'submit' ? sql`${stamp}::timestamptz` : sql`submitted_at`}, submitted_by = ${action === 'submit' ? sql`${user.id}` : sql`submitted_by`},
        reviewed_at = ${action === 'return' || action === 'accept' ? sql`${stamp}::timestamptz` : sql`reviewed_at`},
        reviewed_by = ${action === 'return' || action === 'accept' ? sql`${user.id}` : sql`reviewed_by`},
        review_note = ${action === 'return' || action === 'accept' ? sql`${input.note ?? null}` : sql`review_note`},
        steps = ${current ? sql`steps || ${JSON.stringify([step])}::jsonb` : sql`steps`}
      WHERE id = ${id}`,
      transaction,
    )
    await record.audit({
      action,
      entity: 'monthly_report',
      entityId: id,
      before: { status },
      after: { gridId: grid.id, month, status: next, ...(input.note ? { note: input.note } : {}) },
      changes: [],
    })
  })
  const [view] = await monthlyReports(database, user, month, now, grid.id)
  return view!
}

/** The report as a workbook: the figures with Chinese labels, the narrative and the review, A4 portrait. */
export async function monthlyReportWorkbook(report: MonthlyReportView): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('月报')
  const title = `${report.gridName}网格 ${report.month.replace('-', '年')}月 医保网格化监管月报`
  sheet.addRow([title]).font = { bold: true, size: 14 }
  sheet.mergeCells(1, 1, 1, 2)
  sheet.addRow(['片区', report.zoneName ?? ''])
  sheet.addRow([
    '状态',
    { draft: '未上报', submitted: '已上报待审核', returned: '已退回', accepted: '已审核定稿' }[report.status],
  ])
  sheet.addRow(['上报期限', report.deadline])
  if (report.frozen)
    sheet.addRow([
      '说明',
      `本报告于 ${report.reviewedAt?.slice(0, 10) ?? ''} 审核定稿，数据已冻结，之后记录的变动不影响本报告。`,
    ])
  sheet.addRow([])
  const header = sheet.addRow(['指标', '数值'])
  header.font = { bold: true }
  for (const [label, value] of figureRows(report.figures)) sheet.addRow([label, value])
  sheet.addRow([])
  sheet.addRow(['工作情况说明', report.narrative]).alignment = { wrapText: true, vertical: 'top' }
  if (report.reviewNote) sheet.addRow(['审核意见', report.reviewNote]).alignment = { wrapText: true, vertical: 'top' }
  sheet.addRow(['上报人', report.submittedBy ?? ''])
  sheet.addRow(['审核人', report.reviewedBy ?? ''])
  sheet.getColumn(1).width = 28
  sheet.getColumn(2).width = 60
  sheet.pageSetup = {
    paperSize: 9,
    orientation: 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 0.6, right: 0.6, top: 0.7, bottom: 0.7, header: 0.3, footer: 0.3 },
  }
  sheet.headerFooter = { oddFooter: '&C第 &P 页，共 &N 页' }
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}
