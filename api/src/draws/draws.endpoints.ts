// Double random draws (双随机一公开):
//   POST /api/draws                 freeze the candidates, fix a secret seed, show its SHA-256
//   POST /api/draws/{id}/draw       draw: the result and the seed become visible to planners
//   POST /api/draws/{id}/publish    after the check: everyone sees result, seed and inputs
//   GET  /api/draws, /api/draws/{id}   anyone sees every draw from its commitment (its seed's and inputs' hashes);
//                                   area, candidates, seed and result: planners, and everyone once published
//   POST /api/draws/verify          recompute a result from inputs and seed, check the commitment
// Every step is audited: who drew, when, inputs and result.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { sql } from 'drizzle-orm'
import { schema } from '@gridwatch/db'
import type { AppEnv } from '../app-env.ts'
import { can } from '../auth/can.ts'
import { Failure, failures } from '../platform/failure.ts'
import { draw, drawCommitment, drawInputsDigest, newDrawSeed } from './draw-seed.ts'
import { mapReader } from '../auth/map-reader.ts'
import { anyone, allowed, caller } from '../auth/access.ts'
import { writePathOf } from '../platform/write-path.ts'
import { candidates, loadDraw, present, readDraws } from './draw-queries.ts'
import { databaseIdText } from '../platform/http/ids.ts'

const inputsSchema = z.object({
  institutions: z
    .array(z.object({ id: z.number().int(), gridId: z.number().int().nullable(), weight: z.number().positive() }))
    .max(100_000),
  inspectors: z
    .array(
      z.object({
        staffId: z.number().int(),
        gridIds: z.array(z.number().int()),
        institutionIds: z.array(z.number().int()),
      }),
    )
    .max(10_000),
  institutionCount: z.number().int().min(1),
  inspectorCount: z.number().int().min(0),
})

export const createSchema = z
  .object({
    title: z.string().trim().min(1).max(200).openapi({ example: '2026年12月双随机抽查' }),
    zoneIds: z.array(z.number().int().positive()).max(50).default([]),
    gridIds: z.array(z.number().int().positive()).max(500).default([]),
    institutionCount: z.number().int().min(1).max(1000),
    inspectorCount: z.number().int().min(1).max(100),
    weighting: z.enum(['uniform', 'risk']).default('uniform'),
  })
  .refine((body) => body.zoneIds.length > 0 || body.gridIds.length > 0, {
    message: 'choose the area: zoneIds or gridIds',
    path: ['zoneIds'],
  })
  .openapi('CreateDraw')

