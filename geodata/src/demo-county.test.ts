// The builder is deterministic and the committed output is what it builds; the missing seat is
// placed by its rule.
import crypto from 'node:crypto'
import fs from 'node:fs'
import { expect, test } from 'vitest'
import { buildDemoCounty, estimateSeat } from './demo-county.ts'
import { demoCountyPath } from './index.ts'
import { multiPolygonContains } from './planar.ts'
import { readOutlineWgs84, readTownshipSeats } from './sources.ts'

const digest = (text: string) => crypto.createHash('sha256').update(text).digest('hex')

test('building twice gives the committed file byte for byte', () => {
  const first = JSON.stringify(buildDemoCounty())
  expect(digest(JSON.stringify(buildDemoCounty()))).toBe(digest(first))
  expect(digest(fs.readFileSync(demoCountyPath, 'utf8'))).toBe(digest(first))
})

test('the outline is converted from GCJ-02: about half a kilometre south-west of the raw file', () => {
  const raw = JSON.parse(fs.readFileSync(new URL('../sources/dingtao-outline.geojson', import.meta.url), 'utf8'))
  const [rawLon, rawLat] = raw.features[0].geometry.coordinates[0][0]
  const [lon, lat] = readOutlineWgs84().polygons[0]![0]![0]!
  const shiftMeters = Math.hypot((rawLon - lon) * 91_000, (rawLat - lat) * 111_000)
  expect(shiftMeters).toBeGreaterThan(400)
  expect(shiftMeters).toBeLessThan(800)
  expect(rawLon - lon).toBeGreaterThan(0)
})

test('冉堌镇’s estimated seat lies in the south-east, inside the outline, far from the other seats', () => {
  const outline = readOutlineWgs84().polygons
  const known = readTownshipSeats().flatMap((seat) => (seat.position ? [seat.position] : []))
  const seat = estimateSeat(outline, known)
  const county = buildDemoCounty()
  const ranGu = county.grids.find((grid) => grid.code === '371703102')!
  expect(ranGu.seatEstimated).toBe(true)
  expect(ranGu.seat).toEqual(seat)
  expect(multiPolygonContains(outline, seat)).toBe(true)
  const centreLon = known.reduce((sum, [lon]) => sum + lon, 0) / known.length
  const centreLat = known.reduce((sum, [, lat]) => sum + lat, 0) / known.length
  expect(seat[0]).toBeGreaterThan(centreLon)
  expect(seat[1]).toBeLessThan(centreLat)
  expect(county.grids.filter((grid) => grid.seatEstimated)).toHaveLength(1)
})
