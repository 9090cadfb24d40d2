// Live workload metrics of a grid plan, the Districtr idea with our workload instead of
// population: per grid the institutions, villages, area, the farthest institution from the grid's
// centre, an approximate weekly visiting tour, the grid staff, and whether the grid is in one
// piece; per zone the same summed over its grids; across grids and zones the balance as
// coefficients of variation. Pure and cheap (linear in villages
// and institutions), so the planner recomputes everything on every edit.
import { haversineDistanceMeters } from './distance.ts'

export interface PlanVillage {
  id: number
  seat: [number, number]
  squareKm: number
}

export interface PlanInstitution {
  id: number
  villageId: number | null
  position: [number, number]
}

export interface PlanGrid {
  key: string
  gridId: number | null
  villageIds: readonly number[]
  /** The zone (片区) the grid belongs to; grids without one are summed under null. */
  zoneId?: number | null
}

export interface GridMetrics {
  key: string
  institutions: number
  villages: number
  squareKm: number
  /** Straight line from the grid's centre (mean of its institutions, else of its villages) to its farthest institution. */
  farthestKm: number
  /** A visiting tour through every institution (Beardwood–Halton–Hammersley: 0.7124·√(n·A)) times the road factor. */
  tourKm: number
  staff: { level1: number; level2: number; level3: number }
  /** Connected pieces by shared village boundaries; more than one is flagged. */
  pieces: number
}

/** A zone's grids summed: what a supervision team takes on when the rotation sends it there. */
export interface ZoneMetrics {
  zoneId: number | null
  grids: number
  institutions: number
  villages: number
  squareKm: number
  /** The zone's grid tours added up. */
  tourKm: number
  staff: { level1: number; level2: number; level3: number }
  /** Tour kilometres per level-3 member of the zone's grids (null without one). */
  tourPerMemberKm: number | null
}

export interface PlanMetrics {
  grids: GridMetrics[]
  /** Per zone, in the order zones first appear among the grids. */
  zones: ZoneMetrics[]
  /** Coefficient of variation of institutions per zone. */
  zoneInstitutionsCv: number
  /** Coefficient of variation of institutions per grid (0 = perfectly even). */
  institutionsCv: number
  /** Coefficient of variation of tour length per level-3 member, over grids that have one. */
  tourPerMemberCv: number
  unassignedVillages: number
}

export const roadFactor = 1.3

/** Villages, their neighbours, institutions by village and staff by grid, indexed once per data set. */
export interface PlanIndex {
  villages: Map<number, PlanVillage>
  neighbours: Map<number, number[]>
  institutionsByVillage: Map<number, PlanInstitution[]>
  staffByGrid: Map<number, { level: number; count: number }[]>
}

export function indexPlan(
  villages: readonly PlanVillage[],
  adjacency: readonly (readonly [number, number])[],
  institutions: readonly PlanInstitution[],
  staff: readonly { gridId: number; level: number; count: number }[],
): PlanIndex {
  const neighbours = new Map<number, number[]>(villages.map((village) => [village.id, []]))
  for (const [a, b] of adjacency) {
    neighbours.get(a)?.push(b)
    neighbours.get(b)?.push(a)
  }
  const institutionsByVillage = new Map<number, PlanInstitution[]>()
  for (const institution of institutions) {
    if (institution.villageId === null) continue
    const list = institutionsByVillage.get(institution.villageId)
    if (list) list.push(institution)
    else institutionsByVillage.set(institution.villageId, [institution])
  }
  const staffByGrid = new Map<number, { level: number; count: number }[]>()
  for (const entry of staff) {
    const list = staffByGrid.get(entry.gridId)
    if (list) list.push(entry)
    else staffByGrid.set(entry.gridId, [entry])
  }
  return {
    villages: new Map(villages.map((village) => [village.id, village])),
    neighbours,
    institutionsByVillage,
    staffByGrid,
  }
}

/** Connected pieces of a set of areas (villages, grids) under a neighbour relation. */
export function connectedPieces(ids: Iterable<number>, neighbours: ReadonlyMap<number, readonly number[]>): number {
  const members = new Set(ids)
  const seen = new Set<number>()
  let pieces = 0
  for (const start of members) {
    if (seen.has(start)) continue
    pieces++
    seen.add(start)
    const stack = [start]
    while (stack.length > 0) {
      const village = stack.pop()!
      for (const next of neighbours.get(village) ?? [])
        if (members.has(next) && !seen.has(next)) {
          seen.add(next)
          stack.push(next)
        }
    }
  }
  return pieces
}

function coefficientOfVariation(values: readonly number[]): number {
  if (values.length < 2) return 0
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length
  if (mean === 0) return 0
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length
  return Math.sqrt(variance) / mean
}

