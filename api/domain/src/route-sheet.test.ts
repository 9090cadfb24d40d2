import { describe, expect, test } from 'vitest'
import {
  amapMarkerUrl,
  clockTime,
  plannedTimes,
  routeGpx,
  splitIntoDays,
  splitIntoDaysByHours,
  toGcj02,
} from './route-sheet.ts'
import { haversineDistanceMeters } from './distance.ts'

const start: [number, number] = [115.573, 35.072]
const stops = Array.from({ length: 7 }, (_, index) => ({
  id: String(index),
  name: `卫生室${index}`,
  lon: 115.6 + index * 0.01,
  lat: 35.1,
}))

describe('route sheet', () => {
  test('planned times: drive at the road factor and speed, stay the service time, drive on; back at the end', () => {
    const timing = {
      startMinute: 8 * 60 + 30,
      serviceMinutesPerStop: 30,
      roadFactor: 1.3,
      travelSpeedKilometersPerHour: 40,
    }
    const day = stops.slice(0, 2)
    const { times, back } = plannedTimes(start, day, timing)
    const drive = (a: [number, number], b: [number, number]) => ((haversineDistanceMeters(a, b) * 1.3) / 1000 / 40) * 60
    const first = 510 + drive(start, [day[0]!.lon, day[0]!.lat])
    expect(times[0]).toEqual({ arrive: Math.round(first), leave: Math.round(first + 30) })
    const second = first + 30 + drive([day[0]!.lon, day[0]!.lat], [day[1]!.lon, day[1]!.lat])
    expect(times[1]).toEqual({ arrive: Math.round(second), leave: Math.round(second + 30) })
    expect(back).toBe(Math.round(second + 30 + drive([day[1]!.lon, day[1]!.lat], start)))
    expect(plannedTimes(start, [], timing)).toEqual({ times: [], back: 510 })
    expect([clockTime(485), clockTime(600), clockTime(1439)]).toEqual(['8:05', '10:00', '23:59'])
  })

  test('days are consecutive runs of the order, none longer than the limit, every stop once', () => {
    const days = splitIntoDays(start, stops, 3)
    expect(days.map((day) => day.stops.map((stop) => stop.id))).toEqual([['0', '1', '2'], ['3', '4', '5'], ['6']])
    expect(days.every((day) => day.distanceMeters > 0)).toBe(true)
  })

  test('days by working hours: each day, drive out and back included, fits the limit; every stop once, in order', () => {
    const workingDay = { maximumHours: 2, serviceMinutesPerStop: 30, roadFactor: 1.3, travelSpeedKilometersPerHour: 40 }
    const days = splitIntoDaysByHours(start, stops, workingDay)
    expect(days.flatMap((day) => day.stops.map((stop) => stop.id))).toEqual(stops.map((stop) => stop.id))
    for (const day of days) {
      const points: [number, number][] = [
        start,
        ...day.stops.map((stop) => [stop.lon, stop.lat] as [number, number]),
        start,
      ]
      let metres = 0
      for (let index = 0; index + 1 < points.length; index++)
        metres += haversineDistanceMeters(points[index]!, points[index + 1]!)
      expect(day.distanceMeters).toBeCloseTo(metres, 3)
      const hours = (metres * 1.3) / 1000 / 40 + (day.stops.length * 30) / 60
      expect(hours <= 2 || day.stops.length === 1).toBe(true)
    }
    // Three half-hour stops plus driving exceed two hours: no day holds four.
    expect(days.every((day) => day.stops.length <= 3)).toBe(true)
  })

  test('GPX: one route per day, from the bureau and back, names escaped', () => {
    const gpx = routeGpx(
      '第一督导组 <12月>',
      { name: '医保局', lon: start[0], lat: start[1] },
      splitIntoDays(start, stops, 4),
    )
    expect(gpx.match(/<rte>/g)).toHaveLength(2)
    expect(gpx.match(/<rtept /g)).toHaveLength(4 + 2 + 3 + 2)
    expect(gpx).toContain('第一督导组 &lt;12月&gt;')
    expect(gpx).toContain('<rtept lat="35.100000" lon="115.600000"><name>卫生室0</name></rtept>')
  })

  test('Amap links carry GCJ-02 coordinates, a few hundred metres from WGS84 here', () => {
    const [lon, lat] = toGcj02(115.6, 35.1)
    const shiftMeters = Math.hypot((lon - 115.6) * 91_000, (lat - 35.1) * 111_000)
    expect(shiftMeters).toBeGreaterThan(200)
    expect(shiftMeters).toBeLessThan(800)
    expect(amapMarkerUrl({ name: '东城社区卫生室', lon: 115.6, lat: 35.1 })).toBe(
      `https://uri.amap.com/marker?position=${lon.toFixed(6)},${lat.toFixed(6)}&name=${encodeURIComponent('东城社区卫生室')}&coordinate=gaode&callnative=1`,
    )
  })
})
