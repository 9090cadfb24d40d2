// Risk reports (舆情) read and written: the chain's view of a report (its hops with who was sent
// it, when, who acknowledged or that it timed out), raising one with its first hop to the grid's
// level-2 member, acknowledging the waiting hop (the next level is sent it at once), closing with
// the handling, and the server's pass that lets a hop nobody acknowledged in time climb on.
import { sql, type SQL } from 'drizzle-orm'
import { schema, type Database, type Executor, type Transaction } from '@gridwatch/db'
import {
  acknowledgeDecision,
  firstHopLevels,
  hopDeadline,
  hopLevelOfRole,
  hopTimedOut,
  nextHopLevel,
  type RiskHopLevel,
  type RiskReportStatus,
  type RiskSeverity,
  type RiskSource,
} from '@gridwatch/domain/risk-reports.ts'
import type { SessionUser } from '../auth/session-user.ts'
import { institutionScopeCondition } from '../auth/scope-condition.ts'
import type { WritePath } from '../platform/write-path.ts'
import type { Change } from '../platform/changes.ts'
import type { LiveEvent } from '../platform/events.ts'
import { failures } from '../platform/failure.ts'
import type { PlacedInstitution } from '../institutions/institution-place.ts'
import { allFieldSettings, countyFieldSettings } from '../settings/field-settings.ts'
import { requireAttachablePhotos } from '../photos/attachable-photos.ts'

export interface RiskHopView {
  level: RiskHopLevel
  /** The member of staff the hop went to (none for the bureau, or a grid without one). */
  toStaffName: string | null
  sentAt: string
  /** When it times out if nobody acknowledges it (open hops only). */
  dueAt: string | null
  acknowledgedAt: string | null
  acknowledgedBy: string | null
  timedOutAt: string | null
}

export interface RiskReportView {
  id: number
  /** Null for a report about a place in the grid rather than an institution. */
  institutionId: number | null
  /** The institution's name, or the place's words. */
  institutionName: string
  /** The place in the member's words (reports about a place only). */
  place: string | null
  gridId: number | null
  title: string
  description: string
  severity: RiskSeverity
  source: RiskSource
  reportedBy: string
  reportedAt: string
  status: RiskReportStatus
  /** A hop timed out and the bureau has not acknowledged yet: the alarm on the wall and the dashboard. */
  alarm: boolean
  /** The level the report waits at now, null once the bureau acknowledged it. */
  waitingAt: RiskHopLevel | null
  hops: RiskHopView[]
  handling: string
  closedBy: string | null
  closedAt: string | null
  photoIds: number[]
  /** What the caller may do now: acknowledge the waiting hop, close the report. */
  actions: ('acknowledge' | 'close')[]
}

interface ReportRow {
  id: number
  institution_id: number | null
  institution_name: string
  place: string | null
  grid_id: number | null
  title: string
  description: string
  severity: RiskSeverity
  source: RiskSource
  reported_by: string
  reported_by_staff: number
  reported_at: Date | string
  status: RiskReportStatus
  handling: string
  closed_by: string | null
  closed_at: Date | string | null
  photo_ids: number[] | null
  county_code: string
}

interface HopRow {
  risk_report_id: number
  to_level: RiskHopLevel
  to_staff_name: string | null
  sent_at: Date | string
  acknowledged_at: Date | string | null
  acknowledged_by: string | null
  timed_out_at: Date | string | null
}

const iso = (value: Date | string) => new Date(value).toISOString()

/**
 * Who sees a report: its chain and leadership by scope — by the report's grid, so that a report
 * about a place (no institution) is seen like one about an institution of that grid; a level-3
 * member only the reports they raised. The query names the report `r` and its grid `g`.
 */
export function riskReportScopeCondition(user: SessionUser): SQL {
  if (user.role === 'grid_member_3') return user.staffId === null ? sql`false` : sql`r.reported_by = ${user.staffId}`
  switch (user.scopeKind) {
    case 'district':
      return sql`starts_with(r.county_code, ${user.countyCode})`
    case 'zone':
      return sql`g.parent_id = ${user.scopeAreaId}`
    case 'grid':
      return sql`r.grid_id = ${user.scopeAreaId}`
    case 'own_institutions':
      return institutionScopeCondition(user)
  }
}

