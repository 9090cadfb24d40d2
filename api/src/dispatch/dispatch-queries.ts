// The dispatch view (常调度) for the caller's scope: per grid and per member of staff, the
// institutions past their inspection interval (from the institution layer, the same rule as the
// map), open ledger items past their deadline, risk reports waiting for an acknowledgement and
// clues not concluded; the records themselves (most urgent first, each with its id for a link);
// and this week's work set against last week's.
import { sql } from 'drizzle-orm'
import type { Database } from '@gridwatch/db'
import { byUrgency, dispatchWeeks, emptyCounts, type DispatchCounts } from '@gridwatch/domain/dispatch.ts'
import { recencyClass } from '@gridwatch/domain/recency.ts'
import { bureauDate, daysUntil } from '@gridwatch/domain/bureau-calendar.ts'
import type { SessionUser } from '../auth/session-user.ts'
import { institutionScopeCondition } from '../auth/scope-condition.ts'
import type { InstitutionLayer } from '../map/institution-layer.ts'
import { daysSinceMinute, minuteOf } from '@gridwatch/domain/institution-layer-format.ts'

const recordLimit = 60

export interface WeekFigures {
  inspections: number
  verifiedInspections: number
  ledgerOpened: number
  ledgerClosed: number
  riskReports: number
  cluesReceived: number
}

export interface Dispatch {
  weekStart: string
  grids: (DispatchCounts & { gridId: number; name: string; zoneName: string | null; institutions: number })[]
  people: (DispatchCounts & { staffId: number; name: string; level: number; gridName: string | null })[]
  overdueInspections: {
    institutionId: number
    name: string
    gridName: string | null
    daysSinceVisit: number | null
    intervalDays: number
  }[]
  overdueLedgerItems: {
    id: number
    institutionId: number
    institutionName: string
    problem: string
    deadlineAt: string
    daysOverdue: number
  }[]
  unacknowledgedRisks: {
    id: number
    institutionId: number
    institutionName: string
    title: string
    level: number
    sentAt: string
    staffName: string | null
  }[]
  openClues: {
    id: number
    institutionId: number | null
    institutionName: string | null
    summary: string
    dueAt: string
    overdue: boolean
    assignedTo: string | null
  }[]
  week: { thisWeek: WeekFigures; lastWeek: WeekFigures }
}

const iso = (value: Date | string) => new Date(value).toISOString()

