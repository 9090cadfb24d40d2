// `pnpm audit:verify`: checks the audit log's hash chain on the configured database (DATABASE_URL,
// or the embedded one in GRIDWATCH_DATA_DIR — stop the server first, it holds that directory)
// and prints the rows checked and the head, or the first broken link; exits 1 when broken.
import { openDatabase } from '@gridwatch/db'
import { databaseOptions, readConfig } from '../platform/config.ts'
import { verifyAuditChain } from './audit-chain.ts'

const config = readConfig()
const database = await openDatabase(databaseOptions(config))
try {
  const report = await verifyAuditChain(database)
  if (report.firstBroken) {
    const { id, chainSeq, reason } = report.firstBroken
    console.log(
      `audit log BROKEN at row ${id}${chainSeq === null ? '' : ` (chain position ${chainSeq})`}: ${reason}. ${report.rows} rows before it are intact.`,
    )
    process.exitCode = 1
  } else {
    console.log(
      `audit log intact: ${report.rows} rows${report.head ? `; head ${report.head.chainSeq} ${report.head.hash}` : ''}`,
    )
  }
} finally {
  await database.close()
}
