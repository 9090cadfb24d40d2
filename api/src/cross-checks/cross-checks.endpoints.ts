// The results of the cross-checks (交叉互查结果):
//   GET /api/cross-checks?month=   per grid in the caller's scope: team, institutions checked, the score
//                                  and its two halves, findings, staff-work problems, each cross-check
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { staffWorkItems } from '@gridwatch/domain/cross-checks.ts'
import type { AppEnv } from '../app-env.ts'
import { allowed, caller } from '../auth/access.ts'
import { monthSchema } from '../rounds/round-schemas.ts'
import { crossCheckResults } from './cross-check-results.ts'

const share = z.number().min(0).max(1).nullable()

export const gridCrossCheckResultSchema = z
  .object({
    gridId: z.number().int(),
    gridName: z.string(),
    zoneName: z.string().nullable(),
    teams: z.array(z.string()),
    planned: z.number().int().nullable().openapi({
      description:
        'Institutions of the grid in the month’s rounds; null for callers who may not see plans ahead (四不两直)',
    }),
    checked: z.number().int().openapi({ description: 'Institutions cross-checked this month' }),
    institutionShare: share.openapi({ description: 'Share of the institutions’ checklist entries in order' }),
    staffWorkShare: share.openapi({ description: 'Share of the grid staff’s work entries in order' }),
    score: share.openapi({ description: 'The mean of the two shares that were checked (cross-checks.ts)' }),
    findings: z.number().int().openapi({ description: 'Ledger items the cross-checks opened' }),
    staffWorkProblems: z.object(
      Object.fromEntries(staffWorkItems.map((item) => [item, z.number().int()])) as Record<
        (typeof staffWorkItems)[number],
        z.ZodNumber
      >,
    ),
    crossChecks: z.array(
      z.object({
        inspectionId: z.number().int(),
        institutionId: z.number().int(),
        institutionName: z.string(),
        arrivedAt: z.string(),
        inspectors: z.array(z.string()),
        problems: z.array(z.string()),
        staffWorkProblems: z.array(z.enum(staffWorkItems)),
        ledgerItemIds: z.array(z.number().int()),
      }),
    ),
  })
  .openapi('GridCrossCheckResult')

export function crossCheckEndpoints() {
  return new OpenAPIHono<AppEnv>().openapi(
    createRoute({
      middleware: [allowed({ kind: 'cross-check-result.read' })],
      method: 'get',
      path: '/api/cross-checks',
      tags: ['teams'],
      request: { query: z.object({ month: monthSchema }) },
      responses: {
        200: {
          content: {
            'application/json': {
              schema: z
                .object({ month: z.string(), grids: z.array(gridCrossCheckResultSchema) })
                .openapi('CrossCheckResults'),
            },
          },
          description: 'Each grid in scope with the month’s cross-check results',
        },
      },
    }),
    async (c) => {
      const { month } = c.req.valid('query')
      return c.json({ month, grids: await crossCheckResults(c.get('services').database, caller(c), month) }, 200)
    },
  )
}
