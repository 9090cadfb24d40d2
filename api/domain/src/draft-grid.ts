// A grid as a boundary draft holds it (边界草稿): a set of villages with a name and a zone. The
// planner edits these; publishing turns them into grids in force.
/** One grid of a draft: an existing grid (gridId) or a new one (gridId null), and its villages. */
export interface DraftGrid {
  /** Stable within the draft: `g<gridId>` for existing grids, anything unique for new ones. */
  key: string
  gridId: number | null
  name: string
  zoneId: number | null
  unitIds: number[]
  /** The planner accepts this grid in several pieces (e.g. an enclave). */
  allowPieces?: boolean
}
