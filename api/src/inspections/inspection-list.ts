// Inspections as lists: newest first, narrowed to the caller's scope (the scope rule as SQL), optionally only those flagged with anomalies (what level-1 and level-2 members and
// supervisors review).
import { sql } from 'drizzle-orm'
import type { Database } from '@gridwatch/db'
import type { InspectionKind } from '@gridwatch/db/schema'
import type { Anomaly, VerificationGap } from '@gridwatch/domain/field-checks.ts'
import type { SessionUser } from '../auth/session-user.ts'
import { institutionScopeCondition } from '../auth/scope-condition.ts'

export interface ListedInspection {
  id: number
  institutionId: number
  institutionName: string
  gridId: number | null
  kind: InspectionKind
  arrivedAt: string
  departedAt: string | null
  distanceMeters: number | null
  verified: boolean
  verificationGaps: VerificationGap[]
  anomalies: Anomaly[]
  recordedBy: string | null
  note: string
}

export async function inspectionsInScope(
  database: Database,
  user: SessionUser,
  filter: { institutionId?: number | undefined; flagged: boolean; mine?: boolean; limit: number },
): Promise<ListedInspection[]> {
  const conditions = [institutionScopeCondition(user)]
  if (filter.institutionId !== undefined) conditions.push(sql`v.institution_id = ${filter.institutionId}`)
  if (filter.flagged) conditions.push(sql`jsonb_array_length(v.anomalies) > 0`)
  if (filter.mine) conditions.push(sql`v.recorded_by = ${user.id}`)
  const rows = await database.rows<{
    id: number
    institution_id: number
    name: string
    grid_id: number | null
    kind: InspectionKind
    arrived_at: Date | string
    departed_at: Date | string | null
    distance_meters: number | null
    verified: boolean
    verification_gaps: VerificationGap[]
    anomalies: Anomaly[]
    recorded_by: string | null
    note: string
  }>(sql`
    SELECT v.id, v.institution_id, i.name, v.grid_id, v.kind, v.arrived_at, v.departed_at, v.distance_meters, v.verified, v.verification_gaps, v.anomalies,
      u.display_name AS recorded_by, v.note
    FROM inspections v JOIN institutions i ON i.id = v.institution_id LEFT JOIN areas g ON g.id = i.grid_id LEFT JOIN users u ON u.id = v.recorded_by
    WHERE ${sql.join(conditions, sql` AND `)}
    ORDER BY v.arrived_at DESC, v.id DESC LIMIT ${filter.limit}`)
  return rows.map((row) => ({
    id: row.id,
    institutionId: row.institution_id,
    institutionName: row.name,
    gridId: row.grid_id,
    kind: row.kind,
    arrivedAt: new Date(row.arrived_at).toISOString(),
    departedAt: row.departed_at === null ? null : new Date(row.departed_at).toISOString(),
    distanceMeters: row.distance_meters,
    verified: row.verified,
    verificationGaps: row.verification_gaps,
    anomalies: row.anomalies,
    recordedBy: row.recorded_by,
    note: row.note,
  }))
}