/** Whether `user` may close: a level-1 member or the bureau, once the bureau has acknowledged it. */
function closeAllowed(user: SessionUser, status: RiskReportStatus): boolean {
  const level = hopLevelOfRole(user.role)
  return status === 'acknowledged' && (level === 0 || level === 1)
}

async function viewsOf(
  database: Database,
  user: SessionUser,
  rows: ReportRow[],
  limitMinutes: (countyCode: string) => Promise<number>,
  countyCode: string,
  executor?: Executor,
): Promise<RiskReportView[]> {
  if (rows.length === 0) return []
  const hops = await database.rows<HopRow>(
    sql`
    SELECT h.risk_report_id, h.to_level, s.name AS to_staff_name, h.sent_at, h.acknowledged_at, u.display_name AS acknowledged_by, h.timed_out_at
    FROM risk_report_hops h LEFT JOIN staff s ON s.id = h.to_staff_id LEFT JOIN users u ON u.id = h.acknowledged_by
    WHERE h.risk_report_id IN (${sql.join(
      rows.map((row) => sql`${row.id}`),
      sql`, `,
    )}) ORDER BY h.id`,
    executor,
  )
  const limit = await limitMinutes(countyCode)
  return rows.map((row) => {
    const own = hops.filter((hop) => hop.risk_report_id === row.id)
    const open =
      row.status === 'escalating' ? own.filter((hop) => hop.acknowledged_at === null && hop.timed_out_at === null) : []
    // Where it waits: the lowest level still open (a 重大 report is open at several at once).
    const waiting = open.find((hop) => open.every((other) => other.to_level <= hop.to_level))
    const hopViews: RiskHopView[] = own.map((hop) => ({
      level: hop.to_level,
      toStaffName: hop.to_staff_name,
      sentAt: iso(hop.sent_at),
      dueAt: open.includes(hop)
        ? hopDeadline({ level: hop.to_level, sentAt: new Date(hop.sent_at) }, limit).toISOString()
        : null,
      acknowledgedAt: hop.acknowledged_at === null ? null : iso(hop.acknowledged_at),
      acknowledgedBy: hop.acknowledged_by,
      timedOutAt: hop.timed_out_at === null ? null : iso(hop.timed_out_at),
    }))
    const actions: RiskReportView['actions'] = []
    if (
      open.some(
        (hop) =>
          acknowledgeDecision(row.status, { level: hop.to_level, sentAt: new Date(hop.sent_at) }, user.role).allowed,
      )
    )
      actions.push('acknowledge')
    if (closeAllowed(user, row.status)) actions.push('close')
    return {
      id: row.id,
      institutionId: row.institution_id,
      institutionName: row.institution_name,
      place: row.place,
      gridId: row.grid_id,
      title: row.title,
      description: row.description,
      severity: row.severity,
      source: row.source,
      reportedBy: row.reported_by,
      reportedAt: iso(row.reported_at),
      status: row.status,
      alarm: row.status === 'escalating' && own.some((hop) => hop.timed_out_at !== null),
      waitingAt: waiting ? waiting.to_level : null,
      hops: hopViews,
      handling: row.handling,
      closedBy: row.closed_by,
      closedAt: row.closed_at === null ? null : iso(row.closed_at),
      photoIds: row.photo_ids ?? [],
      actions,
    }
  })
}

const selectReports = (where: SQL) => sql`
  SELECT r.id, r.institution_id, coalesce(i.name, r.place) AS institution_name, r.place, r.grid_id, r.title, r.description, r.severity, r.source,
    s.name AS reported_by, r.reported_by AS reported_by_staff, r.reported_at, r.status, r.handling, uc.display_name AS closed_by, r.closed_at,
    (SELECT array_agg(p.id ORDER BY p.id) FROM photos p WHERE p.risk_report_id = r.id) AS photo_ids, r.county_code
  FROM risk_reports r LEFT JOIN institutions i ON i.id = r.institution_id LEFT JOIN areas g ON g.id = r.grid_id
  JOIN staff s ON s.id = r.reported_by LEFT JOIN users uc ON uc.id = r.closed_by
  WHERE ${where}`

