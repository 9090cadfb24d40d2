import { describe, expect, test } from 'vitest'
import { byUrgency, dispatchWeeks, emptyCounts } from './dispatch.ts'

describe('dispatch', () => {
  test('the week starts on Monday 00:00 in UTC+8', () => {
    // Sunday 2026-11-29 23:30 in Beijing is still last week; Monday 00:10 opens the new one.
    expect(dispatchWeeks(new Date('2026-11-29T15:30:00Z')).thisWeek).toEqual(new Date('2026-11-22T16:00:00Z'))
    expect(dispatchWeeks(new Date('2026-11-29T16:10:00Z'))).toEqual({
      thisWeek: new Date('2026-11-29T16:00:00Z'),
      lastWeek: new Date('2026-11-22T16:00:00Z'),
      nextWeek: new Date('2026-12-06T16:00:00Z'),
    })
  })
  test('unacknowledged risks weigh most, then overdue items', () => {
    const rows = [
      { ...emptyCounts(), name: '甲', overdueInspections: 3 },
      { ...emptyCounts(), name: '乙', unacknowledgedRisks: 1 },
      { ...emptyCounts(), name: '丙', overdueLedgerItems: 1 },
    ]
    expect(byUrgency(rows).map((row) => row.name)).toEqual(['甲', '乙', '丙'])
    expect(
      byUrgency([
        { ...emptyCounts(), name: '乙', unacknowledgedRisks: 2 },
        { ...emptyCounts(), name: '甲', overdueInspections: 5 },
      ]).map((row) => row.name),
    ).toEqual(['乙', '甲'])
  })
})
