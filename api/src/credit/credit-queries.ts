// Credit evaluations (信用评价) and the blacklist (黑名单) in the database: the list of a scope's
// institutions with their grade and entries in force, one institution's history, a new
// evaluation with its reason and evidence, an entry added or lifted — and the institutions'
// `blacklisted` flag kept equal to "an institution entry is in force today", also as entries
// start and expire (syncBlacklistFlags, run daily by the server and after every change).
import { sql } from 'drizzle-orm'
import { schema, type Database, type Transaction } from '@gridwatch/db'
import { blacklistInForce, creditGradeOf, type BlacklistSubject, type CreditGrade } from '@gridwatch/domain/credit.ts'
import { bureauDate } from '@gridwatch/domain/bureau-calendar.ts'
import type { SessionUser } from '../auth/session-user.ts'
import { authorise } from '../auth/access.ts'
import { institutionScopeCondition } from '../auth/scope-condition.ts'
import { failures } from '../platform/failure.ts'
import { writePath, type Recorder, type WritePath } from '../platform/write-path.ts'
import type { EventBus } from '../platform/events.ts'
import { startRecurring } from '../platform/recurring.ts'
import { placedInstitution as institutionPlace } from '../institutions/institution-place.ts'
import { pinyinKeys } from '../institutions/institution-search.ts'

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString())

export interface CreditRow {
  institutionId: number
  name: string
  type: string
  gridName: string | null
  score: number | null
  grade: CreditGrade | null
  evaluatedAt: string | null
  blacklisted: boolean
  /** Entries in force today naming a physician or legal representative of the institution. */
  personsBlacklisted: number
}

/** The caller's institutions with their current grade, newest evaluation and blacklist state. */
export async function creditList(
  database: Database,
  user: SessionUser,
  filter: { grade?: CreditGrade | 'unrated' | undefined; blacklisted?: boolean | undefined },
  today: string,
): Promise<CreditRow[]> {
  const rows = await database.rows<{
    id: number
    name: string
    type: string
    grid_name: string | null
    credit_score: number | null
    credit_grade: CreditGrade | null
    evaluated_at: Date | string | null
    blacklisted: boolean
    persons: number
  }>(sql`
    SELECT i.id, i.name, i.type, g.name AS grid_name, i.credit_score, i.credit_grade, i.blacklisted,
      (SELECT max(evaluated_at) FROM credit_evaluations e WHERE e.institution_id = i.id) AS evaluated_at,
      (SELECT count(*)::int FROM blacklist_entries b WHERE b.institution_id = i.id AND b.subject <> 'institution' AND b.lifted_at IS NULL
         AND b.starts_on <= ${today}::date AND (b.ends_on IS NULL OR b.ends_on >= ${today}::date)) AS persons
    FROM institutions i LEFT JOIN areas g ON g.id = i.grid_id
    WHERE i.status = 'active' AND ${institutionScopeCondition(user)}
      ${filter.grade === undefined ? sql`` : filter.grade === 'unrated' ? sql`AND i.credit_grade IS NULL` : sql`AND i.credit_grade = ${filter.grade}`}
      ${filter.blacklisted === undefined ? sql`` : sql`AND i.blacklisted = ${filter.blacklisted}`}
    ORDER BY i.blacklisted DESC, i.credit_score NULLS LAST, i.name, i.id`)
  return rows.map((row) => ({
    institutionId: row.id,
    name: row.name,
    type: row.type,
    gridName: row.grid_name,
    score: row.credit_score,
    grade: row.credit_grade,
    evaluatedAt: iso(row.evaluated_at),
    blacklisted: row.blacklisted,
    personsBlacklisted: row.persons,
  }))
}

export interface BlacklistEntryView {
  id: number
  institutionId: number
  institutionName: string
  subject: BlacklistSubject
  personName: string | null
  reason: string
  basis: string
  startsOn: string
  endsOn: string | null
  inForce: boolean
  createdAt: string
  createdBy: string | null
  liftedAt: string | null
  liftedBy: string | null
  liftReason: string | null
}

interface EntryRow {
  id: number
  institution_id: number
  institution_name: string
  subject: BlacklistSubject
  person_name: string | null
  reason: string
  basis: string
  starts_on: string
  ends_on: string | null
  created_at: Date | string
  created_by: string | null
  lifted_at: Date | string | null
  lifted_by: string | null
  lift_reason: string | null
}

const entryColumns = sql`
  b.id, b.institution_id, i.name AS institution_name, b.subject, b.person_name, b.reason, b.basis,
  to_char(b.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(b.ends_on, 'YYYY-MM-DD') AS ends_on,
  b.created_at, cu.display_name AS created_by, b.lifted_at, lu.display_name AS lifted_by, b.lift_reason`

