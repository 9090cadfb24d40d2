// Boundary drafts in the database: villages with their neighbours and institutions (what
// the planner edits), drafts as sets of villages per grid with their dissolved shapes kept by
// PostGIS, the authoritative check of a draft, and publishing it as a new boundary version in
// one transaction that moves villages and institutions to their new grids.
import { sql } from 'drizzle-orm'
import type { Database, Transaction } from '@gridwatch/db'
import type { DraftGrid, ScheduleProblem } from '@gridwatch/db/schema'
import { Failure, failures } from '../platform/failure.ts'
import { publishedBoundaryVersionIds } from './published-version.ts'
import { phrase } from '../platform/phrases.ts'
import type { Recorder, WritePath } from '../platform/write-path.ts'
import { changedGrids } from '@gridwatch/domain/draft-grid.ts'
import { refreshShapes } from './draft-shapes.ts'

export type { DraftGrid }

export interface PlannerUnits {
  versionId: number
  villages: { type: 'FeatureCollection'; features: unknown[] }
  /** Pairs of villages sharing a stretch of boundary (corners alone do not count). */
  adjacency: [number, number][]
  institutions: {
    id: number
    name: string
    villageId: number | null
    gridId: number | null
    position: [number, number]
  }[]
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
  const [row] = await database.rows<{ id: number }>(
    sql`SELECT id FROM boundary_versions WHERE id IN ${publishedBoundaryVersionIds} AND county_code = ${countyCode}`,
  )
  if (!row) throw failures.notFound(`County ${countyCode} has no published boundaries.`)
  return row.id
}

