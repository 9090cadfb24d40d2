// The dispatch view (常调度): GET /api/dispatch — this week's overdue inspections, overdue ledger
// items, unacknowledged risk reports and open clues of the caller's scope, per grid and per
// person, with the records and a weekly summary.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from '../app-env.ts'
import { allowed, caller } from '../auth/access.ts'
import { dispatch } from './dispatch-queries.ts'

const counts = {
  overdueInspections: z.number().int(),
  overdueLedgerItems: z.number().int(),
  unacknowledgedRisks: z.number().int(),
  openClues: z.number().int(),
}
const week = z.object({
  inspections: z.number().int(),
  verifiedInspections: z.number().int(),
  ledgerOpened: z.number().int(),
  ledgerClosed: z.number().int(),
  riskReports: z.number().int(),
  cluesReceived: z.number().int(),
})

export function dispatchEndpoints() {
  return new OpenAPIHono<AppEnv>().openapi(
    createRoute({
      middleware: [allowed({ kind: 'dispatch.read' })],
      method: 'get',
      path: '/api/dispatch',
      tags: ['reports'],
      responses: {
        200: {
          content: {
            'application/json': {
              schema: z
                .object({
                  weekStart: z.string(),
                  grids: z.array(
                    z.object({
                      gridId: z.number().int(),
                      name: z.string(),
                      zoneName: z.string().nullable(),
                      institutions: z.number().int(),
                      ...counts,
                    }),
                  ),
                  people: z.array(
                    z.object({
                      staffId: z.number().int(),
                      name: z.string(),
                      level: z.number().int(),
                      gridName: z.string().nullable(),
                      ...counts,
                    }),
                  ),
                  overdueInspections: z.array(
                    z.object({
                      institutionId: z.number().int(),
                      name: z.string(),
                      gridName: z.string().nullable(),
                      daysSinceVisit: z.number().int().nullable(),
                      intervalDays: z.number().int(),
                    }),
                  ),
                  overdueLedgerItems: z.array(
                    z.object({
                      id: z.number().int(),
                      institutionId: z.number().int(),
                      institutionName: z.string(),
                      problem: z.string(),
                      deadlineAt: z.string(),
                      daysOverdue: z.number().int(),
                    }),
                  ),
                  unacknowledgedRisks: z.array(
                    z.object({
                      id: z.number().int(),
                      institutionId: z.number().int(),
                      institutionName: z.string(),
                      title: z.string(),
                      level: z.number().int(),
                      sentAt: z.string(),
                      staffName: z.string().nullable(),
                    }),
                  ),
                  openClues: z.array(
                    z.object({
                      id: z.number().int(),
                      institutionId: z.number().int().nullable(),
                      institutionName: z.string().nullable(),
                      summary: z.string(),
                      dueAt: z.string(),
                      overdue: z.boolean(),
                      assignedTo: z.string().nullable(),
                    }),
                  ),
                  week: z.object({ thisWeek: week, lastWeek: week }),
                })
                .openapi('Dispatch'),
            },
          },
          description:
            'What needs someone this week in the caller’s scope, most urgent first (records capped at 60 each)',
        },
      },
    }),
    async (context) => {
      const { database, institutionLayer, now } = context.get('services')
      return context.json(await dispatch(database, institutionLayer, caller(context), now()), 200)
    },
  )
}