const entryJoins = sql`
  FROM blacklist_entries b JOIN institutions i ON i.id = b.institution_id
  LEFT JOIN users cu ON cu.id = b.created_by LEFT JOIN users lu ON lu.id = b.lifted_by`

function entryView(row: EntryRow, today: string): BlacklistEntryView {
  const liftedAt = iso(row.lifted_at)
  return {
    id: row.id,
    institutionId: row.institution_id,
    institutionName: row.institution_name,
    subject: row.subject,
    personName: row.person_name,
    reason: row.reason,
    basis: row.basis,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    inForce: blacklistInForce({ startsOn: row.starts_on, endsOn: row.ends_on, liftedAt }, today),
    createdAt: iso(row.created_at)!,
    createdBy: row.created_by,
    liftedAt,
    liftedBy: row.lifted_by,
    liftReason: row.lift_reason,
  }
}

export interface CreditHistory {
  institutionId: number
  name: string
  score: number | null
  grade: CreditGrade | null
  blacklisted: boolean
  evaluations: {
    id: number
    evaluatedAt: string
    score: number
    grade: CreditGrade
    reason: string | null
    evidence: string | null
    evaluatedBy: string | null
  }[]
  entries: BlacklistEntryView[]
}

/** One institution's evaluations (newest first) and blacklist entries, for callers whose scope holds it. */
export async function creditHistory(
  database: Database,
  user: SessionUser,
  institutionId: number,
  today: string,
): Promise<CreditHistory> {
  const place = await institutionPlace(database, institutionId)
  authorise(user, { kind: 'institution.read', institution: place })
  const [[institution], evaluations, entries] = await Promise.all([
    database.rows<{
      name: string
      credit_score: number | null
      credit_grade: CreditGrade | null
      blacklisted: boolean
    }>(sql`SELECT name, credit_score, credit_grade, blacklisted FROM institutions WHERE id = ${institutionId}`),
    database.rows<{
      id: number
      evaluated_at: Date | string
      score: number
      grade: CreditGrade
      reason: string | null
      evidence: string | null
      evaluated_by: string | null
    }>(sql`
      SELECT e.id, e.evaluated_at, e.score, e.grade, e.reason, e.evidence, u.display_name AS evaluated_by
      FROM credit_evaluations e LEFT JOIN users u ON u.id = e.evaluated_by WHERE e.institution_id = ${institutionId} ORDER BY e.evaluated_at DESC, e.id DESC`),
    database.rows<EntryRow>(
      sql`SELECT ${entryColumns} ${entryJoins} WHERE b.institution_id = ${institutionId} ORDER BY b.starts_on DESC, b.id DESC`,
    ),
  ])
  return {
    institutionId,
    name: institution!.name,
    score: institution!.credit_score,
    grade: institution!.credit_grade,
    blacklisted: institution!.blacklisted,
    evaluations: evaluations.map((row) => ({
      id: row.id,
      evaluatedAt: iso(row.evaluated_at)!,
      score: row.score,
      grade: row.grade,
      reason: row.reason,
      evidence: row.evidence,
      evaluatedBy: row.evaluated_by,
    })),
    entries: entries.map((row) => entryView(row, today)),
  }
}

/** A new evaluation: the score decides the grade; the reason and evidence are kept with it. */
export async function evaluate(
  database: Database,
  write: WritePath,
  user: SessionUser,
  institutionId: number,
  input: { score: number; reason: string; evidence: string },
  now: Date,
): Promise<{ id: number; grade: CreditGrade }> {
  const place = await institutionPlace(database, institutionId)
  authorise(user, { kind: 'credit.evaluate', institution: place })
  const grade = creditGradeOf(input.score)
  return write(async (transaction, record) => {
    const [before] = await database.rows<{
      credit_score: number | null
      credit_grade: CreditGrade | null
      blacklisted: boolean
    }>(
      sql`SELECT credit_score, credit_grade, blacklisted FROM institutions WHERE id = ${institutionId} FOR UPDATE`,
      transaction,
    )
    const [row] = await transaction
      .insert(schema.creditEvaluations)
      .values({
        countyCode: place.countyCode,
        institutionId,
        score: input.score,
        grade,
        blacklisted: before!.blacklisted,
        evaluatedAt: now,
        reason: input.reason,
        evidence: input.evidence,
        evaluatedBy: user.id,
      })
      .returning({ id: schema.creditEvaluations.id })
    await database.rows(
      sql`UPDATE institutions SET credit_score = ${input.score}, credit_grade = ${grade}, updated_at = ${now.toISOString()}::timestamptz WHERE id = ${institutionId}`,
      transaction,
    )
    await record.audit({
      action: 'evaluate',
      entity: 'credit_evaluation',
      entityId: row!.id,
      before: { institutionId, score: before!.credit_score, grade: before!.credit_grade },
      after: { institutionId, score: input.score, grade, reason: input.reason, evidence: input.evidence },
      changes: [{ kind: 'institutions', institutionIds: [institutionId] }],
    })
    return { id: row!.id, grade }
  })
}

