// Verifies the audit log's hash chain (migration 0024): rows in chain order 1, 2, 3, …, each
// naming the previous row's hash and holding the SHA-256 of that hash and its own content. The
// content text is rebuilt here from the stored columns, not by the database's own function, so a
// changed function cannot make a changed row look intact. Reports the first broken link.
import crypto from 'node:crypto'
import { sql } from 'drizzle-orm'
import type { Database } from '@gridwatch/db'

export interface AuditChainReport {
  rows: number
  /** The last link: record it elsewhere (e.g. in the monthly report) and rows cut off the end show too. */
  head: { chainSeq: number; hash: string } | null
  firstBroken: { id: number; chainSeq: number | null; reason: string } | null
}

interface ChainRow {
  id: string
  chain_seq: string | null
  previous_hash: string | null
  hash: string | null
  county_code: string
  at: string
  user_id: string | null
  username: string | null
  action: string
  entity: string
  entity_id: string | null
  before: string | null
  after: string | null
  request_id: string | null
}

/** "<length>:<value>" in characters, or "-" for null: the text audit_log_field() builds. */
const field = (value: string | null) => (value === null ? '-' : `${[...value].length}:${value}`)

export function auditRowHash(row: ChainRow): string {
  const content = [
    row.previous_hash,
    row.id,
    row.chain_seq,
    row.county_code,
    row.at,
    row.user_id,
    row.username,
    row.action,
    row.entity,
    row.entity_id,
    row.before,
    row.after,
    row.request_id,
  ]
    .map(field)
    .join('')
  return crypto.createHash('sha256').update(content, 'utf8').digest('hex')
}

const batchSize = 5000

/**
 * Checks the chain from its first row, or — given a link found intact before (`after`) and the rows
 * up to it — only the rows written since, once that link is still the same row with the same hash.
 */
export async function verifyAuditChain(
  database: Database,
  after?: { chainSeq: number; hash: string; rows: number },
): Promise<AuditChainReport> {
  const [unchained] = await database.rows<{ id: string }>(
    sql`SELECT id::text FROM audit_log WHERE chain_seq IS NULL OR hash IS NULL ORDER BY audit_log.id LIMIT 1`,
  )
  let rows = after?.rows ?? 0
  /** The last intact link; position 0 is before the first row. */
  const last: { seq: number; hash: string | null } = { seq: after?.chainSeq ?? 0, hash: after?.hash ?? null }
  if (after) {
    const [link] = await database.rows<{ id: string; hash: string | null }>(
      sql`SELECT id::text, hash FROM audit_log WHERE chain_seq = ${after.chainSeq}`,
    )
    if (link?.hash !== after.hash)
      return {
        rows: 0,
        head: null,
        firstBroken: {
          id: Number(link?.id ?? 0),
          chainSeq: after.chainSeq,
          reason: 'the row last found intact at this position is gone or changed',
        },
      }
  }
  const report = (firstBroken: AuditChainReport['firstBroken']): AuditChainReport => ({
    rows,
    head: last.hash === null ? null : { chainSeq: last.seq, hash: last.hash },
    firstBroken,
  })
  for (;;) {
    const batch = await database.rows<ChainRow>(sql`
      SELECT id::text, chain_seq::text, previous_hash, hash, county_code,
        to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, user_id::text, username, action, entity, entity_id,
        before::text AS before, after::text AS after, request_id
      FROM audit_log WHERE chain_seq > ${last.seq} ORDER BY audit_log.chain_seq LIMIT ${batchSize}`)
    for (const row of batch) {
      const seq = Number(row.chain_seq)
      const broken = (reason: string) => report({ id: Number(row.id), chainSeq: seq, reason })
      if (seq !== last.seq + 1) return broken(`the chain jumps from ${last.seq} to ${seq}: rows are missing`)
      if (row.previous_hash !== last.hash)
        return broken('it does not name the previous row’s hash: a row before it was changed, removed or inserted')
      if (row.hash !== auditRowHash(row)) return broken('its content does not match its hash: the row was changed')
      last.seq = seq
      last.hash = row.hash
      rows++
    }
    if (batch.length < batchSize) break
  }
  if (unchained)
    return report({
      id: Number(unchained.id),
      chainSeq: null,
      reason: 'it is outside the chain: written past the insert trigger',
    })
  return report(null)
}

/** How long a check may build on the last one before the whole chain is read again. */
export const wholeCheckEveryMilliseconds = 60 * 60_000

/**
 * The audit page's check: the rows written since the last intact link, and the whole chain when it
 * was last read more than an hour ago, when asked for, or after a break. Reading everything on
 * every opening grew with the log (100,000 rows: about 2.5 s on PGlite); rows before the last
 * intact link are read again by the hourly whole check and by `pnpm audit:verify`.
 */
export class AuditChainCheck {
  #intact: { chainSeq: number; hash: string; rows: number; wholeAt: number } | null = null

  constructor(
    private readonly database: Database,
    private readonly now: () => Date,
  ) {}

  async check(options: { whole?: boolean } = {}): Promise<AuditChainReport & { wholeCheckedAt: string }> {
    const at = this.now().getTime()
    const previous = this.#intact
    const whole = options.whole || !previous || at - previous.wholeAt >= wholeCheckEveryMilliseconds
    const report = await verifyAuditChain(this.database, whole ? undefined : previous!)
    const wholeAt = whole ? at : previous!.wholeAt
    this.#intact = report.firstBroken === null && report.head ? { ...report.head, rows: report.rows, wholeAt } : null
    return { ...report, wholeCheckedAt: new Date(wholeAt).toISOString() }
  }
}
