// The monthly report's calendar, steps and figures.
import { describe, expect, test } from 'vitest'
import { defaultIntervalTable } from './inspection-intervals.ts'
import {
  coveredAt,
  isLate,
  median,
  monthBounds,
  monthlyReportStep,
  nextMonth,
  share,
  submissionDeadline,
} from './monthly-report.ts'

describe('calendar', () => {
  test('a month runs from its first midnight to the next month’s in UTC+8; due on the 5th of the next month', () => {
    expect(monthBounds('2026-11')).toEqual({
      start: new Date('2026-10-31T16:00:00Z'),
      end: new Date('2026-11-30T16:00:00Z'),
    })
    expect(nextMonth('2026-12')).toBe('2027-01')
    expect(submissionDeadline('2026-11', 5)).toBe('2026-12-05')
    expect(isLate({ status: 'draft' }, '2026-12-05', '2026-12-05')).toBe(false)
    expect(isLate({ status: 'returned' }, '2026-12-05', '2026-12-06')).toBe(true)
    expect(isLate({ status: 'submitted' }, '2026-12-05', '2026-12-06')).toBe(false)
  })
})

describe('steps', () => {
  test('submitted from a draft or a returned report; reviewed only when submitted; nothing after acceptance', () => {
    expect(monthlyReportStep('draft', 'submit')).toBe('submitted')
    expect(monthlyReportStep('returned', 'submit')).toBe('submitted')
    expect(monthlyReportStep('submitted', 'return')).toBe('returned')
    expect(monthlyReportStep('submitted', 'accept')).toBe('accepted')
    expect(monthlyReportStep('draft', 'accept')).toBeNull()
    expect(monthlyReportStep('submitted', 'save')).toBeNull()
    expect(monthlyReportStep('accepted', 'submit')).toBeNull()
    expect(monthlyReportStep('accepted', 'save')).toBeNull()
  })
})

describe('figures', () => {
  test('coverage counts institutions whose last verified inspection lies within their interval at the month’s end', () => {
    const end = new Date('2026-11-30T16:00:00Z')
    const daysBefore = (days: number) => new Date(end.getTime() - days * 86_400_000)
    expect(
      coveredAt(
        [
          { type: 'village_clinic', creditGrade: 'A', blacklisted: false, lastVerifiedAt: daysBefore(6) },
          { type: 'village_clinic', creditGrade: 'A', blacklisted: false, lastVerifiedAt: daysBefore(8) },
          { type: 'village_clinic', creditGrade: 'A', blacklisted: true, lastVerifiedAt: daysBefore(5) },
          { type: 'pharmacy', creditGrade: 'B', blacklisted: false, lastVerifiedAt: daysBefore(29) },
          { type: 'pharmacy', creditGrade: null, blacklisted: false, lastVerifiedAt: null },
        ],
        defaultIntervalTable,
        end,
      ),
    ).toBe(2)
    expect(share(1, 3)).toBe(0.333)
    expect(share(0, 0)).toBeNull()
    expect(median([5, 1, 3])).toBe(3)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(median([])).toBeNull()
  })
})
