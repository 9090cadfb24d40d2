// The authoritative check of a boundary draft before it is published or scheduled: the rules of
// its grids (domain/draft-grid.ts), then what only PostGIS can say (each grid's shape valid and
// in one piece, every active institution in a village of some grid).
import { sql } from 'drizzle-orm'
import type { Database } from '@gridwatch/db'
import { draftRuleProblems, type DraftGrid } from '@gridwatch/domain/draft-grid.ts'
import { Failure } from '../platform/failure.ts'
import { phrase } from '../platform/phrases.ts'
import type { BoundaryProblem } from './validate-grids.ts'
import type { StoredDraft } from './drafts.ts'

/** Every reason the draft cannot be published yet, with where on the map. */
export async function checkDraft(
  database: Database,
  countyCode: string,
  draft: StoredDraft,
): Promise<{ valid: boolean; problems: BoundaryProblem[] }> {
  const found: BoundaryProblem[] = []
  const villageGrid = new Map<number, DraftGrid>()
  for (const grid of draft.grids) for (const villageId of grid.villageIds) villageGrid.set(villageId, grid)
  const villages = await database.rows<{ id: number; name: string; lon: number; lat: number }>(sql`
    SELECT id, name, ST_X(seat) AS lon, ST_Y(seat) AS lat FROM areas WHERE level = 'village' AND boundary_version_id = ${draft.baseVersionId} ORDER BY id`)
  const villageById = new Map(villages.map((village) => [village.id, village]))
  for (const problem of draftRuleProblems(
    draft.grids,
    villages.map((village) => village.id),
  )) {
    if (problem.kind === 'village-unassigned') {
      const village = villageById.get(problem.villageId)!
      found.push({
        kind: problem.kind,
        severity: 'error',
        ...phrase('village-unassigned', { village: village.name }),
        at: [village.lon, village.lat],
        villageId: village.id,
      })
    } else if (problem.kind === 'grid-name-twice')
      found.push({
        kind: problem.kind,
        severity: 'error',
        ...phrase('grid-name-twice', { count: problem.count, name: problem.name }),
      })
    else
      found.push({
        kind: problem.kind,
        severity: 'error',
        ...(problem.kind === 'grid-unnamed' ? phrase('grid-unnamed') : phrase(problem.kind, { grid: problem.grid })),
        gridKey: problem.gridKey,
      })
  }
  const pieces = await database.rows<{ key: string; pieces: number; valid: boolean; at: string | null }>(sql`
    SELECT key, pieces, ST_IsValid(geom) AS valid,
      (SELECT ST_AsGeoJSON(ST_PointOnSurface(part.geom), 6) FROM ST_Dump(geom) part ORDER BY ST_Area(part.geom) ASC LIMIT 1) AS at
    FROM boundary_draft_shapes WHERE draft_id = ${draft.id}`)
  for (const shape of pieces) {
    const grid = draft.grids.find((candidate) => candidate.key === shape.key)
    if (!grid) continue
    const at = shape.at ? (JSON.parse(shape.at) as { coordinates: [number, number] }).coordinates : undefined
    if (!shape.valid)
      found.push({
        kind: 'invalid-geometry',
        severity: 'error',
        ...phrase('grid-shape-invalid', { grid: grid.name }),
        gridKey: grid.key,
        at,
      })
    if (shape.pieces > 1 && !grid.allowPieces)
      found.push({
        kind: 'grid-in-pieces',
        severity: 'error',
        ...phrase('grid-in-pieces', { grid: grid.name, count: shape.pieces }),
        gridKey: grid.key,
        at,
      })
  }
  const institutions = await database.rows<{
    id: number
    name: string
    village_id: number | null
    lon: number
    lat: number
  }>(sql`
    SELECT id, name, village_id, ST_X(position) AS lon, ST_Y(position) AS lat FROM institutions WHERE county_code = ${countyCode} AND status = 'active'`)
  for (const institution of institutions)
    if (institution.village_id === null || !villageGrid.has(institution.village_id))
      found.push({
        kind: 'institution-uncovered',
        severity: 'error',
        ...phrase('institution-uncovered', { institution: institution.name }),
        institutionId: institution.id,
        at: [institution.lon, institution.lat],
      })
  return { valid: found.every((problem) => problem.severity !== 'error'), problems: found }
}

/** The check a publish or a schedule must pass: a 422 naming the problems otherwise. */
export async function requireCheckPasses(database: Database, countyCode: string, draft: StoredDraft): Promise<void> {
  const check = await checkDraft(database, countyCode, draft)
  if (check.valid) return
  const errors = check.problems.filter((problem) => problem.severity === 'error')
  throw Failure.phrased(
    'rejected',
    'draft-invalid',
    'The draft cannot be published',
    phrase('draft-has-problems', { count: errors.length, example: errors[0]!.message }),
    errors.slice(0, 50).map((problem) => ({ path: problem.kind, message: problem.message })),
  )
}
