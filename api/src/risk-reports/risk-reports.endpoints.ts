// Risk reports (舆情): POST /api/risk-reports raises one (a grid member, at an institution in their
// scope; photos first through POST /api/photos) and sends it up the chain at once; GET lists the
// caller's (the chain and leadership by scope, a level-3 member their own); POST
// /api/risk-reports/{id}/acknowledge takes the waiting hop and sends the report on; POST
// /api/risk-reports/{id}/close records the handling once the bureau has acknowledged it. A hop
// nobody acknowledges within the county's limit climbs on by itself (risk-escalation.ts).
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { riskHopLevels, riskReportStatuses, riskSeverities, riskSources } from '@gridwatch/domain/risk-reports.ts'
import type { AppEnv } from '../app-env.ts'
import { writePathOf } from '../platform/write-path.ts'
import { failures } from '../platform/failure.ts'
import { idempotent } from '../platform/idempotency.ts'
import { allowed, caller } from '../auth/access.ts'
import {
  acknowledgeRiskReport,
  closeRiskReport,
  raiseRiskReport,
  riskReportById,
  riskReportsInScope,
  riskReportVisible,
} from './risk-report-queries.ts'
import { authoriseHandling, subjectOf } from './risk-report-subject.ts'
import { databaseId, databaseIdText } from '../platform/http/ids.ts'

const hopLevel = z
  .union(
    riskHopLevels.map((level) => z.literal(level)) as unknown as [z.ZodLiteral<2>, z.ZodLiteral<1>, z.ZodLiteral<0>],
  )
  .openapi({ description: '2: the grid’s level-2 member, 1: the zone’s level-1 member, 0: the bureau' })

const hopSchema = z
  .object({
    level: hopLevel,
    toStaffName: z.string().nullable(),
    sentAt: z.string(),
    dueAt: z.string().nullable().openapi({ description: 'When the waiting hop times out and the report climbs on' }),
    acknowledgedAt: z.string().nullable(),
    acknowledgedBy: z.string().nullable(),
    timedOutAt: z.string().nullable(),
  })
  .openapi('RiskHop')

const reportSchema = z
  .object({
    id: z.number().int(),
    institutionId: z.number().int().nullable().openapi({ description: 'Null for a report about a place in the grid' }),
    institutionName: z.string().openapi({ description: 'The institution’s name, or the place’s words' }),
    place: z.string().nullable(),
    gridId: z.number().int().nullable(),
    title: z.string(),
    description: z.string(),
    severity: z.enum(riskSeverities),
    source: z.enum(riskSources),
    reportedBy: z.string(),
    reportedAt: z.string(),
    status: z.enum(riskReportStatuses),
    alarm: z.boolean().openapi({ description: 'A hop timed out and the bureau has not acknowledged yet' }),
    waitingAt: hopLevel.nullable(),
    hops: z.array(hopSchema),
    handling: z.string(),
    closedBy: z.string().nullable(),
    closedAt: z.string().nullable(),
    photoIds: z.array(z.number().int()),
    actions: z.array(z.enum(['acknowledge', 'close'])).openapi({ description: 'What the caller may do now' }),
  })
  .openapi('RiskReport')

const raiseSchema = z
  .object({
    institutionId: databaseId
      .optional()
      .openapi({ description: 'The institution concerned; leave out for a place (then give place and position)' }),
    place: z.string().trim().min(1).max(200).optional().openapi({
      description: 'A place in the member’s grid (a village, a video online), when no institution is concerned',
    }),
    position: z
      .tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)])
      .optional()
      .openapi({ description: '[longitude, latitude] where the member stands: it decides the grid of a place' }),
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().min(1).max(4000),
    severity: z.enum(riskSeverities),
    source: z.enum(riskSources).default('other'),
    photoIds: z.array(z.number().int().positive()).max(20).default([]),
  })
  .openapi('RaiseRiskReport')

const idParam = z.object({ id: databaseIdText })
const idempotencyHeader = z.object({ 'idempotency-key': z.string().optional() })

