// The risk chain's rules: the order of levels, who may acknowledge which hop, when a hop times out.
import { describe, expect, test } from 'vitest'
import { acknowledgeDecision, hopDeadline, hopLevelOfRole, hopTimedOut, nextHopLevel } from './risk-reports.ts'

const sentAt = new Date('2026-11-25T02:00:00Z')

describe('risk report chain', () => {
  test('level 2, then level 1, then the bureau, then nothing', () => {
    expect([nextHopLevel(2), nextHopLevel(1), nextHopLevel(0)]).toEqual([1, 0, null])
    expect(
      ['grid_member_3', 'grid_member_2', 'grid_member_1', 'supervisor', 'leader', 'planner'].map(hopLevelOfRole),
    ).toEqual([null, 2, 1, 0, 0, null])
  })

  test('a hop is acknowledged at its level or from above, never from below or outside the chain', () => {
    const waitingAtOne = { level: 1 as const, sentAt }
    expect(acknowledgeDecision('escalating', waitingAtOne, 'grid_member_1').allowed).toBe(true)
    expect(acknowledgeDecision('escalating', waitingAtOne, 'supervisor').allowed).toBe(true)
    expect(acknowledgeDecision('escalating', waitingAtOne, 'grid_member_2').allowed).toBe(false)
    expect(acknowledgeDecision('escalating', waitingAtOne, 'grid_member_3').allowed).toBe(false)
    expect(acknowledgeDecision('acknowledged', null, 'leader').allowed).toBe(false)
  })

  test('a hop times out at its limit, not before', () => {
    const hop = { level: 2 as const, sentAt }
    expect(hopDeadline(hop, 30).toISOString()).toBe('2026-11-25T02:30:00.000Z')
    expect(hopTimedOut(hop, 30, new Date('2026-11-25T02:29:59Z'))).toBe(false)
    expect(hopTimedOut(hop, 30, new Date('2026-11-25T02:30:00Z'))).toBe(true)
  })
})
