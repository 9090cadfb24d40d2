// The change contract from the write path to every live screen and cache. Each write states, typed,
// what it changed that a screen shows — on its audit entry, where leaving it out does not compile —
// and the write path keeps one change set per committed write in `change_sets`, in the write's own
// transaction. The institution layer, the area layers and the wall's summary read change sets (from
// any process that wrote them); the audit log keeps its own shape and is read by no screen.
import { sql } from 'drizzle-orm'
import { schema, type Database, type Transaction } from '@gridwatch/db'
import { startRecurring } from './recurring.ts'

/** One thing a write changed, by kind. A write that changes nothing a screen shows states none. */
export type Change =
  /** These institutions' records changed: a visit, a ledger item, a risk report, credit or the blacklist. */
  | { kind: 'institutions'; institutionIds: readonly number[] }
  /** A boundary version was published or areas imported: the county's areas are redrawn, these institutions moved. */
  | { kind: 'areas'; institutionIds: readonly number[] }
  /** Institutions added or changed wholesale, or the county's intervals: every record is re-read (areas too). */
  | { kind: 'layout' }
  /** Who sees which institutions changed: a handover, an account's role, scope or staff member. */
  | { kind: 'scope' }

/** A write's changes together, as `change_sets` keeps them. */
export interface ChangeSet {
  id: number
  countyCode: string
  institutionIds: number[]
  areas: boolean
  layout: boolean
  scope: boolean
}

/** Merges a write's changes into the row it keeps. */
export function changeSetOf(countyCode: string, changes: readonly Change[]): Omit<ChangeSet, 'id'> {
  const institutionIds = new Set<number>()
  for (const change of changes)
    if (change.kind === 'institutions' || change.kind === 'areas')
      for (const id of change.institutionIds) institutionIds.add(id)
  return {
    countyCode,
    institutionIds: [...institutionIds].sort((a, b) => a - b),
    areas: changes.some((change) => change.kind === 'areas' || change.kind === 'layout'),
    layout: changes.some((change) => change.kind === 'layout'),
    scope: changes.some((change) => change.kind === 'scope'),
  }
}

/** Keeps a write's change set in its transaction; returns it with its id. */
export async function keepChangeSet(
  transaction: Transaction,
  countyCode: string,
  changes: readonly Change[],
): Promise<ChangeSet> {
  const set = changeSetOf(countyCode, changes)
  const [row] = await transaction.insert(schema.changeSets).values(set).returning({ id: schema.changeSets.id })
  return { id: row!.id, ...set }
}

/** The newest change set's id (0 when none): anything read from the database may be cached under it. */
export async function changeMark(database: Database): Promise<number> {
  const [row] = await database.rows<{ mark: number }>(sql`SELECT coalesce(max(id), 0)::int AS mark FROM change_sets`)
  return row!.mark
}

/**
 * The change sets after `from` up to `to`, oldest first; null when some of them were pruned
 * already (the reader must re-read everything).
 */
export async function changeSetsBetween(database: Database, from: number, to: number): Promise<ChangeSet[] | null> {
  const [kept] = await database.rows<{ oldest: number | null }>(sql`SELECT min(id)::int AS oldest FROM change_sets`)
  if (kept!.oldest === null || kept!.oldest > from + 1) {
    // Identity values skip on rolled-back writes too, so a gap before the oldest kept row may be
    // nothing; pruning only removes rows a week old, and a re-read is always right.
    if (from > 0) return null
  }
  const rows = await database.rows<{
    id: number
    county_code: string
    institution_ids: number[]
    areas: boolean
    layout: boolean
    scope: boolean
  }>(sql`SELECT id::int, county_code, institution_ids, areas, layout, scope FROM change_sets
    WHERE id > ${from} AND id <= ${to} ORDER BY id`)
  return rows.map((row) => ({
    id: row.id,
    countyCode: row.county_code,
    institutionIds: row.institution_ids,
    areas: row.areas,
    layout: row.layout,
    scope: row.scope,
  }))
}

/** How long change sets are kept: a process away longer re-reads everything. */
export const changeSetKeepDays = 7

/** Forgets change sets older than `changeSetKeepDays`, always keeping the newest (it is the mark). */
export async function pruneChangeSets(database: Database): Promise<number> {
  const removed = await database.rows<{ id: number }>(
    sql`DELETE FROM change_sets WHERE at < now() - make_interval(days => ${changeSetKeepDays})
      AND id < (SELECT max(id) FROM change_sets) RETURNING id`,
  )
  return removed.length
}

/** Prunes now and then every six hours; stop() ends it (and waits for a pass under way). */
export function startChangeSetPruning(
  database: Database,
  everyMilliseconds = 6 * 3_600_000,
): { stop(): Promise<void> } {
  return startRecurring('pruning change sets', () => pruneChangeSets(database), everyMilliseconds)
}
