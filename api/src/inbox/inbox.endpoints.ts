// GET /api/me/inbox: what waits for the caller, so that nobody has to open the right page to find
// out — rectifications to verify (the caller may close them), items returned to the caller for
// rectifying again, and 舆情 waiting for the caller's 签收. The screens keep its count live: each
// ledger or 舆情 event on the stream reads it again.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from '../app-env.ts'
import { caller, signedIn } from '../auth/access.ts'
import { ledgerItemsInScope } from '../ledger-items/ledger-item-queries.ts'
import { riskReportsInScope } from '../risk-reports/risk-report-queries.ts'

export const inboxKinds = ['verify', 'returned', 'acknowledge'] as const

const entrySchema = z
  .object({
    kind: z.enum(inboxKinds).openapi({
      description:
        'verify: a rectification to verify and close; returned: an item sent back to you; acknowledge: a 舆情 to 签收',
    }),
    ledgerItemId: z.number().int().nullable(),
    riskReportId: z.number().int().nullable(),
    institutionId: z.number().int().nullable().openapi({ description: 'Null for a 舆情 about a place' }),
    institutionName: z.string(),
    title: z.string().openapi({ description: 'The item’s category and problem, or the 舆情’s title' }),
    /** Past its deadline (an item) or raised as 重大 (a 舆情). */
    urgent: z.boolean(),
  })
  .openapi('InboxEntry')

export function inboxEndpoints() {
  return new OpenAPIHono<AppEnv>().openapi(
    createRoute({
      middleware: [signedIn],
      method: 'get',
      path: '/api/me/inbox',
      tags: ['field'],
      responses: {
        200: {
          content: { 'application/json': { schema: z.object({ entries: z.array(entrySchema) }) } },
          description: 'What waits for the caller, urgent first',
        },
      },
    }),
    async (context) => {
      const user = caller(context)
      const { database, now } = context.get('services')
      const at = now()
      const [awaiting, returned, reports] = await Promise.all([
        ledgerItemsInScope(database, user, { status: 'awaiting-verification', limit: 200 }, at),
        ledgerItemsInScope(database, user, { returnedTo: user.id, limit: 200 }, at),
        riskReportsInScope(database, user, { limit: 200 }),
      ])
      const item = (kind: 'verify' | 'returned') => (entry: (typeof awaiting)[number]) => ({
        kind,
        ledgerItemId: entry.id,
        riskReportId: null,
        institutionId: entry.institutionId,
        institutionName: entry.institutionName,
        title: entry.problem.startsWith(entry.category) ? entry.problem : `${entry.category}：${entry.problem}`,
        urgent: entry.overdue,
      })
      const entries = [
        ...reports
          .filter((report) => report.actions.includes('acknowledge'))
          .map((report) => ({
            kind: 'acknowledge' as const,
            ledgerItemId: null,
            riskReportId: report.id,
            institutionId: report.institutionId,
            institutionName: report.institutionName,
            title: report.title,
            urgent: report.severity === 'high' || report.alarm,
          })),
        ...awaiting.filter((entry) => entry.moves.includes('closed')).map(item('verify')),
        ...returned.map(item('returned')),
      ].sort((a, b) => Number(b.urgent) - Number(a.urgent))
      return context.json({ entries }, 200)
    },
  )
}
