// Inspection recency (巡查时效): days since the last inspection, judged against the institution's
// required interval (inspection-intervals.ts). Days are the bureau's calendar days (bureau-calendar.ts's
// daysSince): visited yesterday evening is one day ago this morning.
export type RecencyClass = 'within' | 'late' | 'overdue' | 'never'

/** The most whole days since the last visit that still count as within the interval, and as late. */
export function recencyLimitsDays(intervalDays: number): { withinDays: number; lateDays: number } {
  return { withinDays: intervalDays, lateDays: 2 * intervalDays }
}

/** Green within the interval, amber up to twice it, red beyond, grey when never inspected. */
export function recencyClass(daysSinceVisit: number | null, intervalDays: number): RecencyClass {
  if (daysSinceVisit === null) return 'never'
  const { withinDays, lateDays } = recencyLimitsDays(intervalDays)
  if (daysSinceVisit <= withinDays) return 'within'
  if (daysSinceVisit <= lateDays) return 'late'
  return 'overdue'
}
