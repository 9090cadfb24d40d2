// The figures around the wall's map: visit coverage and overdue institutions (from the institution layer,
// so tiles and map always agree), ledger items, unacknowledged risk reports, this month's
// cross-check progress per team, a per-grid ranking and an eight-week trend.
import { sql, type SQL } from 'drizzle-orm'
import { instant, type Database } from '@gridwatch/db'
import { recencyClass } from '@gridwatch/domain/recency.ts'
import type { SessionUser } from '../auth/session-user.ts'
import { can } from '../auth/can.ts'
import type { InstitutionLayer } from '../map/institution-layer.ts'
import { daysSinceMinute, minuteOf, type InstitutionRecord } from '@gridwatch/domain/institution-layer-format.ts'
import type { WallSummary } from '@gridwatch/domain/wall-summary.ts'
import {
  isLate,
  previousMonth,
  submissionDeadline,
  type MonthlyReportStatus,
} from '@gridwatch/domain/monthly-report.ts'
import { addDays, bureauDate, bureauInstant } from '@gridwatch/domain/bureau-calendar.ts'
import { circularsOf } from '../circulars/circular-queries.ts'
import { countyFieldSettings } from '../settings/field-settings.ts'

export type { WallSummary } from '@gridwatch/domain/wall-summary.ts'

const dayMs = 86_400_000

function daysSinceVisit(record: InstitutionRecord, now: Date): number | null {
  return daysSinceMinute(record.lastVisitMinute, minuteOf(now))
}

function daysSinceVerified(record: InstitutionRecord, now: Date): number | null {
  return daysSinceMinute(record.lastVerifiedMinute, minuteOf(now))
}

/** Whether the caller sees this month's cross-check plans on the wall (四不两直: not before their date). */
export function seesCrossCheckPlans(user: SessionUser): boolean {
  return can(user, { kind: 'rotation.read', memberOfTeam: false, checked: false }).allowed
}

