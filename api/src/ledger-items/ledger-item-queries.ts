// Ledger items read and moved: lists filtered by place (institution, grid, zone, county — within
// the caller's scope), status, category and overdue; one item with its transitions; and the write
// of a transition, checked against the state machine and the verifier rule (ledger-items.ts).
import { sql, type SQL } from 'drizzle-orm'
import { schema, type Database, type Executor, type Transaction } from '@gridwatch/db'
import { countyFieldSettings } from '../settings/field-settings.ts'
import {
  deadlineOf,
  statusAfter,
  targetsFrom,
  transitionDecision,
  type LedgerItemSource,
  type LedgerItemStatus,
  type LedgerSeverity,
  type LedgerStep,
  type LedgerTransitionTarget,
} from '@gridwatch/domain/ledger-items.ts'
import type { SessionUser } from '../auth/session-user.ts'
import { can } from '../auth/can.ts'
import { institutionScopeCondition } from '../auth/scope-condition.ts'
import type { WritePath } from '../platform/write-path.ts'
import { failures } from '../platform/failure.ts'
import type { PlacedInstitution } from '../institutions/institution-place.ts'
import { requireAttachablePhotos } from '../photos/attachable-photos.ts'

export interface LedgerItemView {
  id: number
  institutionId: number
  institutionName: string
  gridId: number | null
  source: string
  inspectionId: number | null
  category: string
  problem: string
  severity: LedgerSeverity
  measure: string
  responsiblePerson: string
  status: LedgerItemStatus
  deadlineAt: string
  overdue: boolean
  openedAt: string
  closedAt: string | null
  raisedBy: string | null
  rectifiedBy: string | null
  verifiedBy: string | null
  /** The moves the caller may make now: the state machine, their role and scope, and the verifier rule. */
  moves: LedgerTransitionTarget[]
  /**
   * Who may verify and close it (销号): the grid's and its zone's level-1 and level-2 members, less
   * the one who reported the rectification (a second person verifies); empty once closed.
   */
  verifiers: { name: string; role: 'grid_member_1' | 'grid_member_2' }[]
}

export interface LedgerTransitionView {
  id: number
  fromStatus: LedgerItemStatus | null
  step: LedgerStep
  note: string
  madeBy: string
  madeAt: string
  photoIds: number[]
}

export interface LedgerFilter {
  institutionId?: number | undefined
  /** Only items sent back (reopened, their last step) after this user reported them rectified. */
  returnedTo?: number | undefined
  gridId?: number | undefined
  zoneId?: number | undefined
  status?: LedgerItemStatus | undefined
  category?: string | undefined
  overdue?: boolean | undefined
  limit: number
}

interface ItemRow {
  id: number
  institution_id: number
  institution_name: string
  grid_id: number | null
  source: string
  inspection_id: number | null
  category: string
  problem: string
  severity: LedgerSeverity
  measure: string
  responsible_person: string
  status: LedgerItemStatus
  deadline_at: Date | string
  overdue: boolean
  opened_at: Date | string
  closed_at: Date | string | null
  raised_by: string | null
  rectified_by: string | null
  verified_by: string | null
  raised_by_id: number | null
  rectified_by_id: number | null
  county_code: string
  institution_grid_id: number | null
  zone_id: number | null
  verifiers: LedgerItemView['verifiers']
}

const selectItems = (now: Date, where: SQL) => sql`
  SELECT l.id, l.institution_id, i.name AS institution_name, l.grid_id, l.source, l.inspection_id, l.category, l.problem, l.severity, l.measure,
    l.responsible_person, l.status, l.deadline_at, (l.status <> 'closed' AND l.deadline_at < ${now.toISOString()}::timestamptz) AS overdue,
    l.opened_at, l.closed_at, ur.display_name AS raised_by, uc.display_name AS rectified_by, uv.display_name AS verified_by,
    l.raised_by AS raised_by_id, l.rectified_by AS rectified_by_id, i.county_code, i.grid_id AS institution_grid_id, g.parent_id AS zone_id,
    CASE WHEN l.status = 'closed' THEN '[]'::json ELSE (
      SELECT coalesce(json_agg(json_build_object('name', v.display_name, 'role', v.role) ORDER BY v.role DESC, v.display_name), '[]'::json)
      FROM users v WHERE NOT v.disabled AND v.county_code = i.county_code AND v.role IN ('grid_member_1', 'grid_member_2')
        AND ((v.scope_kind = 'grid' AND v.scope_area_id = i.grid_id) OR (v.scope_kind = 'zone' AND v.scope_area_id = g.parent_id))
        AND v.id IS DISTINCT FROM l.rectified_by) END AS verifiers
  FROM ledger_items l JOIN institutions i ON i.id = l.institution_id LEFT JOIN areas g ON g.id = i.grid_id
  LEFT JOIN users ur ON ur.id = l.raised_by LEFT JOIN users uc ON uc.id = l.rectified_by LEFT JOIN users uv ON uv.id = l.verified_by
  WHERE ${where}`

