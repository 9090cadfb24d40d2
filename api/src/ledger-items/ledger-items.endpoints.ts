// The problem ledger (问题台账): GET /api/ledger-items lists items in the caller's scope by place,
// status, category and overdue; GET /api/ledger-items/{id} one item with its history; POST
// /api/ledger-items raises one by hand; POST /api/ledger-items/{id}/transitions moves it
// (rectifying, awaiting verification, closed = 销号, reopened). Closing needs a second person
// (ledger-items.ts). Writes take an Idempotency-Key, as a phone sends them again when unsure.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import {
  ledgerItemStatuses,
  ledgerSeverities,
  ledgerSteps,
  ledgerTransitionTargets,
} from '@gridwatch/domain/ledger-items.ts'
import { findingCategoriesOf } from '@gridwatch/domain/violation-categories.ts'
import type { AppEnv } from '../app-env.ts'
import { writePathOf } from '../platform/write-path.ts'
import { failures } from '../platform/failure.ts'
import { idempotent } from '../platform/idempotency.ts'
import { allowed, authorise, caller, signedIn } from '../auth/access.ts'
import { placedInstitution } from '../institutions/institution-place.ts'
import {
  beforeAndAfter,
  ledgerItemById,
  ledgerItemsInScope,
  moveLedgerItem,
  raiseLedgerItem,
  transitionsOf,
} from './ledger-item-queries.ts'
import { databaseId, databaseIdText } from '../platform/http/ids.ts'

const ledgerItemSchema = z
  .object({
    id: z.number().int(),
    institutionId: z.number().int(),
    institutionName: z.string(),
    gridId: z.number().int().nullable(),
    source: z.string(),
    inspectionId: z.number().int().nullable(),
    category: z.string(),
    problem: z.string(),
    severity: z.enum(ledgerSeverities),
    measure: z.string(),
    responsiblePerson: z.string(),
    status: z.enum(ledgerItemStatuses),
    deadlineAt: z.string(),
    overdue: z.boolean(),
    openedAt: z.string(),
    closedAt: z.string().nullable(),
    raisedBy: z.string().nullable(),
    rectifiedBy: z.string().nullable(),
    verifiedBy: z.string().nullable(),
    moves: z
      .array(z.enum(ledgerTransitionTargets))
      .openapi({ description: 'The moves the caller may make now (state, role, scope and the verifier rule)' }),
    verifiers: z.array(z.object({ name: z.string(), role: z.enum(['grid_member_1', 'grid_member_2']) })).openapi({
      description:
        'Who may verify and close it: the grid’s and zone’s level-1 and level-2 members, less whoever reported the rectification',
    }),
  })
  .openapi('LedgerItem')

const ledgerStepSchema = z
  .object({
    id: z.number().int(),
    fromStatus: z.enum(ledgerItemStatuses).nullable(),
    step: z.enum(ledgerSteps),
    note: z.string(),
    madeBy: z.string(),
    madeAt: z.string(),
    photoIds: z.array(z.number().int()),
  })
  .openapi('LedgerStep')

const photoIds = z
  .array(z.number().int().positive())
  .max(20)
  .default([])
  .openapi({ description: 'Evidence photos uploaded first through POST /api/photos' })

const raiseSchema = z
  .object({
    institutionId: databaseId,
    category: z.string().min(1).max(50),
    problem: z.string().trim().min(1).max(2000),
    severity: z
      .enum(ledgerSeverities)
      .openapi({ description: 'The deadline follows: serious 7 days, general 15, minor 30' }),
    measure: z.string().max(2000).optional(),
    responsiblePerson: z.string().max(100).optional(),
    photoIds,
  })
  .openapi('RaiseLedgerItem')

const transitionSchema = z
  .object({
    target: z.enum(ledgerTransitionTargets),
    note: z
      .string()
      .max(2000)
      .default('')
      .openapi({ description: 'What was done or found; required to close (how the rectification was verified)' }),
    measure: z.string().max(2000).optional().openapi({ description: 'The rectification measure, when it changes' }),
    photoIds,
  })
  .openapi('LedgerTransition')

const idParam = z.object({ id: databaseIdText })
const idempotencyHeader = z.object({ 'idempotency-key': z.string().optional() })