export async function wallSummary(
  database: Database,
  layer: InstitutionLayer,
  user: SessionUser,
  now: Date,
): Promise<WallSummary> {
  const seesPlans = seesCrossCheckPlans(user)
  const records = (await layer.records(user)).filter((record) => record.status === 'active')
  const classes = records.map((record) => recencyClass(daysSinceVisit(record, now), record.intervalDays))
  const visitedWithinInterval = classes.filter((name) => name === 'within').length
  const verifiedClasses = records.map((record) => recencyClass(daysSinceVerified(record, now), record.intervalDays))
  const verifiedWithinInterval = verifiedClasses.filter((name) => name === 'within').length
  const neverVisited = classes.filter((name) => name === 'never').length

  // Scope for the SQL parts: the user's counties for district scope, else the institutions in scope.
  const inScopeAs = (column: string): SQL =>
    user.scopeKind === 'district'
      ? sql`${sql.raw(column)} IN (SELECT id FROM institutions WHERE starts_with(county_code, ${user.countyCode}))`
      : records.length === 0
        ? sql`false`
        : sql`${sql.raw(column)} IN (${sql.join(
            records.map((record) => sql`${record.id}`),
            sql`, `,
          )})`
  const inScope = inScopeAs('institution_id')
  // A 舆情 about a place (no institution) counts by its grid: the grids of the institutions in scope.
  const gridIds = [...new Set(records.flatMap((record) => (record.gridId === null ? [] : [record.gridId])))]
  const placeInScope =
    user.scopeKind === 'district'
      ? sql`starts_with(r.county_code, ${user.countyCode})`
      : gridIds.length === 0
        ? sql`false`
        : sql`r.grid_id IN (${sql.join(
            gridIds.map((id) => sql`${id}`),
            sql`, `,
          )})`
  const riskInScope = sql`(${inScopeAs('r.institution_id')} OR (r.institution_id IS NULL AND ${placeInScope}))`
  const at = instant(now)

  const [ledger] = await database.rows<{ open: number; overdue: number }>(sql`
    SELECT count(*)::int AS open, count(*) FILTER (WHERE deadline_at < ${at})::int AS overdue
    FROM ledger_items WHERE status <> 'closed' AND ${inScope}`)
  const [risks] = await database.rows<{ unacknowledged: number; timed_out: number; oldest: Date | string | null }>(sql`
    SELECT count(DISTINCT r.id)::int AS unacknowledged, count(DISTINCT r.id) FILTER (WHERE h.timed_out_at IS NOT NULL)::int AS timed_out,
      min(h.sent_at) FILTER (WHERE h.acknowledged_at IS NULL) AS oldest
    FROM risk_reports r JOIN risk_report_hops h ON h.risk_report_id = r.id
    WHERE r.status = 'escalating' AND ${riskInScope}`)

  const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString().slice(0, 10)
  const teams = await database.rows<{
    team_id: number
    name: string
    target_zone: string | null
    target_zone_id: number | null
    checked: number
  }>(sql`
    SELECT t.id AS team_id, t.name, z.name AS target_zone, z.id AS target_zone_id,
      (SELECT count(DISTINCT v.institution_id)::int FROM inspections v
         JOIN inspection_inspectors vi ON vi.inspection_id = v.id
         JOIN team_members m ON m.staff_id = vi.staff_id AND m.team_id = t.id
         JOIN areas g ON g.id = v.grid_id
       WHERE v.kind = 'cross-check' AND g.parent_id = z.id AND v.arrived_at >= (${month}::date)::timestamp AT TIME ZONE 'Asia/Shanghai') AS checked
    FROM teams t LEFT JOIN rotations r ON r.team_id = t.id AND r.month = ${month}::date
    LEFT JOIN areas z ON z.id = r.target_zone_id
    ORDER BY t.id`)

  const grids = await database.rows<{ id: number; name: string; zone: string | null; overdue_items: number }>(sql`
    SELECT g.id, g.name, z.name AS zone,
      (SELECT count(*)::int FROM ledger_items l WHERE l.grid_id = g.id AND l.status <> 'closed' AND l.deadline_at < ${at}) AS overdue_items
    FROM areas g LEFT JOIN areas z ON z.id = g.parent_id
    WHERE g.level = 'grid' AND g.id IN (SELECT DISTINCT grid_id FROM institutions WHERE grid_id IS NOT NULL)`)
  const perGrid = new Map<number, { institutions: number; within: number }>()
  records.forEach((record, index) => {
    if (record.gridId === null) return
    const entry = perGrid.get(record.gridId) ?? { institutions: 0, within: 0 }
    entry.institutions++
    if (verifiedClasses[index] === 'within') entry.within++
    perGrid.set(record.gridId, entry)
  })
  const ranking = grids
    .filter((grid) => perGrid.has(grid.id))
    .map((grid) => {
      const entry = perGrid.get(grid.id)!
      return {
        gridId: grid.id,
        name: grid.name,
        zone: grid.zone,
        institutions: entry.institutions,
        verifiedShare: entry.within / entry.institutions,
        overdueItems: grid.overdue_items,
      }
    })
    .sort(
      (a, b) =>
        b.verifiedShare - a.verifiedShare || a.overdueItems - b.overdueItems || a.name.localeCompare(b.name, 'zh-CN'),
    )

  // One pass over the last eight weeks, not one per week: a province holds hundreds of thousands of visits.
  const weeks = await database.rows<{ week: number; visited: number; opened: number }>(sql`
    SELECT w.week, coalesce(v.visited, 0) AS visited, coalesce(o.opened, 0) AS opened
    FROM generate_series(0, 7) AS w(week)
    LEFT JOIN (
      SELECT floor(extract(epoch FROM ${at}::timestamptz - arrived_at) / 604800)::int AS week, count(DISTINCT institution_id)::int AS visited
      FROM inspections WHERE verified AND arrived_at > ${at}::timestamptz - interval '56 days' AND arrived_at <= ${at} AND ${inScope} GROUP BY 1
    ) v ON v.week = w.week
    LEFT JOIN (
      SELECT floor(extract(epoch FROM ${at}::timestamptz - opened_at) / 604800)::int AS week, count(*)::int AS opened
      FROM ledger_items WHERE opened_at > ${at}::timestamptz - interval '56 days' AND opened_at <= ${at} AND ${inScope} GROUP BY 1
    ) o ON o.week = w.week
    ORDER BY w.week DESC`)
  const reports = await lastMonthReports(
    database,
    grids.filter((grid) => perGrid.has(grid.id)),
    user.countyCode,
    now,
  )
  const circular = await latestCircular(database, user)
  const total = records.length
  const sinceYesterday = await changesSinceYesterday(database, records, inScope, inScopeAs('r.institution_id'), now)

  return {
    asOf: now.toISOString(),
    institutions: {
      total,
      verifiedWithinInterval,
      visitedWithinInterval,
      pastInterval: total - visitedWithinInterval - neverVisited,
      neverVisited,
    },
    ledger: ledger!,
    risks: {
      unacknowledged: risks!.unacknowledged,
      timedOut: risks!.timed_out,
      oldestUnacknowledgedAt: risks!.oldest === null ? null : new Date(risks!.oldest).toISOString(),
    },
    teams: teams.map((team) =>
      seesPlans
        ? {
            teamId: team.team_id,
            name: team.name,
            announced: true,
            targetZone: team.target_zone,
            institutions:
              team.target_zone_id === null
                ? 0
                : records.filter(
                    (record) => record.gridId !== null && layer.zoneOf(record.gridId) === team.target_zone_id,
                  ).length,
            checked: team.checked,
          }
        : { teamId: team.team_id, name: team.name, announced: false, targetZone: null, institutions: 0, checked: 0 },
    ),
    ranking,
    rankingCovers: user.scopeKind === 'own_institutions' ? 'own-institutions' : 'whole-grids',
    reports,
    circular,
    sinceYesterday,
    trend: weeks.map((week) => ({
      weekStart: new Date(now.getTime() - (week.week + 1) * 7 * dayMs).toISOString(),
      verifiedShare: total === 0 ? 0 : week.visited / total,
      itemsOpened: week.opened,
    })),
  }
}