export function gridMetrics(grid: PlanGrid, index: PlanIndex): GridMetrics {
  let squareKm = 0
  const institutions: PlanInstitution[] = []
  let seatLon = 0
  let seatLat = 0
  for (const villageId of grid.villageIds) {
    const village = index.villages.get(villageId)
    if (!village) continue
    squareKm += village.squareKm
    seatLon += village.seat[0]
    seatLat += village.seat[1]
    for (const institution of index.institutionsByVillage.get(villageId) ?? []) institutions.push(institution)
  }
  let centre: [number, number] =
    grid.villageIds.length > 0 ? [seatLon / grid.villageIds.length, seatLat / grid.villageIds.length] : [0, 0]
  if (institutions.length > 0)
    centre = [
      institutions.reduce((sum, institution) => sum + institution.position[0], 0) / institutions.length,
      institutions.reduce((sum, institution) => sum + institution.position[1], 0) / institutions.length,
    ]
  let farthestKm = 0
  for (const institution of institutions)
    farthestKm = Math.max(farthestKm, haversineDistanceMeters(centre, institution.position) / 1000)
  const staff = { level1: 0, level2: 0, level3: 0 }
  for (const entry of grid.gridId === null ? [] : (index.staffByGrid.get(grid.gridId) ?? [])) {
    if (entry.level === 1) staff.level1 += entry.count
    else if (entry.level === 2) staff.level2 += entry.count
    else staff.level3 += entry.count
  }
  return {
    key: grid.key,
    institutions: institutions.length,
    villages: grid.villageIds.length,
    squareKm: Math.round(squareKm * 10) / 10,
    farthestKm: Math.round(farthestKm * 10) / 10,
    tourKm: Math.round(0.7124 * Math.sqrt(institutions.length * squareKm) * roadFactor * 10) / 10,
    staff,
    pieces: connectedPieces(grid.villageIds, index.neighbours),
  }
}

/**
 * Metrics per grid object: an edit replaces only the grids it changes (the editor keeps the others
 * as they were), so only those are recomputed.
 */
const computed = new WeakMap<PlanIndex, WeakMap<PlanGrid, GridMetrics>>()

export function planMetrics(grids: readonly PlanGrid[], index: PlanIndex): PlanMetrics {
  let cache = computed.get(index)
  if (!cache) computed.set(index, (cache = new WeakMap()))
  const metrics = grids.map((grid) => {
    let result = cache.get(grid)
    if (!result || result.key !== grid.key) cache.set(grid, (result = gridMetrics(grid, index)))
    return result
  })
  // Villages are never in two grids (the editor and the server refuse it), so a sum counts them.
  const assignedCount = grids.reduce(
    (sum, grid) => sum + grid.villageIds.filter((villageId) => index.villages.has(villageId)).length,
    0,
  )
  const perMember = metrics.filter((grid) => grid.staff.level3 > 0).map((grid) => grid.tourKm / grid.staff.level3)
  const zones = zoneMetrics(grids, metrics)
  return {
    grids: metrics,
    zones,
    zoneInstitutionsCv:
      Math.round(
        coefficientOfVariation(zones.filter((zone) => zone.zoneId !== null).map((zone) => zone.institutions)) * 1000,
      ) / 1000,
    institutionsCv:
      Math.round(
        coefficientOfVariation(metrics.filter((grid) => grid.villages > 0).map((grid) => grid.institutions)) * 1000,
      ) / 1000,
    tourPerMemberCv: Math.round(coefficientOfVariation(perMember) * 1000) / 1000,
    unassignedVillages: index.villages.size - assignedCount,
  }
}

/** Grid metrics summed per zone; `metrics[i]` belongs to `grids[i]`. */
export function zoneMetrics(grids: readonly PlanGrid[], metrics: readonly GridMetrics[]): ZoneMetrics[] {
  const byZone = new Map<number | null, ZoneMetrics>()
  grids.forEach((grid, position) => {
    const metric = metrics[position]!
    const zoneId = grid.zoneId ?? null
    let zone = byZone.get(zoneId)
    if (!zone)
      byZone.set(
        zoneId,
        (zone = {
          zoneId,
          grids: 0,
          institutions: 0,
          villages: 0,
          squareKm: 0,
          tourKm: 0,
          staff: { level1: 0, level2: 0, level3: 0 },
          tourPerMemberKm: null,
        }),
      )
    zone.grids++
    zone.institutions += metric.institutions
    zone.villages += metric.villages
    zone.squareKm += metric.squareKm
    zone.tourKm += metric.tourKm
    zone.staff.level1 += metric.staff.level1
    zone.staff.level2 += metric.staff.level2
    zone.staff.level3 += metric.staff.level3
  })
  return [...byZone.values()].map((zone) => ({
    ...zone,
    squareKm: Math.round(zone.squareKm * 10) / 10,
    tourKm: Math.round(zone.tourKm * 10) / 10,
    tourPerMemberKm: zone.staff.level3 > 0 ? Math.round((zone.tourKm / zone.staff.level3) * 10) / 10 : null,
  }))
}
