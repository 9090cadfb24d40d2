// Reads the real source files in geodata/sources: the district outline (GCJ-02, converted here to
// WGS84), the statistical divisions and the approximate township seats.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import gcoord from 'gcoord'
import type { MultiPolygon, Polygon, Position } from './planar.ts'

export const sourcesDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../sources')

export interface Division {
  code: string
  name: string
  level: 'county' | 'township' | 'village'
  parentCode: string
}

export interface TownshipSeat {
  code: string
  name: string
  position: Position | null
  confidence: string
  source: string
}

/** Converts a GCJ-02 (Amap / Tencent) position to WGS84. */
export function gcj02ToWgs84(position: Position): Position {
  return gcoord.transform(position, gcoord.GCJ02, gcoord.WGS84) as Position
}

export function readOutlineWgs84(): { name: string; code: string; polygons: MultiPolygon } {
  const collection = JSON.parse(fs.readFileSync(path.join(sourcesDirectory, 'dingtao-outline.geojson'), 'utf8'))
  const feature = collection.features[0]
  const geometry = feature.geometry as { type: 'Polygon' | 'MultiPolygon'; coordinates: Polygon | MultiPolygon }
  const polygons = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as MultiPolygon
  return {
    name: feature.properties.name,
    code: feature.properties.adcode,
    polygons: polygons.map((polygon) => polygon.map((ring) => ring.map(gcj02ToWgs84))),
  }
}

export function readDivisions(): Division[] {
  const [, ...lines] = fs
    .readFileSync(path.join(sourcesDirectory, 'dingtao-divisions.csv'), 'utf8')
    .trim()
    .split(/\r?\n/)
  return lines.map((line) => {
    const [code, name, level, parentCode] = line.split(',') as [string, string, Division['level'], string]
    return { code, name, level, parentCode }
  })
}

export function readTownshipSeats(): TownshipSeat[] {
  const file = JSON.parse(fs.readFileSync(path.join(sourcesDirectory, 'dingtao-township-seats.json'), 'utf8'))
  return file.seats.map(
    (seat: {
      code: string
      name: string
      lon: number | null
      lat: number | null
      confidence: string
      source: string
    }) => ({
      code: seat.code,
      name: seat.name,
      position: seat.lon === null || seat.lat === null ? null : [seat.lon, seat.lat],
      confidence: seat.confidence,
      source: seat.source,
    }),
  )
}
