// Reads institutions as institution-layer records: set-based (one aggregate over inspections and one
// over open ledger items) so that a province of 62,000 institutions reads in one pass rather than in
// 62,000 correlated subqueries.
import { sql } from 'drizzle-orm'
import type { Database } from '@gridwatch/db'
import type { CreditGrade, InstitutionType } from '@gridwatch/db/schema'
import type { InstitutionRecord, InstitutionStatus } from '@gridwatch/domain/institution-layer-format.ts'
import { intervalDaysOf } from '@gridwatch/domain/inspection-intervals.ts'
import { allFieldSettings } from '../settings/field-settings.ts'

interface RecordRow {
  id: number
  county_code: string
  lon: number
  lat: number
  grid_id: number | null
  type: InstitutionType
  status: InstitutionStatus
  credit_grade: CreditGrade | null
  blacklisted: boolean
  last_visit_minute: number | null
  last_verified_minute: number | null
  open_ledger_items: number | null
  first_deadline_minute: number | null
  risk_since_minute: number | null
}

/** A record as the server keeps it: with its county, which the scope rule needs and the wire format leaves out. */
export type LayerRecord = InstitutionRecord & { countyCode: string }

/** All institutions, or only `ids`, ordered by id. */
export async function readInstitutionRecords(database: Database, ids?: readonly number[]): Promise<LayerRecord[]> {
  if (ids && ids.length === 0) return []
  const settingsOf = await allFieldSettings(database)
  const only = (column: string) =>
    ids
      ? sql`WHERE ${sql.raw(column)} IN (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )})`
      : sql``
  const onlyOpen = ids
    ? sql`AND institution_id IN (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`
    : sql``
  const onlyRisk = ids
    ? sql`AND r.institution_id IN (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`
    : sql``
  const rows = await database.rows<RecordRow>(sql`
    SELECT i.id, i.county_code, ST_X(i.position) AS lon, ST_Y(i.position) AS lat, i.grid_id, i.type, i.status, i.credit_grade, i.blacklisted,
      v.last_visit_minute, v.last_verified_minute, l.open_ledger_items, l.first_deadline_minute, r.risk_since_minute
    FROM institutions i
    LEFT JOIN (
      SELECT institution_id, floor(extract(epoch FROM max(arrived_at)) / 60)::int AS last_visit_minute,
        floor(extract(epoch FROM max(arrived_at) FILTER (WHERE verified)) / 60)::int AS last_verified_minute
      FROM inspections ${only('institution_id')} GROUP BY institution_id
    ) v ON v.institution_id = i.id
    LEFT JOIN (
      SELECT institution_id, count(*)::int AS open_ledger_items, floor(extract(epoch FROM min(deadline_at)) / 60)::int AS first_deadline_minute
      FROM ledger_items WHERE status <> 'closed' ${onlyOpen} GROUP BY institution_id
    ) l ON l.institution_id = i.id
    LEFT JOIN (
      SELECT r.institution_id, floor(extract(epoch FROM min(h.sent_at)) / 60)::int AS risk_since_minute
      FROM risk_reports r JOIN risk_report_hops h ON h.risk_report_id = r.id
      WHERE r.status = 'escalating' AND h.acknowledged_at IS NULL AND r.institution_id IS NOT NULL ${onlyRisk}
      GROUP BY r.institution_id
    ) r ON r.institution_id = i.id
    ${only('i.id')}
    ORDER BY i.id`)
  return rows.map((row) => ({
    id: row.id,
    countyCode: row.county_code,
    lon: row.lon,
    lat: row.lat,
    gridId: row.grid_id,
    type: row.type,
    status: row.status,
    creditGrade: row.credit_grade,
    blacklisted: row.blacklisted,
    lastVisitMinute: row.last_visit_minute,
    lastVerifiedMinute: row.last_verified_minute,
    intervalDays: intervalDaysOf(settingsOf(row.county_code).intervals, row.type, row.credit_grade, row.blacklisted),
    openLedgerItems: row.open_ledger_items ?? 0,
    firstDeadlineMinute: row.first_deadline_minute,
    riskSinceMinute: row.risk_since_minute,
  }))
}