/** Last month's report status of each grid, in ranking order of name; the deadline is the county's. */
async function lastMonthReports(
  database: Database,
  grids: readonly { id: number; name: string }[],
  countyCode: string,
  now: Date,
): Promise<WallSummary['reports']> {
  const today = bureauDate(now)
  const month = previousMonth(today.slice(0, 7))
  const deadline = submissionDeadline(month, (await countyFieldSettings(database, countyCode)).reportDueDay)
  const rows =
    grids.length === 0
      ? []
      : await database.rows<{ grid_id: number; status: MonthlyReportStatus }>(
          sql`SELECT grid_id, status FROM monthly_reports WHERE month = ${month} AND grid_id = ANY(${`{${grids.map((grid) => grid.id).join(',')}}`}::int[])`,
        )
  const statusOf = new Map(rows.map((row) => [row.grid_id, row.status]))
  return {
    month,
    deadline,
    grids: [...grids]
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
      .map((grid) => {
        const status = statusOf.get(grid.id) ?? 'draft'
        return { gridId: grid.id, name: grid.name, status, late: isLate({ status }, deadline, today) }
      }),
  }
}

/** The county's latest published circular (circularsOf), as the wall shows it. */
async function latestCircular(database: Database, user: SessionUser): Promise<WallSummary['circular']> {
  const [circular] = await circularsOf(database, user, { latestPublished: true })
  if (!circular) return null
  return {
    id: circular.id,
    month: circular.month,
    title: circular.title,
    publishedAt: circular.publishedAt!,
    criticised: circular.content.criticised.map((grid) => ({
      name: grid.gridName,
      failures: grid.failures.map((failure) => failure.indicator),
    })),
    commended: circular.content.commended.map((grid) => grid.gridName),
  }
}

const latestShown = 6

/** Institutions whose last visit was within the interval a day ago and is not now. */
function missedInLastDay(records: readonly InstitutionRecord[], now: Date): InstitutionRecord[] {
  const nowMinute = minuteOf(now)
  const dayAgoMinute = nowMinute - 1440
  return records.filter(
    (record) =>
      record.lastVisitMinute !== null &&
      recencyClass(daysSinceMinute(record.lastVisitMinute, dayAgoMinute), record.intervalDays) === 'within' &&
      recencyClass(daysSinceMinute(record.lastVisitMinute, nowMinute), record.intervalDays) !== 'within',
  )
}

async function changesSinceYesterday(
  database: Database,
  records: readonly InstitutionRecord[],
  inScope: SQL,
  riskInScope: SQL,
  now: Date,
): Promise<WallSummary['sinceYesterday']> {
  const at = instant(now)
  const risks = await database.rows<{ institution_id: number; name: string; at: Date | string }>(sql`
    SELECT r.institution_id, i.name, r.reported_at AS at FROM risk_reports r JOIN institutions i ON i.id = r.institution_id
    WHERE r.reported_at > ${at}::timestamptz - interval '1 day' AND r.reported_at <= ${at} AND ${riskInScope}
    ORDER BY r.reported_at DESC`)
  const overdue = await database.rows<{ institution_id: number; name: string; at: Date | string }>(sql`
    SELECT l.institution_id, i.name, l.deadline_at AS at FROM ledger_items l JOIN institutions i ON i.id = l.institution_id
    WHERE l.status <> 'closed' AND l.deadline_at > ${at}::timestamptz - interval '1 day' AND l.deadline_at <= ${at} AND ${inScope}
    ORDER BY l.deadline_at DESC`)
  const missed = missedInLastDay(records, now)
  const missedNames =
    missed.length === 0
      ? new Map<number, string>()
      : new Map(
          (
            await database.rows<{ id: number; name: string }>(
              sql`SELECT id, name FROM institutions WHERE id IN (${sql.join(
                missed.slice(0, latestShown).map((record) => sql`${record.id}`),
                sql`, `,
              )})`,
            )
          ).map((row) => [row.id, row.name]),
        )
  const latest = [
    ...risks.map((row) => ({
      kind: 'risk' as const,
      institutionId: row.institution_id,
      institutionName: row.name,
      at: new Date(row.at).toISOString(),
    })),
    ...overdue.map((row) => ({
      kind: 'overdue-item' as const,
      institutionId: row.institution_id,
      institutionName: row.name,
      at: new Date(row.at).toISOString(),
    })),
    ...missed.slice(0, latestShown).map((record) => ({
      kind: 'missed-visit' as const,
      institutionId: record.id,
      institutionName: missedNames.get(record.id) ?? '',
      // The interval ran out at the start of the first bureau day past it.
      at: bureauInstant(
        addDays(bureauDate(new Date(record.lastVisitMinute! * 60_000)), record.intervalDays + 1),
      ).toISOString(),
    })),
  ]
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, latestShown)
  return { newRisks: risks.length, newlyOverdueItems: overdue.length, missedVisits: missed.length, latest }
}
