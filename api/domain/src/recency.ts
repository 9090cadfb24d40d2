// Inspection recency: days since the last completed visit, judged against the required interval
// (每周至少1次 → 7 days by default, configurable per credit grade).
import type { CreditGrade } from './credit.ts'

/** green within the interval, amber up to twice it, red beyond, grey when never visited. */
export type RecencyClass = 'within' | 'late' | 'overdue' | 'never'

export const defaultVisitIntervalDays = 7

/** Lower grades get closer supervision; A and B keep the weekly default. */
export const visitIntervalDaysByGrade: Record<CreditGrade, number> = { A: 7, B: 7, C: 7, D: 7 }

const millisecondsPerDay = 86_400_000

export function daysSince(lastVisitAt: Date | null, now: Date): number | null {
  if (!lastVisitAt) return null
  return Math.max(0, Math.floor((now.getTime() - lastVisitAt.getTime()) / millisecondsPerDay))
}

/** The most whole days since the last visit that still count as within the interval, and as late. */
export function recencyLimitsDays(intervalDays = defaultVisitIntervalDays): { withinDays: number; lateDays: number } {
  return { withinDays: intervalDays, lateDays: 2 * intervalDays }
}

export function recencyClass(daysSinceVisit: number | null, intervalDays = defaultVisitIntervalDays): RecencyClass {
  if (daysSinceVisit === null) return 'never'
  const { withinDays, lateDays } = recencyLimitsDays(intervalDays)
  if (daysSinceVisit <= withinDays) return 'within'
  if (daysSinceVisit <= lateDays) return 'late'
  return 'overdue'
}
