// The server's own step in the risk chain: once a minute, every hop nobody acknowledged within its
// county's limit times out and the report is sent to the next level (risk-report-queries.ts). The
// server writes as itself (no user), audited like any write.
import type { Database } from '@gridwatch/db'
import type { EventBus } from '../platform/events.ts'
import { writePath } from '../platform/write-path.ts'
import { startRecurring } from '../platform/recurring.ts'
import { escalateOverdueHops } from './risk-report-queries.ts'

/** Escalates now and then every minute; stop() ends it (and waits for a pass under way). */
export function startRiskEscalation(
  database: Database,
  events: EventBus,
  now: () => Date,
  everyMilliseconds = 60_000,
): { stop(): Promise<void> } {
  const writeFor = (countyCode: string) => writePath(database, events, { user: null, requestId: undefined, countyCode })
  return startRecurring(
    'escalating risk reports',
    () => escalateOverdueHops(database, writeFor, now()),
    everyMilliseconds,
  )
}
