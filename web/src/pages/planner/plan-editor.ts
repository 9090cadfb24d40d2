// The draft being edited: grids as sets of village units, every edit a new immutable list so
// undo and redo are a stack of lists. Units always move whole: a unit is in at most one grid.
import type { DraftGrid } from '@gridwatch/domain/draft-grid.ts'

export type { DraftGrid }

export class PlanEditor {
  #history: DraftGrid[][] = []
  #future: DraftGrid[][] = []
  #grids: DraftGrid[]
  #newGrids = 0
  /** Grid key of each unit for the current list, built when first asked. */
  #keyOfUnit: Map<number, string> | null = null

  constructor(grids: DraftGrid[]) {
    this.#grids = grids
  }

  get grids(): DraftGrid[] {
    return this.#grids
  }

  get canUndo(): boolean {
    return this.#history.length > 0
  }

  get canRedo(): boolean {
    return this.#future.length > 0
  }

  #apply(next: DraftGrid[]): boolean {
    this.#history.push(this.#grids)
    if (this.#history.length > 200) this.#history.shift()
    this.#future = []
    this.#grids = next
    this.#keyOfUnit = null
    return true
  }

  /** Replaces the whole list (a reload from the server); history starts afresh. */
  reset(grids: DraftGrid[]): void {
    this.#grids = grids
    this.#keyOfUnit = null
    this.#history = []
    this.#future = []
  }

  undo(): boolean {
    const previous = this.#history.pop()
    if (!previous) return false
    this.#future.push(this.#grids)
    this.#grids = previous
    this.#keyOfUnit = null
    return true
  }

  redo(): boolean {
    const next = this.#future.pop()
    if (!next) return false
    this.#history.push(this.#grids)
    this.#grids = next
    this.#keyOfUnit = null
    return true
  }

  gridOfUnit(unitId: number): DraftGrid | undefined {
    const key = this.#keysOfUnits().get(unitId)
    return key === undefined ? undefined : this.#grids.find((grid) => grid.key === key)
  }

  #keysOfUnits(): Map<number, string> {
    if (!this.#keyOfUnit) {
      this.#keyOfUnit = new Map()
      for (const grid of this.#grids) for (const unitId of grid.unitIds) this.#keyOfUnit.set(unitId, grid.key)
    }
    return this.#keyOfUnit
  }

  /** Moves the units into the grid; false when nothing would change. */
  moveUnits(unitIds: readonly number[], toKey: string): boolean {
    const keys = this.#keysOfUnits()
    const moving = new Set(unitIds.filter((unitId) => keys.get(unitId) !== toKey))
    if (moving.size === 0 || !this.#grids.some((grid) => grid.key === toKey)) return false
    return this.#apply(
      this.#grids.map((grid) =>
        grid.key === toKey
          ? { ...grid, unitIds: [...grid.unitIds, ...moving].sort((a, b) => a - b) }
          : grid.unitIds.some((unitId) => moving.has(unitId))
            ? { ...grid, unitIds: grid.unitIds.filter((unitId) => !moving.has(unitId)) }
            : grid,
      ),
    )
  }

  /** A new, empty grid in the zone; returns its key. */
  addGrid(name: string, zoneId: number | null, unitIds: readonly number[] = []): string {
    let key: string
    do key = `new-${++this.#newGrids}`
    while (this.#grids.some((grid) => grid.key === key))
    const moving = new Set(unitIds)
    this.#apply([
      ...this.#grids.map((grid) => (grid.unitIds.some((unitId) => moving.has(unitId)) ? { ...grid, unitIds: grid.unitIds.filter((unitId) => !moving.has(unitId)) } : grid)),
      { key, gridId: null, name, zoneId, unitIds: [...moving].sort((a, b) => a - b) },
    ])
    return key
  }

  rename(key: string, name: string): boolean {
    return this.#apply(this.#grids.map((grid) => (grid.key === key ? { ...grid, name } : grid)))
  }

  setZone(key: string, zoneId: number | null): boolean {
    return this.#apply(this.#grids.map((grid) => (grid.key === key ? { ...grid, zoneId } : grid)))
  }

  allowPieces(key: string, allow: boolean): boolean {
    return this.#apply(this.#grids.map((grid) => (grid.key === key ? { ...grid, allowPieces: allow } : grid)))
  }

  /** Merges `fromKey` into `intoKey`; the emptied grid is dropped. */
  merge(intoKey: string, fromKey: string): boolean {
    const from = this.#grids.find((grid) => grid.key === fromKey)
    if (!from || intoKey === fromKey) return false
    return this.#apply(
      this.#grids
        .filter((grid) => grid.key !== fromKey)
        .map((grid) => (grid.key === intoKey ? { ...grid, unitIds: [...grid.unitIds, ...from.unitIds].sort((a, b) => a - b) } : grid)),
    )
  }

  /** Drops a grid with no units. */
  removeEmpty(key: string): boolean {
    const grid = this.#grids.find((candidate) => candidate.key === key)
    if (!grid || grid.unitIds.length > 0) return false
    return this.#apply(this.#grids.filter((candidate) => candidate.key !== key))
  }
}
