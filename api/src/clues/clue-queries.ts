// Complaint clues (举报线索) read and written. The complainant's identity is written once, into
// clue_reporters, and read back only by complainantOf() for a designated clue handler, each read
// audited. Nothing else here selects from clue_reporters: the clue views, the audit rows and the
// error messages carry whether the clue is anonymous, never who sent it.
import { sql, type SQL } from 'drizzle-orm'
import { schema, type Database, type Executor, type Transaction } from '@gridwatch/db'
import {
  assignDecision,
  clueDaysLeft,
  clueDueAt,
  clueOverdue,
  concludeDecision,
  type ClueChannel,
  type ClueFinding,
  type ClueStatus,
} from '@gridwatch/domain/clues.ts'
import type { SessionUser } from '../auth/session-user.ts'
import { can } from '../auth/can.ts'
import type { WritePath } from '../platform/write-path.ts'
import { Failure, failures } from '../platform/failure.ts'
import { allFieldSettings, countyFieldSettings } from '../settings/field-settings.ts'

export interface ClueLinkView {
  kind: 'inspection' | 'ledger-item'
  id: number
  label: string
  at: string
}

export interface ClueView {
  id: number
  institutionId: number | null
  institutionName: string | null
  gridId: number | null
  receivedAt: string
  channel: ClueChannel
  summary: string
  anonymous: boolean
  receivedBy: string | null
  dueAt: string
  daysLeft: number
  overdue: boolean
  status: ClueStatus
  assignedTeam: { id: number; name: string } | null
  assignedStaff: { id: number; name: string } | null
  assignedAt: string | null
  finding: ClueFinding | null
  conclusion: string | null
  reply: string | null
  concludedBy: string | null
  concludedAt: string | null
  links: ClueLinkView[]
  actions: ('assign' | 'link' | 'conclude')[]
}

interface ClueRow {
  id: number
  county_code: string
  institution_id: number | null
  institution_name: string | null
  grid_id: number | null
  received_at: Date | string
  channel: ClueChannel
  summary: string
  anonymous: boolean
  received_by: string | null
  due_at: Date | string
  status: ClueStatus
  team_id: number | null
  team_name: string | null
  staff_id: number | null
  staff_name: string | null
  assigned_at: Date | string | null
  finding: ClueFinding | null
  conclusion: string | null
  reply: string | null
  concluded_by: string | null
  concluded_at: Date | string | null
}

const iso = (value: Date | string) => new Date(value).toISOString()
const isoOrNull = (value: Date | string | null) => (value === null ? null : iso(value))

/** The bureau takes clues in, assigns and concludes them (can(): 'clue.handle'); reading who complained is a separate designation. */
const clueHandlingRole = (user: SessionUser) => can(user, { kind: 'clue.handle' }).allowed

/** Which clues a user sees: the bureau all of its county's; a grid member those assigned to them. */
function clueScopeCondition(user: SessionUser): SQL {
  if (clueHandlingRole(user)) return sql`c.county_code = ${user.countyCode}`
  if ((user.role === 'grid_member_1' || user.role === 'grid_member_2') && user.staffId !== null)
    return sql`c.assigned_staff_id = ${user.staffId}`
  return sql`false`
}

const selectClues = (where: SQL) => sql`
  SELECT c.id, c.county_code, c.institution_id, i.name AS institution_name, i.grid_id, c.received_at, c.channel, c.summary, c.anonymous,
    ur.display_name AS received_by, c.due_at, c.status, t.id AS team_id, t.name AS team_name, s.id AS staff_id, s.name AS staff_name,
    c.assigned_at, c.finding, c.conclusion, c.reply, uc.display_name AS concluded_by, c.concluded_at
  FROM clues c LEFT JOIN institutions i ON i.id = c.institution_id
    LEFT JOIN users ur ON ur.id = c.received_by LEFT JOIN users uc ON uc.id = c.concluded_by
    LEFT JOIN teams t ON t.id = c.assigned_team_id LEFT JOIN staff s ON s.id = c.assigned_staff_id
  WHERE ${where}`

