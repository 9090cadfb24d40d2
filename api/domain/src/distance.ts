// Great-circle distance on the WGS84 mean sphere (turf's haversine): what "straight-line" means
// in route lengths. Measured before the swap: a 200-stop distance matrix takes 2.4 ms with turf
// against 0.7 ms hand-written, with identical figures; the optimiser runs for ~100 ms.
import distance from '@turf/distance'

export function haversineDistanceMeters(a: [number, number], b: [number, number]): number {
  return distance(a, b, { units: 'meters' })
}
