// A grid as the scope checks see it (its county and zone), with its name and materials clerk.
import { sql } from 'drizzle-orm'
import type { Database } from '@gridwatch/db'
import type { GridPlace } from '../auth/can.ts'
import { failures } from '../platform/failure.ts'

export async function gridPlace(
  database: Database,
  id: number,
): Promise<GridPlace & { name: string; clerkStaffId: number | null }> {
  const [row] = await database.rows<{
    id: number
    county_code: string
    parent_id: number | null
    name: string
    clerk: number | null
  }>(sql`
    SELECT g.id, g.county_code, g.parent_id, g.name, c.staff_id AS clerk FROM areas g LEFT JOIN materials_clerks c ON c.grid_id = g.id
    WHERE g.id = ${id} AND g.level = 'grid'`)
  if (!row) throw failures.notFound(`Grid ${id} does not exist.`)
  return { id: row.id, countyCode: row.county_code, zoneId: row.parent_id, name: row.name, clerkStaffId: row.clerk }
}
