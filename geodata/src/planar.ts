// Geometry helpers over GeoJSON-style coordinate arrays (longitude, latitude) for the node scripts
// that build the demo data: turf does the measuring; rounding for PostGIS is ours (turf has
// nothing that drops the spikes rounding leaves). Real measurements happen in PostGIS.
import area from '@turf/area'
import bbox from '@turf/bbox'
import booleanPointInPolygon from '@turf/boolean-point-in-polygon'
import distance from '@turf/distance'
import { multiPolygon, polygon } from '@turf/helpers'

export type Position = [number, number]
export type Ring = Position[]
export type Polygon = Ring[]
export type MultiPolygon = Polygon[]

export interface BoundingBox {
  minLon: number
  minLat: number
  maxLon: number
  maxLat: number
}

/** The box around the polygons' outer rings (holes lie inside them). */
export function boundingBox(polygons: MultiPolygon): BoundingBox {
  const [minLon, minLat, maxLon, maxLat] = bbox(multiPolygon(polygons.map((polygon) => polygon.slice(0, 1))))
  return { minLon, minLat, maxLon, maxLat }
}

export function multiPolygonContains(polygons: MultiPolygon, point: Position): boolean {
  return booleanPointInPolygon(point, multiPolygon(polygons))
}

/** Great-circle distance in metres. */
export function distanceMeters(from: Position, to: Position): number {
  return distance(from, to, { units: 'meters' })
}

/**
 * Distance in metres from a point to the nearest edge of any ring. Hand-written: turf's
 * pointToLineDistance measures each segment on the sphere and made the demo build 30 times slower
 * (38 s instead of 1.3 s) for a margin test where a local flat projection is exact enough.
 */
export function distanceToBoundaryMeters(polygons: MultiPolygon, point: Position): number {
  let best = Infinity
  for (const polygon of polygons)
    for (const ring of polygon)
      for (let i = 1; i < ring.length; i++)
        best = Math.min(best, distanceToSegmentMeters(point, ring[i - 1]!, ring[i]!))
  return best
}

const metersPerDegreeLatitude = 111_320

function distanceToSegmentMeters(point: Position, start: Position, end: Position): number {
  const scale = Math.cos((point[1] * Math.PI) / 180)
  const [px, py] = [point[0] * scale, point[1]]
  const [ax, ay] = [start[0] * scale, start[1]]
  const [bx, by] = [end[0] * scale, end[1]]
  const lengthSquared = (bx - ax) ** 2 + (by - ay) ** 2
  const t =
    lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / lengthSquared))
  return Math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay))) * metersPerDegreeLatitude
}

export function roundPosition([lon, lat]: Position, decimals = 6): Position {
  const factor = 10 ** decimals
  return [Math.round(lon * factor) / factor, Math.round(lat * factor) / factor]
}

/**
 * Rounds every vertex to 1e-7 degrees (about 1 cm) and drops repeated vertices. Neighbouring cells
 * that share a vertex share its rounded value too, so shared edges stay shared; PostGIS unions
 * them with the same grid size (ST_UnaryUnion(…, 1e-7)), which is exact on such input. Rounding
 * can collapse a sliver into a spike (…a, b, a…) or a ring into a line: spikes are cut off and
 * rings left with fewer than three corners dropped, since GEOS rejects such rings outright.
 */
export function roundMultiPolygon(polygons: MultiPolygon): MultiPolygon {
  const result: MultiPolygon = []
  for (const polygon of polygons) {
    const [outer, ...holes] = polygon.map((ring) => withoutSpikes(ring.map((position) => roundPosition(position, 7))))
    if (!outer || outer.length === 0) continue
    result.push([outer, ...holes.filter((hole) => hole.length > 0)])
  }
  return result
}

/** The ring, closed, without repeated vertices or spikes; empty when fewer than three corners remain. */
function withoutSpikes(ring: Ring): Ring {
  const same = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1]
  const open = ring.slice(0, ring.length > 1 && same(ring[0]!, ring[ring.length - 1]!) ? -1 : undefined)
  const kept: Position[] = []
  for (const position of open) {
    if (kept.length > 0 && same(kept[kept.length - 1]!, position)) continue
    // a, b, a: b is the tip of a spike; drop it and the repeated a.
    if (kept.length > 1 && same(kept[kept.length - 2]!, position)) {
      kept.pop()
      continue
    }
    kept.push(position)
  }
  // The same at the seam where the ring closes.
  while (kept.length > 2) {
    if (same(kept[0]!, kept[kept.length - 1]!)) kept.pop()
    else if (same(kept[1]!, kept[kept.length - 1]!)) {
      kept.shift()
      kept.pop()
    } else if (same(kept[0]!, kept[kept.length - 2]!)) kept.splice(-2, 2)
    else break
  }
  return kept.length < 3 ? [] : [...kept, kept[0]!]
}

/** Area of a ring in square metres (on the sphere), for discarding crumbs. */
export function ringAreaSquareMeters(ring: Position[]): number {
  return area(polygon([ring]))
}
