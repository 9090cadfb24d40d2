// The one way anything is written: a transaction, the audit row inside it with what the write changed
// (its typed change set, platform/changes.ts, kept in the same transaction), and the live events and
// the change set published only after it has committed (a subscriber never hears of a change that
// rolled back).
// Endpoints bind a write path to their caller with writePathOf(context) and hand it to the data
// layer; the server's own jobs (scheduled publishes) use writePath() with no user.
import type { Database, Transaction } from '@gridwatch/db'
import type { Caller, PlatformContext } from './platform-env.ts'
import { writeAudit, type AuditEntry } from './audit.ts'
import { keepChangeSet, type Change, type ChangeSet } from './changes.ts'
import type { EventBus, LiveEvent } from './events.ts'
import { keepAnswer, type IdempotentRequest } from './idempotency.ts'

/** Who writes: the user (null for the server itself), the request, the county the row belongs to. */
export interface Actor {
  user: Caller | null
  requestId: string | undefined
  countyCode: string
  /** When the request carried an Idempotency-Key: the write's result is kept as its answer. */
  idempotency?: IdempotentRequest | undefined
}

/** What a write may do besides its own SQL. */
export interface Recorder {
  /**
   * The audit row of this write, in its transaction; `countyCode` overrides the actor's. `changes`
   * says what the write changed that a screen shows (none: `[]`); the audit row does not keep it.
   */
  audit(entry: AuditEntry & { countyCode?: string; changes: readonly Change[] }): Promise<void>
  /** An event for the live screens, published once the transaction has committed. */
  announce(event: LiveEvent): void
}

export type WriteWork<T> = (transaction: Transaction, record: Recorder) => Promise<T>

/** A write path bound to its actor: what the data layer receives. */
export type WritePath = <T>(work: WriteWork<T>) => Promise<T>

/** Raised when a write leaves no audit row: a programming error, and the write is rolled back. */
export class UnauditedWriteError extends Error {}

export function writePath(database: Database, events: EventBus, actor: Actor): WritePath {
  return async <T>(work: WriteWork<T>): Promise<T> => {
    const announced: LiveEvent[] = []
    const kept: ChangeSet[] = []
    const result = await database.write(async (transaction) => {
      let audited = 0
      const changes = new Map<string, Change[]>()
      const value = await work(transaction, {
        async audit({ countyCode, changes: changed, ...entry }) {
          audited += 1
          const county = countyCode ?? actor.countyCode
          await writeAudit(transaction, { ...actor, countyCode: county }, entry)
          changes.set(county, [...(changes.get(county) ?? []), ...changed])
        },
        announce: (event) => void announced.push(event),
      })
      if (audited === 0)
        throw new UnauditedWriteError(
          'Every write leaves an audit row in its transaction; this one left none and was rolled back.',
        )
      for (const [county, changed] of changes) kept.push(await keepChangeSet(transaction, county, changed))
      if (actor.idempotency) await keepAnswer(transaction, actor.idempotency, value)
      return value
    })
    for (const set of kept) events.committed(set)
    for (const event of announced) events.publish(event)
    return result
  }
}

/** The write path of the endpoint's caller, in the caller's county. */
export function writePathOf(context: PlatformContext, user: Caller | null = context.get('user')): WritePath {
  const { database, events } = context.get('services')
  return writePath(database, events, {
    user,
    requestId: context.get('requestId'),
    countyCode: user?.countyCode ?? '',
    idempotency: context.get('idempotency'),
  })
}

/**
 * Puts a download on record before it leaves: who took which data, with which filter, how many
 * rows (issue 18: every export is audited). `entity` names what was exported.
 */
export async function auditExport(
  context: PlatformContext,
  entity: string,
  details: Record<string, unknown> & { rows: number },
): Promise<void> {
  await writePathOf(context)(async (_transaction, record) => {
    await record.audit({ action: 'export', entity, entityId: null, after: details, changes: [] })
  })
}
