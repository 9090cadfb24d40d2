// The annual assessment (年考核):
//   GET /api/assessments?year=        every grid and every member with institutions in the caller's scope: score, breakdown, rank, figures
//   GET /api/assessments/xlsx?year=   the same as a workbook (Chinese headers, A4 landscape)
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { assessmentIndicators } from '@gridwatch/domain/assessment.ts'
import type { AppEnv } from '../app-env.ts'
import { allowed, caller } from '../auth/access.ts'
import { assessment, assessmentWorkbook } from './assessment-queries.ts'
import { auditExport } from '../platform/write-path.ts'

const year = z.coerce.number().int().min(2000).max(2100)
const weight = z.object(
  Object.fromEntries(assessmentIndicators.map((indicator) => [indicator, z.number()])) as Record<
    (typeof assessmentIndicators)[number],
    z.ZodNumber
  >,
)

export function assessmentEndpoints() {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'assessment.read' })],
        method: 'get',
        path: '/api/assessments',
        tags: ['reports'],
        request: { query: z.object({ year }) },
        responses: {
          200: {
            content: {
              'application/json': {
                schema: z
                  .object({
                    year: z.number().int(),
                    from: z.string(),
                    to: z.string(),
                    weights: weight,
                    grids: z.array(
                      z.object({
                        gridId: z.number().int(),
                        gridName: z.string(),
                        zoneName: z.string().nullable(),
                        rank: z.number().int(),
                        score: z.number(),
                        breakdown: z.array(
                          z.object({
                            indicator: z.enum(assessmentIndicators),
                            value: z.number().nullable(),
                            weight: z.number(),
                            points: z.number(),
                          }),
                        ),
                        figures: z.record(z.string(), z.number().nullable()),
                      }),
                    ),
                    staff: z.array(
                      z.object({
                        staffId: z.number().int(),
                        name: z.string(),
                        level: z.number().int(),
                        areaName: z.string().nullable(),
                        rank: z.number().int(),
                        score: z.number(),
                        breakdown: z.array(
                          z.object({
                            indicator: z.enum(assessmentIndicators),
                            value: z.number().nullable(),
                            weight: z.number(),
                            points: z.number(),
                          }),
                        ),
                        figures: z.record(z.string(), z.number().nullable()),
                      }),
                    ),
                  })
                  .openapi('Assessment'),
              },
            },
            description:
              'Grids ranked by score (equal scores share a rank), with each indicator’s value, weight and points',
          },
        },
      }),
      async (context) => {
        const { database, now } = context.get('services')
        return context.json(await assessment(database, caller(context), context.req.valid('query').year, now()), 200)
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'assessment.read' })],
        method: 'get',
        path: '/api/assessments/xlsx',
        tags: ['reports'],
        request: { query: z.object({ year }) },
        responses: {
          200: {
            content: {
              'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
                schema: z.string().openapi({ format: 'binary' }),
              },
            },
            description: 'The assessment as .xlsx',
          },
        },
      }),
      async (context) => {
        const { database, now } = context.get('services')
        const value = context.req.valid('query').year
        const result = await assessment(database, caller(context), value, now())
        await auditExport(context, 'assessment', { year: value, rows: result.grids.length + result.staff.length })
        return context.body((await assessmentWorkbook(result)) as unknown as ArrayBuffer, 200, {
          'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'content-disposition': `attachment; filename="assessment-${value}.xlsx"; filename*=UTF-8''${encodeURIComponent(`${value}年度网格考核.xlsx`)}`,
        })
      },
    )
}
