// Credit grades, blacklist periods and how both tighten supervision.
import { describe, expect, test } from 'vitest'
import { blacklistInForce, creditGradeOf, supervisionGrade } from './credit.ts'
import { defaultIntervalTable, intervalDaysOf } from './inspection-intervals.ts'
import { riskWeight } from './draw.ts'

describe('credit', () => {
  test('score to grade at 90, 80 and 70', () => {
    expect([100, 90, 89, 80, 79, 70, 69, 0].map(creditGradeOf)).toEqual(['A', 'A', 'B', 'B', 'C', 'C', 'D', 'D'])
  })

  test('an entry is in force from its first to its last day, until lifted; open-ended when it has no end', () => {
    const entry = { startsOn: '2026-12-01', endsOn: '2027-11-30', liftedAt: null }
    expect(blacklistInForce(entry, '2026-11-30')).toBe(false)
    expect(blacklistInForce(entry, '2026-12-01')).toBe(true)
    expect(blacklistInForce(entry, '2027-11-30')).toBe(true)
    expect(blacklistInForce(entry, '2027-12-01')).toBe(false)
    expect(blacklistInForce({ ...entry, endsOn: null }, '2040-01-01')).toBe(true)
    expect(blacklistInForce({ ...entry, liftedAt: '2026-12-05T00:00:00Z' }, '2026-12-10')).toBe(false)
  })

  test('a blacklisted institution is supervised as grade D: the shortest interval and the heaviest draw weight', () => {
    expect(supervisionGrade('A', true)).toBe('D')
    expect(supervisionGrade(null, false)).toBeNull()
    expect(intervalDaysOf(defaultIntervalTable, 'pharmacy', 'A')).toBe(30)
    expect(intervalDaysOf(defaultIntervalTable, 'pharmacy', 'A', true)).toBe(7)
    expect(intervalDaysOf(defaultIntervalTable, 'village_clinic', null, true)).toBe(3)
    const recent = { daysSinceVisit: 1, overdueItems: 0, creditGrade: 'A', intervalDays: 30 }
    expect(riskWeight(recent)).toBe(1)
    expect(riskWeight({ ...recent, blacklisted: true })).toBe(4)
    expect(riskWeight({ ...recent, creditGrade: 'D' })).toBe(3)
  })
})
