// Writes one audit row inside the caller's transaction, so that it commits and rolls back
// together with the change it records.
import { schema, type Transaction } from '@gridwatch/db'
import type { Caller } from './platform-env.ts'

export interface AuditEntry {
  action: string
  entity: string
  entityId: string | number | null
  before?: unknown
  after?: unknown
}

export async function writeAudit(
  transaction: Transaction,
  actor: { user: Caller | null; requestId: string | undefined; countyCode: string },
  entry: AuditEntry,
): Promise<void> {
  await transaction.insert(schema.auditLog).values({
    countyCode: actor.countyCode,
    userId: actor.user?.id ?? null,
    username: actor.user?.username ?? null,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId === null ? null : String(entry.entityId),
    before: entry.before ?? null,
    after: entry.after ?? null,
    requestId: actor.requestId ?? null,
  })
}
