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
  const content = [row.previous_hash, row.id, row.chain_seq, row.county_code, row.at, row.user_id, row.username, row.action, row.entity, row.entity_id, row.before, row.after, row.request_id]
    .map(field)
    .join('')
  return crypto.createHash('sha256').update(content, 'utf8').digest('hex')
}

const batchSize = 5000

export async function verifyAuditChain(database: Database): Promise<AuditChainReport> {
  const [unchained] = await database.rows<{ id: string }>(sql`SELECT id::text FROM audit_log WHERE chain_seq IS NULL OR hash IS NULL ORDER BY audit_log.id LIMIT 1`)
  let rows = 0
  /** The last intact link; position 0 is before the first row. */
  const last: { seq: number; hash: string | null } = { seq: 0, hash: null }
  const report = (firstBroken: AuditChainReport['firstBroken']): AuditChainReport => ({ rows, head: last.hash === null ? null : { chainSeq: last.seq, hash: last.hash }, firstBroken })
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
      if (row.previous_hash !== last.hash) return broken('it does not name the previous row’s hash: a row before it was changed, removed or inserted')
      if (row.hash !== auditRowHash(row)) return broken('its content does not match its hash: the row was changed')
      last.seq = seq
      last.hash = row.hash
      rows++
    }
    if (batch.length < batchSize) break
  }
  if (unchained) return report({ id: Number(unchained.id), chainSeq: null, reason: 'it is outside the chain: written past the insert trigger' })
  return report(null)
}
