// A grid member's week (每周至少1次): their institutions spread over the working days so that each
// is inspected before its interval runs out and each day's route is short. Planned from today on,
// so a missed day re-plans the rest of the week: what was not done is still due and goes to the
// days left. Days are the bureau's calendar days (China Standard Time).
import { addDays } from './bureau-calendar.ts'
import { routeOrder } from './route-order.ts'
import { haversineDistanceMeters } from './distance.ts'

export interface PlanInstitution {
  id: number
  name: string
  lon: number
  lat: number
  intervalDays: number
  /** The bureau day of the last inspection, null when never inspected. */
  lastInspectedOn: string | null
}

export interface PlanStop {
  id: number
  name: string
  lon: number
  lat: number
  /** The last day the interval allows; before the first day left when already late. */
  dueOn: string
  /** Inspected on this day already. */
  done: boolean
}

export interface PlanDay {
  date: string
  stops: PlanStop[]
  /** From the start round the day's stops and back, straight line. */
  routeMeters: number
}

export interface WeeklyPlan {
  weekStart: string
  days: PlanDay[]
  /** Where each day's route starts and ends. */
  start: [number, number]
}

export function workingDaysOf(weekStart: string): string[] {
  return [0, 1, 2, 3, 4].map((offset) => addDays(weekStart, offset))
}

export function dueOn(
  institution: Pick<PlanInstitution, 'intervalDays' | 'lastInspectedOn'>,
  weekStart: string,
): string {
  return institution.lastInspectedOn === null
    ? addDays(weekStart, -1)
    : addDays(institution.lastInspectedOn, institution.intervalDays)
}

function routeMeters(start: [number, number], stops: readonly { lon: number; lat: number }[]): number {
  let meters = 0
  let at = start
  for (const stop of stops) {
    meters += haversineDistanceMeters(at, [stop.lon, stop.lat])
    at = [stop.lon, stop.lat]
  }
  return stops.length === 0 ? 0 : meters + haversineDistanceMeters(at, start)
}

/** Stops in a short order from the start and back (the route engine, deterministic by seed). */
function ordered<T extends { id: number; lon: number; lat: number }>(
  start: [number, number],
  stops: readonly T[],
  seed: string,
): T[] {
  if (stops.length < 3) return [...stops]
  const byId = new Map(stops.map((stop) => [String(stop.id), stop]))
  const order = routeOrder(
    start,
    stops.map((stop) => ({ id: String(stop.id), lon: stop.lon, lat: stop.lat })),
    { returnToStart: true, maximumKicks: 200, seed },
  )
  return order.order.map((id) => byId.get(id)!)
}

/**
 * The plan for the week starting `weekStart` (a Monday) as seen on `today`: days before today show
 * what was done on them; today and the days after hold every institution whose interval runs out by
 * Friday and that has not been inspected since, each on a day no later than its due day, in route
 * order, the days as even as the due days allow.
 */
export function weeklyPlan(input: {
  weekStart: string
  today: string
  start: [number, number]
  institutions: readonly PlanInstitution[]
  /** Inspections this week: institution id → the days it was inspected on. */
  inspectedOn: ReadonlyMap<number, readonly string[]>
}): WeeklyPlan {
  const days = workingDaysOf(input.weekStart)
  const friday = days[4]!
  const remaining = days.filter((day) => day >= input.today)
  const done = new Map<string, PlanStop[]>(days.map((day) => [day, []]))
  const due: (PlanStop & { latestIndex: number })[] = []
  for (const institution of input.institutions) {
    for (const day of input.inspectedOn.get(institution.id) ?? [])
      if (done.has(day))
        done.get(day)!.push({
          id: institution.id,
          name: institution.name,
          lon: institution.lon,
          lat: institution.lat,
          dueOn: dueOn(institution, input.weekStart),
          done: true,
        })
    const dueDay = dueOn(institution, input.weekStart)
    if (dueDay > friday || remaining.length === 0) continue
    // An inspection today already counts; it moved lastInspectedOn on. One already late is late
    // whichever day it gets: it may go on any day left, so that the days stay even.
    const daysUntilDue = remaining.filter((day) => day <= dueDay).length
    const latestIndex = daysUntilDue === 0 ? remaining.length - 1 : daysUntilDue - 1
    due.push({
      id: institution.id,
      name: institution.name,
      lon: institution.lon,
      lat: institution.lat,
      dueOn: dueDay,
      done: false,
      latestIndex,
    })
  }
  const seed = `${input.weekStart}:${input.today}`
  const planned = new Map<string, PlanStop[]>(remaining.map((day) => [day, []]))
  if (remaining.length > 0 && due.length > 0) {
    // One tour through everything due, cut into even runs of consecutive stops; a stop whose run
    // comes after its due day moves forward to that day.
    const tour = ordered(input.start, due, seed)
    const perDay = Math.ceil(tour.length / remaining.length)
    const runs: (typeof tour)[] = remaining.map(() => [])
    tour.forEach((stop, position) => runs[Math.min(Math.floor(position / perDay), stop.latestIndex)]!.push(stop))
    // Moving stops forward may overfill a day: its last stops in tour order that may wait go on to
    // the next day (which continues the tour from there).
    for (let index = 0; index < runs.length - 1; index++) {
      const run = runs[index]!
      for (let position = run.length - 1; run.length > perDay && position >= 0; position--)
        if (run[position]!.latestIndex > index) runs[index + 1]!.unshift(...run.splice(position, 1))
    }
    runs.forEach((run, index) => planned.set(remaining[index]!, run))
  }
  return {
    weekStart: input.weekStart,
    start: input.start,
    days: days.map((date) => {
      const stops = [
        ...(done.get(date) ?? []),
        ...ordered(input.start, planned.get(date) ?? [], `${seed}:${date}`).map(
          ({ id, name, lon, lat, dueOn: due, done: isDone }) => ({ id, name, lon, lat, dueOn: due, done: isDone }),
        ),
      ]
      return { date, stops, routeMeters: Math.round(routeMeters(input.start, stops)) }
    }),
  }
}
