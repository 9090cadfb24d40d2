// Publishing a checked boundary draft: a new boundary version in one transaction (see
// publishDraft), and what publishing and scheduling both require first.
import { sql } from 'drizzle-orm'
import type { Database } from '@gridwatch/db'
import { publishChanges } from '@gridwatch/domain/draft-grid.ts'
import { institutionMoves, reassignments, type Reassignment } from '@gridwatch/domain/boundary-impact.ts'
import { Failure } from '../platform/failure.ts'
import { phrase } from '../platform/phrases.ts'
import type { WritePath } from '../platform/write-path.ts'
import { publishedGrids, publishedVersionOf, type StoredDraft } from './drafts.ts'

/**
 * What publishing and scheduling both require: the draft was made from the version in force, and
 * no other draft of the county waits for its date. Returns the version in force; else 409.
 */
export async function requirePublishable(database: Database, countyCode: string, draft: StoredDraft): Promise<number> {
  const published = await publishedVersionOf(database, countyCode)
  if (published !== draft.baseVersionId)
    throw Failure.phrased('conflict', 'conflict', 'Conflict', phrase('published-meanwhile', { version: published }))
  const [waiting] = await database.rows<{ id: number; name: string; effective_from: string }>(sql`
    SELECT id, name, to_char(effective_from, 'YYYY-MM-DD') AS effective_from FROM boundary_drafts
    WHERE county_code = ${countyCode} AND status = 'scheduled' AND id <> ${draft.id} ORDER BY id LIMIT 1`)
  if (waiting)
    throw Failure.phrased(
      'conflict',
      'conflict',
      'Conflict',
      phrase('another-draft-scheduled', { id: waiting.id, name: waiting.name, date: waiting.effective_from }),
    )
  return published
}

export interface PublishResult {
  versionId: number
  effectiveFrom: string
  /** Institutions whose grid changed, with the old and new grid. */
  moved: { id: number; from: number | null; to: number | null }[]
  newGridIds: number[]
  retiredGridIds: number[]
  /** Institution assignments (包联) handed to a member of the new grid, or ended with nobody to take them (toStaffId null: assign by hand). */
  reassigned: Reassignment[]
}

