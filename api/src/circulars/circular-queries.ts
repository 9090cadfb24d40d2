// Circulars (通报) in the database: a draft compiled from the month's figures of the county's grids
// and the thresholds in force (drafting again recomputes it), the leader's edits of title and text,
// approval (published, never changed again), and the list — drafts only for those who draft or
// approve, published ones for every signed-in reader of the county.
import { sql } from 'drizzle-orm'
import { schema, type Database, type Transaction } from '@gridwatch/db'
import {
  circularContent,
  circularDraftText,
  type CircularContent,
  type CircularStatus,
  type CircularThresholds,
} from '@gridwatch/domain/circulars.ts'
import { bureauDate } from '@gridwatch/domain/bureau-calendar.ts'
import { nextMonth } from '@gridwatch/domain/monthly-report.ts'
import { authorise } from '../auth/access.ts'
import { can } from '../auth/can.ts'
import type { SessionUser } from '../auth/session-user.ts'
import { countyFieldSettings } from '../settings/field-settings.ts'
import { gridsInScope, monthlyFigures } from '../reports/monthly-report-queries.ts'
import { failures } from '../platform/failure.ts'
import type { WritePath } from '../platform/write-path.ts'

export interface CircularView {
  id: number
  countyCode: string
  month: string
  status: CircularStatus
  title: string
  body: string
  thresholds: CircularThresholds
  content: CircularContent
  draftedAt: string
  draftedBy: string
  publishedAt: string | null
  publishedBy: string | null
  /** What the caller may do: edit and redraft a draft, approve it. */
  actions: ('edit' | 'redraft' | 'approve')[]
}

interface CircularRow {
  id: number
  county_code: string
  month: string
  status: CircularStatus
  title: string
  body: string
  thresholds: CircularThresholds
  content: CircularContent
  drafted_at: Date | string
  drafted_by: string
  published_at: Date | string | null
  published_by: string | null
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString())

function viewOf(user: SessionUser, row: CircularRow): CircularView {
  const draft = row.status === 'draft'
  return {
    id: row.id,
    countyCode: row.county_code,
    month: row.month,
    status: row.status,
    title: row.title,
    body: row.body,
    thresholds: row.thresholds,
    content: row.content,
    draftedAt: iso(row.drafted_at)!,
    draftedBy: row.drafted_by,
    publishedAt: iso(row.published_at),
    publishedBy: row.published_by,
    actions: [
      ...(draft && can(user, { kind: 'circular.draft' }).allowed ? (['edit', 'redraft'] as const) : []),
      ...(draft && can(user, { kind: 'circular.approve' }).allowed ? (['approve'] as const) : []),
    ],
  }
}

const selectCirculars = sql`
  SELECT c.id, c.county_code, c.month, c.status, c.title, c.body, c.thresholds, c.content, c.drafted_at, d.display_name AS drafted_by, c.published_at, p.display_name AS published_by
  FROM circulars c JOIN users d ON d.id = c.drafted_by LEFT JOIN users p ON p.id = c.published_by`

/** The county's circulars, newest month first; drafts only for those who draft or approve. */
export async function circularsOf(
  database: Database,
  user: SessionUser,
  options: { id?: number; latestPublished?: boolean } = {},
): Promise<CircularView[]> {
  const seesDrafts = can(user, { kind: 'circular.draft' }).allowed || can(user, { kind: 'circular.approve' }).allowed
  const rows = await database.rows<CircularRow>(sql`${selectCirculars}
    WHERE starts_with(c.county_code, ${user.countyCode})
      ${seesDrafts && !options.latestPublished ? sql`` : sql`AND c.status = 'published'`}
      ${options.id === undefined ? sql`` : sql`AND c.id = ${options.id}`}
    ORDER BY ${options.latestPublished ? sql`c.published_at DESC` : sql`c.month DESC`}, c.id DESC
    ${options.latestPublished ? sql`LIMIT 1` : sql`LIMIT 120`}`)
  return rows.map((row) => viewOf(user, row))
}

export async function circularById(database: Database, user: SessionUser, id: number): Promise<CircularView> {
  const [view] = await circularsOf(database, user, { id })
  if (!view) throw failures.notFound(`Circular ${id} does not exist or is not yours to see.`)
  return view
}

