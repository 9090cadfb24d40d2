// The draft being edited: grids as sets of villages, every edit a new immutable list so
// undo and redo are a stack of lists. Units always move whole: a unit is in at most one grid.
import type { DraftGrid } from '@gridwatch/domain/draft-grid.ts'

export type { DraftGrid }

export class PlanEditor {
  #history: DraftGrid[][] = []
  #future: DraftGrid[][] = []
  #grids: DraftGrid[]
  #newGrids = 0
  /** Grid key of each unit for the current list, built when first asked. */
  #keyOfVillage: Map<number, string> | null = null

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
    this.#keyOfVillage = null
    return true
  }

  /** Replaces the whole list (a reload from the server); history starts afresh. */
  reset(grids: DraftGrid[]): void {
    this.#grids = grids
    this.#keyOfVillage = null
    this.#history = []
    this.#future = []
  }

  undo(): boolean {
    const previous = this.#history.pop()
    if (!previous) return false
    this.#future.push(this.#grids)
    this.#grids = previous
    this.#keyOfVillage = null
    return true
  }

  redo(): boolean {
    const next = this.#future.pop()
    if (!next) return false
    this.#history.push(this.#grids)
    this.#grids = next
    this.#keyOfVillage = null
    return true
  }

  gridOfVillage(villageId: number): DraftGrid | undefined {
    const key = this.#keysOfVillages().get(villageId)
    return key === undefined ? undefined : this.#grids.find((grid) => grid.key === key)
  }

  #keysOfVillages(): Map<number, string> {
    if (!this.#keyOfVillage) {
      this.#keyOfVillage = new Map()
      for (const grid of this.#grids)
        for (const villageId of grid.villageIds) this.#keyOfVillage.set(villageId, grid.key)
    }
    return this.#keyOfVillage
  }

  /** Moves the units into the grid; false when nothing would change. */
  moveVillages(villageIds: readonly number[], toKey: string): boolean {
    const keys = this.#keysOfVillages()
    const moving = new Set(villageIds.filter((villageId) => keys.get(villageId) !== toKey))
    if (moving.size === 0 || !this.#grids.some((grid) => grid.key === toKey)) return false
    return this.#apply(
      this.#grids.map((grid) =>
        grid.key === toKey
          ? { ...grid, villageIds: [...grid.villageIds, ...moving].sort((a, b) => a - b) }
          : grid.villageIds.some((villageId) => moving.has(villageId))
            ? { ...grid, villageIds: grid.villageIds.filter((villageId) => !moving.has(villageId)) }
            : grid,
      ),
    )
  }

  /** A new, empty grid in the zone; returns its key. */
  addGrid(name: string, zoneId: number | null, villageIds: readonly number[] = []): string {
    let key: string
    do key = `new-${++this.#newGrids}`
    while (this.#grids.some((grid) => grid.key === key))
    const moving = new Set(villageIds)
    this.#apply([
      ...this.#grids.map((grid) =>
        grid.villageIds.some((villageId) => moving.has(villageId))
          ? { ...grid, villageIds: grid.villageIds.filter((villageId) => !moving.has(villageId)) }
          : grid,
      ),
      { key, gridId: null, name, zoneId, villageIds: [...moving].sort((a, b) => a - b) },
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
        .map((grid) =>
          grid.key === intoKey
            ? { ...grid, villageIds: [...grid.villageIds, ...from.villageIds].sort((a, b) => a - b) }
            : grid,
        ),
    )
  }

  /** Drops a grid with no units. */
  removeEmpty(key: string): boolean {
    const grid = this.#grids.find((candidate) => candidate.key === key)
    if (!grid || grid.villageIds.length > 0) return false
    return this.#apply(this.#grids.filter((candidate) => candidate.key !== key))
  }
}