const hopLimit = (database: Database, executor?: Executor) => async (countyCode: string) =>
  (await countyFieldSettings(database, countyCode, executor)).riskHopLimitMinutes

export interface RiskReportFilter {
  status?: RiskReportStatus | undefined
  /** Only reports with a timed-out hop the bureau has not acknowledged. */
  alarm?: boolean | undefined
  limit: number
}

export async function riskReportsInScope(
  database: Database,
  user: SessionUser,
  filter: RiskReportFilter,
): Promise<RiskReportView[]> {
  const conditions: SQL[] = [riskReportScopeCondition(user)]
  if (filter.status !== undefined) conditions.push(sql`r.status = ${filter.status}`)
  if (filter.alarm === true)
    conditions.push(
      sql`r.status = 'escalating' AND EXISTS (SELECT 1 FROM risk_report_hops h WHERE h.risk_report_id = r.id AND h.timed_out_at IS NOT NULL)`,
    )
  const rows = await database.rows<ReportRow>(sql`${selectReports(sql.join(conditions, sql` AND `))}
    ORDER BY (r.status = 'closed'), (r.status = 'acknowledged'), r.reported_at DESC, r.id DESC LIMIT ${filter.limit}`)
  return viewsOf(database, user, rows, hopLimit(database), user.countyCode)
}

/** One report as `user` sees it (their actions included); whether they may see it at all is the caller's check. */
export async function riskReportById(
  database: Database,
  user: SessionUser,
  id: number,
  executor?: Executor,
): Promise<(RiskReportView & { countyCode: string }) | null> {
  const [row] = await database.rows<ReportRow>(selectReports(sql`r.id = ${id}`), executor)
  if (!row) return null
  const [view] = await viewsOf(database, user, [row], hopLimit(database, executor), row.county_code, executor)
  return { ...view!, countyCode: row.county_code }
}

/** Whether `user` may see the report: its reporter, or someone whose scope holds the institution. */
export async function riskReportVisible(database: Database, user: SessionUser, id: number): Promise<boolean> {
  const [row] = await database.rows<{ id: number }>(sql`
    SELECT r.id FROM risk_reports r LEFT JOIN institutions i ON i.id = r.institution_id LEFT JOIN areas g ON g.id = r.grid_id
    WHERE r.id = ${id} AND ${riskReportScopeCondition(user)}`)
  return row !== undefined
}

/** The member of staff who answers for `level` of the chain at the institution's grid (level 2) or zone (level 1): the grid's own member before the bureau's. */
async function chainStaff(
  transaction: Transaction,
  database: Database,
  gridId: number | null,
  level: RiskHopLevel,
): Promise<number | null> {
  if (level === 0 || gridId === null) return null
  const [row] = await database.rows<{ id: number }>(
    sql`
    SELECT s.id FROM staff s JOIN assignments a ON a.staff_id = s.id
    WHERE s.level = ${level} AND a.until IS NULL
      AND (a.grid_id = ${gridId} OR (a.institution_id IS NULL AND a.zone_id = (SELECT parent_id FROM areas WHERE id = ${gridId})))
    ORDER BY (a.grid_id = ${gridId}) DESC NULLS LAST, (s.area_id = ${gridId}) DESC NULLS LAST, s.id LIMIT 1`,
    transaction,
  )
  return row?.id ?? null
}

async function sendHop(
  transaction: Transaction,
  database: Database,
  report: { id: number; countyCode: string; gridId: number | null },
  level: RiskHopLevel,
  at: Date,
): Promise<void> {
  await transaction.insert(schema.riskReportHops).values({
    countyCode: report.countyCode,
    riskReportId: report.id,
    toLevel: level,
    toStaffId: await chainStaff(transaction, database, report.gridId, level),
    sentAt: at,
  })
}

export interface RaiseRiskInput {
  institutionId?: number | undefined
  title: string
  description: string
  severity: RiskSeverity
  source: RiskSource
  photoIds: number[]
}

/** The institutions a report's change touches: its own, or none for a report about a place. */
const institutionsChanged = (institutionId: number | null): Change[] =>
  institutionId === null ? [] : [{ kind: 'institutions', institutionIds: [institutionId] }]

