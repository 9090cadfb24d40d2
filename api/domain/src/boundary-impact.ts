// What a boundary draft changes for people before it is published: the institutions that would
// change grid, and the staff assignments (包联) it touches — assignments to a grid the draft drops,
// and members whose assigned institution would move. Data only; the page words it.
import type { DraftGrid } from './draft-grid.ts'

export interface ImpactInstitution {
  id: number
  name: string
  villageId: number | null
  gridId: number | null
}

export interface ImpactAssignment {
  staffId: number
  name: string
  level: number
  gridId: number | null
  institutionId: number | null
}

/** An institution that changes grid: from its grid in force (null when it had none) to a draft grid (null when none holds its village). */
export interface InstitutionMove {
  id: number
  name: string
  fromGridId: number | null
  toGridKey: string | null
  toGridName: string | null
}

export type StaffImpact =
  | { kind: 'grid-retired'; position: number; staff: string; level: number; gridId: number }
  | { kind: 'institution-moves'; position: number; staff: string; level: number; move: InstitutionMove }

export function institutionMoves(
  grids: readonly DraftGrid[],
  institutions: readonly ImpactInstitution[],
): InstitutionMove[] {
  const gridOfVillage = new Map<number, DraftGrid>()
  for (const grid of grids) for (const villageId of grid.villageIds) gridOfVillage.set(villageId, grid)
  const moves: InstitutionMove[] = []
  for (const institution of institutions) {
    const target = institution.villageId === null ? undefined : gridOfVillage.get(institution.villageId)
    if (!target || target.gridId !== institution.gridId)
      moves.push({
        id: institution.id,
        name: institution.name,
        fromGridId: institution.gridId,
        toGridKey: target?.key ?? null,
        toGridName: target?.name ?? null,
      })
  }
  return moves
}

export function staffImpacts(
  grids: readonly DraftGrid[],
  assignments: readonly ImpactAssignment[],
  moves: readonly InstitutionMove[],
): StaffImpact[] {
  const kept = new Set(
    grids.filter((grid) => grid.gridId !== null && grid.villageIds.length > 0).map((grid) => grid.gridId!),
  )
  const moving = new Map(moves.map((move) => [move.id, move]))
  const impacts: StaffImpact[] = []
  for (const [position, assignment] of assignments.entries()) {
    if (assignment.gridId !== null && !kept.has(assignment.gridId))
      impacts.push({
        kind: 'grid-retired',
        position,
        staff: assignment.name,
        level: assignment.level,
        gridId: assignment.gridId,
      })
    const move = assignment.institutionId === null ? undefined : moving.get(assignment.institutionId)
    if (move)
      impacts.push({ kind: 'institution-moves', position, staff: assignment.name, level: assignment.level, move })
  }
  return impacts
}

/**
 * An institution-level assignment a publish moves to the institution's new grid: to the member of
 * the same level in that grid with the fewest institutions (ties: the lower id), or to nobody when
 * the new grid has no member of that level yet — then someone must be assigned by hand.
 */
export interface Reassignment {
  institutionId: number
  institutionName: string
  level: number
  fromStaffId: number
  fromStaff: string
  toGridKey: string | null
  toStaffId: number | null
  toStaff: string | null
}

export function reassignments(
  grids: readonly DraftGrid[],
  assignments: readonly ImpactAssignment[],
  moves: readonly InstitutionMove[],
): Reassignment[] {
  const gridIdOfKey = new Map(grids.map((grid) => [grid.key, grid.gridId]))
  const moving = new Set(moves.map((move) => move.id))
  // Load: institutions each member keeps once the moving ones leave.
  const load = new Map<number, number>()
  const names = new Map<number, string>()
  const membersByGridLevel = new Map<string, Set<number>>()
  for (const assignment of assignments) {
    names.set(assignment.staffId, assignment.name)
    if (!load.has(assignment.staffId)) load.set(assignment.staffId, 0)
    if (assignment.institutionId !== null && !moving.has(assignment.institutionId))
      load.set(assignment.staffId, load.get(assignment.staffId)! + 1)
    if (assignment.gridId === null) continue
    const key = `${assignment.gridId}:${assignment.level}`
    if (!membersByGridLevel.has(key)) membersByGridLevel.set(key, new Set())
    membersByGridLevel.get(key)!.add(assignment.staffId)
  }
  const result: Reassignment[] = []
  for (const move of moves) {
    const targetGridId = move.toGridKey === null ? null : (gridIdOfKey.get(move.toGridKey) ?? null)
    for (const assignment of assignments) {
      if (assignment.institutionId !== move.id) continue
      const candidates =
        targetGridId === null ? [] : [...(membersByGridLevel.get(`${targetGridId}:${assignment.level}`) ?? [])]
      candidates.sort((a, b) => load.get(a)! - load.get(b)! || a - b)
      const chosen = candidates[0] ?? null
      if (chosen !== null) load.set(chosen, load.get(chosen)! + 1)
      result.push({
        institutionId: move.id,
        institutionName: move.name,
        level: assignment.level,
        fromStaffId: assignment.staffId,
        fromStaff: assignment.name,
        toGridKey: move.toGridKey,
        toStaffId: chosen,
        toStaff: chosen === null ? null : names.get(chosen)!,
      })
    }
  }
  return result
}
