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

test('interval run out first, then overdue items, low grade, open items, nearest', () => {
  const list: [string, UrgencyInput][] = [
    ['near, fine', { ...base, distanceMeters: 100 }],
    ['far, fine', { ...base, distanceMeters: 9000 }],
    ['open item', { ...base, openLedgerItems: 1 }],
    ['grade D', { ...base, creditGrade: 'D' }],
    ['overdue item', { ...base, overdueLedgerItems: 1 }],
    ['3 days late', { ...base, daysSinceVisit: 10 }],
    ['never', { ...base, daysSinceVisit: null }],
    ['monthly, 20 days', { ...base, daysSinceVisit: 20, intervalDays: 30 }],
  ]
  expect([...list].sort((a, b) => compareUrgency(a[1], b[1])).map(([name]) => name)).toEqual([
    'never',
    '3 days late',
    'overdue item',
    'grade D',
    'open item',
    'near, fine',
    'monthly, 20 days',
    'far, fine',
  ])
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