/** The published villages of the county, what the planner paints with. */
export async function readPlannerVillages(database: Database, countyCode: string): Promise<PlannerUnits> {
  const versionId = await publishedVersionOf(database, countyCode)
  const [villageRows, adjacency, institutions, zones, grids, staff, assignments] = await Promise.all([
    database.rows<{
      id: number
      name: string
      code: string | null
      grid_id: number | null
      lon: number
      lat: number
      square_km: number
      geometry: string
    }>(sql`
      SELECT v.id, v.name, v.statistical_code AS code, v.parent_id AS grid_id, ST_X(v.seat) AS lon, ST_Y(v.seat) AS lat,
        ST_Area(v.geom::geography) / 1e6 AS square_km, ST_AsGeoJSON(v.geom, 6) AS geometry
      FROM areas v WHERE v.level = 'village' AND v.boundary_version_id = ${versionId} AND v.geom IS NOT NULL
      ORDER BY v.id`),
    database.rows<{ a: number; b: number }>(sql`
      SELECT a.id AS a, b.id AS b FROM areas a JOIN areas b ON a.id < b.id AND a.geom && b.geom AND ST_Relate(a.geom, b.geom, '****1****')
      WHERE a.level = 'village' AND b.level = 'village' AND a.boundary_version_id = ${versionId} AND b.boundary_version_id = ${versionId}`),
    database.rows<{
      id: number
      name: string
      village_id: number | null
      grid_id: number | null
      lon: number
      lat: number
    }>(sql`
      SELECT id, name, village_id, grid_id, ST_X(position) AS lon, ST_Y(position) AS lat FROM institutions
      WHERE county_code = ${countyCode} AND status = 'active' ORDER BY id`),
    database.rows<{ id: number; name: string }>(
      sql`SELECT id, name FROM areas WHERE level = 'zone' AND boundary_version_id = ${versionId} ORDER BY sort_order, id`,
    ),
    database.rows<{ id: number; name: string; zoneId: number | null }>(
      sql`SELECT id, name, parent_id AS "zoneId" FROM areas WHERE level = 'grid' AND boundary_version_id = ${versionId} ORDER BY sort_order, id`,
    ),
    database.rows<{ grid_id: number; level: number; count: number }>(sql`
      SELECT a.grid_id, s.level, count(DISTINCT s.id)::int AS count FROM assignments a JOIN staff s ON s.id = a.staff_id
      WHERE a.until IS NULL AND a.grid_id IS NOT NULL AND s.county_code = ${countyCode} GROUP BY a.grid_id, s.level`),
    database.rows<{
      staff_id: number
      name: string
      level: number
      grid_id: number | null
      institution_id: number | null
    }>(sql`
      SELECT s.id AS staff_id, s.name, s.level, a.grid_id, a.institution_id FROM assignments a JOIN staff s ON s.id = a.staff_id
      WHERE a.until IS NULL AND s.county_code = ${countyCode} ORDER BY s.level, s.id, a.id`),
  ])
  return {
    versionId,
    villages: {
      type: 'FeatureCollection',
      features: villageRows.map((village) => ({
        type: 'Feature',
        id: village.id,
        properties: {
          id: village.id,
          name: village.name,
          code: village.code,
          gridId: village.grid_id,
          seat: [village.lon, village.lat],
          squareKm: Math.round(village.square_km * 1000) / 1000,
        },
        geometry: JSON.parse(village.geometry) as unknown,
      })),
    },
    adjacency: adjacency.map((pair) => [pair.a, pair.b]),
    institutions: institutions.map((row) => ({
      id: row.id,
      name: row.name,
      villageId: row.village_id,
      gridId: row.grid_id,
      position: [row.lon, row.lat],
    })),
    zones,
    grids,
    staff: staff.map((row) => ({ gridId: row.grid_id, level: row.level, count: row.count })),
    assignments: assignments.map((row) => ({
      staffId: row.staff_id,
      name: row.name,
      level: row.level,
      gridId: row.grid_id,
      institutionId: row.institution_id,
    })),
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

export async function readDraft(
  database: Database,
  countyCode: string,
  id: number,
  transaction?: Transaction,
): Promise<StoredDraft> {
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

/** The published grids as a draft's starting point: one entry per grid with its villages. */
export async function publishedGrids(database: Database, versionId: number): Promise<DraftGrid[]> {
  const rows = await database.rows<{
    id: number
    name: string
    zone_id: number | null
    village_ids: number[] | null
  }>(sql`
    SELECT g.id, g.name, g.parent_id AS zone_id,
      (SELECT array_agg(v.id ORDER BY v.id) FROM areas v WHERE v.parent_id = g.id AND v.level = 'village' AND v.boundary_version_id = ${versionId}) AS village_ids
    FROM areas g WHERE g.level = 'grid' AND g.boundary_version_id = ${versionId} ORDER BY g.sort_order, g.id`)
  return rows.map((row) => ({
    key: `g${row.id}`,
    gridId: row.id,
    name: row.name,
    zoneId: row.zone_id,
    villageIds: row.village_ids ?? [],
  }))
}

/** A draft change's audit entry: what changed, by the draft's own figures. */
type DraftAuditEntry =
  | {
      action: 'create' | 'save'
      draftId: number
      revision: number
      grids: number
      fromVersionId?: number
      importedFrom?: string
    }
  | { action: 'schedule' | 'unschedule'; draftId: number; effectiveFrom: string }

/** What the caller adds to a draft's audit entry: another action name (an import), more details (the file's format). */
export interface DraftAuditNote {
  action?: string
  details?: Record<string, unknown>
}

export function auditDraft(
  record: Recorder,
  { action, draftId, ...after }: DraftAuditEntry,
  note: DraftAuditNote = {},
): Promise<void> {
  return record.audit({
    action: note.action ?? action,
    entity: 'boundary_draft',
    entityId: draftId,
    after: { ...after, ...note.details },
    changes: [],
  })
}

/** Where a new draft's grids come from: the published grids, an earlier version (restore), or an imported file. */
export type DraftSource = { fromVersionId?: number } | { imported: DraftGrid[]; fileName: string }

export async function createDraft(
  database: Database,
  write: WritePath,
  countyCode: string,
  userId: number,
  name: string,
  source: DraftSource,
  note?: DraftAuditNote,
): Promise<StoredDraft> {
  const published = await publishedVersionOf(database, countyCode)
  const fromVersionId = 'fromVersionId' in source ? source.fromVersionId : undefined
  let grids: DraftGrid[]
  if ('imported' in source) {
    await requireSoundGrids(database, published, source.imported)
    grids = source.imported
  } else if (fromVersionId === undefined || fromVersionId === published)
    grids = await publishedGrids(database, published)
  else {
    // Restoring an earlier version: its snapshot, with villages that no longer exist dropped.
    const rows = await database.rows<{
      grid_id: number
      zone_id: number | null
      name: string
      village_ids: number[]
    }>(sql`
      SELECT s.grid_id, s.zone_id, s.name, s.village_ids FROM boundary_snapshots s JOIN boundary_versions v ON v.id = s.version_id
      WHERE s.version_id = ${fromVersionId} AND v.county_code = ${countyCode} ORDER BY s.grid_id`)
    if (rows.length === 0) throw failures.notFound(`Boundary version ${fromVersionId} has no saved grids to restore.`)
    grids = rows.map((row) => ({
      key: `g${row.grid_id}`,
      gridId: row.grid_id,
      name: row.name,
      zoneId: row.zone_id,
      villageIds: row.village_ids,
    }))
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

/** Structure of a draft as sent: keys unique, villages known, no village twice. Throws a 400 otherwise. */
async function requireSoundGrids(database: Database, versionId: number, grids: readonly DraftGrid[]): Promise<void> {
  const keys = new Set<string>()
  const seen = new Map<number, string>()
  const errors: { path: string; message: string }[] = []
  for (const [index, grid] of grids.entries()) {
    if (keys.has(grid.key)) errors.push({ path: `grids.${index}.key`, message: `duplicate key ${grid.key}` })
    keys.add(grid.key)
    for (const villageId of grid.villageIds) {
      if (seen.has(villageId))
        errors.push({
          path: `grids.${index}.villageIds`,
          message: `unit ${villageId} is also in ${seen.get(villageId)}`,
        })
      seen.set(villageId, grid.name)
    }
  }
  const ids = [...seen.keys()]
  if (ids.length > 0) {
    const known = await database.rows<{ id: number }>(sql`
      SELECT id FROM areas WHERE level = 'village' AND boundary_version_id = ${versionId} AND id IN (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`)
    const knownIds = new Set(known.map((row) => row.id))
    const unknown = ids.filter((id) => !knownIds.has(id))
    if (unknown.length > 0)
      errors.push({ path: 'grids', message: `unknown village(s): ${unknown.slice(0, 10).join(', ')}` })
  }
  if (errors.length > 0)
    throw failures.invalid(
      'The draft’s grids are not a partition of the villages: a village appears twice or is unknown.',
      errors.slice(0, 50),
    )
}

/** Refuses to change a draft that is not open: a scheduled one says its date, a closed one says to start anew. */
export function requireOpen(draft: StoredDraft): void {
  if (draft.status === 'scheduled')
    throw Failure.phrased(
      'conflict',
      'conflict',
      'Conflict',
      phrase('draft-is-scheduled', { id: draft.id, date: draft.effectiveFrom ?? '' }),
    )
  if (draft.status !== 'open')
    throw Failure.phrased(
      'conflict',
      'conflict',
      'Conflict',
      phrase('draft-closed', { id: draft.id, status: draft.status }),
    )
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
        latest.updatedBy
          ? phrase('draft-saved-meanwhile', { user: latest.updatedBy, ...saved })
          : phrase('draft-saved-meanwhile-by-someone', saved),
        differing.map((name) => ({ path: 'grids', message: name })),
      )
    }
    const before = new Map(current.grids.map((grid) => [grid.key, grid]))
    const touched = change.grids.filter((grid) => {
      const old = before.get(grid.key)
      return !old || old.villageIds.join(',') !== grid.villageIds.join(',')
    })
    const removed = current.grids
      .filter((grid) => !change.grids.some((next) => next.key === grid.key))
      .map((grid) => ({ ...grid, villageIds: [] }))
    await refreshShapes(database, transaction, id, [...touched, ...removed])
    await auditDraft(record, { action: 'save', draftId: id, revision: change.revision + 1, grids: change.grids.length })
  })
  return readDraft(database, countyCode, id)
}

/** Draft shapes as GeoJSON features keyed by grid key. */
