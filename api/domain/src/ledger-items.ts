// Ledger items (问题台账条目): the states an item passes through until it is verified and closed
// (销号), where items come from, and who may move them. Seed 000: 整改后销号 — closed only after the
// rectification is verified; seed 003: 逐一销账. The verifier is a second person: neither the one
// who raised the item nor the one who rectified it.
import { dueAfterDays } from './bureau-calendar.ts'

export const ledgerItemStatuses = ['open', 'rectifying', 'awaiting-verification', 'closed'] as const
export type LedgerItemStatus = (typeof ledgerItemStatuses)[number]

/** What a transition asks for: a new status, or `reopened` (back to open, the history kept). */
export const ledgerTransitionTargets = ['rectifying', 'awaiting-verification', 'closed', 'reopened'] as const
export type LedgerTransitionTarget = (typeof ledgerTransitionTargets)[number]

/** The steps in an item's history: its opening (by whoever raised it), then each transition. */
export const ledgerSteps = ['opened', ...ledgerTransitionTargets] as const
export type LedgerStep = (typeof ledgerSteps)[number]

export const ledgerItemSources = ['inspection', 'clue', 'risk-report', 'manual'] as const
export type LedgerItemSource = (typeof ledgerItemSources)[number]

/** How grave a problem is; the deadline follows from it. */
export const ledgerSeverities = ['minor', 'general', 'serious'] as const
export type LedgerSeverity = (typeof ledgerSeverities)[number]

export const deadlineDaysBySeverity: Record<LedgerSeverity, number> = { minor: 30, general: 15, serious: 7 }

/** Due at the end of the bureau's day that many days after the day it was opened. */
export function deadlineOf(openedAt: Date, severity: LedgerSeverity, timeZone?: string): Date {
  return dueAfterDays(openedAt, deadlineDaysBySeverity[severity], timeZone)
}

const allowedFrom: Record<LedgerTransitionTarget, readonly LedgerItemStatus[]> = {
  rectifying: ['open'],
  'awaiting-verification': ['open', 'rectifying'],
  closed: ['awaiting-verification'],
  reopened: ['awaiting-verification', 'closed'],
}

/** The moves an item in this status may make (who may make them is can()'s and the verifier rule's). */
export function targetsFrom(status: LedgerItemStatus): LedgerTransitionTarget[] {
  return ledgerTransitionTargets.filter((target) => allowedFrom[target].includes(status))
}

export function statusAfter(target: LedgerTransitionTarget): LedgerItemStatus {
  return target === 'reopened' ? 'open' : target
}

export interface LedgerItemPeople {
  status: LedgerItemStatus
  /** User who raised the item. */
  raisedBy: number | null
  /** User who reported the rectification done (moved it to awaiting verification). */
  rectifiedBy: number | null
}

export type TransitionDecision = { allowed: true } | { allowed: false; reason: string; code: 'state' | 'verifier' }

/** Whether `actor` may move the item to `target`; the reason is shown to the person as it stands. */
export function transitionDecision(
  item: LedgerItemPeople,
  target: LedgerTransitionTarget,
  actor: number,
): TransitionDecision {
  if (!allowedFrom[target].includes(item.status))
    return { allowed: false, code: 'state', reason: `an item that is ${item.status} cannot move to ${target}` }
  if (target === 'closed') {
    if (actor === item.raisedBy)
      return {
        allowed: false,
        code: 'verifier',
        reason: 'the person who raised the item cannot close it; a second person verifies (整改后销号)',
      }
    if (actor === item.rectifiedBy)
      return {
        allowed: false,
        code: 'verifier',
        reason: 'the person who reported the rectification cannot close it; a second person verifies (整改后销号)',
      }
  }
  return { allowed: true }
}

/** Past its deadline and not closed. */
export function isOverdue(item: { status: LedgerItemStatus; deadlineAt: Date }, now: Date): boolean {
  return item.status !== 'closed' && item.deadlineAt.getTime() < now.getTime()
}