function movesOf(row: ItemRow, user: SessionUser): LedgerTransitionTarget[] {
  const institution = {
    id: row.institution_id,
    countyCode: row.county_code,
    gridId: row.institution_grid_id,
    zoneId: row.zone_id,
  }
  const people = { status: row.status, raisedBy: row.raised_by_id, rectifiedBy: row.rectified_by_id }
  return targetsFrom(row.status).filter(
    (target) =>
      can(user, { kind: 'ledger-item.move', institution, target }).allowed &&
      transitionDecision(people, target, user.id).allowed,
  )
}

function viewOf(row: ItemRow, user: SessionUser): LedgerItemView {
  const iso = (value: Date | string) => new Date(value).toISOString()
  return {
    id: row.id,
    institutionId: row.institution_id,
    institutionName: row.institution_name,
    gridId: row.grid_id,
    source: row.source,
    inspectionId: row.inspection_id,
    category: row.category,
    problem: row.problem,
    severity: row.severity,
    measure: row.measure,
    responsiblePerson: row.responsible_person,
    status: row.status,
    deadlineAt: iso(row.deadline_at),
    overdue: row.overdue,
    openedAt: iso(row.opened_at),
    closedAt: row.closed_at === null ? null : iso(row.closed_at),
    raisedBy: row.raised_by,
    rectifiedBy: row.rectified_by,
    verifiedBy: row.verified_by,
    moves: movesOf(row, user),
    verifiers: typeof row.verifiers === 'string' ? JSON.parse(row.verifiers) : row.verifiers,
  }
}

export async function ledgerItemsInScope(
  database: Database,
  user: SessionUser,
  filter: LedgerFilter,
  now: Date,
): Promise<LedgerItemView[]> {
  const conditions: SQL[] = [institutionScopeCondition(user)]
  if (filter.institutionId !== undefined) conditions.push(sql`l.institution_id = ${filter.institutionId}`)
  if (filter.gridId !== undefined) conditions.push(sql`i.grid_id = ${filter.gridId}`)
  if (filter.zoneId !== undefined) conditions.push(sql`g.parent_id = ${filter.zoneId}`)
  if (filter.status !== undefined) conditions.push(sql`l.status = ${filter.status}`)
  if (filter.category !== undefined) conditions.push(sql`l.category = ${filter.category}`)
  if (filter.returnedTo !== undefined)
    conditions.push(sql`l.status = 'open' AND (
      SELECT t.step FROM ledger_transitions t WHERE t.ledger_item_id = l.id ORDER BY t.made_at DESC, t.id DESC LIMIT 1) = 'reopened'
      AND (SELECT t.made_by FROM ledger_transitions t WHERE t.ledger_item_id = l.id AND t.step = 'awaiting-verification'
        ORDER BY t.made_at DESC, t.id DESC LIMIT 1) = ${filter.returnedTo}`)
  if (filter.overdue === true)
    conditions.push(sql`l.status <> 'closed' AND l.deadline_at < ${now.toISOString()}::timestamptz`)
  if (filter.overdue === false)
    conditions.push(sql`NOT (l.status <> 'closed' AND l.deadline_at < ${now.toISOString()}::timestamptz)`)
  const rows = await database.rows<ItemRow>(sql`${selectItems(now, sql.join(conditions, sql` AND `))}
    ORDER BY (l.status = 'closed'), l.deadline_at, l.id LIMIT ${filter.limit}`)
  return rows.map((row) => viewOf(row, user))
}

/** One item as `user` sees it (their moves included); whether they may see it at all is the caller's check. */
export async function ledgerItemById(
  database: Database,
  id: number,
  user: SessionUser,
  now: Date,
  executor?: Executor,
): Promise<LedgerItemView | null> {
  const [row] = await database.rows<ItemRow>(selectItems(now, sql`l.id = ${id}`), executor)
  return row ? viewOf(row, user) : null
}

