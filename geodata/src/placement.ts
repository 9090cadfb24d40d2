// Deterministic placement of demo points inside areas: uniformly at random, or spread out by
// Mitchell's best-candidate rule the way settlements spread over a township.
import {
  boundingBox,
  distanceMeters,
  distanceToBoundaryMeters,
  multiPolygonContains,
  roundPosition,
  type MultiPolygon,
  type Position,
} from './planar.ts'
import type { RandomSource } from '@gridwatch/domain/seeded-random.ts'

/** A random point inside `area` at least `marginMeters` from its border, optionally near `around`. */
export function randomPointInside(
  random: RandomSource,
  area: MultiPolygon,
  marginMeters: number,
  around?: { centre: Position; radiusMeters: number },
): Position {
  const box = boundingBox(area)
  for (let attempt = 0; attempt < 10_000; attempt++) {
    let position: Position
    if (around) {
      const angle = random() * 2 * Math.PI
      const radius = Math.sqrt(random()) * around.radiusMeters
      const latitudeRadians = (around.centre[1] * Math.PI) / 180
      position = [
        around.centre[0] + (Math.cos(angle) * radius) / (111_320 * Math.cos(latitudeRadians)),
        around.centre[1] + (Math.sin(angle) * radius) / 111_320,
      ]
    } else {
      position = [box.minLon + random() * (box.maxLon - box.minLon), box.minLat + random() * (box.maxLat - box.minLat)]
    }
    if (
      multiPolygonContains(area, position) &&
      (marginMeters <= 0 || distanceToBoundaryMeters(area, position) >= marginMeters)
    )
      return position
  }
  throw new Error('could not place a point inside the area')
}

/** Mitchell's best candidate: spreads villages out like real settlements rather than in clumps. */
export function bestCandidate(
  random: RandomSource,
  area: MultiPolygon,
  taken: Position[],
  around?: { centre: Position; radiusMeters: number },
  candidates = 12,
  marginMeters = 300,
): Position {
  let best: { position: Position; distance: number } | undefined
  for (let candidate = 0; candidate < candidates; candidate++) {
    const position = randomPointInside(random, area, marginMeters, around)
    const distance = taken.length === 0 ? Infinity : Math.min(...taken.map((other) => distanceMeters(other, position)))
    if (!best || distance > best.distance) best = { position, distance }
  }
  return roundPosition(best!.position)
}
