// The annual assessment (年考核) of the caller's grids: the year's figures of every grid in one
// pass (the same grouped queries as the monthly report, over the year up to today), scored with
// the county's weights for that year, ranked; and the result as a workbook.
import { sql } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import type { Database } from '@gridwatch/db'
import {
  assessmentIndicators,
  assessmentScore,
  defaultAssessmentWeights,
  ranking,
  type AssessmentLine,
  type AssessmentWeights,
} from '@gridwatch/domain/assessment.ts'
import { coveredAt, median, share, type MonthlyFigures } from '@gridwatch/domain/monthly-report.ts'
import type { CreditGrade } from '@gridwatch/domain/credit.ts'
import type { InstitutionType } from '@gridwatch/domain/institution-types.ts'
import { institutionScopeCondition } from '../auth/scope-condition.ts'
import type { SessionUser } from '../auth/session-user.ts'
import { countyFieldSettings } from '../settings/field-settings.ts'
import { gridsInScope, periodFigures } from '../reports/monthly-report-queries.ts'
import { bureauDate } from '@gridwatch/domain/bureau-calendar.ts'
import { bureauInstant } from '@gridwatch/domain/bureau-calendar.ts'

export interface GridAssessment {
  gridId: number
  gridName: string
  zoneName: string | null
  rank: number
  score: number
  breakdown: AssessmentLine[]
  figures: MonthlyFigures
}

export interface StaffAssessment {
  staffId: number
  name: string
  level: number
  areaName: string | null
  rank: number
  score: number
  breakdown: AssessmentLine[]
  figures: MonthlyFigures
}

export interface Assessment {
  year: number
  /** The period assessed: the year, or up to today while it runs. */
  from: string
  to: string
  weights: AssessmentWeights
  grids: GridAssessment[]
  /** Members with institutions assigned to them: their institutions' coverage and ledger, their own inspections, the risk hops and clues sent to them. */
  staff: StaffAssessment[]
}

/**
 * Each member's year: coverage of the institutions assigned to them now (at the period's end),
 * the inspections they took part in, ledger items at their institutions, risk-report hops sent to
 * them and clues assigned to them. Cross-checks are the supervision teams' and count for no one.
 */