export function ledgerItemEndpoints() {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      createRoute({
        middleware: [signedIn],
        method: 'get',
        path: '/api/ledger-items',
        tags: ['ledger'],
        request: {
          query: z.object({
            institutionId: databaseIdText.optional(),
            gridId: databaseIdText.optional(),
            zoneId: databaseIdText.optional(),
            status: z.enum(ledgerItemStatuses).optional(),
            category: z.string().max(50).optional(),
            overdue: z.enum(['true', 'false']).optional(),
            limit: z.coerce.number().int().min(1).max(2000).default(500),
          }),
        },
        responses: {
          200: {
            content: { 'application/json': { schema: z.object({ items: z.array(ledgerItemSchema) }) } },
            description: 'Open items first by deadline, then closed ones; within the caller’s scope',
          },
        },
      }),
      async (context) => {
        const user = caller(context)
        const query = context.req.valid('query')
        const { database, now } = context.get('services')
        const items = await ledgerItemsInScope(
          database,
          user,
          { ...query, overdue: query.overdue === undefined ? undefined : query.overdue === 'true' },
          now(),
        )
        return context.json({ items }, 200)
      },
    )
    .openapi(
      createRoute({
        middleware: [signedIn],
        method: 'get',
        path: '/api/ledger-items/{id}',
        tags: ['ledger'],
        request: { params: idParam },
        responses: {
          200: {
            content: {
              'application/json': {
                schema: ledgerItemSchema.extend({
                  steps: z.array(ledgerStepSchema),
                  photos: z.object({ before: z.array(z.number().int()), after: z.array(z.number().int()) }).openapi({
                    description:
                      'before (整改前): the finding’s own photos and those of the opening step; after (整改后): those of the rectification steps',
                  }),
                }),
              },
            },
            description: 'The item, every step of its history, and its photos before and after rectification',
          },
        },
      }),
      async (context) => {
        const user = caller(context)
        const { id } = context.req.valid('param')
        const { database, now } = context.get('services')
        const item = await ledgerItemById(database, id, user, now())
        if (!item) throw failures.notFound(`Ledger item ${id} does not exist.`)
        authorise(
          user,
          { kind: 'institution.read', institution: await placedInstitution(database, item.institutionId) },
          'You cannot see this ledger item',
        )
        const steps = await transitionsOf(database, id)
        return context.json({ ...item, steps, photos: await beforeAndAfter(database, id, steps) }, 200)
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'field.record' }), idempotent(201)],
        method: 'post',
        path: '/api/ledger-items',
        tags: ['ledger'],
        request: {
          headers: idempotencyHeader,
          body: { required: true, content: { 'application/json': { schema: raiseSchema } } },
        },
        responses: {
          201: {
            content: { 'application/json': { schema: ledgerItemSchema } },
            description: 'Raised, open, with its deadline',
          },
        },
      }),
      async (context) => {
        const user = caller(context)
        const input = context.req.valid('json')
        const { database, now } = context.get('services')
        const institution = await placedInstitution(database, input.institutionId)
        authorise(user, { kind: 'ledger-item.raise', institution }, 'You cannot raise a ledger item here')
        if (!findingCategoriesOf(institution.type).includes(input.category))
          throw failures.invalid(`Not a violation category of this institution type: ${input.category}.`, [
            { path: 'category', message: 'unknown category' },
          ])
        return context.json(
          await raiseLedgerItem(database, writePathOf(context, user), user, institution, input, now()),
          201,
        )
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'ledger.work' }), idempotent(200)],
        method: 'post',
        path: '/api/ledger-items/{id}/transitions',
        tags: ['ledger'],
        request: {
          params: idParam,
          headers: idempotencyHeader,
          body: { required: true, content: { 'application/json': { schema: transitionSchema } } },
        },
        responses: {
          200: { content: { 'application/json': { schema: ledgerItemSchema } }, description: 'Moved' },
          409: { description: 'The item’s state does not allow this move' },
          422: { description: 'Closing by the person who raised or rectified the item (a second person verifies)' },
        },
      }),
      async (context) => {
        const user = caller(context)
        const { id } = context.req.valid('param')
        const input = context.req.valid('json')
        const { database, now } = context.get('services')
        const item = await ledgerItemById(database, id, user, now())
        if (!item) throw failures.notFound(`Ledger item ${id} does not exist.`)
        const institution = await placedInstitution(database, item.institutionId)
        authorise(
          user,
          { kind: 'ledger-item.move', institution, target: input.target },
          'You cannot move this ledger item',
        )
        return context.json(
          await moveLedgerItem(database, writePathOf(context, user), user, id, institution, input, now()),
          200,
        )
      },
    )
}