/** The handovers a publish makes: institutions that change grid go to the least loaded member of their level there. */
async function plannedReassignments(
  database: Database,
  countyCode: string,
  draft: StoredDraft,
): Promise<Reassignment[]> {
  const [institutions, assignments] = await Promise.all([
    database.rows<{ id: number; name: string; villageId: number | null; gridId: number | null }>(sql`
      SELECT id, name, village_id AS "villageId", grid_id AS "gridId" FROM institutions WHERE county_code = ${countyCode} AND status = 'active'`),
    database.rows<{
      staffId: number
      name: string
      level: number
      gridId: number | null
      institutionId: number | null
    }>(sql`
      SELECT s.id AS "staffId", s.name, s.level, a.grid_id AS "gridId", a.institution_id AS "institutionId" FROM assignments a JOIN staff s ON s.id = a.staff_id
      WHERE a.until IS NULL AND s.county_code = ${countyCode} ORDER BY s.level, s.id, a.id`),
  ])
  return reassignments(draft.grids, assignments, institutionMoves(draft.grids, institutions))
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
  const before = new Map((await publishedGrids(database, published)).map((grid) => [grid.gridId!, grid]))
  const { reshapedKeys: reshaped, rezonedZoneIds: rezoned } = publishChanges(before, draft.grids)
  const handovers = await plannedReassignments(database, countyCode, draft)
  return write(async (transaction, record) => {
    const run = <T>(query: ReturnType<typeof sql>) => database.rows<T>(query, transaction)
    // The outgoing version is kept as it is, once.
    await run(sql`
      INSERT INTO boundary_snapshots (version_id, grid_id, zone_id, name, geom, village_ids)
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
      grid.gridId === null
        ? []
        : [
            {
              id: grid.gridId,
              key: grid.key,
              name: grid.name,
              zone: grid.zoneId,
              ord: index,
              reshaped: reshaped.has(grid.key),
            },
          ],
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
    const assignments = draft.grids.flatMap((grid) =>
      grid.villageIds.map((villageId) => ({ village: villageId, grid: idOfKey.get(grid.key)! })),
    )
    await run(sql`
      UPDATE areas v SET parent_id = a.grid, boundary_version_id = ${versionId}
      FROM jsonb_to_recordset(${JSON.stringify(assignments)}::jsonb) AS a(village int, grid int) WHERE v.id = a.village AND v.level = 'village'`)
    const retired = await run<{ id: number }>(
      sql`SELECT id FROM areas WHERE level = 'grid' AND boundary_version_id = ${published}`,
    )
    // Zones and the district move to the new version; zone shapes are the union of their grids.
    await run(sql`
      UPDATE areas z SET boundary_version_id = ${versionId}, geom = CASE WHEN z.id IN (SELECT jsonb_array_elements_text(${JSON.stringify([...rezoned])}::jsonb)::int) THEN (
        SELECT ST_Multi(ST_CollectionExtract(ST_UnaryUnion(ST_Collect(g.geom), 1e-7), 3)) FROM areas g
        WHERE g.parent_id = z.id AND g.level = 'grid' AND g.boundary_version_id = ${versionId}) ELSE z.geom END
      WHERE z.level = 'zone' AND z.boundary_version_id = ${published}`)
    await run(
      sql`UPDATE areas SET boundary_version_id = ${versionId} WHERE level = 'district' AND boundary_version_id = ${published}`,
    )
    const moved = await run<{ id: number; from: number | null; to: number | null }>(sql`
      UPDATE institutions i SET grid_id = v.parent_id, updated_at = now()
      FROM areas v, (SELECT id, grid_id AS old FROM institutions WHERE county_code = ${countyCode}) before
      WHERE v.id = i.village_id AND before.id = i.id AND i.county_code = ${countyCode} AND i.grid_id IS DISTINCT FROM v.parent_id
      RETURNING i.id, before.old AS "from", i.grid_id AS "to"`)
    // Assignments follow the institutions: the old member's ends, the proposed member's begins.
    for (const handover of handovers) {
      await run(
        sql`UPDATE assignments SET until = now() WHERE staff_id = ${handover.fromStaffId} AND institution_id = ${handover.institutionId} AND until IS NULL`,
      )
      const gridId = handover.toGridKey === null ? null : (idOfKey.get(handover.toGridKey) ?? null)
      if (handover.toStaffId !== null)
        await run(
          sql`INSERT INTO assignments (county_code, staff_id, grid_id, institution_id, since) VALUES (${countyCode}, ${handover.toStaffId}, ${gridId}, ${handover.institutionId}, now())`,
        )
    }
    await run(sql`UPDATE boundary_versions SET status = 'retired' WHERE id = ${published}`)
    await run(sql`
      INSERT INTO boundary_snapshots (version_id, grid_id, zone_id, name, geom, village_ids)
      SELECT ${versionId}, g.id, g.parent_id, g.name, g.geom,
        coalesce((SELECT array_agg(v.id ORDER BY v.id) FROM areas v WHERE v.parent_id = g.id AND v.level = 'village'), '{}')
      FROM areas g WHERE g.level = 'grid' AND g.boundary_version_id = ${versionId}`)
    await run(
      sql`UPDATE boundary_drafts SET status = 'published', published_version_id = ${versionId}, effective_from = ${effectiveFrom}::date, schedule_problem = NULL, updated_by = ${userId}, updated_at = now() WHERE id = ${draft.id}`,
    )
    await record.audit({
      action: 'publish',
      entity: 'boundary_version',
      entityId: versionId,
      // The moved institutions by id, on record (the change set below tells the map layer).
      after: {
        draftId: draft.id,
        name: draft.name,
        effectiveFrom,
        grids: draft.grids.length,
        institutionIds: moved.map((row) => row.id),
        reassigned: handovers.map((handover) => ({
          institutionId: handover.institutionId,
          from: handover.fromStaffId,
          to: handover.toStaffId,
        })),
        ...auditDetails,
      },
      changes: [{ kind: 'areas', institutionIds: moved.map((row) => row.id) }],
    })
    return {
      versionId,
      effectiveFrom,
      moved,
      newGridIds,
      retiredGridIds: retired.map((row) => row.id),
      reassigned: handovers,
    }
  })
}