async function staffFigures(
  database: Database,
  user: SessionUser,
  start: Date,
  end: Date,
  settingsIntervals: Parameters<typeof coveredAt>[1],
): Promise<{ id: number; name: string; level: number; area_name: string | null; figures: MonthlyFigures }[]> {
  const from = start.toISOString()
  const to = end.toISOString()
  const scope = institutionScopeCondition(user)
  const members = await database.rows<{
    id: number
    name: string
    level: number
    area_name: string | null
    institution_ids: number[]
  }>(sql`
    SELECT s.id, s.name, s.level, a.name AS area_name, array_agg(DISTINCT x.institution_id) AS institution_ids
    FROM assignments x JOIN staff s ON s.id = x.staff_id LEFT JOIN areas a ON a.id = s.area_id
    JOIN institutions i ON i.id = x.institution_id LEFT JOIN areas g ON g.id = i.grid_id
    WHERE x.until IS NULL AND x.institution_id IS NOT NULL AND i.status = 'active' AND ${scope}
    GROUP BY s.id, s.name, s.level, a.name ORDER BY s.id`)
  if (members.length === 0) return []
  const ids = `{${members.map((member) => member.id).join(',')}}`
  const institutionIds = `{${[...new Set(members.flatMap((member) => member.institution_ids))].join(',')}}`
  const [institutions, inspections, ledger, hops, clues] = await Promise.all([
    database.rows<{
      id: number
      type: InstitutionType
      credit_grade: CreditGrade | null
      blacklisted: boolean
      last_verified: Date | string | null
    }>(sql`
      SELECT i.id, i.type, i.credit_grade, i.blacklisted,
        (SELECT max(v.arrived_at) FROM inspections v WHERE v.institution_id = i.id AND v.verified AND v.arrived_at < ${to}::timestamptz) AS last_verified
      FROM institutions i WHERE i.id = ANY(${institutionIds}::int[])`),
    database.rows<{ staff_id: number; total: number; verified: number }>(sql`
      SELECT vi.staff_id, count(*)::int AS total, count(*) FILTER (WHERE v.verified)::int AS verified
      FROM inspection_inspectors vi JOIN inspections v ON v.id = vi.inspection_id
      WHERE vi.staff_id = ANY(${ids}::int[]) AND v.kind <> 'cross-check' AND v.arrived_at >= ${from}::timestamptz AND v.arrived_at < ${to}::timestamptz GROUP BY vi.staff_id`),
    database.rows<{
      institution_id: number
      opened: number
      closed: number
      closed_on_time: number
      overdue: number
    }>(sql`
      SELECT institution_id,
        count(*) FILTER (WHERE opened_at >= ${from}::timestamptz AND opened_at < ${to}::timestamptz)::int AS opened,
        count(*) FILTER (WHERE closed_at >= ${from}::timestamptz AND closed_at < ${to}::timestamptz)::int AS closed,
        count(*) FILTER (WHERE closed_at >= ${from}::timestamptz AND closed_at < ${to}::timestamptz AND closed_at <= deadline_at)::int AS closed_on_time,
        count(*) FILTER (WHERE opened_at < ${to}::timestamptz AND (closed_at IS NULL OR closed_at >= ${to}::timestamptz) AND deadline_at < ${to}::timestamptz)::int AS overdue
      FROM ledger_items WHERE institution_id = ANY(${institutionIds}::int[]) GROUP BY institution_id`),
    database.rows<{ staff_id: number; minutes: number | null; timed_out: boolean }>(sql`
      SELECT h.to_staff_id AS staff_id, CASE WHEN h.acknowledged_at IS NOT NULL THEN extract(epoch FROM h.acknowledged_at - h.sent_at) / 60 END AS minutes, h.timed_out_at IS NOT NULL AS timed_out
      FROM risk_report_hops h WHERE h.to_staff_id = ANY(${ids}::int[]) AND h.sent_at >= ${from}::timestamptz AND h.sent_at < ${to}::timestamptz`),
    database.rows<{ staff_id: number; received: number; concluded: number; overdue: number }>(sql`
      SELECT assigned_staff_id AS staff_id,
        count(*) FILTER (WHERE received_at >= ${from}::timestamptz AND received_at < ${to}::timestamptz)::int AS received,
        count(*) FILTER (WHERE concluded_at >= ${from}::timestamptz AND concluded_at < ${to}::timestamptz)::int AS concluded,
        count(*) FILTER (WHERE received_at < ${to}::timestamptz AND (concluded_at IS NULL OR concluded_at >= ${to}::timestamptz) AND due_at < ${to}::timestamptz)::int AS overdue
      FROM clues WHERE assigned_staff_id = ANY(${ids}::int[]) GROUP BY assigned_staff_id`),
  ])
  const institutionOf = new Map(institutions.map((row) => [row.id, row]))
  const ledgerOf = new Map(ledger.map((row) => [row.institution_id, row]))
  return members.map((member) => {
    const own = member.institution_ids.map((id) => institutionOf.get(id)!).filter(Boolean)
    const covered = coveredAt(
      own.map((row) => ({
        type: row.type,
        creditGrade: row.credit_grade,
        blacklisted: row.blacklisted,
        lastVerifiedAt: row.last_verified === null ? null : new Date(row.last_verified),
      })),
      settingsIntervals,
      end,
    )
    const visits = inspections.find((row) => row.staff_id === member.id)
    const items = member.institution_ids.map((id) => ledgerOf.get(id)).filter((row) => row !== undefined)
    const sum = (key: 'opened' | 'closed' | 'closed_on_time' | 'overdue') =>
      items.reduce((total, row) => total + row[key], 0)
    const ownHops = hops.filter((hop) => hop.staff_id === member.id)
    const ownClues = clues.find((row) => row.staff_id === member.id)
    return {
      id: member.id,
      name: member.name,
      level: member.level,
      area_name: member.area_name,
      figures: {
        institutions: own.length,
        inspections: visits?.total ?? 0,
        verifiedInspections: visits?.verified ?? 0,
        verifiedShare: share(visits?.verified ?? 0, visits?.total ?? 0),
        coveredWithinInterval: covered,
        coverageShare: share(covered, own.length),
        ledgerOpened: sum('opened'),
        ledgerClosed: sum('closed'),
        ledgerClosedOnTime: sum('closed_on_time'),
        ledgerOverdue: sum('overdue'),
        riskReports: ownHops.length,
        riskMedianAcknowledgeMinutes: median(
          ownHops.filter((hop) => hop.minutes !== null).map((hop) => Math.round(Number(hop.minutes) * 10) / 10),
        ),
        riskTimedOutHops: ownHops.filter((hop) => hop.timed_out).length,
        cluesReceived: ownClues?.received ?? 0,
        cluesConcluded: ownClues?.concluded ?? 0,
        cluesOverdue: ownClues?.overdue ?? 0,
        crossChecks: 0,
        crossCheckScore: null,
      },
    }
  })
}

