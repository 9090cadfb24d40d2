// `pnpm bench`: prints gridwatch's figures as JSON lines, one per measurement:
//   {"figure": "...", "runtime": "pglite" | "postgres", "value": 123, "unit": "ms", ...}
// Nothing here is asserted; the figures go into the closing notes of the issues that set them.
// The PostgreSQL figures need a server at BENCH_DATABASE_URL (default: the local one); the
// province figures load the province-sized set into ./data-province on first use (minutes).
// --skip-startup, --skip-province, --skip-province-screens, --skip-routes, --skip-boundaries,
// --skip-field, --skip-responsiveness or --skip-audit leave out a part.
import {
  skipAudit,
  skipBoundaries,
  skipField,
  skipProvince,
  skipResponsiveness,
  skipRoutes,
  skipStartup,
} from './bench-support.ts'
import { startupFigures } from './startup.ts'
import { provinceFigures } from './province.ts'
import { balanceFigures, routeFigures } from './routes.ts'
import { boundaryFigures, plannerEditFigures } from './boundaries.ts'
import { fieldFigures } from './field.ts'
import { ledgerFollowFigures } from './ledger-follow.ts'
import { responsivenessFigures } from './responsiveness.ts'
import { auditChainFigures } from './audit-chain.ts'

if (!skipBoundaries) {
  plannerEditFigures()
  await boundaryFigures()
}
if (!skipRoutes) {
  await routeFigures()
  balanceFigures()
}
if (!skipField) {
  await fieldFigures()
  await ledgerFollowFigures()
}
if (!skipResponsiveness) await responsivenessFigures()
if (!skipAudit) await auditChainFigures()
if (!skipStartup) await startupFigures()
if (!skipProvince) await provinceFigures()
