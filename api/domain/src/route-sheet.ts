// What a team takes into the field: the optimised order split into days, a GPX file for any
// navigation device, and per-stop links that open Amap (高德) — which expects GCJ-02, the offset
// system of Chinese web maps, so WGS84 positions are converted first (unconverted they land a few
// hundred metres off).
import gcoord from 'gcoord'
import { haversineDistanceMeters } from './distance.ts'

export interface SheetStop {
  id: string
  name: string
  lon: number
  lat: number
}

export interface RouteDay {
  day: number
  stops: SheetStop[]
  /** Straight-line metres from the start through the day's stops and back. */
  distanceMeters: number
}

/** Straight-line metres from the start through the stops and back. */
export function dayDistanceMeters(start: [number, number], stops: readonly { lon: number; lat: number }[]): number {
  const points: [number, number][] = [start, ...stops.map((stop) => [stop.lon, stop.lat] as [number, number]), start]
  let distanceMeters = 0
  for (let step = 0; step + 1 < points.length; step++)
    distanceMeters += haversineDistanceMeters(points[step]!, points[step + 1]!)
  return distanceMeters
}

/** Consecutive runs of the tour, at most `stopsPerDay` each; every day starts and ends at the start. */
export function splitIntoDays(start: [number, number], ordered: readonly SheetStop[], stopsPerDay: number): RouteDay[] {
  const perDay = Math.max(1, Math.floor(stopsPerDay))
  const days: RouteDay[] = []
  for (let index = 0; index < ordered.length; index += perDay) {
    const stops = ordered.slice(index, index + perDay)
    days.push({ day: days.length + 1, stops, distanceMeters: dayDistanceMeters(start, stops) })
  }
  return days
}

/** How a working day is estimated: straight-line metres × road factor at a travel speed, plus time at each stop. */
export interface WorkingDay {
  maximumHours: number
  serviceMinutesPerStop: number
  roadFactor: number
  travelSpeedKilometersPerHour: number
}

/**
 * Consecutive runs of the tour that fit a working day, counting the drive out from the start and
 * back; a stop that alone does not fit still gets a day of its own.
 */
export function splitIntoDaysByHours(
  start: [number, number],
  ordered: readonly SheetStop[],
  workingDay: WorkingDay,
): RouteDay[] {
  const hoursFor = (metres: number, stops: number) =>
    (metres * workingDay.roadFactor) / 1000 / workingDay.travelSpeedKilometersPerHour +
    (stops * workingDay.serviceMinutesPerStop) / 60
  const days: RouteDay[] = []
  let current: SheetStop[] = []
  let travelled = 0
  let last: [number, number] = start
  const close = () => {
    if (current.length === 0) return
    days.push({
      day: days.length + 1,
      stops: current,
      distanceMeters: travelled + haversineDistanceMeters(last, start),
    })
    current = []
    travelled = 0
    last = start
  }
  for (const stop of ordered) {
    const at: [number, number] = [stop.lon, stop.lat]
    const withStop = travelled + haversineDistanceMeters(last, at)
    if (
      current.length > 0 &&
      hoursFor(withStop + haversineDistanceMeters(at, start), current.length + 1) > workingDay.maximumHours
    ) {
      close()
      travelled = haversineDistanceMeters(start, at)
    } else travelled = withStop
    current.push(stop)
    last = at
  }
  close()
  return days
}

const escapeXml = (text: string) =>
  text.replace(
    /[<>&'"]/g,
    (character) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[character]!,
  )

/** A GPX 1.1 file with one route per day, WGS84 as GPX requires. */
export function routeGpx(
  title: string,
  start: { name: string; lon: number; lat: number },
  days: readonly RouteDay[],
): string {
  const point = (stop: { name: string; lon: number; lat: number }) =>
    `    <rtept lat="${stop.lat.toFixed(6)}" lon="${stop.lon.toFixed(6)}"><name>${escapeXml(stop.name)}</name></rtept>`
  const routes = days.map(
    (day) =>
      `  <rte>\n    <name>${escapeXml(`${title} · ${day.day}`)}</name>\n${[start, ...day.stops, start].map(point).join('\n')}\n  </rte>`,
  )
  return `<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="gridwatch" xmlns="http://www.topografix.com/GPX/1/1">\n  <metadata><name>${escapeXml(title)}</name></metadata>\n${routes.join('\n')}\n</gpx>\n`
}

/** WGS84 → GCJ-02 [lon, lat]. */
export function toGcj02(lon: number, lat: number): [number, number] {
  const [gcjLon, gcjLat] = gcoord.transform([lon, lat], gcoord.WGS84, gcoord.GCJ02) as [number, number]
  return [gcjLon, gcjLat]
}

/** Opens the stop in Amap (web or app) as a marker, in the GCJ-02 coordinates Amap expects. */
export function amapMarkerUrl(stop: { name: string; lon: number; lat: number }): string {
  const [lon, lat] = toGcj02(stop.lon, stop.lat)
  return `https://uri.amap.com/marker?position=${lon.toFixed(6)},${lat.toFixed(6)}&name=${encodeURIComponent(stop.name)}&coordinate=gaode&callnative=1`
}

/** Amap's navigation from where the phone stands to the stop (GCJ-02, as Amap expects). */
export function amapNavigationUrl(stop: { name: string; lon: number; lat: number }): string {
  const [lon, lat] = toGcj02(stop.lon, stop.lat)
  return `https://uri.amap.com/navigation?to=${lon.toFixed(6)},${lat.toFixed(6)},${encodeURIComponent(stop.name)}&mode=car&coordinate=gaode&callnative=1`
}

/** The saved days of a round, or days of the saved (else eight) stops each; stops added after planning make the last days. */
export function dayLengthsOf(stops: number, route: { stopsPerDay: number; dayLengths?: number[] } | null): number[] {
  const perDay = route?.stopsPerDay ?? 8
  const lengths: number[] = []
  let left = stops
  for (const length of route?.dayLengths ?? []) {
    if (left <= 0) break
    lengths.push(Math.min(length, left))
    left -= length
  }
  for (; left > 0; left -= perDay) lengths.push(Math.min(perDay, left))
  return lengths
}

/** How a printed day is timed: leave the start at `startMinute` (minutes after midnight), drive, stay, drive on. */
export interface DayTiming {
  startMinute: number
  serviceMinutesPerStop: number
  roadFactor: number
  travelSpeedKilometersPerHour: number
}

/** Planned arrival and departure at each stop of a day (minutes after midnight), and the return to the start. */
export function plannedTimes(
  start: [number, number],
  stops: readonly { lon: number; lat: number }[],
  timing: DayTiming,
): { times: { arrive: number; leave: number }[]; back: number } {
  const driveMinutes = (from: [number, number], to: [number, number]) =>
    ((haversineDistanceMeters(from, to) * timing.roadFactor) / 1000 / timing.travelSpeedKilometersPerHour) * 60
  let clock = timing.startMinute
  let at = start
  const times = stops.map((stop) => {
    const next: [number, number] = [stop.lon, stop.lat]
    const arrive = clock + driveMinutes(at, next)
    clock = arrive + timing.serviceMinutesPerStop
    at = next
    return { arrive: Math.round(arrive), leave: Math.round(clock) }
  })
  return { times, back: Math.round(clock + driveMinutes(at, start)) }
}

/** 8:05 for 485. */
export const clockTime = (minute: number) => `${Math.floor(minute / 60) % 24}:${String(minute % 60).padStart(2, '0')}`