async function viewsOf(
  database: Database,
  user: SessionUser,
  rows: ClueRow[],
  now: Date,
  executor?: Executor,
): Promise<ClueView[]> {
  if (rows.length === 0) return []
  const settingsOf = await allFieldSettings(database, executor)
  const ids = sql.join(
    rows.map((row) => sql`${row.id}`),
    sql`, `,
  )
  const links = await database.rows<{
    clue_id: number
    kind: ClueLinkView['kind']
    id: number
    label: string
    at: Date | string
  }>(
    sql`
    SELECT l.clue_id, 'inspection' AS kind, n.id, n.kind AS label, n.arrived_at AS at FROM clue_links l JOIN inspections n ON n.id = l.inspection_id WHERE l.clue_id IN (${ids})
    UNION ALL
    SELECT l.clue_id, 'ledger-item' AS kind, li.id, li.category || '：' || li.problem AS label, li.opened_at AS at FROM clue_links l JOIN ledger_items li ON li.id = l.ledger_item_id WHERE l.clue_id IN (${ids})
    ORDER BY at`,
    executor,
  )
  return rows.map((row) => {
    const dueAt = new Date(row.due_at)
    const concludedAt = row.concluded_at === null ? null : new Date(row.concluded_at)
    const actions: ClueView['actions'] = []
    if (clueHandlingRole(user) && assignDecision(row.status).allowed) actions.push('assign')
    if (
      row.status === 'investigating' &&
      (clueHandlingRole(user) || (user.staffId !== null && row.staff_id === user.staffId))
    )
      actions.push('link')
    if (clueHandlingRole(user) && row.status === 'investigating') actions.push('conclude')
    return {
      id: row.id,
      institutionId: row.institution_id,
      institutionName: row.institution_name,
      gridId: row.grid_id,
      receivedAt: iso(row.received_at),
      channel: row.channel,
      summary: row.summary,
      anonymous: row.anonymous,
      receivedBy: row.received_by,
      dueAt: dueAt.toISOString(),
      daysLeft: clueDaysLeft(dueAt, now, settingsOf(row.county_code).timeZone),
      overdue: clueOverdue({ status: row.status, dueAt, concludedAt }, now),
      status: row.status,
      assignedTeam: row.team_id === null ? null : { id: row.team_id, name: row.team_name! },
      assignedStaff: row.staff_id === null ? null : { id: row.staff_id, name: row.staff_name! },
      assignedAt: isoOrNull(row.assigned_at),
      finding: row.finding,
      conclusion: row.conclusion,
      reply: row.reply,
      concludedBy: row.concluded_by,
      concludedAt: isoOrNull(row.concluded_at),
      links: links
        .filter((link) => link.clue_id === row.id)
        .map((link) => ({ kind: link.kind, id: link.id, label: link.label, at: iso(link.at) })),
      actions,
    }
  })
}

export interface ClueFilter {
  status?: ClueStatus | undefined
  overdue?: boolean | undefined
  limit: number
}

export async function cluesInScope(
  database: Database,
  user: SessionUser,
  filter: ClueFilter,
  now: Date,
): Promise<ClueView[]> {
  const conditions = [clueScopeCondition(user)]
  if (filter.status) conditions.push(sql`c.status = ${filter.status}`)
  if (filter.overdue === true)
    conditions.push(
      sql`((c.status <> 'concluded' AND c.due_at < ${now.toISOString()}::timestamptz) OR c.concluded_at > c.due_at)`,
    )
  const rows = await database.rows<ClueRow>(sql`${selectClues(sql.join(conditions, sql` AND `))}
    ORDER BY (c.status = 'concluded'), c.due_at, c.id LIMIT ${filter.limit}`)
  return viewsOf(database, user, rows, now)
}

/** One clue as `user` sees it, or null when it does not exist or lies outside what they see. */
export async function clueById(
  database: Database,
  user: SessionUser,
  id: number,
  now: Date,
  executor?: Executor,
): Promise<ClueView | null> {
  const [row] = await database.rows<ClueRow>(selectClues(sql`c.id = ${id} AND ${clueScopeCondition(user)}`), executor)
  return row ? (await viewsOf(database, user, [row], now, executor))[0]! : null
}