export async function transitionsOf(database: Database, id: number): Promise<LedgerTransitionView[]> {
  const rows = await database.rows<{
    id: number
    from_status: LedgerItemStatus | null
    step: LedgerStep
    note: string
    made_by: string
    made_at: Date | string
    photo_ids: number[] | null
  }>(sql`
    SELECT t.id, t.from_status, t.step, t.note, u.display_name AS made_by, t.made_at,
      (SELECT array_agg(p.id ORDER BY p.id) FROM photos p WHERE p.ledger_transition_id = t.id) AS photo_ids
    FROM ledger_transitions t JOIN users u ON u.id = t.made_by WHERE t.ledger_item_id = ${id} ORDER BY t.made_at, t.id`)
  return rows.map((row) => ({
    id: row.id,
    fromStatus: row.from_status,
    step: row.step,
    note: row.note,
    madeBy: row.made_by,
    madeAt: new Date(row.made_at).toISOString(),
    photoIds: row.photo_ids ?? [],
  }))
}

/**
 * The item's photos as the ledger shows them side by side: 整改前 (the finding's own photos, taken
 * at the inspection, and those of the opening step) and 整改后 (those of the rectification steps).
 */
export async function beforeAndAfter(
  database: Database,
  id: number,
  steps: readonly LedgerTransitionView[],
): Promise<{ before: number[]; after: number[] }> {
  const own = await database.rows<{ id: number }>(sql`SELECT id FROM photos WHERE ledger_item_id = ${id} ORDER BY id`)
  const of = (kinds: readonly LedgerStep[]) =>
    steps.filter((step) => kinds.includes(step.step)).flatMap((step) => step.photoIds)
  return {
    before: [...own.map((row) => row.id), ...of(['opened'])],
    after: of(['rectifying', 'awaiting-verification']),
  }
}

export interface RaiseInput {
  category: string
  problem: string
  severity: LedgerSeverity
  measure?: string | undefined
  responsiblePerson?: string | undefined
  photoIds: number[]
}

/**
 * Opens a ledger item inside a write: the item (deadline from its severity, the institution's
 * representative responsible unless named) and its first step, `opened`, by whom and when.
 * Returns both ids; photos of the opening hang on the step.
 */
export async function openLedgerItem(
  transaction: Transaction,
  institution: PlacedInstitution,
  item: {
    source: LedgerItemSource
    inspectionId?: number
    category: string
    problem: string
    severity: LedgerSeverity
    measure?: string | undefined
    responsiblePerson?: string | undefined
  },
  userId: number,
  openedAt: Date,
  /** The county's time zone: the deadline is the end of its day. */
  timeZone: string,
): Promise<{ itemId: number; stepId: number }> {
  const [row] = await transaction
    .insert(schema.ledgerItems)
    .values({
      countyCode: institution.countyCode,
      institutionId: institution.id,
      gridId: institution.gridId,
      source: item.source,
      inspectionId: item.inspectionId ?? null,
      category: item.category,
      problem: item.problem,
      severity: item.severity,
      measure: item.measure ?? '',
      deadlineAt: deadlineOf(openedAt, item.severity, timeZone),
      responsiblePerson: item.responsiblePerson || `${institution.name}负责人`,
      status: 'open',
      openedAt,
      raisedBy: userId,
    })
    .returning({ id: schema.ledgerItems.id })
  const [step] = await transaction
    .insert(schema.ledgerTransitions)
    .values({
      countyCode: institution.countyCode,
      ledgerItemId: row!.id,
      fromStatus: null,
      step: 'opened',
      note: '',
      madeBy: userId,
      madeAt: openedAt,
    })
    .returning({ id: schema.ledgerTransitions.id })
  return { itemId: row!.id, stepId: step!.id }
}

/** A ledger item raised by hand (a finding outside an inspection), with its evidence photos on its opening step. */
export async function raiseLedgerItem(
  database: Database,
  write: WritePath,
  user: SessionUser,
  institution: PlacedInstitution,
  input: RaiseInput,
  now: Date,
): Promise<LedgerItemView> {
  await requireAttachablePhotos(database, user, institution.id, input.photoIds)
  const { timeZone } = await countyFieldSettings(database, institution.countyCode)
  // The write answers the item as it stands after it, which is also what an Idempotency-Key keeps.
  return write(async (transaction, record) => {
    const { itemId, stepId } = await openLedgerItem(
      transaction,
      institution,
      { source: 'manual', ...input },
      user.id,
      now,
      timeZone,
    )
    if (input.photoIds.length > 0) {
      await transaction.execute(
        sql`UPDATE photos SET ledger_transition_id = ${stepId} WHERE id IN (${sql.join(
          input.photoIds.map((photoId) => sql`${photoId}`),
          sql`, `,
        )})`,
      )
    }
    await record.audit({
      action: 'create',
      entity: 'ledger_item',
      entityId: itemId,
      after: { institutionId: institution.id, ...input, status: 'open' },
      countyCode: institution.countyCode,
      changes: [{ kind: 'institutions', institutionIds: [institution.id] }],
    })
    record.announce({ type: 'ledger-item.changed', institutionId: institution.id, ledgerItemId: itemId })
    return (await ledgerItemById(database, itemId, user, now, transaction))!
  })
}

