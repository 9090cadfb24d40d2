// Circulars (通报, seed 000: 对交叉互查不合格的网格进行通报): from a month's figures per grid, a draft
// that names the grids below the county's thresholds — each with the figures that failed and the
// threshold — and the grids doing well on every count; a leader approves it and it is published.
// Thresholds are part of the county's settings; a figure with nothing to measure (no closures, no
// cross-check) neither fails nor commends.
import type { MonthlyFigures } from './monthly-report.ts'

/** What a circular measures, each a share 0–1 where higher is better. */
export const circularIndicators = ['coverageShare', 'verifiedShare', 'onTimeClosureShare', 'crossCheckScore'] as const
export type CircularIndicator = (typeof circularIndicators)[number]

export interface CircularThresholds {
  /** A grid below any of these is named for criticism (通报批评). */
  failBelow: Record<CircularIndicator, number>
  /** A grid at or above all of these that it can be measured on (and failing none) is named for commendation (通报表扬). */
  commendAtLeast: Record<CircularIndicator, number>
}

export const defaultCircularThresholds: CircularThresholds = {
  failBelow: { coverageShare: 0.85, verifiedShare: 0.85, onTimeClosureShare: 0.8, crossCheckScore: 0.8 },
  commendAtLeast: { coverageShare: 0.95, verifiedShare: 0.95, onTimeClosureShare: 0.95, crossCheckScore: 0.9 },
}

/** Why thresholds are refused, or null: shares within 0–1, commendation no lower than failure. */
export function thresholdsProblem(thresholds: CircularThresholds): string | null {
  for (const indicator of circularIndicators) {
    const fail = thresholds.failBelow[indicator]
    const commend = thresholds.commendAtLeast[indicator]
    if (!(fail >= 0 && fail <= 1 && commend >= 0 && commend <= 1))
      return `${indicator}: thresholds are shares between 0 and 1`
    if (commend < fail) return `${indicator}: the commendation threshold is below the failure threshold`
  }
  return null
}

/** The circular's value of each indicator for one grid's month; null where there was nothing to measure. */
export function circularValues(figures: MonthlyFigures): Record<CircularIndicator, number | null> {
  return {
    coverageShare: figures.coverageShare,
    verifiedShare: figures.verifiedShare,
    onTimeClosureShare:
      figures.ledgerClosed === 0 ? null : Math.round((figures.ledgerClosedOnTime / figures.ledgerClosed) * 1000) / 1000,
    crossCheckScore: figures.crossCheckScore,
  }
}

export interface CircularGrid {
  gridId: number
  gridName: string
  zoneName: string | null
  values: Record<CircularIndicator, number | null>
  /** The indicators below the failure threshold, with the threshold (criticised grids only). */
  failures: { indicator: CircularIndicator; value: number; threshold: number }[]
  /** Figures quoted beside the shares. */
  ledgerOverdue: number
  cluesOverdue: number
}

export interface CircularContent {
  criticised: CircularGrid[]
  commended: CircularGrid[]
}

/** Sorts the month's grids into criticised (worst first: most failures, then lowest failing value) and commended. */
export function circularContent(
  grids: readonly { gridId: number; gridName: string; zoneName: string | null; figures: MonthlyFigures }[],
  thresholds: CircularThresholds,
): CircularContent {
  const criticised: CircularGrid[] = []
  const commended: CircularGrid[] = []
  for (const grid of grids) {
    if (grid.figures.institutions === 0) continue
    const values = circularValues(grid.figures)
    const failures = circularIndicators.flatMap((indicator) => {
      const value = values[indicator]
      return value !== null && value < thresholds.failBelow[indicator]
        ? [{ indicator, value, threshold: thresholds.failBelow[indicator] }]
        : []
    })
    const entry: CircularGrid = {
      gridId: grid.gridId,
      gridName: grid.gridName,
      zoneName: grid.zoneName,
      values,
      failures,
      ledgerOverdue: grid.figures.ledgerOverdue,
      cluesOverdue: grid.figures.cluesOverdue,
    }
    if (failures.length > 0) criticised.push(entry)
    else if (
      grid.figures.ledgerOverdue === 0 &&
      circularIndicators.every(
        (indicator) => values[indicator] === null || values[indicator]! >= thresholds.commendAtLeast[indicator],
      ) &&
      circularIndicators.some((indicator) => values[indicator] !== null)
    )
      commended.push({ ...entry, failures: [] })
  }
  const worst = (grid: CircularGrid) => Math.min(...grid.failures.map((failure) => failure.value - failure.threshold))
  criticised.sort(
    (a, b) =>
      b.failures.length - a.failures.length || worst(a) - worst(b) || a.gridName.localeCompare(b.gridName, 'zh-CN'),
  )
  commended.sort((a, b) => a.gridName.localeCompare(b.gridName, 'zh-CN'))
  return { criticised, commended }
}

export const circularStatuses = ['draft', 'published'] as const
export type CircularStatus = (typeof circularStatuses)[number]

const indicatorNames: Record<CircularIndicator, string> = {
  coverageShare: '巡查覆盖率',
  verifiedShare: '核验率',
  onTimeClosureShare: '按期销号率',
  crossCheckScore: '交叉互查得分',
}
const percent = (value: number) => `${(value * 100).toFixed(1)}%`

/** The draft's title and opening text, in the bureau's words; the leader may edit both before approving. */
export function circularDraftText(
  month: string,
  countyName: string,
  content: CircularContent,
  thresholds: CircularThresholds,
  dueDay: number,
): { title: string; body: string } {
  const [year, monthNumber] = [month.slice(0, 4), Number(month.slice(5, 7))]
  const rule = (Object.keys(indicatorNames) as CircularIndicator[])
    .map((indicator) => `${indicatorNames[indicator]}低于${percent(thresholds.failBelow[indicator])}`)
    .join('、')
  const lines = [
    `根据${year}年${monthNumber}月网格化监管工作记录（日常巡查、问题台账、舆情、举报线索及片区推磨交叉互查结果），现将${countyName}各网格工作情况通报如下。`,
    content.criticised.length === 0
      ? `本月无网格低于考核标准（${rule}）。`
      : `${content.criticised.map((grid) => grid.gridName).join('、')}共${content.criticised.length}个网格存在${rule}等情况，予以通报批评，请于次月${dueDay}日前将整改情况报区医保局。`,
    content.commended.length === 0
      ? ''
      : `${content.commended.map((grid) => grid.gridName).join('、')}各项指标优良，予以通报表扬。`,
  ].filter((line) => line !== '')
  return { title: `关于${year}年${monthNumber}月网格化监管工作情况的通报`, body: lines.join('\n') }
}

export function indicatorName(indicator: CircularIndicator): string {
  return indicatorNames[indicator]
}
