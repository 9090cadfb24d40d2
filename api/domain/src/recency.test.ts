import { expect, test } from 'vitest'
import { recencyClass } from './recency.ts'

test.each([
  [null, 'never'],
  [0, 'within'],
  [7, 'within'],
  [8, 'late'],
  [14, 'late'],
  [15, 'overdue'],
  [60, 'overdue'],
] as const)('%s days since the last visit is %s with the weekly interval', (days, expected) => {
  expect(recencyClass(days, 7)).toBe(expected)
})

test('a 14-day interval moves the thresholds', () => {
  expect(recencyClass(10, 14)).toBe('within')
  expect(recencyClass(20, 14)).toBe('late')
  expect(recencyClass(29, 14)).toBe('overdue')
})

test('the interval follows type and grade: a weekly village clinic, a monthly hospital, closer for grade D', async () => {
  const { defaultIntervalTable, intervalDaysOf, mergeIntervalTable } = await import('./inspection-intervals.ts')
  expect(intervalDaysOf(defaultIntervalTable, 'village_clinic', 'A')).toBe(7)
  expect(intervalDaysOf(defaultIntervalTable, 'hospital', null)).toBe(30)
  expect(intervalDaysOf(defaultIntervalTable, 'pharmacy', 'D')).toBe(7)
  expect(recencyClass(20, intervalDaysOf(defaultIntervalTable, 'hospital', 'A'))).toBe('within')
  const county = mergeIntervalTable({ pharmacy: { A: 60 } })
  expect(intervalDaysOf(county, 'pharmacy', 'A')).toBe(60)
  expect(intervalDaysOf(county, 'pharmacy', 'B')).toBe(30)
  expect(defaultIntervalTable.pharmacy.A).toBe(30)
})