async function lockedClue(
  transaction: Transaction,
  database: Database,
  id: number,
  countyCode: string,
): Promise<{
  status: ClueStatus
  anonymous: boolean
  institution_id: number | null
  assigned_staff_id: number | null
}> {
  const [row] = await database.rows<{
    status: ClueStatus
    anonymous: boolean
    institution_id: number | null
    assigned_staff_id: number | null
  }>(
    sql`SELECT status, anonymous, institution_id, assigned_staff_id FROM clues WHERE id = ${id} AND county_code = ${countyCode} FOR UPDATE`,
    transaction,
  )
  if (!row) throw failures.notFound(`Clue ${id} does not exist.`)
  return row
}

export interface TakeClueInput {
  channel: ClueChannel
  receivedAt?: string | undefined
  summary: string
  institutionId?: number | undefined
  complainant?: { name?: string | undefined; phone?: string | undefined; address?: string | undefined } | undefined
}

/**
 * Takes a clue in (受理): its due moment from the county's time limit. The complainant, if they
 * gave anything, goes to clue_reporters and nowhere else — the audit row says only whether the
 * clue is anonymous, and a failed write is reported without its parameters (a database error
 * message would quote them).
 */
export async function takeClue(
  database: Database,
  write: WritePath,
  user: SessionUser,
  input: TakeClueInput,
  now: Date,
): Promise<ClueView> {
  return recordClue(
    database,
    write,
    { countyCode: user.countyCode, receivedBy: user.id },
    input,
    now,
    (transaction, id) => clueById(database, user, id, now, transaction).then((view) => view!),
  )
}

/**
 * A clue sent by the public from an institution's contact page (the poster's QR code): online,
 * received now, in the institution's county, anonymous unless the person gave a name. The answer
 * is only a reference number.
 */
export async function takePublicClue(
  database: Database,
  write: WritePath,
  countyCode: string,
  input: Omit<TakeClueInput, 'channel' | 'receivedAt'>,
  now: Date,
): Promise<{ reference: number }> {
  return recordClue(
    database,
    write,
    { countyCode, receivedBy: null },
    { ...input, channel: 'online' },
    now,
    async (_transaction, id) => ({ reference: id }),
  )
}

async function recordClue<T>(
  database: Database,
  write: WritePath,
  by: { countyCode: string; receivedBy: number | null },
  input: TakeClueInput,
  now: Date,
  answer: (transaction: Transaction, id: number) => Promise<T>,
): Promise<T> {
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now
  if (receivedAt.getTime() > now.getTime() + 5 * 60_000)
    throw failures.rejected(
      'received-in-future',
      'Received in the future',
      'A clue cannot have been received after now.',
      [{ path: 'receivedAt', message: 'in the future' }],
    )
  const complainant =
    input.complainant && Object.values(input.complainant).some((value) => value && value.trim() !== '')
      ? input.complainant
      : null
  const anonymous = !complainant?.name?.trim()
  const settings = await countyFieldSettings(database, by.countyCode)
  if (input.institutionId !== undefined) {
    const [institution] = await database.rows<{ id: number }>(
      sql`SELECT id FROM institutions WHERE id = ${input.institutionId} AND starts_with(county_code, ${by.countyCode})`,
    )
    if (!institution)
      throw failures.rejected(
        'unknown-institution',
        'Unknown institution',
        `Institution ${input.institutionId} is not one of this county's.`,
        [{ path: 'institutionId', message: 'unknown' }],
      )
  }
  try {
    return await write(async (transaction, record) => {
      const [clue] = await transaction
        .insert(schema.clues)
        .values({
          countyCode: by.countyCode,
          institutionId: input.institutionId ?? null,
          receivedAt,
          channel: input.channel,
          summary: input.summary,
          anonymous,
          receivedBy: by.receivedBy,
          dueAt: clueDueAt(receivedAt, settings.clueTimeLimitDays, settings.timeZone),
          status: 'received',
        })
        .returning({ id: schema.clues.id })
      if (complainant)
        await transaction.insert(schema.clueReporters).values({
          clueId: clue!.id,
          name: complainant.name?.trim() || null,
          phone: complainant.phone?.trim() || null,
          address: complainant.address?.trim() || null,
        })
      await record.audit({
        action: 'create',
        entity: 'clue',
        entityId: clue!.id,
        after: {
          channel: input.channel,
          institutionId: input.institutionId ?? null,
          anonymous,
          timeLimitDays: settings.clueTimeLimitDays,
        },
        changes: [],
      })
      return answer(transaction, clue!.id)
    })
  } catch (error) {
    if (error instanceof Failure) throw error
    // No `cause`: the database error quotes the statement's parameters, the complainant among them.
    // eslint-disable-next-line preserve-caught-error
    throw new Error(
      `taking a clue in failed (${(error as { code?: string }).code ?? (error as Error).name}); the details are withheld because they may name the complainant`,
    )
  }
}

