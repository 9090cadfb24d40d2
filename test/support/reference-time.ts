// The suite's one clock rule: the test database is seeded as of the moment the run starts, and a
// test that needs a known day or hour takes it from that moment (`seededAt()`,
// `bureauWeekdayAfterSeed()`), never from a fixed date, so that the suite passes on any day. The
// proof runs the suite with the whole process clock moved (`faketime`, see README): server,
// embedded database and tests move together.
import { inject } from 'vitest'
import { addDays, bureauDate, bureauInstant, mondayOf } from '@gridwatch/domain/bureau-calendar.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The moment the test database was seeded (ISO). */
    seededAt: string
  }
}

/** The moment the test database was seeded. */
export function seededAt(): Date {
  return new Date(inject('seededAt'))
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
    if (date === addDays(mondayOf(date), weekday - 1) && candidate >= seeded) return candidate
  }
}