/** The event a report's change sends: its institution, or its grid for a report about a place. */
async function reportChanged(database: Database, reportId: number, executor: Executor): Promise<LiveEvent> {
  const [row] = await database.rows<{
    institution_id: number | null
    grid_id: number | null
    county_code: string
    zone_id: number | null
  }>(
    sql`SELECT r.institution_id, r.grid_id, r.county_code, g.parent_id AS zone_id FROM risk_reports r LEFT JOIN areas g ON g.id = r.grid_id WHERE r.id = ${reportId}`,
    executor,
  )
  return {
    type: 'risk-report.changed',
    institutionId: row!.institution_id,
    riskReportId: reportId,
    ...(row!.institution_id === null
      ? { place: { countyCode: row!.county_code, gridId: row!.grid_id, zoneId: row!.zone_id } }
      : {}),
  }
}

/** A report about a place in the member's grid rather than an institution. */
export interface RiskPlace {
  place: string
  position: [number, number]
  grid: { id: number; countyCode: string; zoneId: number | null }
}

/**
 * Raises a report at the institution (or a place in the member's grid) and sends it up the chain at
 * once: to the grid's level-2 member, or higher when the raiser stands higher; a 重大 one to every
 * level at once.
 */
export async function raiseRiskReport(
  database: Database,
  write: WritePath,
  user: SessionUser,
  subject: PlacedInstitution | RiskPlace,
  input: RaiseRiskInput,
  now: Date,
): Promise<RiskReportView> {
  if (user.staffId === null)
    throw failures.rejected(
      'no-staff-record',
      'No staff record',
      'Your account is not linked to a member of grid staff, so a report cannot name its reporter.',
    )
  const atPlace = 'place' in subject
  const where = atPlace
    ? { countyCode: subject.grid.countyCode, gridId: subject.grid.id, institutionId: null }
    : { countyCode: subject.countyCode, gridId: subject.gridId, institutionId: subject.id }
  if (atPlace && input.photoIds.length > 0)
    throw failures.invalid('A report about a place takes no photos yet; describe what was seen.', [
      { path: 'photoIds', message: 'not for a place' },
    ])
  if (!atPlace) await requireAttachablePhotos(database, user, subject.id, input.photoIds)
  // A level-2 member's report goes to level 1 first; a level-1 member's to the bureau (who do not raise reports themselves).
  const raiserLevel = hopLevelOfRole(user.role)
  const firstLevel: RiskHopLevel = raiserLevel === null ? 2 : nextHopLevel(raiserLevel)!
  return write(async (transaction, record) => {
    const [report] = await transaction
      .insert(schema.riskReports)
      .values({
        countyCode: where.countyCode,
        institutionId: where.institutionId,
        gridId: where.gridId,
        place: atPlace ? subject.place : null,
        position: atPlace ? { type: 'Point', coordinates: subject.position } : null,
        title: input.title,
        description: input.description,
        severity: input.severity,
        source: input.source,
        reportedBy: user.staffId!,
        reportedAt: now,
        status: 'escalating',
      })
      .returning({ id: schema.riskReports.id })
    const levels = firstHopLevels(firstLevel, input.severity)
    for (const level of levels)
      await sendHop(
        transaction,
        database,
        { id: report!.id, countyCode: where.countyCode, gridId: where.gridId },
        level,
        now,
      )
    if (input.photoIds.length > 0)
      await transaction.execute(
        sql`UPDATE photos SET risk_report_id = ${report!.id} WHERE id IN (${sql.join(
          input.photoIds.map((id) => sql`${id}`),
          sql`, `,
        )})`,
      )
    await record.audit({
      action: 'create',
      entity: 'risk_report',
      entityId: report!.id,
      after: {
        institutionId: where.institutionId,
        ...(atPlace ? { place: subject.place, gridId: where.gridId } : {}),
        title: input.title,
        severity: input.severity,
        source: input.source,
        firstLevel,
        sentTo: levels,
      },
      countyCode: where.countyCode,
      changes: institutionsChanged(where.institutionId),
    })
    record.announce(await reportChanged(database, report!.id, transaction))
    return (await riskReportById(database, user, report!.id, transaction))!
  })
}

/**
 * The hop the acknowledger takes, locked (two people acknowledging at once make one
 * acknowledgement): the open hop at their own level when there is one (a 重大 report has one at
 * every level), else the one the report waits at (the latest sent).
 */
