// Boundary drafts in the database: village units with their neighbours and institutions (what
// the planner edits), drafts as sets of units per grid with their dissolved shapes kept by
// PostGIS, the authoritative check of a draft, and publishing it as a new boundary version in
// one transaction that moves villages and institutions to their new grids.
import { sql } from 'drizzle-orm'
import type { Database, Transaction } from '@gridwatch/db'
import type { DraftGrid, ScheduleProblem } from '@gridwatch/db/schema'
import { Failure, failures } from '../platform/failure.ts'
import { publishedBoundaryVersionIds } from './published-version.ts'
import type { BoundaryProblem } from './validate-grids.ts'
import { phrase } from '../platform/phrases.ts'
import type { Recorder, WritePath } from '../platform/write-path.ts'

export type { DraftGrid }

export interface PlannerUnits {
  versionId: number
  units: { type: 'FeatureCollection'; features: unknown[] }
  /** Pairs of units sharing a stretch of boundary (corners alone do not count). */
  adjacency: [number, number][]
  institutions: { id: number; name: string; villageId: number | null; gridId: number | null; position: [number, number] }[]
  zones: { id: number; name: string }[]
  /** The published grids' names. */
  grids: { id: number; name: string }[]
  /** Grid staff by grid and level. */
  staff: { gridId: number; level: number; count: number }[]
  /** Current staff assignments (包联), to a grid or to one institution: the impact preview names those a draft affects. */
  assignments: { staffId: number; name: string; level: number; gridId: number | null; institutionId: number | null }[]
}

export interface StoredDraft {
  id: number
  name: string
  revision: number
  status: 'open' | 'scheduled' | 'published' | 'discarded'
  baseVersionId: number
  grids: DraftGrid[]
  updatedBy: string | null
  updatedAt: string
  /** The date a scheduled draft is published on (or was, once published). */
  effectiveFrom: string | null
  /** Why a scheduled draft was not published on its date (it is open again). */
  scheduleProblem: ScheduleProblem | null
}

export async function publishedVersionOf(database: Database, countyCode: string): Promise<number> {
  const [row] = await database.rows<{ id: number }>(sql`SELECT id FROM boundary_versions WHERE id IN ${publishedBoundaryVersionIds} AND county_code = ${countyCode}`)
  if (!row) throw failures.notFound(`County ${countyCode} has no published boundaries.`)
  return row.id
}

/**
 * What publishing and scheduling both require: the draft was made from the version in force, and
 * no other draft of the county waits for its date. Returns the version in force; else 409.
 */
export async function requirePublishable(database: Database, countyCode: string, draft: StoredDraft): Promise<number> {
  const published = await publishedVersionOf(database, countyCode)
  if (published !== draft.baseVersionId) throw Failure.phrased('conflict', 'conflict', 'Conflict', phrase('published-meanwhile', { version: published }))
  const [waiting] = await database.rows<{ id: number; name: string; effective_from: string }>(sql`
    SELECT id, name, to_char(effective_from, 'YYYY-MM-DD') AS effective_from FROM boundary_drafts
    WHERE county_code = ${countyCode} AND status = 'scheduled' AND id <> ${draft.id} ORDER BY id LIMIT 1`)
  if (waiting) throw Failure.phrased('conflict', 'conflict', 'Conflict', phrase('another-draft-scheduled', { id: waiting.id, name: waiting.name, date: waiting.effective_from }))
  return published
}

