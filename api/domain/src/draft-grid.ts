// A grid as a boundary draft holds it (边界草稿): a set of villages with a name and a zone. The
// planner edits these; publishing turns them into grids in force.
/** One grid of a draft: an existing grid (gridId) or a new one (gridId null), and its villages. */
export interface DraftGrid {
  /** Stable within the draft: `g<gridId>` for existing grids, anything unique for new ones. */
  key: string
  gridId: number | null
  name: string
  zoneId: number | null
  villageIds: number[]
  /** The planner accepts this grid in several pieces (e.g. an enclave). */
  allowPieces?: boolean
}

/** What differs between two versions of a draft's grids, by grid name: for the 409 of a stale save. */
export function changedGrids(before: readonly DraftGrid[], after: readonly DraftGrid[]): string[] {
  const byKey = new Map(before.map((grid) => [grid.key, grid]))
  const changed: string[] = []
  for (const grid of after) {
    const old = byKey.get(grid.key)
    byKey.delete(grid.key)
    if (
      !old ||
      old.name !== grid.name ||
      old.zoneId !== grid.zoneId ||
      old.villageIds.join(',') !== grid.villageIds.join(',')
    )
      changed.push(grid.name)
  }
  for (const removed of byKey.values()) changed.push(removed.name)
  return changed
}

/** Problems of a draft's grids that need no geometry; the caller words them and places them on the map. */
export type DraftRuleProblem =
  | { kind: 'village-unassigned'; villageId: number }
  | { kind: 'grid-empty' | 'grid-without-zone' | 'grid-unnamed'; gridKey: string; grid: string }
  | { kind: 'grid-name-twice'; name: string; count: number }

/** Every village in some grid; every grid with villages, a zone and a name of its own. */
export function draftRuleProblems(grids: readonly DraftGrid[], villageIds: readonly number[]): DraftRuleProblem[] {
  const found: DraftRuleProblem[] = []
  const assigned = new Set(grids.flatMap((grid) => grid.villageIds))
  for (const villageId of villageIds)
    if (!assigned.has(villageId)) found.push({ kind: 'village-unassigned', villageId })
  const names = new Map<string, number>()
  for (const grid of grids) {
    const name = grid.name.trim()
    names.set(name, (names.get(name) ?? 0) + 1)
    if (grid.villageIds.length === 0) found.push({ kind: 'grid-empty', gridKey: grid.key, grid: grid.name })
    if (grid.zoneId === null) found.push({ kind: 'grid-without-zone', gridKey: grid.key, grid: grid.name })
    if (!name) found.push({ kind: 'grid-unnamed', gridKey: grid.key, grid: grid.name })
  }
  for (const [name, count] of names) if (count > 1 && name) found.push({ kind: 'grid-name-twice', name, count })
  return found
}

/**
 * What a publish must redraw: grids whose villages changed (new grids included) take their draft
 * shape; zones that gained, lost or reshaped a grid are dissolved again. `inForce` is the grids in
 * force by grid id.
 */
export function publishChanges(
  inForce: ReadonlyMap<number, DraftGrid>,
  draft: readonly DraftGrid[],
): { reshapedKeys: Set<string>; rezonedZoneIds: Set<number> } {
  const villageKey = (villageIds: readonly number[]) => [...villageIds].sort((x, y) => x - y).join(',')
  const reshapedKeys = new Set(
    draft
      .filter(
        (grid) =>
          grid.gridId === null ||
          villageKey(inForce.get(grid.gridId)?.villageIds ?? []) !== villageKey(grid.villageIds),
      )
      .map((grid) => grid.key),
  )
  const rezonedZoneIds = new Set<number>()
  for (const grid of draft) {
    const old = grid.gridId === null ? undefined : inForce.get(grid.gridId)
    if (!reshapedKeys.has(grid.key) && old?.zoneId === grid.zoneId) continue
    if (grid.zoneId !== null) rezonedZoneIds.add(grid.zoneId)
    if (old && old.zoneId !== null) rezonedZoneIds.add(old.zoneId)
  }
  const kept = new Set(draft.map((grid) => grid.gridId))
  for (const [gridId, old] of inForce) if (!kept.has(gridId) && old.zoneId !== null) rezonedZoneIds.add(old.zoneId)
  return { reshapedKeys, rezonedZoneIds }
}
