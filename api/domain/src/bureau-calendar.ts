// The bureau's calendar: its days, weeks and months run in the county's time zone (its settings'
// `timeZone`, China Standard Time by default: UTC+8 all year), whatever time zone the server or the
// browser is in. Dates are 'YYYY-MM-DD', months 'YYYY-MM', both as the bureau writes them; instants
// are Dates. Day counts are calendar days in that zone: a deadline of yesterday is one day late
// however late in the day it fell, one of today has 0 days left until midnight.

const dayMilliseconds = 86_400_000

/** The time zone a county's calendar runs in unless its settings name another (IANA name). */
export const bureauTimeZone = 'Asia/Shanghai'
/** China Standard Time is eight hours ahead of UTC all year: no zone database needed for it. */
const chinaOffsetMilliseconds = 8 * 3_600_000

const zoneFormats = new Map<string, Intl.DateTimeFormat>()

/** Whether `timeZone` is an IANA time zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone })
    return true
  } catch {
    return false
  }
}

/** How far the wall clock in `timeZone` runs ahead of UTC at `epochMilliseconds`. */
function offsetMilliseconds(epochMilliseconds: number, timeZone: string): number {
  if (timeZone === bureauTimeZone) return chinaOffsetMilliseconds
  let format = zoneFormats.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    zoneFormats.set(timeZone, format)
  }
  const part = Object.fromEntries(format.formatToParts(epochMilliseconds).map(({ type, value }) => [type, value]))
  const wall = Date.UTC(+part.year!, +part.month! - 1, +part.day!, +part.hour!, +part.minute!, +part.second!)
  return wall - Math.floor(epochMilliseconds / 1000) * 1000
}

/** The wall clock in `timeZone` at `instant`, as an ISO string without its zone. */
function wallClock(instant: Date | string, timeZone: string): string {
  const epoch = new Date(instant).getTime()
  return new Date(epoch + offsetMilliseconds(epoch, timeZone)).toISOString()
}

/** The bureau's calendar day at `instant`. */
export function bureauDate(instant: Date | string, timeZone = bureauTimeZone): string {
  return wallClock(instant, timeZone).slice(0, 10)
}

/** The bureau's month at `instant`. */
export function bureauMonth(instant: Date, timeZone = bureauTimeZone): string {
  return bureauDate(instant, timeZone).slice(0, 7)
}

/** The bureau's wall-clock time at `instant`: 'YYYY-MM-DD HH:MM:SS' (`precision: 'minute'`: 'YYYY-MM-DD HH:MM'). */
export function bureauClock(
  instant: Date | string,
  precision: 'second' | 'minute' = 'second',
  timeZone = bureauTimeZone,
): string {
  return wallClock(instant, timeZone)
    .replace('T', ' ')
    .slice(0, precision === 'second' ? 19 : 16)
}

/** The instant at `time` ('HH:MM', the bureau's wall clock) on the bureau's day `date`. */
export function bureauInstant(date: string, time = '00:00', timeZone = bureauTimeZone): Date {
  const wall = Date.parse(`${date}T${time}:00Z`)
  // The offset at the wall time read as UTC is right except within hours of a daylight-saving change; one more step settles it.
  const first = wall - offsetMilliseconds(wall, timeZone)
  return new Date(wall - offsetMilliseconds(first, timeZone))
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * dayMilliseconds).toISOString().slice(0, 10)
}

/** The last moment of the bureau's day `date`: something due that day is on time until its midnight. */
export function endOfBureauDay(date: string, timeZone = bureauTimeZone): Date {
  return new Date(bureauInstant(addDays(date, 1), '00:00', timeZone).getTime() - 1)
}

/** A due date `days` calendar days after the bureau's day of `from`, as the last moment of that day. */
export function dueAfterDays(from: Date, days: number, timeZone = bureauTimeZone): Date {
  return endOfBureauDay(addDays(bureauDate(from, timeZone), days), timeZone)
}

/** Calendar days from the day `from` to the day `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMilliseconds)
}

/**
 * Calendar days left until the bureau's day of `due`, seen at `now`: 0 when due today, negative
 * when past (-1: due yesterday, one day overdue).
 */
export function daysUntil(due: Date | string, now: Date, timeZone = bureauTimeZone): number {
  return daysBetween(bureauDate(now, timeZone), bureauDate(due, timeZone))
}

/** Calendar days since the bureau's day of `past`, seen at `now` (0 on the same day). */
export function daysSince(past: Date | string, now: Date, timeZone = bureauTimeZone): number {
  return daysBetween(bureauDate(past, timeZone), bureauDate(now, timeZone))
}

/** The bureau's day number (days since 1970-01-01 in its zone) of an instant given in whole minutes since the epoch. */
export function bureauDayOfMinute(minute: number, timeZone = bureauTimeZone): number {
  const epoch = minute * 60_000
  return Math.floor((epoch + offsetMilliseconds(epoch, timeZone)) / dayMilliseconds)
}

/** The month `months` after `month` (negative: before). */
export function addMonths(month: string, months: number): string {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number]
  return new Date(Date.UTC(year, monthNumber - 1 + months, 1)).toISOString().slice(0, 7)
}

/** The first day of `month`. */
export function firstDayOfMonth(month: string): string {
  return `${month}-01`
}

/** The Monday of the week holding `date`. */
export function mondayOf(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay()
  return addDays(date, -((weekday + 6) % 7))
}

export function lastDayOfMonth(month: string): string {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number]
  return new Date(Date.UTC(year, monthNumber, 0)).toISOString().slice(0, 10)
}
