// The monthly report of a grid (月上报, seed 001: 常调度、月上报、年考核): its figures compiled from
// the month's records, the level-2 member's narrative, submission by a deadline (the 5th of the
// next month unless the county says otherwise), the level-1 member's review (returned or
// accepted), and the freeze: an accepted report keeps the figures it was accepted with.
import { addMonths, bureauInstant, firstDayOfMonth } from './bureau-calendar.ts'
import { intervalDaysOf, type IntervalTable } from './inspection-intervals.ts'
import type { CreditGrade } from './credit.ts'
import type { InstitutionType } from './institution-types.ts'

export const monthlyReportStatuses = ['draft', 'submitted', 'returned', 'accepted'] as const
export type MonthlyReportStatus = (typeof monthlyReportStatuses)[number]

export type MonthlyReportAction = 'save' | 'submit' | 'return' | 'accept'

/** What each action needs the report to be in, and what it leaves it in. */
export function monthlyReportStep(
  status: MonthlyReportStatus,
  action: MonthlyReportAction,
): MonthlyReportStatus | null {
  switch (action) {
    case 'save':
      return status === 'draft' || status === 'returned' ? status : null
    case 'submit':
      return status === 'draft' || status === 'returned' ? 'submitted' : null
    case 'return':
    case 'accept':
      return status === 'submitted' ? (action === 'accept' ? 'accepted' : 'returned') : null
  }
}

const monthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/

export function isMonth(value: string): boolean {
  return monthPattern.test(value)
}

/** The month's first instant and the next month's, in the bureau's calendar (UTC+8). */
export function monthBounds(month: string): { start: Date; end: Date } {
  return { start: bureauInstant(firstDayOfMonth(month)), end: bureauInstant(firstDayOfMonth(addMonths(month, 1))) }
}

/** The month after `month` (YYYY-MM). */
export function nextMonth(month: string): string {
  return addMonths(month, 1)
}

/** The month before `month` (YYYY-MM). */
export function previousMonth(month: string): string {
  return addMonths(month, -1)
}

/** The last day a report for `month` is on time: day `dueDay` of the next month (YYYY-MM-DD). */
export function submissionDeadline(month: string, dueDay: number): string {
  return `${nextMonth(month)}-${String(dueDay).padStart(2, '0')}`
}

/** A report is late once its deadline has passed without a submission (a returned report counts as not submitted). */
export function isLate(report: { status: MonthlyReportStatus }, deadline: string, today: string): boolean {
  return (report.status === 'draft' || report.status === 'returned') && today > deadline
}

/** The month's figures of one grid. Shares are 0–1, null where nothing was there to count. */
export interface MonthlyFigures {
  /** Active institutions of the grid at the end of the month. */
  institutions: number
  /** Inspections of the grid's institutions during the month, every kind. */
  inspections: number
  verifiedInspections: number
  verifiedShare: number | null
  /** Institutions whose last verified inspection at the month's end lay within their interval. */
  coveredWithinInterval: number
  coverageShare: number | null
  ledgerOpened: number
  /** Closed (销号) during the month, and of those by their deadline. */
  ledgerClosed: number
  ledgerClosedOnTime: number
  /** Open at the month's end with the deadline passed. */
  ledgerOverdue: number
  riskReports: number
  /** Median minutes from a report's first sending to the level-2 acknowledgement. */
  riskMedianAcknowledgeMinutes: number | null
  /** Hops nobody acknowledged within the limit during the month. */
  riskTimedOutHops: number
  cluesReceived: number
  cluesConcluded: number
  /** Not concluded at the month's end though past their time limit. */
  cluesOverdue: number
  crossChecks: number
  /** Share of checked items found in order in the month's cross-checks (not-applicable items left out). */
  crossCheckScore: number | null
}

export const share = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part / whole) * 1000) / 1000

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : Math.round(((sorted[middle - 1]! + sorted[middle]!) / 2) * 10) / 10
}

/** One institution as the coverage figure needs it. */
export interface CoverageInput {
  type: InstitutionType
  creditGrade: CreditGrade | null
  blacklisted: boolean
  /** The last verified inspection before the month's end; null: none. */
  lastVerifiedAt: Date | null
}

/** Institutions whose last verified inspection at `end` lies within their interval. */
export function coveredAt(institutions: readonly CoverageInput[], intervals: IntervalTable, end: Date): number {
  let covered = 0
  for (const institution of institutions) {
    if (!institution.lastVerifiedAt) continue
    const days = (end.getTime() - institution.lastVerifiedAt.getTime()) / 86_400_000
    if (days <= intervalDaysOf(intervals, institution.type, institution.creditGrade, institution.blacklisted)) covered++
  }
  return covered
}

/** The spreadsheet's and the printed page's rows: a Chinese label and the figure as shown. */
export function figureRows(figures: MonthlyFigures): [string, string][] {
  const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`)
  return [
    ['定点机构（家）', String(figures.institutions)],
    ['检查次数', String(figures.inspections)],
    ['其中已核验', String(figures.verifiedInspections)],
    ['核验率', percent(figures.verifiedShare)],
    ['周期内已巡查机构（家）', String(figures.coveredWithinInterval)],
    ['巡查覆盖率', percent(figures.coverageShare)],
    ['新增问题', String(figures.ledgerOpened)],
    ['销号问题', String(figures.ledgerClosed)],
    ['其中按期销号', String(figures.ledgerClosedOnTime)],
    ['逾期未整改（月末）', String(figures.ledgerOverdue)],
    ['舆情报告', String(figures.riskReports)],
    [
      '舆情签收中位时长（分钟）',
      figures.riskMedianAcknowledgeMinutes === null ? '—' : String(figures.riskMedianAcknowledgeMinutes),
    ],
    ['超时未签收（次）', String(figures.riskTimedOutHops)],
    ['受理举报线索', String(figures.cluesReceived)],
    ['办结举报线索', String(figures.cluesConcluded)],
    ['超期未办结线索（月末）', String(figures.cluesOverdue)],
    ['交叉互查（次）', String(figures.crossChecks)],
    ['交叉互查得分', percent(figures.crossCheckScore)],
  ]
}
