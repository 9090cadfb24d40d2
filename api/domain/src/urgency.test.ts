import { expect, test } from 'vitest'
import { compareUrgency, type UrgencyInput } from './urgency.ts'
import { amapNavigationUrl } from './route-sheet.ts'

const base: UrgencyInput = {
  daysSinceVisit: 2,
  intervalDays: 7,
  overdueLedgerItems: 0,
  openLedgerItems: 0,
  creditGrade: 'A',
  distanceMeters: 500,
}

test('by days left in the interval (never, overdue, due today, fewest left), then overdue items, low grade, open items, nearest', () => {
  const list: [string, UrgencyInput][] = [
    ['near, fine', { ...base, distanceMeters: 100 }],
    ['far, fine', { ...base, distanceMeters: 9000 }],
    ['open item', { ...base, openLedgerItems: 1 }],
    ['grade D', { ...base, creditGrade: 'D' }],
    ['overdue item', { ...base, overdueLedgerItems: 1 }],
    ['3 days late', { ...base, daysSinceVisit: 10 }],
    ['never', { ...base, daysSinceVisit: null }],
    ['monthly, 20 days', { ...base, daysSinceVisit: 20, intervalDays: 30 }],
    ['due today, far', { ...base, daysSinceVisit: 7, distanceMeters: 9000 }],
  ]
  expect([...list].sort((a, b) => compareUrgency(a[1], b[1])).map(([name]) => name)).toEqual([
    'never',
    '3 days late',
    'due today, far',
    'overdue item',
    'grade D',
    'open item',
    'near, fine',
    'far, fine',
    'monthly, 20 days',
  ])
})

test('due today and 13 m away comes before a grade-D institution with days left (the issue’s 魏胡同村卫生室)', () => {
  const dueToday: UrgencyInput = { ...base, daysSinceVisit: 7, creditGrade: 'A', distanceMeters: 13 }
  const gradeD: UrgencyInput = { ...base, daysSinceVisit: 1, creditGrade: 'D', distanceMeters: 2000 }
  expect(compareUrgency(dueToday, gradeD)).toBeLessThan(0)
})

test('navigation opens Amap at the stop in GCJ-02', () => {
  const url = new URL(amapNavigationUrl({ name: '张楼村卫生室', lon: 115.5, lat: 35.1 }))
  expect(url.host).toBe('uri.amap.com')
  const [lon, lat, name] = url.searchParams.get('to')!.split(',')
  expect(Number(lon)).toBeGreaterThan(115.5)
  expect(Math.abs(Number(lat) - 35.1)).toBeGreaterThan(1e-4)
  expect(name).toBe('张楼村卫生室')
  expect(url.searchParams.get('coordinate')).toBe('gaode')
})