const drawSchema = z
  .object({
    id: z.number().int(),
    title: z.string().nullable().openapi({ description: 'Null to the public until published' }),
    status: z.enum(['committed', 'drawn', 'published']),
    commitment: z.string().openapi({ description: 'SHA-256 of the seed, fixed before the draw' }),
    inputsDigest: z.string().openapi({
      description: 'SHA-256 of the frozen inputs in canonical form (canonicalDrawInputs), public from commitment',
    }),
    seed: z.string().nullable().openapi({ description: 'Revealed once drawn' }),
    request: z.unknown(),
    areaNames: z.array(z.string()).openapi({ description: 'The zones and grids drawn from' }),
    candidates: z.object({ institutions: z.number().int(), inspectors: z.number().int() }).nullable(),
    inputs: z.unknown().nullable(),
    result: z
      .object({
        institutions: z.array(z.object({ id: z.number().int(), name: z.string() })),
        inspectors: z.array(z.object({ staffId: z.number().int(), name: z.string() })),
        excludedStaffIds: z.array(z.number().int()),
      })
      .nullable(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    drawnAt: z.string().nullable(),
    publishedAt: z.string().nullable(),
  })
  .openapi('Draw')

export function drawEndpoints() {
  const idParam = z.object({ id: databaseIdText })
  return new OpenAPIHono<AppEnv>()
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'rotation.plan' })],
        method: 'post',
        path: '/api/draws',
        tags: ['teams'],
        request: { body: { required: true, content: { 'application/json': { schema: createSchema } } } },
        responses: {
          201: {
            content: { 'application/json': { schema: drawSchema } },
            description: 'Committed: inputs frozen, seed fixed, its hash shown',
          },
        },
      }),
      async (context) => {
        const user = caller(context)
        const body = context.req.valid('json')
        const { database, institutionLayer, now } = context.get('services')
        const inputs = await candidates(database, institutionLayer, user, body, now())
        if (inputs.institutions.length < body.institutionCount)
          throw failures.invalid(
            `The area holds ${inputs.institutions.length} active institutions; ask for at most that many.`,
            [{ path: 'institutionCount', message: `more than the ${inputs.institutions.length} in the area` }],
          )
        if (inputs.inspectors.length < body.inspectorCount)
          throw failures.invalid(`The inspector pool holds ${inputs.inspectors.length} people.`, [
            { path: 'inspectorCount', message: `more than the ${inputs.inspectors.length} in the pool` },
          ])
        const seed = newDrawSeed()
        const commitment = drawCommitment(seed)
        const id = await writePathOf(context)(async (transaction, record) => {
          const [created] = await transaction
            .insert(schema.draws)
            .values({
              countyCode: user.countyCode,
              title: body.title,
              status: 'committed',
              request: body,
              inputs,
              commitment,
              seed,
              createdBy: user.id,
              createdAt: now(),
            })
            .returning({ id: schema.draws.id })
          await record.audit({
            action: 'commit',
            entity: 'draw',
            entityId: created!.id,
            after: {
              title: body.title,
              request: body,
              commitment,
              candidates: { institutions: inputs.institutions.length, inspectors: inputs.inspectors.length },
            },
            changes: [],
          })
          return created!.id
        })
        return context.json((await present(database, await loadDraw(database, id), true)) as never, 201)
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'rotation.plan' })],
        method: 'post',
        path: '/api/draws/{id}/draw',
        tags: ['teams'],
        request: { params: idParam },
        responses: {
          200: {
            content: { 'application/json': { schema: drawSchema } },
            description: 'Drawn: result and seed revealed to planners',
          },
        },
      }),
      async (context) => {
        const { id } = context.req.valid('param')
        const { database, now } = context.get('services')
        const row = await loadDraw(database, id)
        if (row.status !== 'committed') throw failures.conflict(`Draw ${id} was already drawn; a draw happens once.`)
        const result = draw(row.inputs, row.seed)
        await writePathOf(context)(async (transaction, record) => {
          await database.rows(
            sql`UPDATE draws SET status = 'drawn', result = ${JSON.stringify(result)}::jsonb, drawn_at = ${now().toISOString()}::timestamptz WHERE id = ${id} AND status = 'committed'`,
            transaction,
          )
          await record.audit({
            action: 'draw',
            entity: 'draw',
            entityId: id,
            after: { seed: row.seed, result },
            changes: [],
          })
        })
        return context.json((await present(database, await loadDraw(database, id), true)) as never, 200)
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'rotation.plan' })],
        method: 'post',
        path: '/api/draws/{id}/publish',
        tags: ['teams'],
        request: { params: idParam },
        responses: {
          200: { content: { 'application/json': { schema: drawSchema } }, description: 'Published on the public list' },
        },
      }),
      async (context) => {
        const { id } = context.req.valid('param')
        const { database, now } = context.get('services')
        const row = await loadDraw(database, id)
        if (row.status !== 'drawn')
          throw failures.conflict(
            row.status === 'committed' ? `Draw ${id} has not been drawn yet.` : `Draw ${id} is already published.`,
          )
        await writePathOf(context)(async (transaction, record) => {
          await database.rows(
            sql`UPDATE draws SET status = 'published', published_at = ${now().toISOString()}::timestamptz WHERE id = ${id}`,
            transaction,
          )
          await record.audit({ action: 'publish', entity: 'draw', entityId: id, changes: [] })
        })
        return context.json((await present(database, await loadDraw(database, id), true)) as never, 200)
      },
    )
    .openapi(
      createRoute({
        middleware: [anyone],
        method: 'get',
        path: '/api/draws',
        tags: ['teams'],
        responses: {
          200: {
            content: { 'application/json': { schema: z.array(drawSchema) } },
            description:
              'Every draw: planners in full; everyone else, signed in or not, published draws in full and the others by their hashes (the public list)',
          },
        },
      }),
      async (context) => {
        // 双随机一公开: the published list is public, no sign-in needed.
        const user = mapReader(context)
        const { database } = context.get('services')
        const planning = user !== null && can(user, { kind: 'rotation.plan' }).allowed
        const rows = await readDraws(database)
        return context.json((await Promise.all(rows.map((row) => present(database, row, planning)))) as never, 200)
      },
    )
    .openapi(
      createRoute({
        middleware: [anyone],
        method: 'get',
        path: '/api/draws/{id}',
        tags: ['teams'],
        request: { params: idParam },
        responses: {
          200: {
            content: { 'application/json': { schema: drawSchema } },
            description: 'One draw, as far as you may see it',
          },
        },
      }),
      async (context) => {
        const user = mapReader(context)
        const { id } = context.req.valid('param')
        const { database } = context.get('services')
        const planning = user !== null && can(user, { kind: 'rotation.plan' }).allowed
        const row = await loadDraw(database, id)
        return context.json((await present(database, row, planning)) as never, 200)
      },
    )
    .openapi(
      createRoute({
        middleware: [anyone],
        method: 'post',
        path: '/api/draws/verify',
        tags: ['teams'],
        request: {
          body: {
            required: true,
            content: {
              'application/json': {
                schema: z.object({
                  inputs: inputsSchema,
                  seed: z.string().min(1).max(200),
                  commitment: z.string().max(200).optional(),
                }),
              },
            },
          },
        },
        responses: {
          200: {
            content: {
              'application/json': {
                schema: z.object({
                  commitmentMatches: z.boolean().nullable(),
                  inputsDigest: z.string(),
                  result: z.unknown(),
                }),
              },
            },
            description:
              'The result these inputs and this seed give, whether the seed matches the commitment, and the inputs’ hash to compare with the one published at commitment',
          },
        },
      }),
      async (context) => {
        const { inputs, seed, commitment } = context.req.valid('json')
        if (inputs.institutionCount > inputs.institutions.length)
          throw new Failure(
            'invalid',
            'invalid-request',
            'Invalid request',
            'institutionCount exceeds the institutions given.',
          )
        return context.json(
          {
            commitmentMatches: commitment === undefined ? null : drawCommitment(seed) === commitment,
            inputsDigest: drawInputsDigest(inputs),
            result: draw(inputs, seed),
          },
          200,
        )
      },
    )
}
