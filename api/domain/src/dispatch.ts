// The dispatch view (常调度, seed 001): what needs someone this week, by grid and by person, and a
// weekly summary set against the week before. The week runs Monday to Sunday in the bureau's
// calendar (UTC+8).
import { bureauDate, bureauInstant, mondayOf } from './bureau-calendar.ts'

/** Monday 00:00 (UTC+8) of the week holding `now`, and the Monday before it. */
export function dispatchWeeks(now: Date): { thisWeek: Date; lastWeek: Date; nextWeek: Date } {
  const monday = bureauInstant(mondayOf(bureauDate(now)))
  return {
    thisWeek: monday,
    lastWeek: new Date(monday.getTime() - 7 * 86_400_000),
    nextWeek: new Date(monday.getTime() + 7 * 86_400_000),
  }
}

/** What needs attention at one grid or with one person. */
export interface DispatchCounts {
  /** Institutions not inspected within their interval (late, seriously overdue or never). */
  overdueInspections: number
  /** Open ledger items past their deadline. */
  overdueLedgerItems: number
  /** Risk reports waiting for an acknowledgement. */
  unacknowledgedRisks: number
  /** Clues not concluded. */
  openClues: number
}

export const emptyCounts = (): DispatchCounts => ({
  overdueInspections: 0,
  overdueLedgerItems: 0,
  unacknowledgedRisks: 0,
  openClues: 0,
})

/** Rows that need attention first: the most in total, then by name. */
export function byUrgency<T extends DispatchCounts & { name: string }>(rows: T[]): T[] {
  const total = (row: DispatchCounts) =>
    row.overdueInspections + row.overdueLedgerItems * 2 + row.unacknowledgedRisks * 3 + row.openClues
  return [...rows].sort((a, b) => total(b) - total(a) || a.name.localeCompare(b.name, 'zh-CN'))
}
