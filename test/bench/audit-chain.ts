// The audit page's hash-chain check on a log of 100,000 rows (a busy county's year is several
// hundred thousand): the whole chain read from its first row, and the check the page makes within
// the hour, from the last intact link over the rows written since.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { openDatabase } from '@gridwatch/db'
import { AuditChainCheck } from '@gridwatch/api/audit/audit-chain.ts'
import { report } from './bench-support.ts'

const rows = 100_000

export async function auditChainFigures(): Promise<void> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'gridwatch-bench-audit-'))
  try {
    const database = await openDatabase({ dataDirectory: path.join(directory, 'data') })
    const write = (count: number) =>
      database.rows(sql`INSERT INTO audit_log (county_code, user_id, username, action, entity, entity_id, after, request_id)
        SELECT '371703', 1, 'zone1', 'ledger-item-progress', 'ledger_item', g::text, jsonb_build_object('status', 'rectifying', 'note', '整改中，已约谈负责人'), md5(g::text)
        FROM generate_series(1, ${count}) g`)
    await write(rows)
    const check = new AuditChainCheck(database, () => new Date())
    let started = performance.now()
    const whole = await check.check({ whole: true })
    report('audit chain check, whole log', performance.now() - started, 'ms', { runtime: 'pglite', rows: whole.rows })
    await write(200)
    started = performance.now()
    const since = await check.check()
    report('audit chain check, since the last intact link (200 new rows)', performance.now() - started, 'ms', {
      runtime: 'pglite',
      rows: since.rows,
    })
    await database.close()
  } finally {
    fs.rmSync(directory, { recursive: true, force: true })
  }
}
