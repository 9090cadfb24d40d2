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
  const edges = containerEdges(container)
  const pieces = ContainerPieces.of(container)
  return points.map((_, index) => {
    const cell = voronoi.cellPolygon(index) as Position[] | null
    if (!cell) throw new Error(`point ${index} has no Voronoi cell (duplicate point?)`)
    // Most cells lie well inside the container: when no border edge comes near the cell, one vertex
    // decides whether it is wholly inside or wholly outside. Only the others go through clipping.
    const cellBox = boxOf(cell)
    if (!edges.some((edge) => boxesOverlap(edge, cellBox)))
      return multiPolygonContains(container, cell[0]!) ? [[cell]] : []
    return intersection([cell], pieces.around(cellBox)) as MultiPolygon
  })
}

/**
 * The container cut into tiles, so that clipping a cell sweeps only the part of the border near it
 * rather than the whole outline of a county (polyclip-ts is exact but slow per vertex). The cell is
 * convex and inside its bounding box, so cell ∩ container = cell ∩ (container ∩ tiles covering the
 * box). Tiles are cut lazily down a quadtree, each from its parent's piece, so no cut sweeps more
 * of the border than its parent holds.
 */
class ContainerPieces {
  private static readonly depth = 3
  private readonly pieces = new Map<string, MultiPolygon>()
  private readonly west: number
  private readonly south: number
  private readonly width: number
  private readonly height: number

  private constructor(container: MultiPolygon) {
    const box = boundingBox(container)
    // Tile lines start just outside the box so every tile is a proper rectangle.
    const margin = 1e-6
    this.west = box.minLon - margin
    this.south = box.minLat - margin
    this.width = box.maxLon - box.minLon + 2 * margin
    this.height = box.maxLat - box.minLat + 2 * margin
    this.pieces.set('0:0:0', container)
  }

  private static readonly cache = new WeakMap<MultiPolygon, ContainerPieces>()

  /** One set of pieces per container: a county's outline clips both seat cells and village cells. */
  static of(container: MultiPolygon): ContainerPieces {
    let pieces = ContainerPieces.cache.get(container)
    if (!pieces) ContainerPieces.cache.set(container, (pieces = new ContainerPieces(container)))
    return pieces
  }

  around(box: Edge): MultiPolygon {
    const side = 2 ** ContainerPieces.depth
    const index = (value: number, origin: number, extent: number) =>
      Math.min(side - 1, Math.max(0, Math.floor(((value - origin) / extent) * side)))
    const [firstColumn, lastColumn] = [
      index(box.minLon, this.west, this.width),
      index(box.maxLon, this.west, this.width),
    ]
    const [firstRow, lastRow] = [index(box.minLat, this.south, this.height), index(box.maxLat, this.south, this.height)]
    const key = `union:${firstColumn}:${lastColumn}:${firstRow}:${lastRow}`
    let merged = this.pieces.get(key)
    if (!merged) {
      const tiles: MultiPolygon[] = []
      for (let column = firstColumn; column <= lastColumn; column++)
        for (let row = firstRow; row <= lastRow; row++) tiles.push(this.piece(ContainerPieces.depth, column, row))
      const nonEmpty = tiles.filter((tile) => tile.length > 0)
      merged = nonEmpty.length <= 1 ? (nonEmpty[0] ?? []) : (union(nonEmpty[0]!, ...nonEmpty.slice(1)) as MultiPolygon)
      this.pieces.set(key, merged)
    }
    return merged
  }

  private piece(level: number, column: number, row: number): MultiPolygon {
    const key = `${level}:${column}:${row}`
    let piece = this.pieces.get(key)
    if (!piece) {
      const parent = this.piece(level - 1, column >> 1, row >> 1)
      const side = 2 ** level
      const [west, east] = [this.west + (column / side) * this.width, this.west + ((column + 1) / side) * this.width]
      const [south, north] = [this.south + (row / side) * this.height, this.south + ((row + 1) / side) * this.height]
      const rectangle: Position[] = [
        [west, south],
        [east, south],
        [east, north],
        [west, north],
        [west, south],
      ]
      piece = parent.length === 0 ? [] : (intersection(parent, [[rectangle]]) as MultiPolygon)
      this.pieces.set(key, piece)
    }
    return piece
  }
}

interface Edge {
  minLon: number
  minLat: number
  maxLon: number
  maxLat: number
}

function containerEdges(container: MultiPolygon): Edge[] {
  const edges: Edge[] = []
  for (const polygon of container)
    for (const ring of polygon)
      for (let i = 1; i < ring.length; i++) {
        const [a, b] = [ring[i - 1]!, ring[i]!]
        edges.push({
          minLon: Math.min(a[0], b[0]),
          minLat: Math.min(a[1], b[1]),
          maxLon: Math.max(a[0], b[0]),
          maxLat: Math.max(a[1], b[1]),
        })
      }
  return edges
}

function boxOf(ring: Position[]): Edge {
  const box = { minLon: Infinity, minLat: Infinity, maxLon: -Infinity, maxLat: -Infinity }
  for (const [lon, lat] of ring) {
    box.minLon = Math.min(box.minLon, lon)
    box.minLat = Math.min(box.minLat, lat)
    box.maxLon = Math.max(box.maxLon, lon)
    box.maxLat = Math.max(box.maxLat, lat)
  }
  return box
}

/** Conservative: an edge whose box misses the cell's box cannot cross the cell. */
function boxesOverlap(a: Edge, b: Edge): boolean {
  return a.maxLon >= b.minLon && a.minLon <= b.maxLon && a.maxLat >= b.minLat && a.minLat <= b.maxLat
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
