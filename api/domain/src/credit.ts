// Credit evaluation (信用评价) and the blacklist (黑名单): the grades, score to grade, who may be
// blacklisted, when an entry is in force, and how both tighten supervision (差异化监管): a lower
// grade shortens the inspection interval and raises the draw weight; a blacklisted institution is
// supervised as grade D and weighs most in the draws.
export const creditGrades = ['A', 'B', 'C', 'D'] as const
export type CreditGrade = (typeof creditGrades)[number]

export function creditGradeOf(score: number): CreditGrade {
  if (score >= 90) return 'A'
  if (score >= 80) return 'B'
  if (score >= 70) return 'C'
  return 'D'
}

/** Who a blacklist entry names (seeds 001/002): the institution itself, or a physician or legal representative of it. */
export const blacklistSubjects = ['institution', 'physician', 'legal_representative'] as const
export type BlacklistSubject = (typeof blacklistSubjects)[number]

export interface BlacklistPeriod {
  /** First day in force (YYYY-MM-DD, the bureau's calendar). */
  startsOn: string
  /** Last day in force; null: until lifted. */
  endsOn: string | null
  liftedAt: string | null
}

/** Whether the entry is in force on `day` (YYYY-MM-DD). */
export function blacklistInForce(entry: BlacklistPeriod, day: string): boolean {
  return entry.liftedAt === null && entry.startsOn <= day && (entry.endsOn === null || day <= entry.endsOn)
}

/** The grade an institution is supervised at: a blacklisted one as D, whatever its score. */
export function supervisionGrade(grade: CreditGrade | null, blacklisted: boolean): CreditGrade | null {
  return blacklisted ? 'D' : grade
}

/** Reasons a new evaluation is refused: a score outside 0–100. */
export function scoreProblem(score: number): string | null {
  return Number.isInteger(score) && score >= 0 && score <= 100 ? null : 'a score is a whole number from 0 to 100'
}
