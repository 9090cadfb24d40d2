// What the dashboard shows for one grid: its institutions against the visit interval (from the
// institution layer, so the panel agrees with the map), its open and overdue ledger items, its staff.
import { sql } from 'drizzle-orm'
import { instant, type Database } from '@gridwatch/db'
import type { SessionUser } from '../auth/session-user.ts'
import { can } from '../auth/can.ts'
import type { InstitutionLayer } from '../map/institution-layer.ts'
import { recencyClass } from '@gridwatch/domain/recency.ts'
import { daysSinceMinute } from '@gridwatch/domain/institution-layer-format.ts'
import { assignedStaff } from '../institutions/institution-detail.ts'
import type { GridDetail } from '@gridwatch/domain/institution-views.ts'

/** null when the grid does not exist or holds nothing in the caller's scope. */
export async function gridDetail(
  database: Database,
  layer: InstitutionLayer,
  user: SessionUser,
  gridId: number,
  now: Date,
): Promise<GridDetail | null> {
  const [grid] = await database.rows<{
    id: number
    name: string
    county_code: string
    zone_id: number | null
    zone_name: string | null
    clerk_id: number | null
    clerk: string | null
  }>(sql`
    SELECT g.id, g.name, g.county_code, z.id AS zone_id, z.name AS zone_name, c.staff_id AS clerk_id, s.name AS clerk
    FROM areas g LEFT JOIN areas z ON z.id = g.parent_id LEFT JOIN materials_clerks c ON c.grid_id = g.id LEFT JOIN staff s ON s.id = c.staff_id
    WHERE g.id = ${gridId} AND g.level = 'grid'`)
  if (!grid) return null
  const records = (await layer.records(user)).filter((record) => record.gridId === gridId && record.status === 'active')
  if (records.length === 0 && user.scopeKind !== 'district') return null
  const nowMinute = Math.floor(now.getTime() / 60_000)
  const classes = records.map((record) =>
    recencyClass(daysSinceMinute(record.lastVisitMinute, nowMinute), record.intervalDays),
  )
  const visitedWithinInterval = classes.filter((name) => name === 'within').length
  const neverVisited = classes.filter((name) => name === 'never').length
  const ids = records.map((record) => record.id)
  const [items] = await database.rows<{ open: number; overdue: number }>(sql`
    SELECT count(*)::int AS open, count(*) FILTER (WHERE deadline_at < ${instant(now)})::int AS overdue
    FROM ledger_items WHERE status <> 'closed'
      AND institution_id IN (${
        ids.length === 0
          ? sql`NULL`
          : sql.join(
              ids.map((id) => sql`${id}`),
              sql`, `,
            )
      })`)
  return {
    id: grid.id,
    name: grid.name,
    zoneId: grid.zone_id,
    zoneName: grid.zone_name,
    institutions: records.length,
    visitedWithinInterval,
    pastInterval: records.length - visitedWithinInterval - neverVisited,
    neverVisited,
    openItems: items!.open,
    overdueItems: items!.overdue,
    staff: await assignedStaff(database, user, { gridId }, now),
    materialsClerk: grid.clerk,
    canExportRecords: can(user, {
      kind: 'grid-records.read',
      grid: { id: grid.id, countyCode: grid.county_code, zoneId: grid.zone_id },
      callerIsClerk: grid.clerk_id !== null && grid.clerk_id === user.staffId,
    }).allowed,
  }
}