export interface AssignInput {
  teamId?: number | undefined
  staffId?: number | undefined
}

/** Assigns the clue to a supervision team or a grid member (分办); the investigation starts. */
export async function assignClue(
  database: Database,
  write: WritePath,
  user: SessionUser,
  id: number,
  input: AssignInput,
  now: Date,
): Promise<ClueView> {
  if ((input.teamId === undefined) === (input.staffId === undefined))
    throw failures.invalid('Assign the clue to a team or to a member of staff: one of teamId, staffId.', [
      { path: 'teamId', message: 'one of teamId, staffId' },
    ])
  if (input.teamId !== undefined) {
    const [team] = await database.rows<{ id: number }>(
      sql`SELECT id FROM teams WHERE id = ${input.teamId} AND county_code = ${user.countyCode}`,
    )
    if (!team)
      throw failures.rejected('unknown-team', 'Unknown team', `Team ${input.teamId} is not one of this county's.`, [
        { path: 'teamId', message: 'unknown' },
      ])
  } else {
    const [member] = await database.rows<{ id: number }>(
      sql`SELECT id FROM staff WHERE id = ${input.staffId!} AND county_code = ${user.countyCode} AND level IN (1, 2)`,
    )
    if (!member)
      throw failures.rejected(
        'unknown-staff',
        'Unknown member of staff',
        `Staff ${input.staffId} is not a level-1 or level-2 member of this county.`,
        [{ path: 'staffId', message: 'unknown' }],
      )
  }
  return write(async (transaction, record) => {
    const clue = await lockedClue(transaction, database, id, user.countyCode)
    const decision = assignDecision(clue.status)
    if (!decision.allowed) throw failures.conflict(`Clue ${id} cannot be assigned: ${decision.reason}.`)
    await transaction.execute(
      sql`UPDATE clues SET assigned_team_id = ${input.teamId ?? null}, assigned_staff_id = ${input.staffId ?? null}, assigned_at = ${now.toISOString()}::timestamptz, status = 'investigating' WHERE id = ${id}`,
    )
    await record.audit({
      action: 'assign',
      entity: 'clue',
      entityId: id,
      before: { status: clue.status, assignedStaffId: clue.assigned_staff_id },
      after: { status: 'investigating', ...input },
      changes: [],
    })
    return (await clueById(database, user, id, now, transaction))!
  })
}

