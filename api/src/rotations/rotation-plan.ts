// Supervision teams and their monthly rotation as stored: teams with members, home zone and the
// zones where members are grid staff (a conflict of interest for the rotation rules), and the
// rotation entries of a range of months.
import { sql } from 'drizzle-orm'
import type { Database } from '@gridwatch/db'
import type { RotationEntry, RotationTeam } from '@gridwatch/domain/rotation.ts'
import { publishedBoundaryVersionIds } from '../boundaries/published-version.ts'

/** Ids of the grids named, or lying in the zones named, as a subquery. */
export function gridsIn(area: { zoneIds?: readonly number[]; gridIds?: readonly number[] }) {
  const list = (ids: readonly number[] | undefined) =>
    sql.join(
      [0, ...(ids ?? [])].map((id) => sql`${id}`),
      sql`, `,
    )
  return sql`(SELECT id FROM areas WHERE level = 'grid' AND (id IN (${list(area.gridIds)}) OR parent_id IN (${list(area.zoneIds)})))`
}

/** Teams the user's staff record is a member of. */
export async function teamsOfStaff(database: Database, staffId: number | null): Promise<Set<number>> {
  if (staffId === null) return new Set()
  const rows = await database.rows<{ team_id: number }>(
    sql`SELECT team_id FROM team_members WHERE staff_id = ${staffId}`,
  )
  return new Set(rows.map((row) => row.team_id))
}

export interface TeamView extends RotationTeam {
  name: string
  homeZoneName: string | null
  leaderStaffId: number | null
  members: { staffId: number; name: string; level: number; organisation: string }[]
}

export interface StoredRotation extends RotationEntry {
  id: number
  checkDate: string | null
  status: string
}

export async function readTeams(database: Database, countyCode?: string): Promise<TeamView[]> {
  const rows = await database.rows<{
    id: number
    name: string
    home_zone_id: number | null
    home_zone_name: string | null
    leader_staff_id: number | null
    members: { staffId: number; name: string; level: number; organisation: string }[] | null
    member_zone_ids: number[] | null
  }>(sql`
    SELECT t.id, t.name, t.home_zone_id, z.name AS home_zone_name, t.leader_staff_id,
      (SELECT json_agg(json_build_object('staffId', s.id, 'name', s.name, 'level', s.level, 'organisation', s.organisation) ORDER BY s.level, s.id)
         FROM team_members m JOIN staff s ON s.id = m.staff_id WHERE m.team_id = t.id) AS members,
      (SELECT array_agg(DISTINCT g.parent_id) FROM team_members m
         JOIN assignments a ON a.staff_id = m.staff_id AND a.until IS NULL
         JOIN areas g ON g.id = a.grid_id
        WHERE m.team_id = t.id AND g.parent_id IS NOT NULL) AS member_zone_ids
    FROM teams t LEFT JOIN areas z ON z.id = t.home_zone_id
    ${countyCode ? sql`WHERE t.county_code = ${countyCode}` : sql``}
    ORDER BY t.id`)
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    homeZoneId: row.home_zone_id,
    homeZoneName: row.home_zone_name,
    leaderStaffId: row.leader_staff_id,
    members: row.members ?? [],
    memberZoneIds: row.member_zone_ids ?? [],
  }))
}

export async function readRotations(
  database: Database,
  months: readonly string[],
  teamIds: readonly number[],
): Promise<StoredRotation[]> {
  if (months.length === 0 || teamIds.length === 0) return []
  // Dates as text: the two drivers hand date columns over differently.
  const rows = await database.rows<{
    id: number
    team_id: number
    month: string
    target_zone_id: number
    check_date: string | null
    status: string
  }>(sql`
    SELECT id, team_id, to_char(month, 'YYYY-MM-DD') AS month, target_zone_id, to_char(check_date, 'YYYY-MM-DD') AS check_date, status FROM rotations
    WHERE month IN (${sql.join(
      months.map((month) => sql`${month}::date`),
      sql`, `,
    )})
      AND team_id IN (${sql.join(
        teamIds.map((id) => sql`${id}`),
        sql`, `,
      )})
    ORDER BY month, team_id`)
  return rows.map((row) => ({
    id: row.id,
    teamId: row.team_id,
    month: row.month,
    zoneId: row.target_zone_id,
    checkDate: row.check_date,
    status: row.status,
  }))
}

/** Zones of the county in their fixed order (the millstone's). */
export async function readZones(database: Database, countyCode?: string): Promise<{ id: number; name: string }[]> {
  return database.rows<{ id: number; name: string }>(sql`
    SELECT a.id, a.name FROM areas a
    WHERE a.level = 'zone' AND a.boundary_version_id IN ${publishedBoundaryVersionIds}
      ${countyCode ? sql`AND a.county_code = ${countyCode}` : sql``}
    ORDER BY a.sort_order, a.id`)
}
