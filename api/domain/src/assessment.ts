// The annual assessment (年考核, seed 001) of each grid: six indicators from the year's records,
// each a share from 0 to 1, weighted by the county's weights for that year (default below), into a
// score out of 100 with its breakdown, and a ranking. An indicator with nothing to measure (no
// risk report all year) is left out and the other weights share its part.
import type { MonthlyFigures } from './monthly-report.ts'

export const assessmentIndicators = [
  'coverage',
  'verifiedShare',
  'onTimeClosure',
  'riskResponse',
  'clueHandling',
  'crossCheck',
] as const
export type AssessmentIndicator = (typeof assessmentIndicators)[number]
export type AssessmentWeights = Record<AssessmentIndicator, number>

export const defaultAssessmentWeights: AssessmentWeights = {
  coverage: 25,
  verifiedShare: 20,
  onTimeClosure: 20,
  riskResponse: 10,
  clueHandling: 10,
  crossCheck: 15,
}

/** A median acknowledgement within this many minutes counts in full; three times as long counts nothing. */
export const riskResponseTargetMinutes = 30

export function indicatorValues(figures: MonthlyFigures): Record<AssessmentIndicator, number | null> {
  const minutes = figures.riskMedianAcknowledgeMinutes
  const settledClues = figures.cluesConcluded + figures.cluesOverdue
  const closedOrOverdue = figures.ledgerClosed + figures.ledgerOverdue
  return {
    coverage: figures.coverageShare,
    verifiedShare: figures.verifiedShare,
    // Items closed by their deadline among those closed or left overdue.
    onTimeClosure: closedOrOverdue === 0 ? null : round(figures.ledgerClosedOnTime / closedOrOverdue),
    riskResponse:
      minutes === null
        ? null
        : round(Math.max(0, Math.min(1, 1 - (minutes - riskResponseTargetMinutes) / (2 * riskResponseTargetMinutes)))),
    clueHandling: settledClues === 0 ? null : round(figures.cluesConcluded / settledClues),
    crossCheck: figures.crossCheckScore,
  }
}

const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits

export interface AssessmentLine {
  indicator: AssessmentIndicator
  value: number | null
  weight: number
  /** The points this indicator gives, out of the score's 100. */
  points: number
}

export function assessmentScore(
  figures: MonthlyFigures,
  weights: AssessmentWeights,
): { score: number; breakdown: AssessmentLine[] } {
  const values = indicatorValues(figures)
  const counted = assessmentIndicators.filter((indicator) => values[indicator] !== null && weights[indicator] > 0)
  const total = counted.reduce((sum, indicator) => sum + weights[indicator], 0)
  const breakdown = assessmentIndicators.map((indicator) => {
    const value = values[indicator]
    const points = value === null || total === 0 ? 0 : round((value * weights[indicator] * 100) / total, 1)
    return { indicator, value, weight: weights[indicator], points }
  })
  return {
    score: round(
      breakdown.reduce((sum, line) => sum + line.points, 0),
      1,
    ),
    breakdown,
  }
}

/** Highest score first; equal scores share a rank (1, 2, 2, 4). */
export function ranking<T extends { score: number }>(rows: readonly T[]): (T & { rank: number })[] {
  const sorted = [...rows].sort((a, b) => b.score - a.score)
  return sorted.map((row) => ({ ...row, rank: sorted.findIndex((other) => other.score === row.score) + 1 }))
}

/** Weights must be whole numbers from 0 to 100 adding up to 100. */
export function weightsProblem(weights: AssessmentWeights): string | null {
  const values = assessmentIndicators.map((indicator) => weights[indicator])
  if (values.some((value) => !Number.isInteger(value) || value < 0 || value > 100))
    return 'each weight is a whole number from 0 to 100'
  const sum = values.reduce((total, value) => total + value, 0)
  return sum === 100 ? null : `the weights add up to ${sum}, not 100`
}
