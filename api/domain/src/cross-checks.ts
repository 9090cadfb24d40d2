// The result of a cross-check (交叉互查结果, seed 000: 片区推磨互查, 通报 of the grids that fail it): the
// supervision team checks each institution of its round against the violation categories of its
// type (the inspection's `checklist`) and checks the grid staff's work there (`staffWork`): is the
// contact poster up, is the ledger current, are the weekly visits verified and signed, were items
// closed the right way. A grid's score for a round weighs the two halves equally, each the share of
// checked entries found in order; a half nobody checked does not count.
import type { ChecklistResult } from './inspection-content.ts'

/** What the team checks of the grid staff's work at an institution. */
export const staffWorkItems = [
  'poster', // 包联公示牌上墙、信息准确
  'ledger-current', // 问题台账及时更新
  'visits-verified', // 每周走访已核验、已签字
  'closure-proper', // 销号有整改证据、由他人核验
] as const
export type StaffWorkItem = (typeof staffWorkItems)[number]

export interface StaffWorkEntry {
  item: StaffWorkItem
  result: ChecklistResult
}

export interface CrossCheckRecord {
  checklist: readonly { result: ChecklistResult }[]
  staffWork: readonly { result: ChecklistResult }[]
}

/** Entries found in order and entries checked (not "not applicable"). */
export function tally(entries: readonly { result: ChecklistResult }[]): { ok: number; checked: number } {
  let ok = 0
  let checked = 0
  for (const entry of entries) {
    if (entry.result === 'not-applicable') continue
    checked += 1
    if (entry.result === 'ok') ok += 1
  }
  return { ok, checked }
}

export interface CrossCheckScore {
  /** Share of the institutions' checklist entries in order, 0–1; null when none was checked. */
  institutionShare: number | null
  /** Share of the staff-work entries in order, 0–1; null when none was checked. */
  staffWorkShare: number | null
  /** The mean of the halves that were checked, 0–1; null when neither was. */
  score: number | null
}

const round3 = (value: number) => Math.round(value * 1000) / 1000

/** A grid's score over the cross-checks of one round (or any set of them). */
export function crossCheckScore(records: readonly CrossCheckRecord[]): CrossCheckScore {
  return scoreOfTallies(
    tally(records.flatMap((record) => record.checklist)),
    tally(records.flatMap((record) => record.staffWork)),
  )
}

/** The same rule over counts already summed (by the database). */
export function scoreOfTallies(
  institution: { ok: number; checked: number },
  staffWork: { ok: number; checked: number },
): CrossCheckScore {
  const institutionShare = institution.checked === 0 ? null : round3(institution.ok / institution.checked)
  const staffWorkShare = staffWork.checked === 0 ? null : round3(staffWork.ok / staffWork.checked)
  const halves = [institutionShare, staffWorkShare].filter((share): share is number => share !== null)
  return {
    institutionShare,
    staffWorkShare,
    score: halves.length === 0 ? null : round3(halves.reduce((sum, share) => sum + share, 0) / halves.length),
  }
}

/** Why a cross-check's staff-work list is refused, or null: each item at most once, only on a cross-check. */
export function staffWorkRefusal(kind: string, staffWork: readonly StaffWorkEntry[]): string | null {
  if (staffWork.length === 0) return null
  if (kind !== 'cross-check') return 'the grid staff’s work is checked on a cross-check only'
  if (new Set(staffWork.map((entry) => entry.item)).size !== staffWork.length) return 'each staff-work item once'
  return null
}