async function waitingHop(
  transaction: Transaction,
  database: Database,
  reportId: number,
  ownLevel: RiskHopLevel | null,
): Promise<{ id: number; level: RiskHopLevel; sentAt: Date } | null> {
  const open = await database.rows<{ id: number; to_level: RiskHopLevel; sent_at: Date | string }>(
    sql`SELECT id, to_level, sent_at FROM risk_report_hops WHERE risk_report_id = ${reportId} AND acknowledged_at IS NULL AND timed_out_at IS NULL ORDER BY sent_at DESC, id DESC FOR UPDATE`,
    transaction,
  )
  const hop = open.find((candidate) => candidate.to_level === ownLevel) ?? open[0]
  return hop ? { id: hop.id, level: hop.to_level, sentAt: new Date(hop.sent_at) } : null
}

/** Whether the report has been sent to `level` already (a 重大 report was sent to every level at once). */
async function sentTo(transaction: Transaction, database: Database, reportId: number, level: RiskHopLevel) {
  const [row] = await database.rows<{ id: number }>(
    sql`SELECT id FROM risk_report_hops WHERE risk_report_id = ${reportId} AND to_level = ${level} LIMIT 1`,
    transaction,
  )
  return row !== undefined
}

/** Acknowledges the waiting hop and sends the report on to the level above the acknowledger; the bureau's acknowledgement ends the climb. */
export async function acknowledgeRiskReport(
  database: Database,
  write: WritePath,
  user: SessionUser,
  reportId: number,
  now: Date,
): Promise<RiskReportView> {
  return write(async (transaction, record) => {
    const [report] = await database.rows<{
      status: RiskReportStatus
      county_code: string
      grid_id: number | null
      institution_id: number | null
    }>(
      sql`SELECT status, county_code, grid_id, institution_id FROM risk_reports WHERE id = ${reportId} FOR UPDATE`,
      transaction,
    )
    if (!report) throw failures.notFound(`Risk report ${reportId} does not exist.`)
    const hop =
      report.status === 'escalating'
        ? await waitingHop(transaction, database, reportId, hopLevelOfRole(user.role))
        : null
    const decision = acknowledgeDecision(report.status, hop, user.role)
    if (!decision.allowed) throw failures.conflict(`The report cannot be acknowledged: ${decision.reason}.`)
    await transaction.execute(
      sql`UPDATE risk_report_hops SET acknowledged_at = ${now.toISOString()}::timestamptz, acknowledged_by = ${user.id} WHERE id = ${hop!.id}`,
    )
    const next = nextHopLevel(hopLevelOfRole(user.role)!)
    if (next === null) {
      await transaction.execute(sql`UPDATE risk_reports SET status = 'acknowledged' WHERE id = ${reportId}`)
      // The bureau has it: the hops still open below (a 重大 report's) are covered by its acknowledgement.
      await transaction.execute(
        sql`UPDATE risk_report_hops SET acknowledged_at = ${now.toISOString()}::timestamptz, acknowledged_by = ${user.id} WHERE risk_report_id = ${reportId} AND acknowledged_at IS NULL AND timed_out_at IS NULL`,
      )
    } else if (!(await sentTo(transaction, database, reportId, next)))
      await sendHop(
        transaction,
        database,
        { id: reportId, countyCode: report.county_code, gridId: report.grid_id },
        next,
        now,
      )
    await record.audit({
      action: 'update',
      entity: 'risk_report',
      entityId: reportId,
      before: { institutionId: report.institution_id, waitingAt: hop!.level },
      after: { institutionId: report.institution_id, acknowledgedAtLevel: hop!.level, sentTo: next },
      countyCode: report.county_code,
      changes: institutionsChanged(report.institution_id),
    })
    record.announce(await reportChanged(database, reportId, transaction))
    return (await riskReportById(database, user, reportId, transaction))!
  })
}