/** The published village units of the county, what the planner paints with. */
export async function readPlannerUnits(database: Database, countyCode: string): Promise<PlannerUnits> {
  const versionId = await publishedVersionOf(database, countyCode)
  const [units, adjacency, institutions, zones, grids, staff, assignments] = await Promise.all([
    database.rows<{ id: number; name: string; code: string | null; grid_id: number | null; lon: number; lat: number; square_km: number; geometry: string }>(sql`
      SELECT v.id, v.name, v.statistical_code AS code, v.parent_id AS grid_id, ST_X(v.seat) AS lon, ST_Y(v.seat) AS lat,
        ST_Area(v.geom::geography) / 1e6 AS square_km, ST_AsGeoJSON(v.geom, 6) AS geometry
      FROM areas v WHERE v.level = 'village' AND v.boundary_version_id = ${versionId} AND v.geom IS NOT NULL
      ORDER BY v.id`),
    database.rows<{ a: number; b: number }>(sql`
      SELECT a.id AS a, b.id AS b FROM areas a JOIN areas b ON a.id < b.id AND a.geom && b.geom AND ST_Relate(a.geom, b.geom, '****1****')
      WHERE a.level = 'village' AND b.level = 'village' AND a.boundary_version_id = ${versionId} AND b.boundary_version_id = ${versionId}`),
    database.rows<{ id: number; name: string; village_id: number | null; grid_id: number | null; lon: number; lat: number }>(sql`
      SELECT id, name, village_id, grid_id, ST_X(position) AS lon, ST_Y(position) AS lat FROM institutions
      WHERE county_code = ${countyCode} AND status = 'active' ORDER BY id`),
    database.rows<{ id: number; name: string }>(sql`SELECT id, name FROM areas WHERE level = 'zone' AND boundary_version_id = ${versionId} ORDER BY sort_order, id`),
    database.rows<{ id: number; name: string; zoneId: number | null }>(sql`SELECT id, name, parent_id AS "zoneId" FROM areas WHERE level = 'grid' AND boundary_version_id = ${versionId} ORDER BY sort_order, id`),
    database.rows<{ grid_id: number; level: number; count: number }>(sql`
      SELECT a.grid_id, s.level, count(DISTINCT s.id)::int AS count FROM assignments a JOIN staff s ON s.id = a.staff_id
      WHERE a.until IS NULL AND a.grid_id IS NOT NULL AND s.county_code = ${countyCode} GROUP BY a.grid_id, s.level`),
    database.rows<{ staff_id: number; name: string; level: number; grid_id: number | null; institution_id: number | null }>(sql`
      SELECT s.id AS staff_id, s.name, s.level, a.grid_id, a.institution_id FROM assignments a JOIN staff s ON s.id = a.staff_id
      WHERE a.until IS NULL AND s.county_code = ${countyCode} ORDER BY s.level, s.id, a.id`),
  ])
  return {
    versionId,
    units: {
      type: 'FeatureCollection',
      features: units.map((unit) => ({
        type: 'Feature',
        id: unit.id,
        properties: { id: unit.id, name: unit.name, code: unit.code, gridId: unit.grid_id, seat: [unit.lon, unit.lat], squareKm: Math.round(unit.square_km * 1000) / 1000 },
        geometry: JSON.parse(unit.geometry) as unknown,
      })),
    },
    adjacency: adjacency.map((pair) => [pair.a, pair.b]),
    institutions: institutions.map((row) => ({ id: row.id, name: row.name, villageId: row.village_id, gridId: row.grid_id, position: [row.lon, row.lat] })),
    zones,
    grids,
    staff: staff.map((row) => ({ gridId: row.grid_id, level: row.level, count: row.count })),
    assignments: assignments.map((row) => ({ staffId: row.staff_id, name: row.name, level: row.level, gridId: row.grid_id, institutionId: row.institution_id })),
  }
}

interface DraftRow {
  id: number
  name: string
  revision: number
  status: StoredDraft['status']
  base_version_id: number
  grids: DraftGrid[]
  updated_by: string | null
  updated_at: Date | string
  effective_from: string | null
  schedule_problem: ScheduleProblem | null
}

const toDraft = (row: DraftRow): StoredDraft => ({
  id: row.id,
  name: row.name,
  revision: row.revision,
  status: row.status,
  baseVersionId: row.base_version_id,
  grids: row.grids,
  updatedBy: row.updated_by,
  updatedAt: new Date(row.updated_at).toISOString(),
  effectiveFrom: row.effective_from,
  scheduleProblem: row.schedule_problem,
})

