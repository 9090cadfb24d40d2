// Small planar helpers over GeoJSON-style coordinate arrays (longitude, latitude). Good enough
// for placing demo points at county scale; real measurements happen in PostGIS.

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

export function boundingBox(polygons: MultiPolygon): BoundingBox {
  const box = { minLon: Infinity, minLat: Infinity, maxLon: -Infinity, maxLat: -Infinity }
  for (const polygon of polygons)
    for (const [lon, lat] of polygon[0] ?? []) {
      box.minLon = Math.min(box.minLon, lon)
      box.minLat = Math.min(box.minLat, lat)
      box.maxLon = Math.max(box.maxLon, lon)
      box.maxLat = Math.max(box.maxLat, lat)
    }
  return box
}

function ringContains(ring: Ring, [lon, lat]: Position): boolean {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!
    const [xj, yj] = ring[j]!
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

export function multiPolygonContains(polygons: MultiPolygon, point: Position): boolean {
  return polygons.some(
    ([outer, ...holes]) => outer !== undefined && ringContains(outer, point) && !holes.some((hole) => ringContains(hole, point)),
  )
}

const metersPerDegreeLatitude = 111_320

/** Equirectangular distance, adequate within a county. */
export function distanceMeters([lon1, lat1]: Position, [lon2, lat2]: Position): number {
  const meanLatitudeRadians = (((lat1 + lat2) / 2) * Math.PI) / 180
  const dx = (lon2 - lon1) * Math.cos(meanLatitudeRadians) * metersPerDegreeLatitude
  const dy = (lat2 - lat1) * metersPerDegreeLatitude
  return Math.hypot(dx, dy)
}

/** Distance from a point to the nearest edge of any ring. */
export function distanceToBoundaryMeters(polygons: MultiPolygon, point: Position): number {
  let best = Infinity
  for (const polygon of polygons)
    for (const ring of polygon)
      for (let i = 1; i < ring.length; i++) best = Math.min(best, distanceToSegmentMeters(point, ring[i - 1]!, ring[i]!))
  return best
}

function distanceToSegmentMeters(point: Position, start: Position, end: Position): number {
  const scale = Math.cos((point[1] * Math.PI) / 180)
  const [px, py] = [point[0] * scale, point[1]]
  const [ax, ay] = [start[0] * scale, start[1]]
  const [bx, by] = [end[0] * scale, end[1]]
  const lengthSquared = (bx - ax) ** 2 + (by - ay) ** 2
  const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / lengthSquared))
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

/** Approximate area of a ring in square metres (equirectangular), for discarding crumbs. */
export function ringAreaSquareMeters(ring: Position[]): number {
  const metersPerDegree = 111_320
  const scale = Math.cos(((ring[0]?.[1] ?? 0) * Math.PI) / 180)
  let twiceArea = 0
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    twiceArea += ring[j]![0] * scale * ring[i]![1] - ring[i]![0] * scale * ring[j]![1]
  return (Math.abs(twiceArea) / 2) * metersPerDegree ** 2
}
