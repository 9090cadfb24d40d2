import { describe, expect, test } from 'vitest'
import {
  addDays,
  addMonths,
  bureauClock,
  bureauDate,
  bureauInstant,
  bureauMonth,
  lastDayOfMonth,
  mondayOf,
} from './bureau-calendar.ts'

describe('the bureau calendar (UTC+8)', () => {
  test.each([
    ['2026-11-30T15:59:59Z', '2026-11-30', '2026-11'],
    ['2026-11-30T16:00:00Z', '2026-12-01', '2026-12'],
    ['2026-12-31T15:59:59Z', '2026-12-31', '2026-12'],
    ['2026-12-31T16:00:00Z', '2027-01-01', '2027-01'],
    ['2028-02-28T16:30:00Z', '2028-02-29', '2028-02'],
  ])('%s is %s in month %s', (instant, date, month) => {
    expect(bureauDate(new Date(instant))).toBe(date)
    expect(bureauDate(instant)).toBe(date)
    expect(bureauMonth(new Date(instant))).toBe(month)
  })

  test('an instant on the bureau clock, and the clock at an instant', () => {
    expect(bureauInstant('2027-01-01').toISOString()).toBe('2026-12-31T16:00:00.000Z')
    expect(bureauInstant('2026-12-01', '08:30').toISOString()).toBe('2026-12-01T00:30:00.000Z')
    expect(bureauClock('2026-12-31T16:00:05Z')).toBe('2027-01-01 00:00:05')
    expect(bureauClock(new Date('2026-12-31T15:59:00Z'), 'minute')).toBe('2026-12-31 23:59')
  })

  test.each([
    ['2026-12-31', 1, '2027-01-01'],
    ['2027-03-01', -1, '2027-02-28'],
    ['2028-03-01', -1, '2028-02-29'],
    ['2026-11-25', 30, '2026-12-25'],
  ])('%s plus %i days is %s', (date, days, expected) => expect(addDays(date, days)).toBe(expected))

  test.each([
    ['2026-12', 1, '2027-01'],
    ['2027-01', -1, '2026-12'],
    ['2026-11', 14, '2028-01'],
    ['2026-03', -15, '2024-12'],
  ])('%s plus %i months is %s', (month, months, expected) => expect(addMonths(month, months)).toBe(expected))

  test.each([
    ['2026-12-07', '2026-12-07'],
    ['2026-12-13', '2026-12-07'],
    ['2027-01-01', '2026-12-28'],
  ])('the Monday of %s is %s', (date, monday) => expect(mondayOf(date)).toBe(monday))

  test.each([
    ['2026-02', '2026-02-28'],
    ['2028-02', '2028-02-29'],
    ['2026-12', '2026-12-31'],
  ])('the last day of %s is %s', (month, last) => expect(lastDayOfMonth(month)).toBe(last))
})
