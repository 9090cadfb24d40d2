// How often an institution must be inspected (巡查频次): by its type and credit grade, per county.
// Seed 000: a village clinic at least once a week (每周至少1次); seed 002: village weekly, township
// monthly; seed 002 again: lower credit grades get closer supervision (差异化监管). Each county may
// override any cell; the recency colours, the wall, the plan and the phone all read this one rule.
import { supervisionGrade, type CreditGrade } from './credit.ts'
import { institutionTypes, type InstitutionType } from './institution-types.ts'

export type IntervalTable = Record<InstitutionType, Record<CreditGrade, number>>

/** Days between inspections by type and grade; unrated institutions count as grade B. */
export const defaultIntervalTable: IntervalTable = {
  village_clinic: { A: 7, B: 7, C: 7, D: 3 },
  township_health_centre: { A: 30, B: 30, C: 14, D: 7 },
  hospital: { A: 30, B: 30, C: 14, D: 7 },
  private_clinic: { A: 30, B: 30, C: 14, D: 7 },
  pharmacy: { A: 30, B: 30, C: 14, D: 7 },
}

export const gradeOfUnrated: CreditGrade = 'B'

/** Days allowed between inspections; a blacklisted institution is supervised as grade D. */
export function intervalDaysOf(
  table: IntervalTable,
  type: InstitutionType,
  grade: CreditGrade | null,
  blacklisted = false,
): number {
  return table[type][supervisionGrade(grade, blacklisted) ?? gradeOfUnrated]
}

/** A county's overrides laid over the defaults; cells outside 1–365 days are refused by the caller. */
export function mergeIntervalTable(
  overrides: Partial<Record<InstitutionType, Partial<Record<CreditGrade, number>>>> | undefined,
): IntervalTable {
  const table = {} as IntervalTable
  for (const type of institutionTypes) table[type] = { ...defaultIntervalTable[type], ...(overrides?.[type] ?? {}) }
  return table
}