export function riskReportEndpoints() {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'risk-report.read' })],
        method: 'get',
        path: '/api/risk-reports',
        tags: ['oversight'],
        request: {
          query: z.object({
            status: z.enum(riskReportStatuses).optional(),
            alarm: z
              .enum(['true', 'false'])
              .optional()
              .openapi({ description: 'true: only reports with a timed-out hop not yet acknowledged by the bureau' }),
            limit: z.coerce.number().int().min(1).max(1000).default(200),
          }),
        },
        responses: {
          200: {
            content: { 'application/json': { schema: z.object({ reports: z.array(reportSchema) }) } },
            description: 'Climbing first, newest first; within the caller’s chain',
          },
        },
      }),
      async (context) => {
        const user = caller(context)
        const query = context.req.valid('query')
        const { database } = context.get('services')
        return context.json(
          {
            reports: await riskReportsInScope(database, user, {
              status: query.status,
              alarm: query.alarm === 'true' ? true : undefined,
              limit: query.limit,
            }),
          },
          200,
        )
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'risk-report.read' })],
        method: 'get',
        path: '/api/risk-reports/{id}',
        tags: ['oversight'],
        request: { params: idParam },
        responses: {
          200: {
            content: { 'application/json': { schema: reportSchema } },
            description: 'The report and every hop of its climb',
          },
        },
      }),
      async (context) => {
        const user = caller(context)
        const { id } = context.req.valid('param')
        const { database } = context.get('services')
        // Outside the chain a report does not exist, as far as the caller can tell.
        if (!(await riskReportVisible(database, user, id))) throw failures.notFound(`Risk report ${id} does not exist.`)
        const { countyCode: _countyCode, ...report } = (await riskReportById(database, user, id))!
        return context.json(report, 200)
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'risk.raise' }), idempotent(201)],
        method: 'post',
        path: '/api/risk-reports',
        tags: ['oversight'],
        request: {
          headers: idempotencyHeader,
          body: { required: true, content: { 'application/json': { schema: raiseSchema } } },
        },
        responses: {
          201: {
            content: { 'application/json': { schema: reportSchema } },
            description: 'Raised and sent to the next level of the chain',
          },
        },
      }),
      async (context) => {
        const user = caller(context)
        const input = context.req.valid('json')
        const { database, now } = context.get('services')
        const subject = await subjectOf(database, user, input)
        return context.json(
          await raiseRiskReport(database, writePathOf(context, user), user, subject, input, now()),
          201,
        )
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'risk.handle' }), idempotent(200)],
        method: 'post',
        path: '/api/risk-reports/{id}/acknowledge',
        tags: ['oversight'],
        request: { params: idParam, headers: idempotencyHeader },
        responses: {
          200: {
            content: { 'application/json': { schema: reportSchema } },
            description: 'Acknowledged; sent on to the next level, or ended at the bureau',
          },
          409: { description: 'Nothing waits for this person: acknowledged already, or waiting above their level' },
        },
      }),
      async (context) => {
        const user = caller(context)
        const { id } = context.req.valid('param')
        const { database, now } = context.get('services')
        if (!(await riskReportVisible(database, user, id))) throw failures.notFound(`Risk report ${id} does not exist.`)
        const report = (await riskReportById(database, user, id))!
        await authoriseHandling(database, user, report, 'You cannot acknowledge this risk report')
        return context.json(await acknowledgeRiskReport(database, writePathOf(context, user), user, id, now()), 200)
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'risk.handle' }), idempotent(200)],
        method: 'post',
        path: '/api/risk-reports/{id}/close',
        tags: ['oversight'],
        request: {
          params: idParam,
          headers: idempotencyHeader,
          body: {
            required: true,
            content: {
              'application/json': {
                schema: z
                  .object({ handling: z.string().trim().min(1, 'say how the report was handled').max(4000) })
                  .openapi('CloseRiskReport'),
              },
            },
          },
        },
        responses: {
          200: { content: { 'application/json': { schema: reportSchema } }, description: 'Closed with its handling' },
          409: { description: 'Not yet acknowledged by the bureau, or closed already' },
        },
      }),
      async (context) => {
        const user = caller(context)
        const { id } = context.req.valid('param')
        const { handling } = context.req.valid('json')
        const { database, now } = context.get('services')
        if (!(await riskReportVisible(database, user, id))) throw failures.notFound(`Risk report ${id} does not exist.`)
        const report = (await riskReportById(database, user, id))!
        await authoriseHandling(database, user, report, 'You cannot close this risk report')
        return context.json(await closeRiskReport(database, writePathOf(context, user), user, id, handling, now()), 200)
      },
    )
}