export async function readDraft(database: Database, countyCode: string, id: number, transaction?: Transaction): Promise<StoredDraft> {
  const [row] = await database.rows<DraftRow>(
    sql`SELECT d.id, d.name, d.revision, d.status, d.base_version_id, d.grids, u.display_name AS updated_by, d.updated_at,
          to_char(d.effective_from, 'YYYY-MM-DD') AS effective_from, d.schedule_problem
        FROM boundary_drafts d LEFT JOIN users u ON u.id = d.updated_by WHERE d.id = ${id} AND d.county_code = ${countyCode}`,
    transaction,
  )
  if (!row) throw failures.notFound(`There is no boundary draft ${id}.`)
  return toDraft(row)
}

export async function listDrafts(database: Database, countyCode: string): Promise<Omit<StoredDraft, 'grids'>[]> {
  const rows = await database.rows<DraftRow>(sql`
    SELECT d.id, d.name, d.revision, d.status, d.base_version_id, '[]'::jsonb AS grids, u.display_name AS updated_by, d.updated_at,
      to_char(d.effective_from, 'YYYY-MM-DD') AS effective_from, d.schedule_problem
    FROM boundary_drafts d LEFT JOIN users u ON u.id = d.updated_by WHERE d.county_code = ${countyCode} ORDER BY d.updated_at DESC, d.id DESC`)
  return rows.map((row) => {
    const { grids: _grids, ...draft } = toDraft(row)
    return draft
  })
}

/** The published grids as a draft's starting point: one entry per grid with its village units. */
export async function publishedGrids(database: Database, versionId: number): Promise<DraftGrid[]> {
  const rows = await database.rows<{ id: number; name: string; zone_id: number | null; unit_ids: number[] | null }>(sql`
    SELECT g.id, g.name, g.parent_id AS zone_id,
      (SELECT array_agg(v.id ORDER BY v.id) FROM areas v WHERE v.parent_id = g.id AND v.level = 'village' AND v.boundary_version_id = ${versionId}) AS unit_ids
    FROM areas g WHERE g.level = 'grid' AND g.boundary_version_id = ${versionId} ORDER BY g.sort_order, g.id`)
  return rows.map((row) => ({ key: `g${row.id}`, gridId: row.id, name: row.name, zoneId: row.zone_id, unitIds: row.unit_ids ?? [] }))
}

/** Recomputes the dissolved shapes of the given grids of a draft (all when `keys` is omitted). */
async function refreshShapes(database: Database, transaction: Transaction, draftId: number, grids: readonly DraftGrid[]): Promise<void> {
  const keys = grids.map((grid) => grid.key)
  await database.rows(sql`DELETE FROM boundary_draft_shapes WHERE draft_id = ${draftId} AND key IN (${sql.join(['', ...keys].map((key) => sql`${key}`), sql`, `)})`, transaction)
  const withUnits = grids.filter((grid) => grid.unitIds.length > 0).map((grid) => ({ key: grid.key, units: grid.unitIds }))
  if (withUnits.length === 0) return
  await database.rows(
    sql`INSERT INTO boundary_draft_shapes (draft_id, key, geom, pieces)
        SELECT ${draftId}, shaped.key, shaped.geom, ST_NumGeometries(shaped.geom) FROM (
          SELECT g->>'key' AS key, ST_Multi(ST_CollectionExtract(ST_UnaryUnion(ST_Collect(v.geom), 1e-7), 3)) AS geom
          FROM jsonb_array_elements(${JSON.stringify(withUnits)}::jsonb) g
          CROSS JOIN LATERAL jsonb_array_elements_text(g->'units') unit
          JOIN areas v ON v.id = unit::int AND v.level = 'village'
          GROUP BY g->>'key') shaped`,
    transaction,
  )
}

/** Recomputes the outlines of every draft still to be published, after the village shapes themselves changed. */
export async function refreshDraftShapes(database: Database, transaction: Transaction, countyCode: string): Promise<void> {
  const open = await database.rows<{ id: number; grids: DraftGrid[] }>(sql`SELECT id, grids FROM boundary_drafts WHERE county_code = ${countyCode} AND status IN ('open', 'scheduled')`, transaction)
  for (const draft of open) await refreshShapes(database, transaction, draft.id, draft.grids)
}