export async function dispatch(
  database: Database,
  layer: InstitutionLayer,
  user: SessionUser,
  now: Date,
): Promise<Dispatch> {
  const records = (await layer.records(user)).filter((record) => record.status === 'active')
  const nowMinute = minuteOf(now)
  const overdue = records
    .map((record) => ({ record, days: daysSinceMinute(record.lastVisitMinute, nowMinute) }))
    .filter(({ record, days }) => recencyClass(days, record.intervalDays) !== 'within')
  const ids = `{${records.map((record) => record.id).join(',')}}`
  const scope = institutionScopeCondition(user)
  const weeks = dispatchWeeks(now)
  const [institutions, grids, assignments, items, risks, clues, weekRows] = await Promise.all([
    database.rows<{ id: number; name: string; grid_id: number | null }>(
      sql`SELECT id, name, grid_id FROM institutions WHERE id = ANY(${ids}::int[])`,
    ),
    database.rows<{ id: number; name: string; zone_name: string | null }>(sql`
      SELECT g.id, g.name, z.name AS zone_name FROM areas g LEFT JOIN areas z ON z.id = g.parent_id
      WHERE g.id IN (SELECT DISTINCT grid_id FROM institutions WHERE id = ANY(${ids}::int[])) ORDER BY z.sort_order, g.sort_order, g.id`),
    database.rows<{
      staff_id: number
      name: string
      level: number
      institution_id: number
      area_name: string | null
    }>(sql`
      SELECT a.staff_id, s.name, s.level, a.institution_id, ar.name AS area_name FROM assignments a JOIN staff s ON s.id = a.staff_id LEFT JOIN areas ar ON ar.id = s.area_id
      WHERE a.until IS NULL AND a.institution_id = ANY(${ids}::int[])`),
    database.rows<{ id: number; institution_id: number; problem: string; deadline_at: Date | string }>(sql`
      SELECT l.id, l.institution_id, l.problem, l.deadline_at FROM ledger_items l JOIN institutions i ON i.id = l.institution_id LEFT JOIN areas g ON g.id = i.grid_id
      WHERE l.status <> 'closed' AND l.deadline_at < ${now.toISOString()}::timestamptz AND ${scope} ORDER BY l.deadline_at, l.id`),
    database.rows<{
      id: number
      institution_id: number
      title: string
      to_level: number
      sent_at: Date | string
      to_staff_id: number | null
      staff_name: string | null
      staff_level: number | null
    }>(sql`
      SELECT r.id, r.institution_id, r.title, h.to_level, h.sent_at, h.to_staff_id, s.name AS staff_name, s.level AS staff_level
      FROM risk_reports r JOIN institutions i ON i.id = r.institution_id LEFT JOIN areas g ON g.id = i.grid_id
      JOIN LATERAL (SELECT * FROM risk_report_hops h WHERE h.risk_report_id = r.id ORDER BY h.id DESC LIMIT 1) h ON true
      LEFT JOIN staff s ON s.id = h.to_staff_id
      WHERE r.status <> 'closed' AND h.acknowledged_at IS NULL AND ${scope} ORDER BY h.sent_at, r.id`),
    database.rows<{
      id: number
      institution_id: number | null
      summary: string
      due_at: Date | string
      assigned_staff_id: number | null
      staff_name: string | null
      staff_level: number | null
    }>(sql`
      SELECT c.id, c.institution_id, c.summary, c.due_at, c.assigned_staff_id, s.name AS staff_name, s.level AS staff_level
      FROM clues c JOIN institutions i ON i.id = c.institution_id LEFT JOIN areas g ON g.id = i.grid_id LEFT JOIN staff s ON s.id = c.assigned_staff_id
      WHERE c.status <> 'concluded' AND ${scope} ORDER BY c.due_at, c.id`),
    database.rows<{
      week: 'this' | 'last'
      inspections: number
      verified: number
      opened: number
      closed: number
      risks: number
      clues: number
    }>(sql`
      WITH bounds(week, starts, ends) AS (VALUES ('this', ${weeks.thisWeek.toISOString()}::timestamptz, ${weeks.nextWeek.toISOString()}::timestamptz),
                                               ('last', ${weeks.lastWeek.toISOString()}::timestamptz, ${weeks.thisWeek.toISOString()}::timestamptz))
      SELECT b.week,
        (SELECT count(*)::int FROM inspections v WHERE v.institution_id = ANY(${ids}::int[]) AND v.arrived_at >= b.starts AND v.arrived_at < b.ends) AS inspections,
        (SELECT count(*)::int FROM inspections v WHERE v.institution_id = ANY(${ids}::int[]) AND v.verified AND v.arrived_at >= b.starts AND v.arrived_at < b.ends) AS verified,
        (SELECT count(*)::int FROM ledger_items l WHERE l.institution_id = ANY(${ids}::int[]) AND l.opened_at >= b.starts AND l.opened_at < b.ends) AS opened,
        (SELECT count(*)::int FROM ledger_items l WHERE l.institution_id = ANY(${ids}::int[]) AND l.closed_at >= b.starts AND l.closed_at < b.ends) AS closed,
        (SELECT count(*)::int FROM risk_reports r WHERE r.institution_id = ANY(${ids}::int[]) AND r.reported_at >= b.starts AND r.reported_at < b.ends) AS risks,
        (SELECT count(*)::int FROM clues c WHERE c.institution_id = ANY(${ids}::int[]) AND c.received_at >= b.starts AND c.received_at < b.ends) AS clues
      FROM bounds b`),
  ])
  const nameOf = new Map(institutions.map((row) => [row.id, row.name]))
  const gridOf = new Map(institutions.map((row) => [row.id, row.grid_id]))
  const gridName = new Map(grids.map((grid) => [grid.id, grid.name]))

  const gridRows = new Map(
    grids.map((grid) => [
      grid.id,
      { gridId: grid.id, name: grid.name, zoneName: grid.zone_name, institutions: 0, ...emptyCounts() },
    ]),
  )
  const people = new Map<number, Dispatch['people'][number]>()
  const membersOf = new Map<number, number[]>()
  for (const row of assignments) {
    membersOf.set(row.institution_id, [...(membersOf.get(row.institution_id) ?? []), row.staff_id])
    if (!people.has(row.staff_id))
      people.set(row.staff_id, {
        staffId: row.staff_id,
        name: row.name,
        level: row.level,
        gridName: row.area_name,
        ...emptyCounts(),
      })
  }
  const count = (institutionId: number | null, field: keyof DispatchCounts, staffIds?: (number | null)[]) => {
    const grid = institutionId === null ? undefined : gridRows.get(gridOf.get(institutionId) ?? -1)
    if (grid) grid[field]++
    for (const staffId of staffIds ?? (institutionId === null ? [] : (membersOf.get(institutionId) ?? []))) {
      const person = staffId === null ? undefined : people.get(staffId)
      if (person) person[field]++
    }
  }
  for (const record of records) {
    const grid = gridRows.get(record.gridId ?? -1)
    if (grid) grid.institutions++
  }
  for (const { record } of overdue) count(record.id, 'overdueInspections')
  for (const item of items) count(item.institution_id, 'overdueLedgerItems')
  /** A member the records name who answers for no single institution (a grid's level-2 or level-1 member). */
  const person = (staffId: number | null, name: string | null, level: number | null, institutionId: number | null) => {
    if (staffId !== null && name !== null && !people.has(staffId))
      people.set(staffId, {
        staffId,
        name,
        level: level ?? 0,
        gridName: gridName.get(gridOf.get(institutionId ?? -1) ?? -1) ?? null,
        ...emptyCounts(),
      })
    return [staffId]
  }
  // A risk report counts for the member it waits for (the chain's next level); a clue for the member it is assigned to.
  for (const risk of risks)
    count(
      risk.institution_id,
      'unacknowledgedRisks',
      person(risk.to_staff_id, risk.staff_name, risk.staff_level, risk.institution_id),
    )
  for (const clue of clues)
    count(
      clue.institution_id,
      'openClues',
      person(clue.assigned_staff_id, clue.staff_name, clue.staff_level, clue.institution_id),
    )
  const week = (which: 'this' | 'last'): WeekFigures => {
    const row = weekRows.find((entry) => entry.week === which)!
    return {
      inspections: row.inspections,
      verifiedInspections: row.verified,
      ledgerOpened: row.opened,
      ledgerClosed: row.closed,
      riskReports: row.risks,
      cluesReceived: row.clues,
    }
  }
  const nowMs = now.getTime()
  return {
    weekStart: bureauDate(weeks.thisWeek),
    grids: byUrgency([...gridRows.values()]),
    people: byUrgency(
      [...people.values()].filter(
        (person) =>
          person.overdueInspections + person.overdueLedgerItems + person.unacknowledgedRisks + person.openClues > 0,
      ),
    ),
    overdueInspections: overdue
      .sort(
        (a, b) =>
          (b.days ?? Infinity) / b.record.intervalDays - (a.days ?? Infinity) / a.record.intervalDays ||
          a.record.id - b.record.id,
      )
      .slice(0, recordLimit)
      .map(({ record, days }) => ({
        institutionId: record.id,
        name: nameOf.get(record.id) ?? '',
        gridName: gridName.get(record.gridId ?? -1) ?? null,
        daysSinceVisit: days,
        intervalDays: record.intervalDays,
      })),
    overdueLedgerItems: items.slice(0, recordLimit).map((item) => ({
      id: item.id,
      institutionId: item.institution_id,
      institutionName: nameOf.get(item.institution_id) ?? '',
      problem: item.problem,
      deadlineAt: iso(item.deadline_at),
      daysOverdue: -daysUntil(item.deadline_at, now),
    })),
    unacknowledgedRisks: risks.slice(0, recordLimit).map((risk) => ({
      id: risk.id,
      institutionId: risk.institution_id,
      institutionName: nameOf.get(risk.institution_id) ?? '',
      title: risk.title,
      level: risk.to_level,
      sentAt: iso(risk.sent_at),
      staffName: risk.staff_name,
    })),
    openClues: clues.slice(0, recordLimit).map((clue) => ({
      id: clue.id,
      institutionId: clue.institution_id,
      institutionName: clue.institution_id === null ? null : (nameOf.get(clue.institution_id) ?? null),
      summary: clue.summary,
      dueAt: iso(clue.due_at),
      overdue: new Date(clue.due_at).getTime() < nowMs,
      assignedTo: clue.staff_name,
    })),
    week: { thisWeek: week('this'), lastWeek: week('last') },
  }
}
