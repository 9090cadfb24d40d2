// The bureau's calendar: its days, weeks and months run on China Standard Time (UTC+8, no
// daylight saving), whatever time zone the server or the browser is in. Dates are 'YYYY-MM-DD',
// months 'YYYY-MM', both as the bureau writes them; instants are Dates.

const dayMilliseconds = 86_400_000
/** China Standard Time is eight hours ahead of UTC all year. */
const bureauOffsetMilliseconds = 8 * 3_600_000

/** The bureau's calendar day at `instant`. */
export function bureauDate(instant: Date | string): string {
  return new Date(new Date(instant).getTime() + bureauOffsetMilliseconds).toISOString().slice(0, 10)
}

/** The bureau's month at `instant`. */
export function bureauMonth(instant: Date): string {
  return bureauDate(instant).slice(0, 7)
}

/** The bureau's wall-clock time at `instant`: 'YYYY-MM-DD HH:MM:SS' (`precision: 'minute'`: 'YYYY-MM-DD HH:MM'). */
export function bureauClock(instant: Date | string, precision: 'second' | 'minute' = 'second'): string {
  const shifted = new Date(new Date(instant).getTime() + bureauOffsetMilliseconds).toISOString()
  return shifted.replace('T', ' ').slice(0, precision === 'second' ? 19 : 16)
}

/** The instant at `time` ('HH:MM', the bureau's wall clock) on the bureau's day `date`. */
export function bureauInstant(date: string, time = '00:00'): Date {
  return new Date(`${date}T${time}:00+08:00`)
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * dayMilliseconds).toISOString().slice(0, 10)
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