/** A draft change's audit entry: what changed, by the draft's own figures. */
type DraftAuditEntry =
  | { action: 'create' | 'save'; draftId: number; revision: number; grids: number; fromVersionId?: number; importedFrom?: string }
  | { action: 'schedule' | 'unschedule'; draftId: number; effectiveFrom: string }

/** What the caller adds to a draft's audit entry: another action name (an import), more details (the file's format). */
export interface DraftAuditNote {
  action?: string
  details?: Record<string, unknown>
}

export function auditDraft(record: Recorder, { action, draftId, ...after }: DraftAuditEntry, note: DraftAuditNote = {}): Promise<void> {
  return record.audit({ action: note.action ?? action, entity: 'boundary_draft', entityId: draftId, after: { ...after, ...note.details } })
}

/** Where a new draft's grids come from: the published grids, an earlier version (restore), or an imported file. */
export type DraftSource = { fromVersionId?: number } | { imported: DraftGrid[]; fileName: string }

export async function createDraft(database: Database, write: WritePath, countyCode: string, userId: number, name: string, source: DraftSource, note?: DraftAuditNote): Promise<StoredDraft> {
  const published = await publishedVersionOf(database, countyCode)
  const fromVersionId = 'fromVersionId' in source ? source.fromVersionId : undefined
  let grids: DraftGrid[]
  if ('imported' in source) {
    await requireSoundGrids(database, published, source.imported)
    grids = source.imported
  } else if (fromVersionId === undefined || fromVersionId === published) grids = await publishedGrids(database, published)
  else {
    // Restoring an earlier version: its snapshot, with units that no longer exist dropped.
    const rows = await database.rows<{ grid_id: number; zone_id: number | null; name: string; unit_ids: number[] }>(sql`
      SELECT s.grid_id, s.zone_id, s.name, s.unit_ids FROM boundary_snapshots s JOIN boundary_versions v ON v.id = s.version_id
      WHERE s.version_id = ${fromVersionId} AND v.county_code = ${countyCode} ORDER BY s.grid_id`)
    if (rows.length === 0) throw failures.notFound(`Boundary version ${fromVersionId} has no saved grids to restore.`)
    grids = rows.map((row) => ({ key: `g${row.grid_id}`, gridId: row.grid_id, name: row.name, zoneId: row.zone_id, unitIds: row.unit_ids }))
  }
  const id = await write(async (transaction, record) => {
    const [row] = await database.rows<{ id: number }>(
      sql`INSERT INTO boundary_drafts (county_code, name, base_version_id, grids, created_by, updated_by)
          VALUES (${countyCode}, ${name}, ${published}, ${JSON.stringify(grids)}::jsonb, ${userId}, ${userId}) RETURNING id`,
      transaction,
    )
    await refreshShapes(database, transaction, row!.id, grids)
    await auditDraft(
      record,
      {
        action: 'create',
        draftId: row!.id,
        revision: 1,
        grids: grids.length,
        ...(fromVersionId === undefined ? {} : { fromVersionId }),
        ...('imported' in source ? { importedFrom: source.fileName } : {}),
      },
      note,
    )
    return row!.id
  })
  return readDraft(database, countyCode, id)
}

/** What differs between two versions of a draft's grids, by grid name: for the 409 of a stale save. */
export function changedGrids(before: readonly DraftGrid[], after: readonly DraftGrid[]): string[] {
  const byKey = new Map(before.map((grid) => [grid.key, grid]))
  const changed: string[] = []
  for (const grid of after) {
    const old = byKey.get(grid.key)
    byKey.delete(grid.key)
    if (!old || old.name !== grid.name || old.zoneId !== grid.zoneId || old.unitIds.join(',') !== grid.unitIds.join(',')) changed.push(grid.name)
  }
  for (const removed of byKey.values()) changed.push(removed.name)
  return changed
}

