// The results of a month's cross-checks (交叉互查结果) per grid: which team checked it, how many of
// its institutions, the two halves of the score (the institutions' checklists, the grid staff's
// work) and the findings that went into the ledger; each cross-check listed for the drill-down.
// The round's plan size is told only to those who may see plans ahead (四不两直).
import { sql } from 'drizzle-orm'
import type { Database } from '@gridwatch/db'
import {
  crossCheckScore,
  staffWorkItems,
  type StaffWorkEntry,
  type StaffWorkItem,
} from '@gridwatch/domain/cross-checks.ts'
import type { ChecklistResult } from '@gridwatch/domain/inspection-content.ts'
import { monthBounds } from '@gridwatch/domain/monthly-report.ts'
import { can } from '../auth/can.ts'
import type { SessionUser } from '../auth/session-user.ts'
import { gridsInScope } from '../reports/monthly-report-queries.ts'

export interface CrossCheckView {
  inspectionId: number
  institutionId: number
  institutionName: string
  arrivedAt: string
  inspectors: string[]
  /** Checklist categories found wanting. */
  problems: string[]
  /** Staff-work items found wanting. */
  staffWorkProblems: StaffWorkItem[]
  ledgerItemIds: number[]
}

export interface GridCrossCheckResult {
  gridId: number
  gridName: string
  zoneName: string | null
  teams: string[]
  /** Institutions of the grid in this month's rounds; null for callers who may not see plans ahead. */
  planned: number | null
  checked: number
  institutionShare: number | null
  staffWorkShare: number | null
  score: number | null
  findings: number
  staffWorkProblems: Record<StaffWorkItem, number>
  crossChecks: CrossCheckView[]
}

const idArray = (ids: readonly number[]) => `{${ids.join(',')}}`

export async function crossCheckResults(
  database: Database,
  user: SessionUser,
  month: string,
): Promise<GridCrossCheckResult[]> {
  const grids = await gridsInScope(database, user)
  if (grids.length === 0) return []
  const ids = idArray(grids.map((grid) => grid.id))
  const { start, end } = monthBounds(month)
  const [checks, planned] = await Promise.all([
    database.rows<{
      id: number
      grid_id: number
      institution_id: number
      name: string
      arrived_at: Date | string
      checklist: { category: string; result: ChecklistResult }[]
      staff_work: StaffWorkEntry[]
      inspectors: string[] | null
      ledger_item_ids: number[] | null
      team: string | null
    }>(sql`
      SELECT v.id, v.grid_id, v.institution_id, i.name, v.arrived_at, v.checklist, v.staff_work,
        (SELECT array_agg(s.name ORDER BY s.name) FROM inspection_inspectors vi JOIN staff s ON s.id = vi.staff_id WHERE vi.inspection_id = v.id) AS inspectors,
        (SELECT array_agg(l.id ORDER BY l.id) FROM ledger_items l WHERE l.inspection_id = v.id) AS ledger_item_ids,
        (SELECT t.name FROM round_institutions ri JOIN rotations r ON r.id = ri.rotation_id JOIN teams t ON t.id = r.team_id
         WHERE ri.institution_id = v.institution_id AND ri.month = ${month + '-01'}::date) AS team
      FROM inspections v JOIN institutions i ON i.id = v.institution_id
      WHERE v.kind = 'cross-check' AND v.grid_id = ANY(${ids}::int[]) AND v.arrived_at >= ${start.toISOString()}::timestamptz AND v.arrived_at < ${end.toISOString()}::timestamptz
      ORDER BY v.arrived_at, v.id`),
    can(user, { kind: 'rotation.plan' }).allowed
      ? database.rows<{ grid_id: number; planned: number; teams: string[] }>(sql`
          SELECT i.grid_id, count(*)::int AS planned, array_agg(DISTINCT t.name) AS teams
          FROM round_institutions ri JOIN institutions i ON i.id = ri.institution_id JOIN rotations r ON r.id = ri.rotation_id JOIN teams t ON t.id = r.team_id
          WHERE ri.month = ${month + '-01'}::date AND i.grid_id = ANY(${ids}::int[]) GROUP BY i.grid_id`)
      : Promise.resolve(null),
  ])
  const plannedOf = new Map((planned ?? []).map((row) => [row.grid_id, row]))
  return grids.map((grid) => {
    const own = checks.filter((check) => check.grid_id === grid.id)
    const score = crossCheckScore(own.map((check) => ({ checklist: check.checklist, staffWork: check.staff_work })))
    const staffWorkProblems = Object.fromEntries(
      staffWorkItems.map((item) => [
        item,
        own.filter((check) => check.staff_work.some((entry) => entry.item === item && entry.result === 'problem'))
          .length,
      ]),
    ) as Record<StaffWorkItem, number>
    const teams = new Set([
      ...(plannedOf.get(grid.id)?.teams ?? []),
      ...own.flatMap((check) => (check.team === null ? [] : [check.team])),
    ])
    return {
      gridId: grid.id,
      gridName: grid.name,
      zoneName: grid.zone_name,
      teams: [...teams].sort(),
      planned: planned === null ? null : (plannedOf.get(grid.id)?.planned ?? 0),
      checked: new Set(own.map((check) => check.institution_id)).size,
      ...score,
      findings: own.reduce((sum, check) => sum + (check.ledger_item_ids?.length ?? 0), 0),
      staffWorkProblems,
      crossChecks: own.map((check) => ({
        inspectionId: check.id,
        institutionId: check.institution_id,
        institutionName: check.name,
        arrivedAt: new Date(check.arrived_at).toISOString(),
        inspectors: check.inspectors ?? [],
        problems: check.checklist.filter((entry) => entry.result === 'problem').map((entry) => entry.category),
        staffWorkProblems: check.staff_work.filter((entry) => entry.result === 'problem').map((entry) => entry.item),
        ledgerItemIds: check.ledger_item_ids ?? [],
      })),
    }
  })
}