export interface NewBlacklistEntry {
  institutionId: number
  subject: BlacklistSubject
  personName?: string | null | undefined
  reason: string
  basis: string
  startsOn: string
  endsOn?: string | null | undefined
}

/** Sets each named institution's flag to whether an institution entry is in force `today`; audits the ones that change. */
async function syncFlags(
  database: Database,
  transaction: Transaction,
  record: Recorder,
  today: string,
  institutionIds?: number[],
): Promise<number[]> {
  const only = institutionIds
    ? sql`AND i.id IN (${sql.join(
        institutionIds.map((id) => sql`${id}`),
        sql`, `,
      )})`
    : sql``
  const changed = await database.rows<{ id: number; blacklisted: boolean }>(
    sql`
    UPDATE institutions i SET blacklisted = NOT i.blacklisted, updated_at = now()
    WHERE i.blacklisted <> EXISTS (
        SELECT 1 FROM blacklist_entries b WHERE b.institution_id = i.id AND b.subject = 'institution' AND b.lifted_at IS NULL
          AND b.starts_on <= ${today}::date AND (b.ends_on IS NULL OR b.ends_on >= ${today}::date))
      ${only}
    RETURNING i.id, i.blacklisted`,
    transaction,
  )
  for (const row of changed)
    await record.audit({
      action: row.blacklisted ? 'blacklist-starts' : 'blacklist-ends',
      entity: 'blacklist_entry',
      entityId: null,
      after: { institutionId: row.id, blacklisted: row.blacklisted },
      changes: [{ kind: 'institutions', institutionIds: [row.id] }],
    })
  return changed.map((row) => row.id)
}

export async function addBlacklistEntry(
  database: Database,
  write: WritePath,
  user: SessionUser,
  input: NewBlacklistEntry,
  now: Date,
): Promise<number> {
  const place = await institutionPlace(database, input.institutionId)
  authorise(user, { kind: 'credit.evaluate', institution: place })
  if (input.subject === 'institution' && input.personName)
    throw failures.invalid('An entry for the institution names no person.', [
      { path: 'personName', message: 'must be empty for the institution' },
    ])
  if (input.subject !== 'institution' && !input.personName)
    throw failures.invalid('An entry for a physician or legal representative needs the person’s name.', [
      { path: 'personName', message: 'required' },
    ])
  if (input.endsOn && input.endsOn < input.startsOn)
    throw failures.invalid(`The entry ends (${input.endsOn}) before it starts (${input.startsOn}).`, [
      { path: 'endsOn', message: 'before startsOn' },
    ])
  return write(async (transaction, record) => {
    const [row] = await transaction
      .insert(schema.blacklistEntries)
      .values({
        countyCode: place.countyCode,
        institutionId: input.institutionId,
        subject: input.subject,
        personName: input.personName ?? null,
        reason: input.reason,
        basis: input.basis,
        startsOn: input.startsOn,
        endsOn: input.endsOn ?? null,
        createdBy: user.id,
        createdAt: now,
      })
      .returning({ id: schema.blacklistEntries.id })
    await record.audit({
      action: 'add',
      entity: 'blacklist_entry',
      entityId: row!.id,
      after: { ...input },
      changes: [{ kind: 'institutions', institutionIds: [input.institutionId] }],
    })
    await syncFlags(database, transaction, record, bureauDate(now), [input.institutionId])
    return row!.id
  })
}

