// The suite's one clock rule: the test database is seeded as of a reference time, and every test
// takes its clock from that time (`seededAt()`, or `testClock()` for an app that runs on), never
// from a fixed date. The reference time is now unless GRIDWATCH_TEST_REFERENCE_TIME moves it: an
// ISO instant ('2027-03-01T10:00:00+08:00') or days from now ('+60d'), so that the suite can be
// run as of another day and prove it does not depend on today's.
import { inject } from 'vitest'
import { addDays, bureauDate, bureauInstant } from '@gridwatch/domain/bureau-calendar.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The reference time the test database was seeded at (ISO). */
    seededAt: string
    /** The real time at which it was seeded (ISO): a test clock runs on from `seededAt` since then. */
    seededAtReal: string
  }
}

/** The reference time of this run, read once by the global set-up. */
export function referenceTimeOf(setting: string | undefined, now: Date): Date {
  if (!setting) return now
  const daysAhead = /^([+-]\d+)d$/.exec(setting)
  if (daysAhead) return new Date(now.getTime() + Number(daysAhead[1]) * 86_400_000)
  const instant = new Date(setting)
  if (Number.isNaN(instant.getTime())) throw new Error(`GRIDWATCH_TEST_REFERENCE_TIME must be an ISO instant or days from now like +60d, not "${setting}"`)
  return instant
}

/** The time the test database was seeded at. */
export function seededAt(): Date {
  return new Date(inject('seededAt'))
}

/** A clock that starts at the seed's time and runs on in real time: the default clock of test apps. */
export function testClock(): () => Date {
  const offsetMilliseconds = Date.parse(inject('seededAt')) - Date.parse(inject('seededAtReal'))
  return () => new Date(Date.now() + offsetMilliseconds)
}

/**
 * The first `weekday` (1 Monday … 7 Sunday) at `time` on the bureau's clock at or after the seed:
 * a test that needs a known weekday and hour (working hours, a week's plan) takes it from here.
 */
export function bureauWeekdayAfterSeed(weekday: number, time: string): Date {
  const seeded = seededAt()
  for (let days = 0; ; days++) {
    const date = addDays(bureauDate(seeded), days)
    const candidate = bureauInstant(date, time)
    if (((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1 === weekday && candidate >= seeded) return candidate
  }
}
