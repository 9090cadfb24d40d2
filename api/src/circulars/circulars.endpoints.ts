// Circulars (通报):
//   GET  /api/circulars                 the county's circulars, newest month first (drafts for those who draft or approve)
//   GET  /api/circulars/latest          the latest published circular, or null (the dashboard and the wall)
//   GET  /api/circulars/{id}            one circular
//   POST /api/circulars                 draft the month's circular from its figures, or recompute the draft
//   PATCH /api/circulars/{id}           edit a draft's title and text
//   POST /api/circulars/{id}/approve    a leader publishes the draft as it stands
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { circularIndicators, circularStatuses } from '@gridwatch/domain/circulars.ts'
import type { AppEnv } from '../app-env.ts'
import { writePathOf } from '../platform/write-path.ts'
import { allowed, caller, signedIn } from '../auth/access.ts'
import { idParam } from '../platform/http/ids.ts'
import { monthSchema } from '../rounds/round-schemas.ts'
import { approveCircular, circularById, circularsOf, draftCircular, editCircular } from './circular-queries.ts'

const shares = z.object(
  Object.fromEntries(circularIndicators.map((indicator) => [indicator, z.number()])) as Record<
    (typeof circularIndicators)[number],
    z.ZodNumber
  >,
)
const gridSchema = z.object({
  gridId: z.number().int(),
  gridName: z.string(),
  zoneName: z.string().nullable(),
  values: z.object(
    Object.fromEntries(circularIndicators.map((indicator) => [indicator, z.number().nullable()])) as Record<
      (typeof circularIndicators)[number],
      z.ZodNullable<z.ZodNumber>
    >,
  ),
  failures: z.array(z.object({ indicator: z.enum(circularIndicators), value: z.number(), threshold: z.number() })),
  ledgerOverdue: z.number().int(),
  cluesOverdue: z.number().int(),
})

export const circularSchema = z
  .object({
    id: z.number().int(),
    countyCode: z.string(),
    month: z.string(),
    status: z.enum(circularStatuses),
    title: z.string(),
    body: z.string(),
    thresholds: z.object({ failBelow: shares, commendAtLeast: shares }),
    content: z.object({ criticised: z.array(gridSchema), commended: z.array(gridSchema) }),
    draftedAt: z.string(),
    draftedBy: z.string(),
    publishedAt: z.string().nullable(),
    publishedBy: z.string().nullable(),
    actions: z.array(z.enum(['edit', 'redraft', 'approve'])),
  })
  .openapi('Circular')

const one = (description: string) => ({
  200: { content: { 'application/json': { schema: circularSchema } }, description },
})

export function circularEndpoints() {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      createRoute({
        middleware: [signedIn],
        method: 'get',
        path: '/api/circulars',
        tags: ['reports'],
        responses: {
          200: {
            content: { 'application/json': { schema: z.array(circularSchema) } },
            description: 'Newest month first',
          },
        },
      }),
      async (context) => context.json(await circularsOf(context.get('services').database, caller(context)), 200),
    )
    .openapi(
      createRoute({
        middleware: [signedIn],
        method: 'get',
        path: '/api/circulars/latest',
        tags: ['reports'],
        responses: {
          200: {
            content: { 'application/json': { schema: circularSchema.nullable() } },
            description: 'The latest published circular, or null',
          },
        },
      }),
      async (context) =>
        context.json(
          (await circularsOf(context.get('services').database, caller(context), { latestPublished: true }))[0] ?? null,
          200,
        ),
    )
    .openapi(
      createRoute({
        middleware: [signedIn],
        method: 'get',
        path: '/api/circulars/{id}',
        tags: ['reports'],
        request: { params: idParam },
        responses: {
          ...one('The circular'),
          404: { description: 'No such circular, or a draft the caller may not see' },
        },
      }),
      async (context) =>
        context.json(
          await circularById(context.get('services').database, caller(context), context.req.valid('param').id),
          200,
        ),
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'circular.draft' })],
        method: 'post',
        path: '/api/circulars',
        tags: ['reports'],
        request: {
          body: {
            required: true,
            content: {
              'application/json': { schema: z.object({ month: monthSchema }).openapi('CircularDraftRequest') },
            },
          },
        },
        responses: {
          ...one('Drafted, or the draft recomputed from the records and the thresholds now'),
          409: { description: 'The month is not over, or its circular is published' },
        },
      }),
      async (context) => {
        const { database, now } = context.get('services')
        return context.json(
          await draftCircular(database, writePathOf(context), caller(context), context.req.valid('json').month, now()),
          200,
        )
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'circular.draft' })],
        method: 'patch',
        path: '/api/circulars/{id}',
        tags: ['reports'],
        request: {
          params: idParam,
          body: {
            required: true,
            content: {
              'application/json': {
                schema: z
                  .object({ title: z.string().trim().min(1).max(200), body: z.string().trim().min(1).max(20_000) })
                  .openapi('CircularEdit'),
              },
            },
          },
        },
        responses: { ...one('Saved'), 409: { description: 'Published circulars are not changed' } },
      }),
      async (context) =>
        context.json(
          await editCircular(
            context.get('services').database,
            writePathOf(context),
            caller(context),
            context.req.valid('param').id,
            context.req.valid('json'),
          ),
          200,
        ),
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'circular.approve' })],
        method: 'post',
        path: '/api/circulars/{id}/approve',
        tags: ['reports'],
        request: { params: idParam },
        responses: { ...one('Published'), 409: { description: 'Published already' } },
      }),
      async (context) => {
        const { database, now } = context.get('services')
        return context.json(
          await approveCircular(database, writePathOf(context), caller(context), context.req.valid('param').id, now()),
          200,
        )
      },
    )
}
