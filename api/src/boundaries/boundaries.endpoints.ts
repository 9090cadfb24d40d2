// Grid boundaries for planners:
//   POST /api/boundaries/validate   a FeatureCollection of grid polygons checked against the
//                                   district: validity (with reasons), overlaps, gaps, parts
//                                   outside, slivers, institutions covered exactly once.
// Nothing is written. A body that is not GeoJSON at all is a 400; one over the upload limit a 413.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { bodyLimit } from 'hono/body-limit'
import type { AppEnv } from '../app-env.ts'
import { Failure } from '../platform/failure.ts'
import { validateGrids } from './validate-grids.ts'
import { phrase } from '../platform/phrases.ts'
import { allowed, caller } from '../auth/access.ts'

/** A county's grids as GeoJSON are a few megabytes; an upload beyond this is a mistake. */
export const maximumBoundaryUploadBytes = 20 * 1024 * 1024
export const maximumBoundaryFeatures = 5000
/** A county's grids, drawn or surveyed in detail, stay far below this; a million took 20 s of GEOS work. */
export const maximumBoundaryVertices = 200_000

/** Positions in a GeoJSON value's coordinates, counted without trusting its shape. */
function countPositions(value: unknown, limit: number): number {
  let count = 0
  const walk = (node: unknown): void => {
    if (count > limit || !Array.isArray(node)) return
    if (typeof node[0] === 'number') count++
    else for (const child of node) walk(child)
  }
  if (Array.isArray(value))
    for (const feature of value)
      walk((feature as { geometry?: { coordinates?: unknown } } | null)?.geometry?.coordinates)
  return count
}

const problemSchema = z.object({
  kind: z.string(),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  feature: z.number().int().optional(),
  otherFeature: z.number().int().optional(),
  at: z.tuple([z.number(), z.number()]).optional(),
  institutionId: z.number().int().optional(),
})

const collectionSchema = z
  .object({
    type: z.literal('FeatureCollection', { message: 'expected a GeoJSON FeatureCollection' }),
    features: z
      .array(z.unknown())
      .max(maximumBoundaryFeatures, `at most ${maximumBoundaryFeatures} grids in one collection`)
      .refine(
        (features) => countPositions(features, maximumBoundaryVertices) <= maximumBoundaryVertices,
        `at most ${maximumBoundaryVertices.toLocaleString('en')} vertices in one collection; simplify the boundaries first`,
      ),
  })
  .passthrough()
  .openapi('GridCollection', {
    description:
      'GeoJSON FeatureCollection of grid Polygons/MultiPolygons in WGS84; properties.name is used in messages',
  })

/** Refuses bodies over the limit before they are read, as problem+json. */
export const boundaryUploadLimit = bodyLimit({
  maxSize: maximumBoundaryUploadBytes,
  onError: () => {
    throw Failure.phrased(
      'too-large',
      'payload-too-large',
      'Upload too large',
      phrase('upload-too-large', { megabytes: maximumBoundaryUploadBytes / 1024 / 1024 }),
    )
  },
})

export function boundaryEndpoints() {
  const app = new OpenAPIHono<AppEnv>()
  app.use('/api/boundaries/*', boundaryUploadLimit)
  return app.openapi(
    createRoute({
      middleware: [allowed({ kind: 'boundary.edit' })],
      method: 'post',
      path: '/api/boundaries/validate',
      tags: ['boundaries'],
      request: { body: { required: true, content: { 'application/json': { schema: collectionSchema } } } },
      responses: {
        200: {
          content: {
            'application/json': {
              schema: z.object({ valid: z.boolean(), features: z.number().int(), problems: z.array(problemSchema) }),
            },
          },
          description: 'Whether the grids may be published, and every problem found with where it is',
        },
        400: { description: 'Not a GeoJSON FeatureCollection' },
        413: { description: 'Upload too large' },
      },
    }),
    async (context) => {
      const user = caller(context)
      const { database } = context.get('services')
      const body = context.req.valid('json')
      return context.json(await validateGrids(database, user.countyCode, body.features), 200)
    },
  )
}
