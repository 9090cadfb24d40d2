// Complaint clues (举报线索): POST /api/clues takes one in (the bureau; a hotline call, a letter,
// the online form, a visit or a referral, named or anonymous) with its time limit; GET lists them
// overdue first; POST /api/clues/{id}/assign hands it to a team or a member; POST
// /api/clues/{id}/links adds an inspection or ledger item of the investigation; POST
// /api/clues/{id}/conclude records the finding and the reply. Who the complainant is appears in
// none of these answers: GET /api/clues/{id}/complainant, for a designated clue handler, is the
// only way back to it, and every such read is audited.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { clueChannels, clueFindings, clueStatuses } from '@gridwatch/domain/clues.ts'
import type { AppEnv } from '../app-env.ts'
import { writePathOf } from '../platform/write-path.ts'
import { failures } from '../platform/failure.ts'
import { idempotent } from '../platform/idempotency.ts'
import { allowed, caller } from '../auth/access.ts'
import {
  assignClue,
  clueById,
  cluesInScope,
  complainantOf,
  concludeClue,
  linkClueRecord,
  takeClue,
} from './clue-queries.ts'
import { databaseId, databaseIdText } from '../platform/http/ids.ts'

const clueSchema = z
  .object({
    id: z.number().int(),
    institutionId: z.number().int().nullable(),
    institutionName: z.string().nullable(),
    gridId: z.number().int().nullable(),
    receivedAt: z.string(),
    channel: z.enum(clueChannels),
    summary: z.string(),
    anonymous: z.boolean().openapi({ description: 'No name was given; who sent it is never part of this record' }),
    receivedBy: z.string().nullable(),
    dueAt: z.string().openapi({ description: 'The time limit (限时办结)' }),
    daysLeft: z.number().int(),
    overdue: z.boolean(),
    status: z.enum(clueStatuses),
    assignedTeam: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    assignedStaff: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    assignedAt: z.string().nullable(),
    finding: z.enum(clueFindings).nullable(),
    conclusion: z.string().nullable(),
    reply: z.string().nullable(),
    concludedBy: z.string().nullable(),
    concludedAt: z.string().nullable(),
    links: z.array(
      z.object({
        kind: z.enum(['inspection', 'ledger-item']),
        id: z.number().int(),
        label: z.string(),
        at: z.string(),
      }),
    ),
    actions: z.array(z.enum(['assign', 'link', 'conclude'])).openapi({ description: 'What the caller may do now' }),
  })
  .openapi('Clue')

const optionalText = (max: number) => z.string().trim().max(max).optional()
const takeSchema = z
  .object({
    channel: z.enum(clueChannels),
    receivedAt: z
      .string()
      .datetime({ offset: true })
      .optional()
      .openapi({ description: 'When it came in; now if left out' }),
    summary: z.string().trim().min(1, 'say what the clue reports').max(4000),
    institutionId: databaseId.optional(),
    complainant: z
      .object({ name: optionalText(100), phone: optionalText(40), address: optionalText(300) })
      .optional()
      .openapi({
        description: 'Kept apart; readable only by a designated clue handler. Leave out for an anonymous clue',
      }),
  })
  .openapi('TakeClue')

const idParam = z.object({ id: databaseIdText })
const idempotencyHeader = z.object({ 'idempotency-key': z.string().optional() })
const json = <T extends z.ZodTypeAny>(schema: T) => ({ required: true, content: { 'application/json': { schema } } })
const clueAnswer = (description: string) => ({
  200: { content: { 'application/json': { schema: clueSchema } }, description },
})