export interface TransitionInput {
  target: LedgerTransitionTarget
  note: string
  measure?: string | undefined
  photoIds: number[]
}

/** Moves the item, or refuses with the state machine's or the verifier rule's reason; nothing is written on refusal. */
export async function moveLedgerItem(
  database: Database,
  write: WritePath,
  user: SessionUser,
  itemId: number,
  institution: PlacedInstitution,
  input: TransitionInput,
  now: Date,
): Promise<LedgerItemView> {
  await requireAttachablePhotos(database, user, institution.id, input.photoIds)
  return write(async (transaction, record) => {
    // Locked, so two verifiers cannot both close it.
    const [item] = await database.rows<{
      status: LedgerItemStatus
      raised_by: number | null
      rectified_by: number | null
      measure: string
    }>(
      sql`SELECT status, raised_by, rectified_by, measure FROM ledger_items WHERE id = ${itemId} FOR UPDATE`,
      transaction,
    )
    if (!item) throw failures.notFound(`Ledger item ${itemId} does not exist.`)
    const decision = transitionDecision(
      { status: item.status, raisedBy: item.raised_by, rectifiedBy: item.rectified_by },
      input.target,
      user.id,
    )
    if (!decision.allowed)
      throw decision.code === 'verifier'
        ? failures.rejected(
            'verifier-required',
            'A second person must verify',
            `The item cannot be closed: ${decision.reason}.`,
          )
        : failures.conflict(`The item cannot move: ${decision.reason}.`)
    if (input.target === 'closed' && input.note.trim() === '')
      throw failures.invalid('Say how the rectification was verified (核验情况).', [
        { path: 'note', message: 'required to close' },
      ])
    const status = statusAfter(input.target)
    const stamp = now.toISOString()
    const people =
      input.target === 'awaiting-verification'
        ? sql`, rectified_by = ${user.id}, awaiting_verification_at = ${stamp}::timestamptz`
        : input.target === 'rectifying'
          ? sql`, rectifying_at = ${stamp}::timestamptz`
          : input.target === 'closed'
            ? sql`, verified_by = ${user.id}, closed_at = ${stamp}::timestamptz`
            : sql`, closed_at = NULL, verified_by = NULL, rectified_by = NULL, awaiting_verification_at = NULL`
    const measure = input.measure !== undefined ? sql`, measure = ${input.measure}` : sql``
    await transaction.execute(sql`UPDATE ledger_items SET status = ${status} ${people} ${measure} WHERE id = ${itemId}`)
    const [step] = await transaction
      .insert(schema.ledgerTransitions)
      .values({
        countyCode: institution.countyCode,
        ledgerItemId: itemId,
        fromStatus: item.status,
        step: input.target,
        note: input.note,
        madeBy: user.id,
        madeAt: now,
      })
      .returning({ id: schema.ledgerTransitions.id })
    if (input.photoIds.length > 0)
      await transaction.execute(
        sql`UPDATE photos SET ledger_transition_id = ${step!.id} WHERE id IN (${sql.join(
          input.photoIds.map((photoId) => sql`${photoId}`),
          sql`, `,
        )})`,
      )
    await record.audit({
      action: 'update',
      entity: 'ledger_item',
      entityId: itemId,
      before: { institutionId: institution.id, status: item.status, measure: item.measure },
      after: {
        institutionId: institution.id,
        status,
        target: input.target,
        note: input.note,
        measure: input.measure ?? item.measure,
        photoIds: input.photoIds,
      },
      countyCode: institution.countyCode,
      changes: [{ kind: 'institutions', institutionIds: [institution.id] }],
    })
    record.announce({ type: 'ledger-item.changed', institutionId: institution.id, ledgerItemId: itemId })
    return (await ledgerItemById(database, itemId, user, now, transaction))!
  })
}
