// Institutions as map features, with what the three themes need: days since the last visit,
// open and overdue ledger items, credit grade. One query, filtered by scope and bounding box.
import { sql, type SQL } from 'drizzle-orm'
import { instant, type Database } from '@gridwatch/db'
import type { CreditGrade, InstitutionType } from '@gridwatch/db/schema'
import type { SessionUser } from '../auth/session-user.ts'
import { idsCondition, institutionScopeCondition } from '../auth/scope-condition.ts'
import { intervalDaysOf } from '@gridwatch/domain/inspection-intervals.ts'
import { allFieldSettings } from '../settings/field-settings.ts'
import { daysSince } from '@gridwatch/domain/bureau-calendar.ts'

export interface InstitutionFilter {
  /** minLon, minLat, maxLon, maxLat */
  bbox?: [number, number, number, number]
  /** Only these institutions (e.g. the caller's own). */
  institutionIds?: number[]
}

export interface InstitutionProperties {
  id: number
  code: string
  name: string
  type: InstitutionType
  status: string
  gridId: number | null
  gridName: string | null
  zoneId: number | null
  lastVisitAt: string | null
  daysSinceVisit: number | null
  /** Days allowed between inspections, by type, credit grade and county (inspection-intervals.ts). */
  intervalDays: number
  openLedgerItems: number
  overdueLedgerItems: number
  creditGrade: CreditGrade | null
  creditScore: number | null
  blacklisted: boolean
  isDemo: boolean
}

export interface InstitutionFeature {
  type: 'Feature'
  id: number
  geometry: { type: 'Point'; coordinates: [number, number] }
  properties: InstitutionProperties
}

interface InstitutionRow {
  id: number
  county_code: string
  code: string
  name: string
  type: InstitutionType
  status: string
  grid_id: number | null
  grid_name: string | null
  zone_id: number | null
  lon: number
  lat: number
  last_visit_at: Date | string | null
  open_ledger_items: number
  overdue_ledger_items: number
  credit_grade: CreditGrade | null
  credit_score: number | null
  blacklisted: boolean
  is_demo: boolean
}

export async function institutionFeatures(
  database: Database,
  user: SessionUser,
  now: Date,
  filter: InstitutionFilter = {},
): Promise<InstitutionFeature[]> {
  const conditions: SQL[] = [institutionScopeCondition(user)]
  if (filter.bbox) {
    const [minLon, minLat, maxLon, maxLat] = filter.bbox
    conditions.push(sql`i.position && ST_MakeEnvelope(${minLon}, ${minLat}, ${maxLon}, ${maxLat}, 4326)`)
  }
  if (filter.institutionIds) conditions.push(idsCondition(filter.institutionIds))
  const settingsOf = await allFieldSettings(database)
  const rows = await database.rows<InstitutionRow>(sql`
    SELECT i.id, i.county_code, i.code, i.name, i.type, i.status, i.grid_id, g.name AS grid_name, g.parent_id AS zone_id,
      ST_X(i.position) AS lon, ST_Y(i.position) AS lat,
      (SELECT max(v.arrived_at) FROM inspections v WHERE v.institution_id = i.id AND v.arrived_at <= ${instant(now)}) AS last_visit_at,
      (SELECT count(*)::int FROM ledger_items l WHERE l.institution_id = i.id AND l.status <> 'closed') AS open_ledger_items,
      (SELECT count(*)::int FROM ledger_items l WHERE l.institution_id = i.id AND l.status <> 'closed' AND l.deadline_at < ${instant(now)}) AS overdue_ledger_items,
      i.credit_grade, i.credit_score, i.blacklisted, i.is_demo
    FROM institutions i LEFT JOIN areas g ON g.id = i.grid_id
    WHERE ${sql.join(conditions, sql` AND `)}
    ORDER BY i.id`)
  return rows.map((row) => {
    const lastVisit = row.last_visit_at === null ? null : new Date(row.last_visit_at)
    return {
      type: 'Feature',
      id: row.id,
      geometry: { type: 'Point', coordinates: [Number(row.lon.toFixed(6)), Number(row.lat.toFixed(6))] },
      properties: {
        id: row.id,
        code: row.code,
        name: row.name,
        type: row.type,
        status: row.status,
        gridId: row.grid_id,
        gridName: row.grid_name,
        zoneId: row.zone_id,
        lastVisitAt: lastVisit?.toISOString() ?? null,
        daysSinceVisit: lastVisit === null ? null : Math.max(0, daysSince(lastVisit, now)),
        intervalDays: intervalDaysOf(
          settingsOf(row.county_code).intervals,
          row.type,
          row.credit_grade,
          row.blacklisted,
        ),
        openLedgerItems: row.open_ledger_items,
        overdueLedgerItems: row.overdue_ledger_items,
        creditGrade: row.credit_grade,
        creditScore: row.credit_score,
        blacklisted: row.blacklisted,
        isDemo: row.is_demo,
      },
    }
  })
}
