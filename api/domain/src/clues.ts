// Complaint clues (举报线索, seeds 001/002/004: 建立线索台账、认真核查、限时办结; 对举报人保密): how a
// clue comes in, the time limit it must be finished within, and the steps of its handling —
// received, assigned to a supervision team or a grid member and investigated (linked to the
// inspections and ledger items of the investigation), concluded with a finding and, when the
// complainant gave a name, a reply to them. Who the complainant is stays out of all of this: it is
// kept apart and read only by a designated clue handler (医保办发〔2022〕22号).

import { daysUntil, dueAfterDays } from './bureau-calendar.ts'

export const clueChannels = ['hotline', 'letter', 'online', 'visit', 'referral'] as const
export type ClueChannel = (typeof clueChannels)[number]

export const clueStatuses = ['received', 'investigating', 'concluded'] as const
export type ClueStatus = (typeof clueStatuses)[number]

/** What the investigation found (查证属实 / 部分属实 / 不属实). */
export const clueFindings = ['substantiated', 'partly-substantiated', 'unfounded'] as const
export type ClueFinding = (typeof clueFindings)[number]

/** The time limit (限时办结): the clue must be concluded by the end of the bureau's day this many days after the day it was received. */
export function clueDueAt(receivedAt: Date, limitDays: number, timeZone?: string): Date {
  return dueAfterDays(receivedAt, limitDays, timeZone)
}

/** A clue not concluded by its due moment is overdue; a concluded one was late if concluded after it. */
export function clueOverdue(clue: { status: ClueStatus; dueAt: Date; concludedAt: Date | null }, now: Date): boolean {
  const end = clue.status === 'concluded' && clue.concludedAt ? clue.concludedAt : now
  return end.getTime() > clue.dueAt.getTime()
}

/** Calendar days left until the due day (0 on it, negative past it: -1 is one day late). */
export function clueDaysLeft(dueAt: Date, now: Date, timeZone?: string): number {
  return daysUntil(dueAt, now, timeZone)
}

export type ClueStepDecision = { allowed: true } | { allowed: false; reason: string }

/** Assigning (or re-assigning) is possible until the clue is concluded; it starts the investigation. */
export function assignDecision(status: ClueStatus): ClueStepDecision {
  return status === 'concluded' ? { allowed: false, reason: 'the clue is concluded' } : { allowed: true }
}

/**
 * Concluding needs an investigation under way, a finding and what was found; a named complainant is
 * owed a reply (答复), an anonymous one cannot be answered.
 */
export function concludeDecision(status: ClueStatus, anonymous: boolean, reply: string): ClueStepDecision {
  if (status !== 'investigating')
    return {
      allowed: false,
      reason: status === 'concluded' ? 'the clue is concluded already' : 'assign the clue for investigation first',
    }
  if (!anonymous && reply.trim() === '')
    return { allowed: false, reason: 'the complainant gave a name: record the reply given to them' }
  return { allowed: true }
}