export async function assessment(database: Database, user: SessionUser, year: number, now: Date): Promise<Assessment> {
  const start = bureauInstant(`${year}-01-01`)
  const yearEnd = bureauInstant(`${year + 1}-01-01`)
  const end = now < yearEnd ? now : yearEnd
  const [grids, settings] = await Promise.all([
    gridsInScope(database, user),
    countyFieldSettings(database, user.countyCode),
  ])
  const weights = settings.assessmentWeights[String(year)] ?? defaultAssessmentWeights
  const figures =
    end > start
      ? await periodFigures(
          database,
          grids.map((grid) => ({ id: grid.id, countyCode: grid.county_code })),
          { start, end },
        )
      : new Map<number, MonthlyFigures>()
  const scored = grids
    .filter((grid) => figures.has(grid.id))
    .map((grid) => {
      const own = figures.get(grid.id)!
      const { score, breakdown } = assessmentScore(own, weights)
      return { gridId: grid.id, gridName: grid.name, zoneName: grid.zone_name, score, breakdown, figures: own }
    })
  const members = end > start ? await staffFigures(database, user, start, end, settings.intervals) : []
  const staff = ranking(
    members.map((member) => ({
      staffId: member.id,
      name: member.name,
      level: member.level,
      areaName: member.area_name,
      ...assessmentScore(member.figures, weights),
      figures: member.figures,
    })),
  )
  return {
    year,
    from: bureauDate(start),
    to: bureauDate(new Date(end.getTime() - 1)),
    weights,
    grids: ranking(scored),
    staff,
  }
}

const indicatorLabels: Record<(typeof assessmentIndicators)[number], string> = {
  coverage: '巡查覆盖率',
  verifiedShare: '巡查核验率',
  onTimeClosure: '问题按期销号率',
  riskResponse: '舆情响应',
  clueHandling: '线索办结率',
  crossCheck: '交叉互查得分',
}

export async function assessmentWorkbook(result: Assessment): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('年度考核')
  sheet.addRow([`${result.year}年度 医保网格化监管 网格考核（${result.from} 至 ${result.to}）`]).font = {
    bold: true,
    size: 14,
  }
  sheet.addRow([
    '指标权重',
    ...assessmentIndicators.map((indicator) => `${indicatorLabels[indicator]} ${result.weights[indicator]}`),
  ])
  sheet.addRow([])
  const header = sheet.addRow([
    '排名',
    '网格',
    '片区',
    '总分',
    ...assessmentIndicators.map((indicator) => `${indicatorLabels[indicator]}（得分）`),
  ])
  header.font = { bold: true }
  for (const grid of result.grids)
    sheet.addRow([
      grid.rank,
      grid.gridName,
      grid.zoneName ?? '',
      grid.score,
      ...grid.breakdown.map((line) =>
        line.value === null ? '—' : `${(line.value * 100).toFixed(1)}%（${line.points}）`,
      ),
    ])
  sheet.columns.forEach((column, index) => (column.width = [6, 14, 12, 8][index] ?? 20))
  sheet.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: '4:4',
  }
  const people = workbook.addWorksheet('人员考核')
  people.addRow([
    '排名',
    '姓名',
    '级别',
    '所属',
    '总分',
    ...assessmentIndicators.map((indicator) => `${indicatorLabels[indicator]}（得分）`),
  ]).font = { bold: true }
  for (const member of result.staff)
    people.addRow([
      member.rank,
      member.name,
      ['', '一级', '二级', '三级'][member.level] ?? '',
      member.areaName ?? '区医保局',
      member.score,
      ...member.breakdown.map((line) =>
        line.value === null ? '—' : `${(line.value * 100).toFixed(1)}%（${line.points}）`,
      ),
    ])
  people.columns.forEach((column, index) => (column.width = [6, 10, 6, 12, 8][index] ?? 20))
  people.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: '1:1',
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}
