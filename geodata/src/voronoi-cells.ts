// Voronoi cells of a set of points, clipped to a containing area. Neighbouring cells are built
// from the same Delaunay circumcentres, so they share their edges exactly: no gaps, no overlaps.
import { Delaunay } from 'd3-delaunay'
import { intersection, union } from 'polyclip-ts'
import { boundingBox, multiPolygonContains, ringAreaSquareMeters, type MultiPolygon, type Position } from './planar.ts'

export function clippedVoronoiCells(points: Position[], container: MultiPolygon): MultiPolygon[] {
  const box = boundingBox(container)
  const padding = Math.max(box.maxLon - box.minLon, box.maxLat - box.minLat)
  if (points.length === 1) return [container]
  const voronoi = Delaunay.from(points).voronoi([
    box.minLon - padding,
    box.minLat - padding,
    box.maxLon + padding,
    box.maxLat + padding,
  ])
  return points.map((_, index) => {
    const cell = voronoi.cellPolygon(index) as Position[] | null
    if (!cell) throw new Error(`point ${index} has no Voronoi cell (duplicate point?)`)
    return intersection([cell], container) as MultiPolygon
  })
}

/**
 * Clipping a Voronoi cell to a concave outline can cut it into several pieces. Keeps the piece
 * that holds the cell's own point and hands every other piece to the neighbouring cell that shares
 * the most vertices with it, so that each cell is one contiguous polygon.
 */
export function mergeDetachedParts(cells: MultiPolygon[], points: Position[]): MultiPolygon[] {
  const result = cells.map((cell) => [...cell])
  const key = ([lon, lat]: Position) => `${lon},${lat}`
  cells.forEach((cell, index) => {
    if (cell.length < 2) return
    const home = cell.find((part) => multiPolygonContains([part], points[index]!)) ?? cell[0]!
    result[index] = [home]
    for (const part of cell) {
      if (part === home) continue
      // Crumbs left by clipping at the outline (whose own precision is about 100 m) are dropped.
      if (ringAreaSquareMeters(part[0]!) < 100) continue
      const vertices = new Set(part[0]!.map(key))
      let best = { neighbour: -1, shared: 1 }
      result.forEach((other, otherIndex) => {
        if (otherIndex === index) return
        const shared = other.flatMap((polygon) => polygon[0]!).filter((vertex) => vertices.has(key(vertex))).length
        if (shared > best.shared) best = { neighbour: otherIndex, shared }
      })
      // A crumb may touch its neighbour along part of an edge without sharing a vertex.
      if (best.neighbour < 0) best.neighbour = nearestCell(result, index, part[0]!)
      result[best.neighbour] = union(result[best.neighbour]!, [part]) as MultiPolygon
    }
  })
  return result
}

function nearestCell(cells: MultiPolygon[], exclude: number, ring: Position[]): number {
  let best = { index: -1, distance: Infinity }
  cells.forEach((cell, index) => {
    if (index === exclude) return
    for (const polygon of cell)
      for (const [lon, lat] of polygon[0]!)
        for (const [ringLon, ringLat] of ring) {
          const distance = (lon - ringLon) ** 2 + (lat - ringLat) ** 2
          if (distance < best.distance) best = { index, distance }
        }
  })
  return best.index
}
