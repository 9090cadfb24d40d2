import { describe, expect, test } from 'vitest'
import { assignDecision, clueDaysLeft, clueDueAt, clueOverdue, concludeDecision } from './clues.ts'

describe('complaint clues', () => {
  const received = new Date('2026-11-01T02:00:00Z')

  test('the time limit runs from receipt; overdue once past it, and a late conclusion stays late', () => {
    const due = clueDueAt(received, 30)
    // Received 11-01 10:00 in the bureau's zone: due by the end of its 12-01.
    expect(due.toISOString()).toBe('2026-12-01T15:59:59.999Z')
    expect(
      clueOverdue({ status: 'investigating', dueAt: due, concludedAt: null }, new Date('2026-12-01T15:59:00Z')),
    ).toBe(false)
    expect(
      clueOverdue({ status: 'investigating', dueAt: due, concludedAt: null }, new Date('2026-12-01T16:00:00Z')),
    ).toBe(true)
    expect(
      clueOverdue(
        { status: 'concluded', dueAt: due, concludedAt: new Date('2026-11-20T00:00:00Z') },
        new Date('2027-01-01T00:00:00Z'),
      ),
    ).toBe(false)
    expect(
      clueOverdue(
        { status: 'concluded', dueAt: due, concludedAt: new Date('2026-12-03T00:00:00Z') },
        new Date('2027-01-01T00:00:00Z'),
      ),
    ).toBe(true)
    expect(clueDaysLeft(due, new Date('2026-11-28T02:00:00Z'))).toBe(3)
    expect(clueDaysLeft(due, new Date('2026-12-01T15:00:00Z'))).toBe(0)
    // 12-02 11:00 in the bureau's zone, due 12-01: one day late (the elapsed-time count said two).
    expect(clueDaysLeft(due, new Date('2026-12-02T03:00:00Z'))).toBe(-1)
  })

  test('assigning until concluded; concluding needs an investigation, and a reply when the complainant is named', () => {
    expect(assignDecision('received').allowed).toBe(true)
    expect(assignDecision('investigating').allowed).toBe(true)
    expect(assignDecision('concluded').allowed).toBe(false)
    expect(concludeDecision('received', true, '').allowed).toBe(false)
    expect(concludeDecision('investigating', true, '').allowed).toBe(true)
    expect(concludeDecision('investigating', false, '').allowed).toBe(false)
    expect(concludeDecision('investigating', false, '已电话答复举报人').allowed).toBe(true)
    expect(concludeDecision('concluded', true, '').allowed).toBe(false)
  })
})
