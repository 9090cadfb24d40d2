import { describe, expect, test } from 'vitest'
import {
  addDays,
  addMonths,
  bureauClock,
  bureauDate,
  bureauInstant,
  bureauMonth,
  bureauDayOfMinute,
  daysBetween,
  daysSince,
  daysUntil,
  dueAfterDays,
  endOfBureauDay,
  isTimeZone,
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

describe('day counts and due dates are calendar days in the bureau zone', () => {
  // Seen at 2026-12-07 18:00 in Beijing (10:00Z): yesterday's deadline is one day late, not two;
  // the 19th is twelve days away, not eleven.
  const now = new Date('2026-12-07T10:00:00Z')

  test.each([
    ['2026-12-06T02:00:00Z', -1],
    ['2026-12-07T00:30:00Z', 0],
    ['2026-12-07T15:59:59Z', 0],
    ['2026-12-07T16:00:00Z', 1],
    ['2026-12-19T02:00:00Z', 12],
    ['2027-01-01T02:00:00Z', 25],
  ])('due %s: %i days left', (due, left) => expect(daysUntil(due, now)).toBe(left))

  test('across midnight and a month end', () => {
    expect(daysSince('2026-11-30T15:59:00Z', new Date('2026-11-30T16:01:00Z'))).toBe(1)
    expect(daysSince('2026-11-30T16:01:00Z', new Date('2026-12-01T15:59:00Z'))).toBe(0)
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1)
    expect(daysBetween('2028-03-01', '2028-02-28')).toBe(-2)
  })

  test('a due date is the end of the bureau day, so it is overdue from the next midnight', () => {
    const opened = new Date('2026-12-31T17:00:00Z') // 2027-01-01 01:00 in Beijing
    const due = dueAfterDays(opened, 7)
    expect(due.toISOString()).toBe('2027-01-08T15:59:59.999Z')
    expect(bureauDate(due)).toBe('2027-01-08')
    expect(endOfBureauDay('2026-12-31').toISOString()).toBe('2026-12-31T15:59:59.999Z')
  })

  test('minute-encoded instants count the same days as the calendar', () => {
    const minute = (iso: string) => Math.floor(Date.parse(iso) / 60_000)
    expect(bureauDayOfMinute(minute('2026-12-07T16:00:00Z')) - bureauDayOfMinute(minute('2026-12-07T15:59:00Z'))).toBe(
      1,
    )
  })
})

describe('a county in another time zone', () => {
  test('its day, clock and instants follow its zone, daylight saving included', () => {
    expect(isTimeZone('Asia/Urumqi')).toBe(true)
    expect(isTimeZone('Mars/Olympus')).toBe(false)
    expect(bureauDate('2026-12-07T20:00:00Z', 'Asia/Urumqi')).toBe('2026-12-08')
    expect(bureauDate('2026-12-07T20:00:00Z', 'Europe/Berlin')).toBe('2026-12-07')
    expect(bureauClock('2026-07-01T12:00:00Z', 'minute', 'Europe/Berlin')).toBe('2026-07-01 14:00')
    expect(bureauInstant('2026-03-29', '12:00', 'Europe/Berlin').toISOString()).toBe('2026-03-29T10:00:00.000Z')
    expect(bureauInstant('2026-03-28', '12:00', 'Europe/Berlin').toISOString()).toBe('2026-03-28T11:00:00.000Z')
    expect(daysUntil('2026-12-08T01:00:00Z', new Date('2026-12-07T20:00:00Z'), 'Asia/Urumqi')).toBe(0)
  })
})
