// GET /api/areas?level=zone|grid|district|village[&county=]: the published areas of one level as
// GeoJSON, simplified for display and served from memory (map-layer/area-layers.ts); with `county`,
// only that county's (what an open screen re-reads after a publish there).
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { areaLevels } from '@gridwatch/db/schema'
import type { AppEnv } from '../app-env.ts'
import { sendEncoded } from '../platform/http/encoded-payload.ts'
import { featureCollectionSchema } from '../platform/http/geojson-schemas.ts'
import { caller, mapReaders } from '../auth/access.ts'

const areaProperties = z.object({
  id: z.number().int(),
  name: z.string(),
  level: z.enum(areaLevels),
  countyCode: z.string(),
  parentId: z.number().int().nullable(),
  parentName: z.string().nullable(),
  code: z.string().nullable(),
  seat: z.tuple([z.number(), z.number()]).nullable(),
  seatEstimated: z.boolean(),
  isDemo: z.boolean().openapi({ description: 'Demo boundaries derived from township seats, not official ones' }),
  boundaryVersionId: z.number().int(),
})

export function areaEndpoints() {
  return new OpenAPIHono<AppEnv>().openapi(
    createRoute({
      middleware: [mapReaders],
      method: 'get',
      path: '/api/areas',
      tags: ['map'],
      request: {
        query: z.object({
          level: z.enum(areaLevels).default('grid'),
          county: z
            .string()
            .regex(/^\d{6}$/)
            .optional()
            .openapi({ description: 'Only this county (six-digit code)' }),
        }),
      },
      responses: {
        200: {
          content: { 'application/geo+json': { schema: featureCollectionSchema('AreaCollection', areaProperties) } },
          description: 'Areas of one level',
        },
      },
    }),
    async (context) => {
      const { level, county } = context.req.valid('query')
      const { areaLayers } = context.get('services')
      // Only the counties the reader covers: a county bureau never sees another county's grids.
      const payload = areaLayers.encoded(level, caller(context).countyCode, county)
      return sendEncoded(context, await payload, 'application/geo+json') as never
    },
  )
}
