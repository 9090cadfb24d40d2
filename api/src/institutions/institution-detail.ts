// What the dashboard's side panel shows for one institution beyond its map figures: the staff
// assigned to it (directly or through its grid; phones masked for roles that may not see them),
// its contact, the last visits, its ledger items with deadlines, and its credit history.
import { sql } from 'drizzle-orm'
import { instant, type Database } from '@gridwatch/db'
import type { SessionUser } from '../auth/session-user.ts'
import { can } from '../auth/can.ts'
import { maskPhone } from '@gridwatch/domain/phone-mask.ts'
import type { InstitutionDetail, StaffContact } from '@gridwatch/domain/institution-views.ts'

export type { InstitutionDetail, StaffContact } from '@gridwatch/domain/institution-views.ts'

const recentInspectionCount = 8
const recentClosedItemCount = 5

const iso = (value: Date | string): string => new Date(value).toISOString()

export function phoneFor(user: SessionUser, phone: string | null): { phone: string | null; phoneMasked: boolean } {
  if (phone === null) return { phone, phoneMasked: false }
  return can(user, { kind: 'phone.read' }).allowed
    ? { phone, phoneMasked: false }
    : { phone: maskPhone(phone), phoneMasked: true }
}

/** Staff assigned to these grids or institutions now, level 1 first. */
export async function assignedStaff(
  database: Database,
  user: SessionUser,
  target: { gridId: number | null; institutionId?: number },
  now: Date,
): Promise<StaffContact[]> {
  const rows = await database.rows<{
    id: number
    name: string
    level: number
    title: string | null
    organisation: string
    phone: string | null
    direct: boolean
  }>(sql`
    SELECT s.id, s.name, s.level, s.title, s.organisation, s.phone, bool_or(a.institution_id IS NOT NULL) AS direct
    FROM assignments a JOIN staff s ON s.id = a.staff_id
    WHERE (a.until IS NULL OR a.until > ${instant(now)})
      AND (${target.institutionId === undefined ? sql`false` : sql`a.institution_id = ${target.institutionId}`}
        OR (a.institution_id IS NULL AND a.grid_id = ${target.gridId ?? -1}))
    GROUP BY s.id ORDER BY s.level, s.id`)
  // A level-3 member's own superiors: the staff of a place holding one of the member's institutions.
  const own = [...user.assignedInstitutionIds]
  const [place] =
    user.role === 'grid_member_3' && own.length > 0
      ? await database.rows<{ holds: boolean }>(sql`
          SELECT EXISTS (SELECT 1 FROM institutions WHERE id IN (${sql.join(
            own.map((id) => sql`${id}`),
            sql`, `,
          )})
            AND (id = ${target.institutionId ?? -1} OR grid_id = ${target.gridId ?? -1})) AS holds`)
      : [{ holds: false }]
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    level: row.level,
    title: row.title,
    organisation: row.organisation,
    ...(row.phone !== null &&
    can(user, { kind: 'staff-phone.read', staffLevel: row.level, answersForCallersInstitution: place!.holds }).allowed
      ? { phone: row.phone, phoneMasked: false }
      : phoneFor(user, row.phone)),
    via: row.direct ? 'institution' : 'grid',
  }))
}

export async function institutionDetail(
  database: Database,
  user: SessionUser,
  institutionId: number,
  gridId: number | null,
  now: Date,
): Promise<InstitutionDetail> {
  const at = instant(now)
  const [contact] = await database.rows<{
    address: string | null
    contact_name: string | null
    contact_phone: string | null
  }>(sql`SELECT address, contact_name, contact_phone FROM institutions WHERE id = ${institutionId}`)
  const staff = await assignedStaff(database, user, { gridId, institutionId }, now)
  const inspections = await database.rows<{
    id: number
    kind: string
    arrived_at: Date | string
    note: string
    verified: boolean
    anomalies: unknown[]
    inspectors: string[] | null
  }>(sql`
    SELECT v.id, v.kind, v.arrived_at, v.note, v.verified, v.anomalies,
      (SELECT array_agg(s.name ORDER BY s.level, s.id) FROM inspection_inspectors vi JOIN staff s ON s.id = vi.staff_id WHERE vi.inspection_id = v.id) AS inspectors
    FROM inspections v WHERE v.institution_id = ${institutionId}
    ORDER BY v.arrived_at DESC LIMIT ${recentInspectionCount}`)
  const items = await database.rows<{
    id: number
    category: string
    problem: string
    measure: string
    deadline_at: Date | string
    responsible_person: string
    severity: string
    status: string
    opened_at: Date | string
    closed_at: Date | string | null
    overdue: boolean
  }>(sql`
    (SELECT id, category, problem, measure, deadline_at, responsible_person, severity, status, opened_at, closed_at, deadline_at < ${at} AS overdue
     FROM ledger_items WHERE institution_id = ${institutionId} AND status <> 'closed' ORDER BY deadline_at)
    UNION ALL
    (SELECT id, category, problem, measure, deadline_at, responsible_person, severity, status, opened_at, closed_at, false AS overdue
     FROM ledger_items WHERE institution_id = ${institutionId} AND status = 'closed' ORDER BY closed_at DESC LIMIT ${recentClosedItemCount})`)
  const risks = can(user, { kind: 'risk-report.read' }).allowed
    ? await database.rows<{
        id: number
        title: string
        severity: 'low' | 'medium' | 'high'
        status: 'escalating' | 'acknowledged'
        reported_at: Date | string
      }>(sql`
        SELECT id, title, severity, status, reported_at FROM risk_reports WHERE institution_id = ${institutionId} AND status <> 'closed' ORDER BY reported_at DESC`)
    : []
  const credit = await database.rows<{
    evaluated_at: Date | string
    score: number
    grade: string
    blacklisted: boolean
    reason: string | null
  }>(sql`
    SELECT evaluated_at, score, grade, blacklisted, reason FROM credit_evaluations WHERE institution_id = ${institutionId} ORDER BY evaluated_at DESC`)
  return {
    address: contact?.address ?? null,
    contactName: contact?.contact_name ?? null,
    contactPhone: phoneFor(user, contact?.contact_phone ?? null).phone,
    staff,
    inspections: inspections.map((inspection) => ({
      id: inspection.id,
      kind: inspection.kind,
      arrivedAt: iso(inspection.arrived_at),
      note: inspection.note,
      verified: inspection.verified,
      anomalies: inspection.anomalies.length,
      inspectors: inspection.inspectors ?? [],
    })),
    ledgerItems: items.map((item) => ({
      id: item.id,
      category: item.category,
      problem: item.problem,
      measure: item.measure,
      deadlineAt: iso(item.deadline_at),
      responsiblePerson: item.responsible_person,
      severity: item.severity,
      status: item.status,
      openedAt: iso(item.opened_at),
      closedAt: item.closed_at === null ? null : iso(item.closed_at),
      overdue: item.overdue,
    })),
    creditHistory: credit.map((row) => ({
      evaluatedAt: iso(row.evaluated_at),
      score: row.score,
      grade: row.grade,
      blacklisted: row.blacklisted,
      reason: row.reason,
    })),
    openRiskReports: risks.map((risk) => ({
      id: risk.id,
      title: risk.title,
      severity: risk.severity,
      status: risk.status,
      reportedAt: iso(risk.reported_at),
    })),
  }
}