/** Structure of a draft as sent: keys unique, units known, no unit twice. Throws a 400 otherwise. */
async function requireSoundGrids(database: Database, versionId: number, grids: readonly DraftGrid[]): Promise<void> {
  const keys = new Set<string>()
  const seen = new Map<number, string>()
  const errors: { path: string; message: string }[] = []
  for (const [index, grid] of grids.entries()) {
    if (keys.has(grid.key)) errors.push({ path: `grids.${index}.key`, message: `duplicate key ${grid.key}` })
    keys.add(grid.key)
    for (const unitId of grid.unitIds) {
      if (seen.has(unitId)) errors.push({ path: `grids.${index}.unitIds`, message: `unit ${unitId} is also in ${seen.get(unitId)}` })
      seen.set(unitId, grid.name)
    }
  }
  const ids = [...seen.keys()]
  if (ids.length > 0) {
    const known = await database.rows<{ id: number }>(sql`
      SELECT id FROM areas WHERE level = 'village' AND boundary_version_id = ${versionId} AND id IN (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`)
    const knownIds = new Set(known.map((row) => row.id))
    const unknown = ids.filter((id) => !knownIds.has(id))
    if (unknown.length > 0) errors.push({ path: 'grids', message: `unknown village unit(s): ${unknown.slice(0, 10).join(', ')}` })
  }
  if (errors.length > 0) throw failures.invalid('The draft’s grids are not a partition of the village units: a unit appears twice or is unknown.', errors.slice(0, 50))
}

/** Refuses to change a draft that is not open: a scheduled one says its date, a closed one says to start anew. */
export function requireOpen(draft: StoredDraft): void {
  if (draft.status === 'scheduled') throw Failure.phrased('conflict', 'conflict', 'Conflict', phrase('draft-is-scheduled', { id: draft.id, date: draft.effectiveFrom ?? '' }))
  if (draft.status !== 'open') throw Failure.phrased('conflict', 'conflict', 'Conflict', phrase('draft-closed', { id: draft.id, status: draft.status }))
}

export async function saveDraft(
  database: Database,
  countyCode: string,
  userId: number,
  id: number,
  change: { revision: number; name?: string; grids: DraftGrid[] },
  write: WritePath,
): Promise<StoredDraft> {
  const current = await readDraft(database, countyCode, id)
  requireOpen(current)
  await requireSoundGrids(database, current.baseVersionId, change.grids)
  await write(async (transaction, record) => {
    // The revision is compared in the UPDATE itself: of two saves from the same revision only one lands.
    const updated = await database.rows<{ id: number }>(
      sql`UPDATE boundary_drafts SET grids = ${JSON.stringify(change.grids)}::jsonb, name = ${change.name ?? current.name},
            revision = revision + 1, updated_by = ${userId}, updated_at = now()
          WHERE id = ${id} AND revision = ${change.revision} RETURNING id`,
      transaction,
    )
    if (updated.length === 0) {
      const latest = await readDraft(database, countyCode, id, transaction)
      const differing = changedGrids(change.grids, latest.grids)
      const saved = { revision: latest.revision, yours: change.revision, grids: differing.length > 0 ? differing : '—' }
      throw Failure.phrased(
        'conflict',
        'stale-draft',
        'The draft changed meanwhile',
        latest.updatedBy ? phrase('draft-saved-meanwhile', { user: latest.updatedBy, ...saved }) : phrase('draft-saved-meanwhile-by-someone', saved),
        differing.map((name) => ({ path: 'grids', message: name })),
      )
    }
    const before = new Map(current.grids.map((grid) => [grid.key, grid]))
    const touched = change.grids.filter((grid) => {
      const old = before.get(grid.key)
      return !old || old.unitIds.join(',') !== grid.unitIds.join(',')
    })
    const removed = current.grids.filter((grid) => !change.grids.some((next) => next.key === grid.key)).map((grid) => ({ ...grid, unitIds: [] }))
    await refreshShapes(database, transaction, id, [...touched, ...removed])
    await auditDraft(record, { action: 'save', draftId: id, revision: change.revision + 1, grids: change.grids.length })
  })
  return readDraft(database, countyCode, id)
}

