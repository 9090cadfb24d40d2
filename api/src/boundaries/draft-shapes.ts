// Each draft grid's outline as PostGIS dissolves it from its villages, kept in
// boundary_draft_shapes so the planner's map and the check read them without recomputing.
import { sql } from 'drizzle-orm'
import type { Database, Transaction } from '@gridwatch/db'
import type { DraftGrid } from '@gridwatch/domain/draft-grid.ts'

/** Recomputes the dissolved shapes of the given grids of a draft (all when `keys` is omitted). */
export async function refreshShapes(
  database: Database,
  transaction: Transaction,
  draftId: number,
  grids: readonly DraftGrid[],
): Promise<void> {
  const keys = grids.map((grid) => grid.key)
  await database.rows(
    sql`DELETE FROM boundary_draft_shapes WHERE draft_id = ${draftId} AND key IN (${sql.join(
      ['', ...keys].map((key) => sql`${key}`),
      sql`, `,
    )})`,
    transaction,
  )
  const withVillages = grids
    .filter((grid) => grid.villageIds.length > 0)
    .map((grid) => ({ key: grid.key, villages: grid.villageIds }))
  if (withVillages.length === 0) return
  await database.rows(
    sql`INSERT INTO boundary_draft_shapes (draft_id, key, geom, pieces)
        SELECT ${draftId}, shaped.key, shaped.geom, ST_NumGeometries(shaped.geom) FROM (
          SELECT g->>'key' AS key, ST_Multi(ST_CollectionExtract(ST_UnaryUnion(ST_Collect(v.geom), 1e-7), 3)) AS geom
          FROM jsonb_array_elements(${JSON.stringify(withVillages)}::jsonb) g
          CROSS JOIN LATERAL jsonb_array_elements_text(g->'villages') village
          JOIN areas v ON v.id = village::int AND v.level = 'village'
          GROUP BY g->>'key') shaped`,
    transaction,
  )
}

/** Recomputes the outlines of every draft still to be published, after the village shapes themselves changed. */
export async function refreshDraftShapes(
  database: Database,
  transaction: Transaction,
  countyCode: string,
): Promise<void> {
  const open = await database.rows<{ id: number; grids: DraftGrid[] }>(
    sql`SELECT id, grids FROM boundary_drafts WHERE county_code = ${countyCode} AND status IN ('open', 'scheduled')`,
    transaction,
  )
  for (const draft of open) await refreshShapes(database, transaction, draft.id, draft.grids)
}

/** The dissolved outlines of a draft's grids, as GeoJSON for the planner's map. */
export async function draftShapes(
  database: Database,
  id: number,
): Promise<{ type: 'FeatureCollection'; features: unknown[] }> {
  const rows = await database.rows<{ key: string; pieces: number; geometry: string }>(sql`
    SELECT key, pieces, ST_AsGeoJSON(geom, 6) AS geometry FROM boundary_draft_shapes WHERE draft_id = ${id} AND geom IS NOT NULL ORDER BY key`)
  return {
    type: 'FeatureCollection',
    features: rows.map((row) => ({
      type: 'Feature',
      properties: { key: row.key, pieces: row.pieces },
      geometry: JSON.parse(row.geometry) as unknown,
    })),
  }
}
