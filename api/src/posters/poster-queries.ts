// The contacts a poster names, read for a set of institutions at once: level-3 members assigned to
// the institution itself, level-2 and level-1 members assigned to its grid (level 1 also to its zone), each with the full
// phone number (the poster hangs on the institution's wall: these numbers are published on purpose).
import { sql } from 'drizzle-orm'
import type { Database } from '@gridwatch/db'
import { defaultHotline, type Poster } from '@gridwatch/domain/posters.ts'

export async function postersOf(
  database: Database,
  where: { institutionId: number } | { gridId: number },
): Promise<Poster[]> {
  const condition = 'institutionId' in where ? sql`i.id = ${where.institutionId}` : sql`i.grid_id = ${where.gridId}`
  const institutions = await database.rows<{
    id: number
    name: string
    type: string
    grid_id: number | null
    grid_name: string | null
    zone_id: number | null
    zone_name: string | null
  }>(sql`
    SELECT i.id, i.name, i.type, i.grid_id, g.name AS grid_name, z.id AS zone_id, z.name AS zone_name
    FROM institutions i LEFT JOIN areas g ON g.id = i.grid_id LEFT JOIN areas z ON z.id = g.parent_id
    WHERE ${condition} AND i.status = 'active' ORDER BY i.name, i.id`)
  if (institutions.length === 0) return []
  const ids = sql.join(
    institutions.map((row) => sql`${row.id}`),
    sql`, `,
  )
  const gridIds = [...new Set(institutions.map((row) => row.grid_id).filter((id): id is number => id !== null))]
  const zoneIds = [...new Set(institutions.map((row) => row.zone_id).filter((id): id is number => id !== null))]
  const staff = await database.rows<{
    institution_id: number | null
    grid_id: number | null
    zone_id: number | null
    level: number
    name: string
    phone: string | null
  }>(sql`
    SELECT a.institution_id, a.grid_id, a.zone_id, s.level, s.name, s.phone
    FROM assignments a JOIN staff s ON s.id = a.staff_id
    WHERE a.until IS NULL AND (a.institution_id IN (${ids})
      ${
        gridIds.length
          ? sql`OR (a.institution_id IS NULL AND a.grid_id IN (${sql.join(
              gridIds.map((id) => sql`${id}`),
              sql`, `,
            )}))`
          : sql``
      }
      ${
        zoneIds.length
          ? sql`OR a.zone_id IN (${sql.join(
              zoneIds.map((id) => sql`${id}`),
              sql`, `,
            )})`
          : sql``
      })
    ORDER BY s.level DESC, s.id`)
  return institutions.map((institution) => {
    const direct = staff.filter((row) => row.institution_id === institution.id)
    const viaGrid = staff.filter(
      (row) =>
        row.institution_id === null &&
        ((row.grid_id !== null && row.grid_id === institution.grid_id) ||
          (row.zone_id !== null && row.zone_id === institution.zone_id)),
    )
    const contacts = (rows: typeof staff, level: number) =>
      rows.filter((row) => row.level === level).map((row) => ({ name: row.name, phone: row.phone }))
    return {
      institutionId: institution.id,
      institutionName: institution.name,
      institutionType: institution.type,
      gridName: institution.grid_name,
      zoneName: institution.zone_name,
      level3: contacts(direct, 3),
      level2: contacts(viaGrid, 2),
      level1: contacts(viaGrid, 1),
      hotline: defaultHotline,
    }
  })
}