export async function liftBlacklistEntry(
  database: Database,
  write: WritePath,
  user: SessionUser,
  id: number,
  reason: string,
  now: Date,
): Promise<void> {
  const [entry] = await database.rows<{ institution_id: number; lifted_at: Date | string | null }>(
    sql`SELECT institution_id, lifted_at FROM blacklist_entries WHERE id = ${id}`,
  )
  if (!entry) throw failures.notFound(`Blacklist entry ${id} does not exist.`)
  const place = await institutionPlace(database, entry.institution_id)
  authorise(user, { kind: 'credit.evaluate', institution: place })
  if (entry.lifted_at !== null) throw failures.conflict(`Blacklist entry ${id} was lifted already.`)
  await write(async (transaction, record) => {
    await database.rows(
      sql`UPDATE blacklist_entries SET lifted_at = ${now.toISOString()}::timestamptz, lifted_by = ${user.id}, lift_reason = ${reason} WHERE id = ${id}`,
      transaction,
    )
    await record.audit({
      action: 'lift',
      entity: 'blacklist_entry',
      entityId: id,
      after: { institutionId: entry.institution_id, reason },
      changes: [{ kind: 'institutions', institutionIds: [entry.institution_id] }],
    })
    await syncFlags(database, transaction, record, bureauDate(now), [entry.institution_id])
  })
}

/** The daily pass: entries that started or expired change their institutions' flags (and so intervals and draw weights). */
export async function syncBlacklistFlags(database: Database, write: WritePath, now: Date): Promise<number[]> {
  const today = bureauDate(now)
  // Most days nothing changes: look before opening a write.
  const [due] = await database.rows<{ count: number }>(sql`
    SELECT count(*)::int AS count FROM institutions i WHERE i.blacklisted <> EXISTS (
      SELECT 1 FROM blacklist_entries b WHERE b.institution_id = i.id AND b.subject = 'institution' AND b.lifted_at IS NULL
        AND b.starts_on <= ${today}::date AND (b.ends_on IS NULL OR b.ends_on >= ${today}::date))`)
  if (due!.count === 0) return []
  return write((transaction, record) => syncFlags(database, transaction, record, today))
}

/** What the public page shows (公示): current grades of active institutions and the entries in force. */
/**
 * One institution's published grade: keyed by its id (several clinics share a name), with its
 * township (the grid it lies in) to tell them apart and its name's pinyin to search by.
 */
export interface PublicGrade {
  id: number
  name: string
  township: string | null
  type: string
  grade: CreditGrade
  evaluatedOn: string
  /** The name's pinyin initials ("dcsq") and spelled out ("dongchengshequ"). */
  initials: string
  spelled: string
}

export async function publicCredit(
  database: Database,
  countyCode: string,
  today: string,
): Promise<{
  grades: PublicGrade[]
  entries: BlacklistEntryView[]
}> {
  const [grades, entries] = await Promise.all([
    database.rows<{
      id: number
      name: string
      township: string | null
      type: string
      grade: CreditGrade
      evaluated_on: string
    }>(sql`
      SELECT i.id, i.name, g.name AS township, i.type, i.credit_grade AS grade,
        to_char((SELECT max(e.evaluated_at) FROM credit_evaluations e WHERE e.institution_id = i.id) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS evaluated_on
      FROM institutions i LEFT JOIN areas g ON g.id = i.grid_id
      WHERE i.status = 'active' AND i.credit_grade IS NOT NULL AND starts_with(i.county_code, ${countyCode})`),
    database.rows<EntryRow>(sql`
      SELECT ${entryColumns} ${entryJoins}
      WHERE starts_with(b.county_code, ${countyCode}) AND b.lifted_at IS NULL AND b.starts_on <= ${today}::date AND (b.ends_on IS NULL OR b.ends_on >= ${today}::date)
      ORDER BY b.starts_on DESC, b.id DESC`),
  ])
  return {
    // By grade, then by the name's pinyin (the order a Chinese reader looks a name up in), then township.
    grades: grades
      .map((row) => ({
        id: row.id,
        name: row.name,
        township: row.township,
        type: row.type,
        grade: row.grade,
        evaluatedOn: row.evaluated_on,
        ...pinyinKeys(row.name),
      }))
      .sort(
        (a, b) =>
          a.grade.localeCompare(b.grade) ||
          a.spelled.localeCompare(b.spelled) ||
          (a.township ?? '').localeCompare(b.township ?? '', 'zh-CN') ||
          a.id - b.id,
      ),
    // The public sees what was decided, not who in the bureau typed it.
    entries: entries.map((row) => ({ ...entryView(row, today), createdBy: null, liftedBy: null })),
  }
}

/** Checks the blacklist periods now and every hour: an entry that starts or expires today flags or frees its institution. */
export function startBlacklistPeriods(
  database: Database,
  events: EventBus,
  now: () => Date,
  everyMilliseconds = 3_600_000,
): { stop(): Promise<void> } {
  const write = writePath(database, events, { user: null, requestId: undefined, countyCode: '' })
  return startRecurring('blacklist periods', () => syncBlacklistFlags(database, write, now()), everyMilliseconds)
}
