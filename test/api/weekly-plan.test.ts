// GET /api/me/plan: the level-3 member's week from the API, on the first Wednesday after the seed. Everything due by
// Friday is planned on a day from today to its due day; an inspection recorded today shows as done
// and leaves the rest of the week; a missed day moves its stops to the days left.
import { beforeEach, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { apiSuite } from '../support/api-suite.ts'
import { jsonRequest, loginAs } from '../support/test-app.ts'
import { bureauWeekdayAfterSeed } from '../support/reference-time.ts'
import { addDays, bureauDate, bureauInstant } from '@gridwatch/domain/bureau-calendar.ts'

let now = bureauWeekdayAfterSeed(3, '10:00') // Wednesday 10:00 in the county

beforeEach(() => {
  now = bureauWeekdayAfterSeed(3, '10:00')
})
// One copy of the seeded database for the file: each test makes or finds its own data.
const suite = apiSuite({ now: () => now })

interface Plan {
  weekStart: string
  days: {
    date: string
    stops: { id: number; dueOn: string; done: boolean; lon: number; lat: number }[]
    routeMeters: number
  }[]
}

test('the week from today: every own institution due by Friday on a day between today and its due day; a recorded inspection is done', async () => {
  const member = await loginAs(suite.app, 'member3')
  // Make the member's institutions due this week whatever the seed left: last inspected 10 days before.
  await suite.database.rows(sql`UPDATE inspections SET arrived_at = arrived_at - interval '40 days'
    WHERE institution_id IN (SELECT a.institution_id FROM assignments a JOIN users u ON u.staff_id = a.staff_id WHERE u.username = 'member3')`)
  const plan = (await (await suite.app.request('/api/me/plan', { headers: { cookie: member } })).json()) as Plan
  const wednesday = bureauDate(now)
  const monday = addDays(wednesday, -2)
  expect(plan.weekStart).toBe(monday)
  expect(plan.days.map((day) => day.date)).toEqual([0, 1, 2, 3, 4].map((days) => addDays(monday, days)))
  const own = await suite.database.rows<{ id: number }>(
    sql`SELECT a.institution_id AS id FROM assignments a JOIN users u ON u.staff_id = a.staff_id WHERE u.username = 'member3' AND a.institution_id IS NOT NULL`,
  )
  const planned = plan.days.flatMap((day) => day.stops.map((stop) => ({ ...stop, date: day.date })))
  expect(planned.map((stop) => stop.id).sort((a, b) => a - b)).toEqual(own.map((row) => row.id).sort((a, b) => a - b))
  expect(planned.every((stop) => stop.date >= wednesday)).toBe(true)
  expect(plan.days.slice(2).every((day) => day.stops.length > 0 || planned.length < 3)).toBe(true)

  const first = plan.days[2]!.stops[0]!
  const recorded = await suite.app.request(
    '/api/inspections',
    jsonRequest(
      'POST',
      {
        institutionId: first.id,
        kind: 'weekly-visit',
        arrivedAt: bureauInstant(wednesday, '09:20').toISOString(),
        departedAt: bureauInstant(wednesday, '09:40').toISOString(),
        position: [first.lon, first.lat],
        accuracyMeters: 10,
      },
      member,
    ),
  )
  expect(recorded.status).toBe(201)
  const after = (await (await suite.app.request('/api/me/plan', { headers: { cookie: member } })).json()) as Plan
  const occurrences = after.days.flatMap((day) =>
    day.stops.filter((stop) => stop.id === first.id).map((stop) => ({ date: day.date, done: stop.done })),
  )
  expect(occurrences).toEqual([{ date: wednesday, done: true }])

  // Thursday morning, nothing else was done on Wednesday: the rest is planned on Thursday and Friday.
  now = bureauInstant(addDays(wednesday, 1), '09:00')
  const thursday = (await (
    await suite.app.request('/api/me/plan', { headers: { cookie: await loginAs(suite.app, 'member3') } })
  ).json()) as Plan
  expect(thursday.days[2]!.stops.map((stop) => stop.id)).toEqual([first.id])
  expect(thursday.days.slice(3).flatMap((day) => day.stops).length).toBe(own.length - 1)
})

test('another week can be asked for; a member without institutions gets empty days', async () => {
  // Any day of a week stands for its Monday: the Wednesday a week on asks for the next week.
  const nextWednesday = addDays(bureauDate(now), 7)
  const next = (await (
    await suite.app.request(`/api/me/plan?week=${nextWednesday}`, {
      headers: { cookie: await loginAs(suite.app, 'member3') },
    })
  ).json()) as Plan
  expect(next.weekStart).toBe(addDays(nextWednesday, -2))
  const planner = (await (
    await suite.app.request('/api/me/plan', { headers: { cookie: await loginAs(suite.app, 'planner') } })
  ).json()) as Plan
  expect(planner.days.every((day) => day.stops.length === 0)).toBe(true)
  expect(
    (await suite.app.request('/api/me/plan?week=soon', { headers: { cookie: await loginAs(suite.app, 'planner') } }))
      .status,
  ).toBe(400)
})
