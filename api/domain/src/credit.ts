// Credit evaluation (信用评价): the grades, and score to grade. Lower grades get closer
// supervision (差异化监管).
export const creditGrades = ['A', 'B', 'C', 'D'] as const
export type CreditGrade = (typeof creditGrades)[number]

export function creditGradeOf(score: number): CreditGrade {
  if (score >= 90) return 'A'
  if (score >= 80) return 'B'
  if (score >= 70) return 'C'
  return 'D'
}
