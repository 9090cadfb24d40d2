// Contact posters (包联人员信息统一张贴): GET /api/grids/{id}/posters gives every institution of a
// grid its poster (for the grid's clerk, level-1/2 members, supervisors and leaders to print);
// GET /api/public/contacts/{id} is the public page a poster's QR code opens, with the same
// contacts; POST /api/public/clues lets anyone send a clue about that institution, which lands in
// the clue ledger — anonymous unless the person gives a name.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { bodyLimit } from 'hono/body-limit'
import { perAddress } from '../platform/http/rate-limits.ts'
import { sql } from 'drizzle-orm'
import type { AppEnv } from '../app-env.ts'
import { writePath } from '../platform/write-path.ts'
import { Failure, failures } from '../platform/failure.ts'
import { anyone, authorise, caller, signedIn } from '../auth/access.ts'
import { gridPlace } from '../grids/grid-place.ts'
import { takePublicClue } from '../clues/clue-queries.ts'
import { postersOf } from './poster-queries.ts'
import { databaseId, databaseIdText } from '../platform/http/ids.ts'

const contactSchema = z.object({ name: z.string(), phone: z.string().nullable() })
const posterSchema = z
  .object({
    institutionId: z.number().int(),
    institutionName: z.string(),
    institutionType: z.string(),
    gridName: z.string().nullable(),
    zoneName: z.string().nullable(),
    level3: z.array(contactSchema),
    level2: z.array(contactSchema),
    level1: z.array(contactSchema),
    hotline: z.string(),
  })
  .openapi('Poster')

const idParam = z.object({ id: databaseIdText })

/** A public form's body is small; anything larger is refused before it is read. */
const publicClueLimit = bodyLimit({
  maxSize: 16 * 1024,
  onError: () => {
    throw new Failure(
      'too-large',
      'payload-too-large',
      'Request too large',
      'A clue sent from the contact page may be at most 16 KB.',
    )
  },
})

/** A person may send a few clues from one address in ten minutes; a script posting hundreds is turned away. */
export const publicCluesPerTenMinutes = 10

export function posterEndpoints() {
  // Per app: each server (and each test's app) keeps its own counts.
  const publicClueRate = perAddress('public-clue', publicCluesPerTenMinutes, 10)
  return new OpenAPIHono<AppEnv>()
    .openapi(
      createRoute({
        middleware: [signedIn],
        method: 'get',
        path: '/api/grids/{id}/posters',
        tags: ['oversight'],
        request: { params: idParam },
        responses: {
          200: {
            content: {
              'application/json': {
                schema: z.object({ gridId: z.number().int(), gridName: z.string(), posters: z.array(posterSchema) }),
              },
            },
            description: 'One poster per active institution of the grid, by name',
          },
        },
      }),
      async (context) => {
        const user = caller(context)
        const { id } = context.req.valid('param')
        const { database } = context.get('services')
        const grid = await gridPlace(database, id)
        authorise(
          user,
          { kind: 'posters.print', grid, callerIsClerk: user.staffId !== null && user.staffId === grid.clerkStaffId },
          'You cannot print this grid’s posters',
        )
        return context.json(
          { gridId: grid.id, gridName: grid.name, posters: await postersOf(database, { gridId: grid.id }) },
          200,
        )
      },
    )
    .openapi(
      createRoute({
        middleware: [anyone],
        method: 'get',
        path: '/api/public/contacts/{id}',
        tags: ['public'],
        request: { params: idParam },
        responses: {
          200: {
            content: { 'application/json': { schema: posterSchema } },
            description: 'Who answers for the institution, as its poster says (no sign-in)',
          },
        },
      }),
      async (context) => {
        const { id } = context.req.valid('param')
        const [poster] = await postersOf(context.get('services').database, { institutionId: id })
        if (!poster) throw failures.notFound(`Institution ${id} has no contact page.`)
        return context.json(poster, 200)
      },
    )
    .openapi(
      createRoute({
        middleware: [anyone, publicClueRate, publicClueLimit],
        method: 'post',
        path: '/api/public/clues',
        tags: ['public'],
        request: {
          body: {
            required: true,
            content: {
              'application/json': {
                schema: z
                  .object({
                    institutionId: databaseId,
                    summary: z.string().trim().min(1, 'say what you want to report').max(2000),
                    name: z.string().trim().max(100).optional().openapi({ description: 'Leave out to stay anonymous' }),
                    phone: z.string().trim().max(40).optional(),
                  })
                  .openapi('PublicClue'),
              },
            },
          },
        },
        responses: {
          201: {
            content: { 'application/json': { schema: z.object({ reference: z.number().int() }) } },
            description: 'In the clue ledger; the reference number to quote',
          },
        },
      }),
      async (context) => {
        const input = context.req.valid('json')
        const { database, events, now } = context.get('services')
        const [institution] = await database.rows<{ county_code: string }>(
          sql`SELECT county_code FROM institutions WHERE id = ${input.institutionId} AND status = 'active'`,
        )
        if (!institution)
          throw failures.rejected(
            'unknown-institution',
            'Unknown institution',
            `Institution ${input.institutionId} does not exist.`,
            [{ path: 'institutionId', message: 'unknown' }],
          )
        const write = writePath(database, events, {
          user: null,
          requestId: context.get('requestId'),
          countyCode: institution.county_code,
        })
        const complainant = input.name || input.phone ? { name: input.name, phone: input.phone } : undefined
        return context.json(
          await takePublicClue(
            database,
            write,
            institution.county_code,
            { institutionId: input.institutionId, summary: input.summary, complainant },
            now(),
          ),
          201,
        )
      },
    )
}
