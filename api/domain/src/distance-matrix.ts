// The distances a visiting-order search works on: a symmetric matrix of straight-line metres
// between the stops, tour lengths over it, a nearest-neighbour starting tour and each stop's
// nearest neighbours (the candidates of the local search in route-order.ts).
import { haversineDistanceMeters } from './distance.ts'

/** A symmetric distance matrix, row-major. */
export interface DistanceMatrix {
  size: number
  values: Float64Array
}

export function distanceMatrix(points: readonly [number, number][]): DistanceMatrix {
  const size = points.length
  const values = new Float64Array(size * size)
  for (let i = 0; i < size; i++)
    for (let j = i + 1; j < size; j++) {
      const distance = haversineDistanceMeters(points[i]!, points[j]!)
      values[i * size + j] = distance
      values[j * size + i] = distance
    }
  return { size, values }
}

export function tourLength(matrix: DistanceMatrix, tour: readonly number[]): number {
  let length = 0
  for (let index = 0; index < tour.length; index++)
    length += matrix.values[tour[index]! * matrix.size + tour[(index + 1) % tour.length]!]!
  return length
}

export function nearestNeighbourTour(matrix: DistanceMatrix, first = 0): number[] {
  const { size, values } = matrix
  const visited = new Uint8Array(size)
  const tour = [first]
  visited[first] = 1
  let current = first
  for (let step = 1; step < size; step++) {
    let best = -1
    let bestDistance = Infinity
    for (let candidate = 0; candidate < size; candidate++) {
      if (visited[candidate]) continue
      const distance = values[current * size + candidate]!
      if (distance < bestDistance) [best, bestDistance] = [candidate, distance]
    }
    tour.push(best)
    visited[best] = 1
    current = best
  }
  return tour
}

/** Each node's nearest `neighbourCount` others, nearest first (a top-k insertion, not a full sort per node). */
export function neighbourLists(matrix: DistanceMatrix, neighbourCount: number): Int32Array[] {
  const { size, values } = matrix
  const count = Math.min(neighbourCount, size - 1)
  const lists: Int32Array[] = []
  const nearest = new Int32Array(count)
  const distances = new Float64Array(count)
  for (let node = 0; node < size; node++) {
    let filled = 0
    for (let other = 0; other < size; other++) {
      if (other === node) continue
      const distance = values[node * size + other]!
      if (filled === count && distance >= distances[count - 1]!) continue
      let at = filled < count ? filled++ : count - 1
      while (at > 0 && distances[at - 1]! > distance) {
        distances[at] = distances[at - 1]!
        nearest[at] = nearest[at - 1]!
        at--
      }
      distances[at] = distance
      nearest[at] = other
    }
    lists.push(nearest.slice(0, count))
  }
  return lists
}
