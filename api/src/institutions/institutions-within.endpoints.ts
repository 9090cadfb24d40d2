// POST /api/institutions/within: the active institutions inside a drawn polygon, zones or grids
// (PostGIS), in the caller's scope; how a team's round is drawn on the map.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from '../app-env.ts'
import { caller, mapReaders } from '../auth/access.ts'
import { institutionsWithin, toInstitution } from '../rounds/round-queries.ts'
import { institutionSchema, withinSchema } from '../rounds/round-schemas.ts'

export function institutionsWithinEndpoints() {
  return new OpenAPIHono<AppEnv>().openapi(
    createRoute({
      middleware: [mapReaders],
      method: 'post',
      path: '/api/institutions/within',
      tags: ['teams'],
      request: { body: { required: true, content: { 'application/json': { schema: withinSchema } } } },
      responses: {
        200: {
          content: { 'application/json': { schema: z.array(institutionSchema) } },
          description: 'Active institutions inside, in your scope',
        },
      },
    }),
    async (context) => {
      const user = caller(context)
      const { database, institutionLayer } = context.get('services')
      const [rows] = await Promise.all([
        institutionsWithin(database, context.req.valid('json')),
        institutionLayer.refresh(),
      ])
      const inScope = rows.filter((row) => institutionLayer.inScope(user, row))
      return context.json(inScope.map(toInstitution), 200)
    },
  )
}