/** Links an inspection or a ledger item of the investigation; it must be of the clue's institution when the clue names one. */
export async function linkClueRecord(
  database: Database,
  write: WritePath,
  user: SessionUser,
  id: number,
  input: { inspectionId?: number | undefined; ledgerItemId?: number | undefined },
  now: Date,
): Promise<ClueView> {
  if ((input.inspectionId === undefined) === (input.ledgerItemId === undefined))
    throw failures.invalid('Link an inspection or a ledger item: one of inspectionId, ledgerItemId.', [
      { path: 'inspectionId', message: 'one of inspectionId, ledgerItemId' },
    ])
  const visible = await clueById(database, user, id, now)
  if (!visible) throw failures.notFound(`Clue ${id} does not exist.`)
  if (!visible.actions.includes('link'))
    throw failures.forbidden(
      visible.status === 'investigating'
        ? 'Only the bureau or the member the clue is assigned to links records to it.'
        : `Clue ${id} is not under investigation.`,
    )
  const table = input.inspectionId !== undefined ? sql`inspections` : sql`ledger_items`
  const recordId = input.inspectionId ?? input.ledgerItemId!
  const [linked] = await database.rows<{ institution_id: number }>(
    sql`SELECT institution_id FROM ${table} WHERE id = ${recordId} AND starts_with(county_code, ${user.countyCode})`,
  )
  const path = input.inspectionId !== undefined ? 'inspectionId' : 'ledgerItemId'
  if (!linked)
    throw failures.rejected(
      'unknown-record',
      'Unknown record',
      `${path === 'inspectionId' ? 'Inspection' : 'Ledger item'} ${recordId} does not exist in this county.`,
      [{ path, message: 'unknown' }],
    )
  if (visible.institutionId !== null && linked.institution_id !== visible.institutionId)
    throw failures.rejected(
      'other-institution',
      'Another institution',
      `The record is of another institution than the clue's (${visible.institutionName}).`,
      [{ path, message: 'another institution' }],
    )
  return write(async (transaction, record) => {
    const clue = await lockedClue(transaction, database, id, user.countyCode)
    if (clue.status !== 'investigating') throw failures.conflict(`Clue ${id} is not under investigation.`)
    const column = input.inspectionId !== undefined ? sql`inspection_id` : sql`ledger_item_id`
    const [already] = await database.rows<{ id: number }>(
      sql`SELECT id FROM clue_links WHERE clue_id = ${id} AND ${column} = ${recordId}`,
      transaction,
    )
    if (already) throw failures.conflict('The record is linked to this clue already.')
    await transaction.insert(schema.clueLinks).values({
      countyCode: user.countyCode,
      clueId: id,
      inspectionId: input.inspectionId ?? null,
      ledgerItemId: input.ledgerItemId ?? null,
      linkedBy: user.id,
      linkedAt: now,
    })
    await record.audit({ action: 'link', entity: 'clue', entityId: id, after: input, changes: [] })
    return (await clueById(database, user, id, now, transaction))!
  })
}

export interface ConcludeInput {
  finding: ClueFinding
  conclusion: string
  reply: string
}

/** Concludes the clue (办结) with a finding, what was found, and the reply given to a named complainant. */
export async function concludeClue(
  database: Database,
  write: WritePath,
  user: SessionUser,
  id: number,
  input: ConcludeInput,
  now: Date,
): Promise<ClueView> {
  return write(async (transaction, record) => {
    const clue = await lockedClue(transaction, database, id, user.countyCode)
    const decision = concludeDecision(clue.status, clue.anonymous, input.reply)
    if (!decision.allowed)
      throw clue.status === 'investigating'
        ? failures.rejected('reply-required', 'Reply required', `Clue ${id} cannot be concluded: ${decision.reason}.`, [
            { path: 'reply', message: 'required' },
          ])
        : failures.conflict(`Clue ${id} cannot be concluded: ${decision.reason}.`)
    await transaction.execute(sql`
      UPDATE clues SET status = 'concluded', finding = ${input.finding}, conclusion = ${input.conclusion}, reply = ${clue.anonymous ? null : input.reply},
        concluded_at = ${now.toISOString()}::timestamptz, concluded_by = ${user.id} WHERE id = ${id}`)
    await record.audit({
      action: 'conclude',
      entity: 'clue',
      entityId: id,
      before: { status: clue.status },
      after: { status: 'concluded', finding: input.finding },
      changes: [],
    })
    return (await clueById(database, user, id, now, transaction))!
  })
}

/** Who sent the clue: for a designated clue handler only (the caller checks), and every read leaves an audit row. */
export async function complainantOf(
  database: Database,
  write: WritePath,
  user: SessionUser,
  id: number,
): Promise<{ clueId: number; anonymous: boolean; name: string | null; phone: string | null; address: string | null }> {
  return write(async (transaction, record) => {
    const [clue] = await database.rows<{ anonymous: boolean }>(
      sql`SELECT anonymous FROM clues WHERE id = ${id} AND county_code = ${user.countyCode}`,
      transaction,
    )
    if (!clue) throw failures.notFound(`Clue ${id} does not exist.`)
    const [reporter] = await database.rows<{ name: string | null; phone: string | null; address: string | null }>(
      sql`SELECT name, phone, address FROM clue_reporters WHERE clue_id = ${id}`,
      transaction,
    )
    await record.audit({ action: 'read-complainant', entity: 'clue', entityId: id, changes: [] })
    return {
      clueId: id,
      anonymous: clue.anonymous,
      name: reporter?.name ?? null,
      phone: reporter?.phone ?? null,
      address: reporter?.address ?? null,
    }
  })
}
