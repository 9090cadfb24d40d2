// What a 舆情 is raised about and who may handle it: the institution named, or a place in the
// member's grid (the grid found from where they stand); acknowledging and closing by the chain of
// the report's institution, or of its grid for a place.
import { sql } from 'drizzle-orm'
import type { Database } from '@gridwatch/db'
import type { SessionUser } from '../auth/session-user.ts'
import { authorise } from '../auth/access.ts'
import { failures } from '../platform/failure.ts'
import { placedInstitution, type PlacedInstitution } from '../institutions/institution-place.ts'
import type { RiskPlace, RiskReportView } from './risk-report-queries.ts'

/** What a report is raised about: the institution named, or the place where the member stands in their grid. */
export async function subjectOf(
  database: Database,
  user: SessionUser,
  input: { institutionId?: number | undefined; place?: string | undefined; position?: [number, number] | undefined },
): Promise<PlacedInstitution | RiskPlace> {
  if (input.institutionId !== undefined) {
    const institution = await placedInstitution(database, input.institutionId)
    authorise(user, { kind: 'risk-report.raise', institution }, 'You cannot raise a risk report here')
    return institution
  }
  if (!input.place || !input.position)
    throw failures.invalid('Name the institution, or the place and where you stand (position).', [
      { path: input.place ? 'position' : 'place', message: 'required without an institution' },
    ])
  const [grid] = await database.rows<{ id: number; county_code: string; parent_id: number | null }>(sql`
    SELECT id, county_code, parent_id FROM areas
    WHERE level = 'grid' AND ST_Covers(geom, ST_SetSRID(ST_MakePoint(${input.position[0]}, ${input.position[1]}), 4326))
    ORDER BY id LIMIT 1`)
  if (!grid)
    throw failures.rejected(
      'place-outside-grids',
      'Place outside the grids',
      'The position lies in no grid of the county.',
      [{ path: 'position', message: 'in no grid' }],
    )
  const place = { id: grid.id, countyCode: grid.county_code, zoneId: grid.parent_id }
  const own = await database.rows<{ grid_id: number }>(
    user.assignedInstitutionIds.size === 0
      ? sql`SELECT NULL::int AS grid_id WHERE false`
      : sql`SELECT DISTINCT grid_id FROM institutions WHERE grid_id IS NOT NULL AND id IN (${sql.join(
          [...user.assignedInstitutionIds].map((id) => sql`${id}`),
          sql`, `,
        )})`,
  )
  authorise(
    user,
    { kind: 'risk-report.raise-at', grid: place, ownGridIds: new Set(own.map((row) => row.grid_id)) },
    'You cannot raise a risk report about this place',
  )
  return { place: input.place, position: input.position, grid: place }
}

/** Acknowledging or closing: the chain of the report's institution, or of its grid for a place. */
export async function authoriseHandling(
  database: Database,
  user: SessionUser,
  report: RiskReportView,
  refusal: string,
) {
  if (report.institutionId !== null)
    authorise(
      user,
      { kind: 'risk-report.handle', institution: await placedInstitution(database, report.institutionId) },
      refusal,
    )
  else {
    const [grid] = await database.rows<{ county_code: string; parent_id: number | null }>(
      sql`SELECT county_code, parent_id FROM areas WHERE id = ${report.gridId}`,
    )
    authorise(
      user,
      {
        kind: 'risk-report.handle-at',
        grid: { id: report.gridId!, countyCode: grid!.county_code, zoneId: grid!.parent_id },
      },
      refusal,
    )
  }
}