/** Draft shapes as GeoJSON features keyed by grid key. */
export async function draftShapes(database: Database, id: number): Promise<{ type: 'FeatureCollection'; features: unknown[] }> {
  const rows = await database.rows<{ key: string; pieces: number; geometry: string }>(sql`
    SELECT key, pieces, ST_AsGeoJSON(geom, 6) AS geometry FROM boundary_draft_shapes WHERE draft_id = ${id} AND geom IS NOT NULL ORDER BY key`)
  return { type: 'FeatureCollection', features: rows.map((row) => ({ type: 'Feature', properties: { key: row.key, pieces: row.pieces }, geometry: JSON.parse(row.geometry) as unknown })) }
}

/** Every reason the draft cannot be published yet, with where on the map. */
export async function checkDraft(database: Database, countyCode: string, draft: StoredDraft): Promise<{ valid: boolean; problems: BoundaryProblem[] }> {
  const found: BoundaryProblem[] = []
  const unitGrid = new Map<number, DraftGrid>()
  for (const grid of draft.grids) for (const unitId of grid.unitIds) unitGrid.set(unitId, grid)
  const units = await database.rows<{ id: number; name: string; lon: number; lat: number }>(sql`
    SELECT id, name, ST_X(seat) AS lon, ST_Y(seat) AS lat FROM areas WHERE level = 'village' AND boundary_version_id = ${draft.baseVersionId} ORDER BY id`)
  for (const unit of units)
    if (!unitGrid.has(unit.id)) found.push({ kind: 'unit-unassigned', severity: 'error', ...phrase('unit-unassigned', { village: unit.name }), at: [unit.lon, unit.lat], unitId: unit.id })
  const names = new Map<string, number>()
  for (const grid of draft.grids) {
    names.set(grid.name.trim(), (names.get(grid.name.trim()) ?? 0) + 1)
    if (grid.unitIds.length === 0) found.push({ kind: 'grid-empty', severity: 'error', ...phrase('grid-empty', { grid: grid.name }), gridKey: grid.key })
    if (grid.zoneId === null) found.push({ kind: 'grid-without-zone', severity: 'error', ...phrase('grid-without-zone', { grid: grid.name }), gridKey: grid.key })
    if (!grid.name.trim()) found.push({ kind: 'grid-unnamed', severity: 'error', ...phrase('grid-unnamed'), gridKey: grid.key })
  }
  for (const [name, count] of names) if (count > 1 && name) found.push({ kind: 'grid-name-twice', severity: 'error', ...phrase('grid-name-twice', { count, name }) })
  const pieces = await database.rows<{ key: string; pieces: number; valid: boolean; at: string | null }>(sql`
    SELECT key, pieces, ST_IsValid(geom) AS valid,
      (SELECT ST_AsGeoJSON(ST_PointOnSurface(part.geom), 6) FROM ST_Dump(geom) part ORDER BY ST_Area(part.geom) ASC LIMIT 1) AS at
    FROM boundary_draft_shapes WHERE draft_id = ${draft.id}`)
  for (const shape of pieces) {
    const grid = draft.grids.find((candidate) => candidate.key === shape.key)
    if (!grid) continue
    const at = shape.at ? (JSON.parse(shape.at) as { coordinates: [number, number] }).coordinates : undefined
    if (!shape.valid) found.push({ kind: 'invalid-geometry', severity: 'error', ...phrase('grid-shape-invalid', { grid: grid.name }), gridKey: grid.key, at })
    if (shape.pieces > 1 && !grid.allowPieces)
      found.push({ kind: 'grid-in-pieces', severity: 'error', ...phrase('grid-in-pieces', { grid: grid.name, count: shape.pieces }), gridKey: grid.key, at })
  }
  const institutions = await database.rows<{ id: number; name: string; village_id: number | null; lon: number; lat: number }>(sql`
    SELECT id, name, village_id, ST_X(position) AS lon, ST_Y(position) AS lat FROM institutions WHERE county_code = ${countyCode} AND status = 'active'`)
  for (const institution of institutions)
    if (institution.village_id === null || !unitGrid.has(institution.village_id))
      found.push({ kind: 'institution-uncovered', severity: 'error', ...phrase('institution-uncovered', { institution: institution.name }), institutionId: institution.id, at: [institution.lon, institution.lat] })
  return { valid: found.every((problem) => problem.severity !== 'error'), problems: found }
}

