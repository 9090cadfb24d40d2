// What the round endpoints read: institutions inside an area (PostGIS), a team's round, the bureau's
// position, and the month's round as the balancer starts from.
import { sql, type SQL } from 'drizzle-orm'
import type { Database } from '@gridwatch/db'
import type { BalanceInstitution } from '@gridwatch/domain/balance.ts'
import { Failure, failures } from '../platform/failure.ts'
import { gridsIn, readRotations } from '../rotations/rotation-plan.ts'
import type { PolygonInput } from './round-schemas.ts'

export interface InstitutionRow {
  id: number
  name: string
  type: string
  grid_id: number | null
  lon: number
  lat: number
}

export const toInstitution = (row: InstitutionRow) => ({
  id: row.id,
  name: row.name,
  type: row.type,
  gridId: row.grid_id,
  position: [row.lon, row.lat] as [number, number],
})

/** Active institutions inside the polygon or the areas, ordered by id. */
export async function institutionsWithin(
  database: Database,
  area: { polygon?: PolygonInput; zoneIds?: number[]; gridIds?: number[] },
): Promise<InstitutionRow[]> {
  const conditions: SQL[] = []
  if (area.polygon) {
    const geometry = sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(area.polygon)}), 4326)`
    // Validity first: GEOS operations on an invalid polygon may fail in ways that are hard to report.
    const [check] = await database.rows<{ valid: boolean; reason: string | null }>(sql`
      SELECT (d).valid AS valid, (d).reason AS reason FROM (SELECT ST_IsValidDetail(${geometry}) AS d) detail`)
    if (!check!.valid)
      throw new Failure(
        'invalid',
        'invalid-geometry',
        'Invalid polygon',
        `The drawn area is not a valid polygon: ${check!.reason}.`,
        [{ path: 'polygon', message: check!.reason ?? 'invalid' }],
      )
    // The bounding-box test uses the spatial index; the exact test runs on what it keeps.
    conditions.push(sql`(i.position && ${geometry} AND ST_Intersects(i.position, ${geometry}))`)
  }
  if (area.gridIds?.length || area.zoneIds?.length) conditions.push(sql`i.grid_id IN ${gridsIn(area)}`)
  return database.rows<InstitutionRow>(sql`
    SELECT i.id, i.name, i.type, i.grid_id, ST_X(i.position) AS lon, ST_Y(i.position) AS lat
    FROM institutions i WHERE i.status = 'active' AND ${sql.join(conditions, sql` AND `)}
    ORDER BY i.id`)
}

export async function rotationEntry(database: Database, teamId: number, month: string) {
  const [entry] = await readRotations(database, [month], [teamId])
  if (!entry) throw failures.notFound(`Team ${teamId} has no plan for ${month.slice(0, 7)}; plan the month first.`)
  return entry
}

export async function readTargets(database: Database, rotationId: number): Promise<InstitutionRow[]> {
  return database.rows<InstitutionRow>(sql`
    SELECT i.id, i.name, i.type, i.grid_id, ST_X(i.position) AS lon, ST_Y(i.position) AS lat
    FROM round_institutions r JOIN institutions i ON i.id = r.institution_id
    WHERE r.rotation_id = ${rotationId} ORDER BY i.id`)
}

/** The district's seat (the bureau) as the start of every route, else a point inside the district. */
export async function bureauPosition(database: Database): Promise<[number, number]> {
  const [row] = await database.rows<{ lon: number; lat: number }>(sql`
    SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (
      SELECT coalesce(seat, ST_PointOnSurface(geom)) AS p FROM areas WHERE level = 'district' ORDER BY id LIMIT 1) d`)
  return row ? [row.lon, row.lat] : [0, 0]
}

/** Refuses ids that are not active institutions. */
export async function requireActive(database: Database, institutionIds: readonly number[]): Promise<void> {
  const known = await database.rows<{ id: number }>(
    sql`SELECT id FROM institutions WHERE id IN (${idList(institutionIds)}) AND status = 'active'`,
  )
  const unknown = institutionIds.filter((id) => !known.some((row) => row.id === id))
  if (unknown.length > 0)
    throw failures.invalid(`No active institution with id ${unknown.slice(0, 10).join(', ')}.`, [
      { path: 'institutionIds', message: `unknown: ${unknown.slice(0, 10).join(', ')}` },
    ])
}

export const idList = (ids: readonly number[]) =>
  sql.join(
    [0, ...ids].map((id) => sql`${id}`),
    sql`, `,
  )

/**
 * The month's round as the balancer starts from: each team's assigned institutions, or, for a
 * team with none yet, the active institutions of its target zone that no other team holds.
 */
export async function roundForBalance(database: Database, month: string) {
  const entries = await database.rows<{
    id: number
    team_id: number
    target_zone_id: number
    home_zone_id: number | null
  }>(sql`
    SELECT r.id, r.team_id, r.target_zone_id, t.home_zone_id FROM rotations r JOIN teams t ON t.id = r.team_id
    WHERE r.month = ${month}::date ORDER BY r.team_id`)
  if (entries.length === 0)
    throw failures.notFound(`No team has a plan for ${month.slice(0, 7)}; plan the month first.`)
  const institutions: (BalanceInstitution & { name: string })[] = []
  const held = new Set<number>()
  const assigned = await database.rows<InstitutionRow & { rotation_id: number }>(sql`
    SELECT r.rotation_id, i.id, i.name, i.type, i.grid_id, ST_X(i.position) AS lon, ST_Y(i.position) AS lat
    FROM round_institutions r JOIN institutions i ON i.id = r.institution_id WHERE r.month = ${month}::date ORDER BY i.id`)
  for (const row of assigned) held.add(row.id)
  for (const entry of entries) {
    const own = assigned.filter((row) => row.rotation_id === entry.id)
    const rows =
      own.length > 0
        ? own
        : (await institutionsWithin(database, { zoneIds: [entry.target_zone_id] })).filter((row) => !held.has(row.id))
    for (const row of rows) {
      held.add(row.id)
      institutions.push({
        id: row.id,
        name: row.name,
        gridId: row.grid_id,
        teamId: entry.team_id,
        position: [row.lon, row.lat],
      })
    }
  }
  // A team may not check its home zone's grids nor the grids where its own members are grid staff.
  const forbidden = await database.rows<{ team_id: number; grid_id: number }>(sql`
    SELECT t.id AS team_id, g.id AS grid_id FROM teams t JOIN areas g ON g.level = 'grid' AND g.parent_id = t.home_zone_id
    UNION
    SELECT m.team_id, a.grid_id FROM team_members m JOIN assignments a ON a.staff_id = m.staff_id AND a.until IS NULL`)
  const teams = entries.map((entry) => ({
    id: entry.team_id,
    forbiddenGridIds: new Set(forbidden.filter((row) => row.team_id === entry.team_id).map((row) => row.grid_id)),
  }))
  const gridIds = [
    ...new Set(institutions.flatMap((institution) => (institution.gridId === null ? [] : [institution.gridId]))),
  ]
  const touching = await database.rows<{ a: number; b: number }>(sql`
    SELECT a.id AS a, b.id AS b FROM areas a JOIN areas b ON a.id < b.id AND a.geom && b.geom AND ST_Intersects(a.geom, b.geom)
    WHERE a.id IN (${idList(gridIds)}) AND b.id IN (${idList(gridIds)})`)
  const neighbours = new Map<number, number[]>(gridIds.map((id) => [id, []]))
  for (const pair of touching) {
    neighbours.get(pair.a)!.push(pair.b)
    neighbours.get(pair.b)!.push(pair.a)
  }
  const gridNames = new Map(
    (
      await database.rows<{ id: number; name: string }>(
        sql`SELECT id, name FROM areas WHERE id IN (${idList(gridIds)})`,
      )
    ).map((row) => [row.id, row.name]),
  )
  return { teams, institutions, neighbours, gridNames }
}
