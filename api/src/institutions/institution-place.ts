// One institution as a write needs it: where it is (county, grid, zone: what the scope rule reads),
// what it is (type and grade: what the interval and checklist follow) and its position.
import { sql } from 'drizzle-orm'
import type { Database, Executor } from '@gridwatch/db'
import type { CreditGrade, InstitutionType } from '@gridwatch/db/schema'
import type { InstitutionPlace } from '../auth/can.ts'
import { failures } from '../platform/failure.ts'

export interface PlacedInstitution extends InstitutionPlace {
  name: string
  type: InstitutionType
  creditGrade: CreditGrade | null
  position: [number, number]
}

/** The institution, or a 404 naming it. */
export async function placedInstitution(
  database: Database,
  id: number,
  executor?: Executor,
): Promise<PlacedInstitution> {
  const [row] = await database.rows<{
    id: number
    county_code: string
    grid_id: number | null
    zone_id: number | null
    name: string
    type: InstitutionType
    credit_grade: CreditGrade | null
    lon: number
    lat: number
  }>(
    sql`SELECT i.id, i.county_code, i.grid_id, g.parent_id AS zone_id, i.name, i.type, i.credit_grade, ST_X(i.position) AS lon, ST_Y(i.position) AS lat
        FROM institutions i LEFT JOIN areas g ON g.id = i.grid_id WHERE i.id = ${id}`,
    executor,
  )
  if (!row) throw failures.notFound(`Institution ${id} does not exist.`)
  return {
    id: row.id,
    countyCode: row.county_code,
    gridId: row.grid_id,
    zoneId: row.zone_id,
    name: row.name,
    type: row.type,
    creditGrade: row.credit_grade,
    position: [row.lon, row.lat],
  }
}
