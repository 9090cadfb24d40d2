import { expect, test } from 'vitest'
import { weeklyPlan, type PlanInstitution } from './weekly-plan.ts'
import { mondayOf } from './bureau-calendar.ts'

const start: [number, number] = [115.55, 35.07]
const village = (id: number, lastInspectedOn: string | null, offset = id): PlanInstitution => ({
  id,
  name: `村卫生室${id}`,
  lon: 115.5 + (offset % 5) * 0.02,
  lat: 35.0 + Math.floor(offset / 5) * 0.02,
  intervalDays: 7,
  lastInspectedOn,
})

test('the Monday of a week', () => {
  expect(mondayOf('2026-11-25')).toBe('2026-11-23')
  expect(mondayOf('2026-11-29')).toBe('2026-11-23')
  expect(mondayOf('2026-11-23')).toBe('2026-11-23')
})

test('every weekly institution lands on a day no later than its due day, the days even', () => {
  // Last seen on last week's days: due this Monday to Friday.
  const institutions = Array.from({ length: 15 }, (_, index) => village(index + 1, `2026-11-${16 + (index % 5)}`))
  const plan = weeklyPlan({ weekStart: '2026-11-23', today: '2026-11-23', start, institutions, inspectedOn: new Map() })
  expect(plan.days.map((day) => day.date)).toEqual([
    '2026-11-23',
    '2026-11-24',
    '2026-11-25',
    '2026-11-26',
    '2026-11-27',
  ])
  const placed = plan.days.flatMap((day) => day.stops.map((stop) => ({ ...stop, day: day.date })))
  expect(placed.map((stop) => stop.id).sort((a, b) => a - b)).toEqual(institutions.map((institution) => institution.id))
  expect(placed.every((stop) => stop.day <= stop.dueOn)).toBe(true)
  expect(Math.max(...plan.days.map((day) => day.stops.length))).toBeLessThanOrEqual(5)
  expect(plan.days.every((day) => day.routeMeters > 0)).toBe(true)
})

test('never inspected or already late: planned from today, spread over the days left', () => {
  const late = Array.from({ length: 6 }, (_, index) => village(index + 1, index % 2 === 0 ? null : '2026-11-10'))
  const plan = weeklyPlan({
    weekStart: '2026-11-23',
    today: '2026-11-25',
    start,
    institutions: [...late, village(9, '2026-11-24')],
    inspectedOn: new Map([[9, ['2026-11-24']]]),
  })
  expect(plan.days.slice(2).map((day) => day.stops.length)).toEqual([2, 2, 2])
  expect(
    plan.days
      .slice(0, 2)
      .flatMap((day) => day.stops)
      .map((stop) => stop.id),
  ).toEqual([9])
  const [tuesdayStop] = plan.days[1]!.stops
  expect(tuesdayStop).toMatchObject({ id: 9, done: true })
})

test('a missed day re-plans the rest: Monday’s stops not done go to the days left', () => {
  const institutions = Array.from({ length: 10 }, (_, index) => village(index + 1, '2026-11-17'))
  const monday = weeklyPlan({
    weekStart: '2026-11-23',
    today: '2026-11-23',
    start,
    institutions,
    inspectedOn: new Map(),
  })
  expect(monday.days[0]!.stops.length).toBeGreaterThan(0)
  // Tuesday morning, nothing was done on Monday: all ten are planned from Tuesday on.
  const tuesday = weeklyPlan({
    weekStart: '2026-11-23',
    today: '2026-11-24',
    start,
    institutions,
    inspectedOn: new Map(),
  })
  expect(tuesday.days[0]!.stops).toEqual([])
  expect(tuesday.days.slice(1).flatMap((day) => day.stops).length).toBe(10)
})

test('a monthly institution not due this week stays out of it', () => {
  const hospital = { ...village(1, '2026-11-20'), intervalDays: 30 }
  const plan = weeklyPlan({
    weekStart: '2026-11-23',
    today: '2026-11-23',
    start,
    institutions: [hospital],
    inspectedOn: new Map(),
  })
  expect(plan.days.flatMap((day) => day.stops)).toEqual([])
})
