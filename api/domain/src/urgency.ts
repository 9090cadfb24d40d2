// Which of a grid member's institutions needs them first: by the days left in its inspection
// interval — never inspected, then overdue (longest first), due today, then fewest days left — and
// among equals overdue ledger items, a low credit grade, open ledger items, and the nearest.
import type { CreditGrade } from './credit.ts'

export interface UrgencyInput {
  daysSinceVisit: number | null
  intervalDays: number
  overdueLedgerItems: number
  openLedgerItems: number
  creditGrade: CreditGrade | null
  /** From where the member stands; null without a fix. */
  distanceMeters: number | null
}

/** Days past the interval (never inspected counts as far past it); 0 when within. */
export function daysPastInterval(input: Pick<UrgencyInput, 'daysSinceVisit' | 'intervalDays'>): number {
  if (input.daysSinceVisit === null) return 10_000
  return Math.max(0, input.daysSinceVisit - input.intervalDays)
}

/** Days left in the interval: 0 due today, negative when overdue, −10,000 when never inspected. */
export function daysLeftInInterval(input: Pick<UrgencyInput, 'daysSinceVisit' | 'intervalDays'>): number {
  if (input.daysSinceVisit === null) return -10_000
  return input.intervalDays - input.daysSinceVisit
}

/** Overdue or due today: the phone shows it in red. */
export const isDue = (input: Pick<UrgencyInput, 'daysSinceVisit' | 'intervalDays'>): boolean =>
  daysLeftInInterval(input) <= 0

const gradeWeight: Record<string, number> = { D: 2, C: 1 }

/** Most urgent first; a stable order for equal cases (nearest first). */
export function compareUrgency(a: UrgencyInput, b: UrgencyInput): number {
  const left = daysLeftInInterval(a) - daysLeftInInterval(b)
  if (left !== 0) return left
  if (a.overdueLedgerItems !== b.overdueLedgerItems) return b.overdueLedgerItems - a.overdueLedgerItems
  const grade = (gradeWeight[b.creditGrade ?? ''] ?? 0) - (gradeWeight[a.creditGrade ?? ''] ?? 0)
  if (grade !== 0) return grade
  if (a.openLedgerItems !== b.openLedgerItems) return b.openLedgerItems - a.openLedgerItems
  return (a.distanceMeters ?? Infinity) - (b.distanceMeters ?? Infinity)
}