export interface PublishResult {
  versionId: number
  effectiveFrom: string
  /** Institutions whose grid changed, with the old and new grid. */
  moved: { id: number; from: number | null; to: number | null }[]
  newGridIds: number[]
  retiredGridIds: number[]
}

/**
 * Publishes a draft that passes its check: a new boundary version effective from the date, the
 * grids updated in place (their ids stay, so staff assignments, teams and past records keep
 * pointing at them), new grids inserted, dropped grids left on the retired version, villages and
 * institutions moved, zones re-dissolved, and both versions' grids kept as snapshots.
 */
export async function publishDraft(
  database: Database,
  countyCode: string,
  userId: number | null,
  draft: StoredDraft,
  effectiveFrom: string,
  write: WritePath,
  auditDetails: Record<string, unknown> = {},
): Promise<PublishResult> {
  const published = await requirePublishable(database, countyCode, draft)
  // Only what changed is reshaped: grids whose villages changed take their draft shape, zones that
  // gained, lost or reshaped a grid are dissolved again; the rest only move to the new version.
  const before = new Map((await publishedGrids(database, published)).map((grid) => [grid.gridId!, grid]))
  const unitKey = (unitIds: readonly number[]) => [...unitIds].sort((x, y) => x - y).join(',')
  const reshaped = new Set(draft.grids.filter((grid) => grid.gridId === null || unitKey(before.get(grid.gridId)?.unitIds ?? []) !== unitKey(grid.unitIds)).map((grid) => grid.key))
  const rezoned = new Set<number>()
  for (const grid of draft.grids) {
    const old = grid.gridId === null ? undefined : before.get(grid.gridId)
    if (!reshaped.has(grid.key) && old?.zoneId === grid.zoneId) continue
    if (grid.zoneId !== null) rezoned.add(grid.zoneId)
    if (old && old.zoneId !== null) rezoned.add(old.zoneId)
  }
  const kept = new Set(draft.grids.map((grid) => grid.gridId))
  for (const [gridId, old] of before) if (!kept.has(gridId) && old.zoneId !== null) rezoned.add(old.zoneId)
  return write(async (transaction, record) => {
    const run = <T>(query: ReturnType<typeof sql>) => database.rows<T>(query, transaction)
    // The outgoing version is kept as it is, once.
    await run(sql`
      INSERT INTO boundary_snapshots (version_id, grid_id, zone_id, name, geom, unit_ids)
      SELECT ${published}, g.id, g.parent_id, g.name, g.geom,
        coalesce((SELECT array_agg(v.id ORDER BY v.id) FROM areas v WHERE v.parent_id = g.id AND v.level = 'village' AND v.boundary_version_id = ${published}), '{}')
      FROM areas g WHERE g.level = 'grid' AND g.boundary_version_id = ${published}
      ON CONFLICT DO NOTHING`)
    const [version] = await run<{ id: number }>(sql`
      INSERT INTO boundary_versions (county_code, name, status, effective_from, published_at, published_by, is_demo)
      VALUES (${countyCode}, ${draft.name}, 'published', ${effectiveFrom}::date, now(), ${userId}, false) RETURNING id`)
    const versionId = version!.id
    const idOfKey = new Map<string, number>()
    const newGridIds: number[] = []
    // Grids in force, updated in place in one statement.
    const existing = draft.grids.flatMap((grid, index) =>
      grid.gridId === null ? [] : [{ id: grid.gridId, key: grid.key, name: grid.name, zone: grid.zoneId, ord: index, reshaped: reshaped.has(grid.key) }],
    )
    await run(sql`
      UPDATE areas g SET name = d.name, parent_id = d.zone, sort_order = d.ord, boundary_version_id = ${versionId},
        geom = CASE WHEN d.reshaped THEN (SELECT s.geom FROM boundary_draft_shapes s WHERE s.draft_id = ${draft.id} AND s.key = d.key) ELSE g.geom END
      FROM jsonb_to_recordset(${JSON.stringify(existing)}::jsonb) AS d(id int, key text, name text, zone int, ord int, reshaped boolean)
      WHERE g.id = d.id AND g.level = 'grid'`)
    for (const grid of existing) idOfKey.set(grid.key, grid.id)
    for (const [index, grid] of draft.grids.entries()) {
      const shape = sql`(SELECT geom FROM boundary_draft_shapes WHERE draft_id = ${draft.id} AND key = ${grid.key})`
      if (grid.gridId === null) {
        const [row] = await run<{ id: number }>(sql`
          INSERT INTO areas (county_code, level, parent_id, name, geom, seat, boundary_version_id, sort_order)
          SELECT ${countyCode}, 'grid', ${grid.zoneId}, ${grid.name}, s.geom, ST_PointOnSurface(s.geom), ${versionId}, ${index} FROM ${shape} s
          RETURNING id`)
        idOfKey.set(grid.key, row!.id)
        newGridIds.push(row!.id)
      }
    }
    const assignments = draft.grids.flatMap((grid) => grid.unitIds.map((unitId) => ({ unit: unitId, grid: idOfKey.get(grid.key)! })))
    await run(sql`
      UPDATE areas v SET parent_id = a.grid, boundary_version_id = ${versionId}
      FROM jsonb_to_recordset(${JSON.stringify(assignments)}::jsonb) AS a(unit int, grid int) WHERE v.id = a.unit AND v.level = 'village'`)
    const retired = await run<{ id: number }>(sql`SELECT id FROM areas WHERE level = 'grid' AND boundary_version_id = ${published}`)
    // Zones and the district move to the new version; zone shapes are the union of their grids.
    await run(sql`
      UPDATE areas z SET boundary_version_id = ${versionId}, geom = CASE WHEN z.id IN (SELECT jsonb_array_elements_text(${JSON.stringify([...rezoned])}::jsonb)::int) THEN (
        SELECT ST_Multi(ST_CollectionExtract(ST_UnaryUnion(ST_Collect(g.geom), 1e-7), 3)) FROM areas g
        WHERE g.parent_id = z.id AND g.level = 'grid' AND g.boundary_version_id = ${versionId}) ELSE z.geom END
      WHERE z.level = 'zone' AND z.boundary_version_id = ${published}`)
    await run(sql`UPDATE areas SET boundary_version_id = ${versionId} WHERE level = 'district' AND boundary_version_id = ${published}`)
    const moved = await run<{ id: number; from: number | null; to: number | null }>(sql`
      UPDATE institutions i SET grid_id = v.parent_id, updated_at = now()
      FROM areas v, (SELECT id, grid_id AS old FROM institutions WHERE county_code = ${countyCode}) before
      WHERE v.id = i.village_id AND before.id = i.id AND i.county_code = ${countyCode} AND i.grid_id IS DISTINCT FROM v.parent_id
      RETURNING i.id, before.old AS "from", i.grid_id AS "to"`)
    await run(sql`UPDATE boundary_versions SET status = 'retired' WHERE id = ${published}`)
    await run(sql`
      INSERT INTO boundary_snapshots (version_id, grid_id, zone_id, name, geom, unit_ids)
      SELECT ${versionId}, g.id, g.parent_id, g.name, g.geom,
        coalesce((SELECT array_agg(v.id ORDER BY v.id) FROM areas v WHERE v.parent_id = g.id AND v.level = 'village'), '{}')
      FROM areas g WHERE g.level = 'grid' AND g.boundary_version_id = ${versionId}`)
    await run(sql`UPDATE boundary_drafts SET status = 'published', published_version_id = ${versionId}, effective_from = ${effectiveFrom}::date, schedule_problem = NULL, updated_by = ${userId}, updated_at = now() WHERE id = ${draft.id}`)
    await record.audit({
      action: 'publish',
      entity: 'boundary_version',
      entityId: versionId,
      // The moved institutions by id: the map layer re-reads just these.
      after: { draftId: draft.id, name: draft.name, effectiveFrom, grids: draft.grids.length, institutionIds: moved.map((row) => row.id), ...auditDetails },
    })
    return { versionId, effectiveFrom, moved, newGridIds, retiredGridIds: retired.map((row) => row.id) }
  })
}
