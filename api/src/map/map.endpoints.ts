// GET /api/map/institutions: the institution layer in its compact format (@gridwatch/domain/institution-layer-format.ts),
// for the dashboard and the wall. Served from memory, brotli or gzip as the client accepts, with
// an ETag so an unchanged layer costs a 304.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from '../app-env.ts'
import { sendEncoded } from '../platform/http/encoded-payload.ts'
import { anyone, caller, mapReaders } from '../auth/access.ts'

const payloadSchema = z
  .object({
    format: z.literal('gridwatch-institutions/1'),
    version: z.string(),
    count: z.number().int(),
    baseMinute: z.number().int(),
    id: z.array(z.number().int()),
    lon: z.array(z.number().int()),
    lat: z.array(z.number().int()),
    grid: z.array(z.number().int()),
    type: z.string(),
    status: z.string(),
    credit: z.string(),
    visit: z.array(z.number().int()),
    issues: z.array(z.number().int()),
    deadline: z.array(z.number().int()),
    risk: z.array(z.number().int()),
  })
  .openapi('InstitutionLayer', {
    description:
      'Columns, one entry per institution ordered by id. id, lon, lat (×1e5) and grid are delta-coded; type v/t/h/p/d; status a/s/c; credit A–D or - (lower case or _ when blacklisted); visit = baseMinute − minute of the last inspection (−1 never); deadline = first open deadline − baseMinute; risk = baseMinute − minute of the oldest unacknowledged risk report (−1 none).',
  })

const baseMapSchema = z
  .object({
    styleUrl: z.string().nullable().openapi({
      description:
        'A MapLibre style drawn under our layers (GRIDWATCH_BASE_MAP_STYLE_URL); null: the offline map, our layers only',
      example: null,
    }),
  })
  .openapi('BaseMap')

export function mapEndpoints() {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      createRoute({
        middleware: [anyone],
        method: 'get',
        path: '/api/map/base-map',
        tags: ['map'],
        responses: {
          200: {
            content: { 'application/json': { schema: baseMapSchema } },
            description: 'The configured base map, if any',
          },
        },
      }),
      (context) => context.json({ styleUrl: context.get('services').config.baseMap?.styleUrl ?? null }, 200),
    )
    .openapi(
      createRoute({
        middleware: [mapReaders],
        method: 'get',
        path: '/api/map/institutions',
        tags: ['map'],
        responses: {
          200: {
            content: { 'application/json': { schema: payloadSchema } },
            description: 'Every institution in scope, compact',
          },
          304: { description: 'Unchanged since the ETag sent in If-None-Match' },
        },
      }),
      async (context) => {
        const user = caller(context)
        return sendEncoded(
          context,
          await context.get('services').institutionLayer.encoded(user),
          'application/json',
        ) as never
      },
    )
}