/** Drafts the month's circular, or recomputes the draft already there; a published month is a conflict. */
export async function draftCircular(
  database: Database,
  write: WritePath,
  user: SessionUser,
  month: string,
  now: Date,
): Promise<CircularView> {
  authorise(user, { kind: 'circular.draft' }, 'Drafting a circular')
  if (user.scopeKind !== 'district')
    throw failures.forbidden('A circular covers a whole county: draft it from a county-wide account.')
  if (bureauDate(now) < `${nextMonth(month)}-01`)
    throw failures.conflict(
      `The circular for ${month} is drafted once the month is over (from ${nextMonth(month)}-01).`,
    )
  const grids = await gridsInScope(database, user)
  const countyCode = user.countyCode
  const settings = await countyFieldSettings(database, countyCode)
  const figures = await monthlyFigures(
    database,
    grids.map((grid) => ({ id: grid.id, countyCode: grid.county_code })),
    month,
  )
  const content = circularContent(
    grids.map((grid) => ({
      gridId: grid.id,
      gridName: grid.name,
      zoneName: grid.zone_name,
      figures: figures.get(grid.id)!,
    })),
    settings.circularThresholds,
  )
  const [county] = await database.rows<{ name: string }>(
    sql`SELECT name FROM areas WHERE level = 'district' AND county_code = ${countyCode} ORDER BY id LIMIT 1`,
  )
  const text = circularDraftText(month, county?.name ?? '', content, settings.circularThresholds, settings.reportDueDay)
  const id = await write(async (transaction, record) => {
    const [current] = await database.rows<{ id: number; status: CircularStatus }>(
      sql`SELECT id, status FROM circulars WHERE county_code = ${countyCode} AND month = ${month} FOR UPDATE`,
      transaction,
    )
    if (current?.status === 'published')
      throw failures.conflict(`The circular for ${month} is published already; it is not drafted again.`)
    let circularId = current?.id
    if (circularId === undefined) {
      const [created] = await transaction
        .insert(schema.circulars)
        .values({
          countyCode,
          month,
          status: 'draft',
          ...text,
          thresholds: settings.circularThresholds,
          content,
          draftedAt: now,
          draftedBy: user.id,
        })
        .returning({ id: schema.circulars.id })
      circularId = created!.id
    } else {
      await database.rows(
        sql`UPDATE circulars SET title = ${text.title}, body = ${text.body}, thresholds = ${JSON.stringify(settings.circularThresholds)}::jsonb, content = ${JSON.stringify(content)}::jsonb,
          drafted_at = ${now.toISOString()}::timestamptz, drafted_by = ${user.id} WHERE id = ${circularId}`,
        transaction,
      )
    }
    await record.audit({
      action: current ? 'redraft' : 'draft',
      entity: 'circular',
      entityId: circularId,
      after: {
        month,
        criticised: content.criticised.map((grid) => grid.gridId),
        commended: content.commended.map((grid) => grid.gridId),
      },
      countyCode,
      changes: [],
    })
    return circularId
  })
  return circularById(database, user, id)
}

/** The caller's county's draft `id`, locked for the write: 404 if there is none, 409 once published. */
async function lockedDraft(
  database: Database,
  transaction: Transaction,
  user: SessionUser,
  id: number,
): Promise<{ title: string; county_code: string; month: string }> {
  const [current] = await database.rows<{ status: CircularStatus; title: string; county_code: string; month: string }>(
    sql`SELECT status, title, county_code, month FROM circulars WHERE id = ${id} AND starts_with(county_code, ${user.countyCode}) FOR UPDATE`,
    transaction,
  )
  if (!current) throw failures.notFound(`Circular ${id} does not exist.`)
  if (current.status !== 'draft') throw failures.conflict('This circular is published already; it is not changed.')
  return current
}

/** Edits a draft's title and text. */
export async function editCircular(
  database: Database,
  write: WritePath,
  user: SessionUser,
  id: number,
  input: { title: string; body: string },
): Promise<CircularView> {
  authorise(user, { kind: 'circular.draft' }, 'Editing a circular')
  await write(async (transaction, record) => {
    const current = await lockedDraft(database, transaction, user, id)
    await database.rows(
      sql`UPDATE circulars SET title = ${input.title}, body = ${input.body} WHERE id = ${id}`,
      transaction,
    )
    await record.audit({
      action: 'update',
      entity: 'circular',
      entityId: id,
      before: { title: current.title },
      after: { title: input.title },
      countyCode: current.county_code,
      changes: [],
    })
  })
  return circularById(database, user, id)
}

/** A leader approves the draft: it is published as it stands and never changed again. */
export async function approveCircular(
  database: Database,
  write: WritePath,
  user: SessionUser,
  id: number,
  now: Date,
): Promise<CircularView> {
  authorise(user, { kind: 'circular.approve' }, 'Approving a circular')
  await write(async (transaction, record) => {
    const current = await lockedDraft(database, transaction, user, id)
    await database.rows(
      sql`UPDATE circulars SET status = 'published', published_at = ${now.toISOString()}::timestamptz, published_by = ${user.id} WHERE id = ${id}`,
      transaction,
    )
    await record.audit({
      action: 'publish',
      entity: 'circular',
      entityId: id,
      before: { status: 'draft' },
      after: { status: 'published', month: current.month },
      countyCode: current.county_code,
      changes: [],
    })
    record.announce({ type: 'circular.published', countyCode: current.county_code, circularId: id })
  })
  return circularById(database, user, id)
}