/** Closes an acknowledged report with how it was handled. */
export async function closeRiskReport(
  database: Database,
  write: WritePath,
  user: SessionUser,
  reportId: number,
  handling: string,
  now: Date,
): Promise<RiskReportView> {
  return write(async (transaction, record) => {
    const [report] = await database.rows<{
      status: RiskReportStatus
      county_code: string
      institution_id: number | null
    }>(sql`SELECT status, county_code, institution_id FROM risk_reports WHERE id = ${reportId} FOR UPDATE`, transaction)
    if (!report) throw failures.notFound(`Risk report ${reportId} does not exist.`)
    if (!closeAllowed(user, report.status))
      throw report.status === 'acknowledged'
        ? failures.forbidden('A level-1 member or the bureau closes a risk report.')
        : failures.conflict(
            report.status === 'closed'
              ? 'The report is closed already.'
              : 'The report is still climbing the chain: the bureau acknowledges it before it is closed.',
          )
    await transaction.execute(
      sql`UPDATE risk_reports SET status = 'closed', handling = ${handling}, closed_by = ${user.id}, closed_at = ${now.toISOString()}::timestamptz WHERE id = ${reportId}`,
    )
    await record.audit({
      action: 'update',
      entity: 'risk_report',
      entityId: reportId,
      before: { institutionId: report.institution_id, status: report.status },
      after: { institutionId: report.institution_id, status: 'closed', handling },
      countyCode: report.county_code,
      changes: institutionsChanged(report.institution_id),
    })
    record.announce(await reportChanged(database, reportId, transaction))
    return (await riskReportById(database, user, reportId, transaction))!
  })
}

/**
 * The server's pass: every waiting hop past its county's limit times out and the report is sent
 * to the next level at once (the bureau's hop stays waiting, as an alarm, until acknowledged).
 * Returns how many hops timed out.
 */
export async function escalateOverdueHops(
  database: Database,
  writeFor: (countyCode: string) => WritePath,
  now: Date,
): Promise<number> {
  const waiting = await database.rows<{
    id: number
    risk_report_id: number
    to_level: RiskHopLevel
    sent_at: Date | string
    county_code: string
    grid_id: number | null
    institution_id: number | null
  }>(sql`
    SELECT h.id, h.risk_report_id, h.to_level, h.sent_at, r.county_code, r.grid_id, r.institution_id
    FROM risk_report_hops h JOIN risk_reports r ON r.id = h.risk_report_id
    WHERE r.status = 'escalating' AND h.acknowledged_at IS NULL AND h.timed_out_at IS NULL AND h.to_level <> 0`)
  if (waiting.length === 0) return 0
  const settingsOf = await allFieldSettings(database)
  let timedOut = 0
  for (const hop of waiting) {
    const limit = settingsOf(hop.county_code).riskHopLimitMinutes
    if (!hopTimedOut({ level: hop.to_level, sentAt: new Date(hop.sent_at) }, limit, now)) continue
    const next = nextHopLevel(hop.to_level)!
    const deadline = hopDeadline({ level: hop.to_level, sentAt: new Date(hop.sent_at) }, limit)
    const moved = await writeFor(hop.county_code)(async (transaction, record) => {
      const [still] = await database.rows<{ id: number }>(
        sql`UPDATE risk_report_hops SET timed_out_at = ${deadline.toISOString()}::timestamptz WHERE id = ${hop.id} AND acknowledged_at IS NULL AND timed_out_at IS NULL RETURNING id`,
        transaction,
      )
      // Acknowledged meanwhile: roll back, nothing to record.
      if (!still) throw new AcknowledgedMeanwhile()
      // A 重大 report was sent to every level at once: nothing more to send.
      if (!(await sentTo(transaction, database, hop.risk_report_id, next)))
        await sendHop(
          transaction,
          database,
          { id: hop.risk_report_id, countyCode: hop.county_code, gridId: hop.grid_id },
          next,
          deadline,
        )
      await record.audit({
        action: 'update',
        entity: 'risk_report',
        entityId: hop.risk_report_id,
        before: { institutionId: hop.institution_id, waitingAt: hop.to_level },
        after: { institutionId: hop.institution_id, timedOutAtLevel: hop.to_level, sentTo: next },
        changes: institutionsChanged(hop.institution_id),
      })
      record.announce(await reportChanged(database, hop.risk_report_id, transaction))
      return true
    }).catch((error: unknown) => {
      if (error instanceof AcknowledgedMeanwhile) return false
      throw error
    })
    if (moved) timedOut++
  }
  return timedOut
}

class AcknowledgedMeanwhile extends Error {}