export function clueEndpoints() {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'clue.read' })],
        method: 'get',
        path: '/api/clues',
        tags: ['oversight'],
        request: {
          query: z.object({
            status: z.enum(clueStatuses).optional(),
            overdue: z.enum(['true', 'false']).optional(),
            limit: z.coerce.number().int().min(1).max(2000).default(500),
          }),
        },
        responses: {
          200: {
            content: { 'application/json': { schema: z.object({ clues: z.array(clueSchema) }) } },
            description: 'Open clues by due date, then concluded ones',
          },
        },
      }),
      async (context) => {
        const user = caller(context)
        const query = context.req.valid('query')
        const { database, now } = context.get('services')
        return context.json(
          {
            clues: await cluesInScope(
              database,
              user,
              { status: query.status, overdue: query.overdue === 'true' ? true : undefined, limit: query.limit },
              now(),
            ),
          },
          200,
        )
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'clue.read' })],
        method: 'get',
        path: '/api/clues/{id}',
        tags: ['oversight'],
        request: { params: idParam },
        responses: clueAnswer('The clue and its investigation'),
      }),
      async (context) => {
        const user = caller(context)
        const { id } = context.req.valid('param')
        const { database, now } = context.get('services')
        const clue = await clueById(database, user, id, now())
        if (!clue) throw failures.notFound(`Clue ${id} does not exist.`)
        return context.json(clue, 200)
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'clue-complainant.read' })],
        method: 'get',
        path: '/api/clues/{id}/complainant',
        tags: ['oversight'],
        request: { params: idParam },
        responses: {
          200: {
            content: {
              'application/json': {
                schema: z
                  .object({
                    clueId: z.number().int(),
                    anonymous: z.boolean(),
                    name: z.string().nullable(),
                    phone: z.string().nullable(),
                    address: z.string().nullable(),
                  })
                  .openapi('Complainant'),
              },
            },
            description: 'Who sent the clue; every read is audited and the answer is never stored by the browser',
          },
        },
      }),
      async (context) => {
        const user = caller(context)
        const { id } = context.req.valid('param')
        const { database } = context.get('services')
        return context.json(await complainantOf(database, writePathOf(context, user), user, id), 200, {
          'cache-control': 'no-store',
        })
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'clue.handle' }), idempotent(201)],
        method: 'post',
        path: '/api/clues',
        tags: ['oversight'],
        request: { headers: idempotencyHeader, body: json(takeSchema) },
        responses: {
          201: {
            content: { 'application/json': { schema: clueSchema } },
            description: 'Taken in, with its time limit; the complainant kept apart',
          },
        },
      }),
      async (context) => {
        const user = caller(context)
        const { database, now } = context.get('services')
        return context.json(
          await takeClue(database, writePathOf(context, user), user, context.req.valid('json'), now()),
          201,
        )
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'clue.handle' }), idempotent(200)],
        method: 'post',
        path: '/api/clues/{id}/assign',
        tags: ['oversight'],
        request: {
          params: idParam,
          headers: idempotencyHeader,
          body: json(z.object({ teamId: databaseId.optional(), staffId: databaseId.optional() }).openapi('AssignClue')),
        },
        responses: { ...clueAnswer('Assigned; under investigation'), 409: { description: 'Concluded already' } },
      }),
      async (context) => {
        const user = caller(context)
        const { id } = context.req.valid('param')
        const { database, now } = context.get('services')
        return context.json(
          await assignClue(database, writePathOf(context, user), user, id, context.req.valid('json'), now()),
          200,
        )
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'clue.investigate' }), idempotent(200)],
        method: 'post',
        path: '/api/clues/{id}/links',
        tags: ['oversight'],
        request: {
          params: idParam,
          headers: idempotencyHeader,
          body: json(
            z
              .object({ inspectionId: databaseId.optional(), ledgerItemId: databaseId.optional() })
              .openapi('LinkClueRecord'),
          ),
        },
        responses: {
          ...clueAnswer('Linked to the investigation'),
          409: { description: 'Not under investigation, or linked already' },
        },
      }),
      async (context) => {
        const user = caller(context)
        const { id } = context.req.valid('param')
        const { database, now } = context.get('services')
        return context.json(
          await linkClueRecord(database, writePathOf(context, user), user, id, context.req.valid('json'), now()),
          200,
        )
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'clue.handle' }), idempotent(200)],
        method: 'post',
        path: '/api/clues/{id}/conclude',
        tags: ['oversight'],
        request: {
          params: idParam,
          headers: idempotencyHeader,
          body: json(
            z
              .object({
                finding: z.enum(clueFindings),
                conclusion: z.string().trim().min(1, 'say what the investigation found').max(4000),
                reply: z.string().trim().max(2000).default('').openapi({
                  description: 'What the complainant was told (答复); required unless the clue is anonymous',
                }),
              })
              .openapi('ConcludeClue'),
          ),
        },
        responses: {
          ...clueAnswer('Concluded'),
          409: { description: 'Not under investigation, or concluded already' },
        },
      }),
      async (context) => {
        const user = caller(context)
        const { id } = context.req.valid('param')
        const { database, now } = context.get('services')
        return context.json(
          await concludeClue(database, writePathOf(context, user), user, id, context.req.valid('json'), now()),
          200,
        )
      },
    )
}
