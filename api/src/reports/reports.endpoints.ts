// Monthly reports (月上报):
//   GET  /api/reports/monthly?month=&grid=          the caller's grids' reports for a month (one grid with grid=)
//   POST /api/reports/monthly                       save the narrative of a grid's report (its level-2 member)
//   POST /api/reports/monthly/{id}/submit           submit it, with its figures, once the month is over
//   POST /api/reports/monthly/{id}/review           return (with a note) or accept — accepted figures are frozen
//   GET  /api/reports/monthly/xlsx?month=&grid=     the report as a workbook (Chinese headers, A4)
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { isMonth, monthlyReportStatuses } from '@gridwatch/domain/monthly-report.ts'
import type { AppEnv } from '../app-env.ts'
import { allowed, caller } from '../auth/access.ts'
import { auditExport, writePathOf } from '../platform/write-path.ts'
import { databaseId, databaseIdText, idParam } from '../platform/http/ids.ts'
import { monthlyReports, monthlyReportWorkbook, stepMonthlyReport } from './monthly-report-queries.ts'

const month = z.string().refine(isMonth, 'YYYY-MM').openapi({ example: '2026-11' })

const figuresSchema = z
  .object({
    institutions: z.number().int(),
    inspections: z.number().int(),
    verifiedInspections: z.number().int(),
    verifiedShare: z.number().nullable(),
    coveredWithinInterval: z.number().int(),
    coverageShare: z.number().nullable(),
    ledgerOpened: z.number().int(),
    ledgerClosed: z.number().int(),
    ledgerClosedOnTime: z.number().int(),
    ledgerOverdue: z.number().int(),
    riskReports: z.number().int(),
    riskMedianAcknowledgeMinutes: z.number().nullable(),
    riskTimedOutHops: z.number().int(),
    cluesReceived: z.number().int(),
    cluesConcluded: z.number().int(),
    cluesOverdue: z.number().int(),
    crossChecks: z.number().int(),
    crossCheckScore: z.number().nullable(),
  })
  .openapi('MonthlyFigures')

const reportSchema = z
  .object({
    id: z.number().int().nullable().openapi({ description: 'null until the report is first saved' }),
    gridId: z.number().int(),
    gridName: z.string(),
    zoneName: z.string().nullable(),
    month: z.string(),
    status: z.enum(monthlyReportStatuses),
    narrative: z.string(),
    deadline: z.string(),
    late: z.boolean(),
    figures: figuresSchema,
    frozen: z
      .boolean()
      .openapi({ description: 'Accepted: the figures are those it was accepted with, not recomputed' }),
    submittedAt: z.string().nullable(),
    submittedBy: z.string().nullable(),
    reviewedAt: z.string().nullable(),
    reviewedBy: z.string().nullable(),
    reviewNote: z.string().nullable(),
    steps: z.array(z.object({ action: z.string(), at: z.string(), by: z.string(), note: z.string().optional() })),
    actions: z.array(z.enum(['save', 'submit', 'return', 'accept'])),
  })
  .openapi('MonthlyReport')

const ok = (description: string) => ({
  200: { content: { 'application/json': { schema: reportSchema } }, description },
})

export function reportEndpoints() {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'monthly-report.read' })],
        method: 'get',
        path: '/api/reports/monthly',
        tags: ['reports'],
        request: { query: z.object({ month, grid: databaseIdText.optional() }) },
        responses: {
          200: {
            content: { 'application/json': { schema: z.array(reportSchema) } },
            description: 'One report per grid in the caller’s scope (or the one grid asked for)',
          },
        },
      }),
      async (context) => {
        const { month: value, grid } = context.req.valid('query')
        const { database, now } = context.get('services')
        return context.json(await monthlyReports(database, caller(context), value, now(), grid), 200)
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'monthly-report.read' })],
        method: 'get',
        path: '/api/reports/monthly/xlsx',
        tags: ['reports'],
        request: { query: z.object({ month, grid: databaseIdText }) },
        responses: {
          200: {
            content: {
              'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
                schema: z.string().openapi({ format: 'binary' }),
              },
            },
            description: 'The report as .xlsx',
          },
        },
      }),
      async (context) => {
        const { month: value, grid } = context.req.valid('query')
        const { database, now } = context.get('services')
        const [report] = await monthlyReports(database, caller(context), value, now(), grid)
        const fileName = `${report!.gridName}-${value}-月报.xlsx`
        await auditExport(context, 'monthly-report', { gridId: grid, month: value, rows: 1 })
        return context.body((await monthlyReportWorkbook(report!)) as unknown as ArrayBuffer, 200, {
          'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'content-disposition': `attachment; filename="report-${grid}-${value}.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
        })
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'monthly-report.work' })],
        method: 'post',
        path: '/api/reports/monthly',
        tags: ['reports'],
        request: {
          body: {
            required: true,
            content: {
              'application/json': {
                schema: z
                  .object({ gridId: databaseId, month, narrative: z.string().max(10_000) })
                  .openapi('MonthlyReportDraft'),
              },
            },
          },
        },
        responses: ok('Saved (created on first save)'),
      }),
      async (context) => {
        const { gridId, month: value, narrative } = context.req.valid('json')
        const { database, now } = context.get('services')
        return context.json(
          await stepMonthlyReport(
            database,
            writePathOf(context),
            caller(context),
            { gridId, month: value },
            'save',
            { narrative },
            now(),
          ),
          200,
        )
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'monthly-report.work' })],
        method: 'post',
        path: '/api/reports/monthly/{id}/submit',
        tags: ['reports'],
        request: {
          params: idParam,
          body: {
            required: true,
            content: { 'application/json': { schema: z.object({ narrative: z.string().max(10_000).optional() }) } },
          },
        },
        responses: {
          ...ok('Submitted with the figures as they stand'),
          409: { description: 'Not in a state to submit, or the month is not over' },
        },
      }),
      async (context) => {
        const { database, now } = context.get('services')
        const { narrative } = context.req.valid('json')
        return context.json(
          await stepMonthlyReport(
            database,
            writePathOf(context),
            caller(context),
            { id: context.req.valid('param').id },
            'submit',
            { narrative },
            now(),
          ),
          200,
        )
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'monthly-report.work' })],
        method: 'post',
        path: '/api/reports/monthly/{id}/review',
        tags: ['reports'],
        request: {
          params: idParam,
          body: {
            required: true,
            content: {
              'application/json': {
                schema: z
                  .object({ decision: z.enum(['accept', 'return']), note: z.string().trim().max(2000).optional() })
                  .openapi('MonthlyReportReview'),
              },
            },
          },
        },
        responses: {
          ...ok('Returned to the level-2 member, or accepted and frozen'),
          409: { description: 'Not submitted' },
        },
      }),
      async (context) => {
        const { database, now } = context.get('services')
        const { decision, note } = context.req.valid('json')
        return context.json(
          await stepMonthlyReport(
            database,
            writePathOf(context),
            caller(context),
            { id: context.req.valid('param').id },
            decision,
            { note },
            now(),
          ),
          200,
        )
      },
    )
}
