// Credit evaluation (信用评价): score to grade.
import type { CreditGrade } from '@gridwatch/db/schema'

export function creditGradeOf(score: number): CreditGrade {
  if (score >= 90) return 'A'
  if (score >= 80) return 'B'
  if (score >= 70) return 'C'
  return 'D'
}
