// GET /api/areas?level=zone|grid|district|village: the published areas of one level as GeoJSON.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { sql } from 'drizzle-orm'
import { areaLevels } from '@gridwatch/db/schema'
import type { AppEnv } from '../app-env.ts'
import { can } from '../auth/can.ts'
import { problems } from '../http/problem.ts'
import { publishedBoundaryVersionIds } from '../queries/published-version.ts'
import { featureCollectionSchema } from './geojson-schemas.ts'
import { mapReader } from './map-reader.ts'

const areaProperties = z.object({
  id: z.number().int(),
  name: z.string(),
  level: z.enum(areaLevels),
  parentId: z.number().int().nullable(),
  parentName: z.string().nullable(),
  code: z.string().nullable(),
  seat: z.tuple([z.number(), z.number()]).nullable(),
  seatEstimated: z.boolean(),
  isDemo: z.boolean().openapi({ description: 'Demo boundaries derived from township seats, not official ones' }),
  boundaryVersionId: z.number().int(),
})

interface AreaRow {
  id: number
  name: string
  level: (typeof areaLevels)[number]
  parent_id: number | null
  parent_name: string | null
  code: string | null
  seat_lon: number | null
  seat_lat: number | null
  seat_estimated: boolean
  is_demo: boolean
  boundary_version_id: number
  geometry: string
}

export function areaRoutes() {
  return new OpenAPIHono<AppEnv>().openapi(
    createRoute({
      method: 'get',
      path: '/api/areas',
      tags: ['map'],
      request: { query: z.object({ level: z.enum(areaLevels).default('grid') }) },
      responses: {
        200: { content: { 'application/geo+json': { schema: featureCollectionSchema('AreaCollection', areaProperties) } }, description: 'Areas of one level' },
      },
    }),
    async (context) => {
      const user = mapReader(context)
      const decision = can(user, { kind: 'map.read' })
      if (!decision.allowed) throw problems.unauthenticated()
      const { level } = context.req.valid('query')
      const { database } = context.get('services')
      const rows = await database.rows<AreaRow>(sql`
        SELECT a.id, a.name, a.level, a.parent_id, p.name AS parent_name, a.statistical_code AS code,
          ST_X(a.seat) AS seat_lon, ST_Y(a.seat) AS seat_lat, a.seat_estimated, a.is_demo,
          a.boundary_version_id, ST_AsGeoJSON(a.geom, 6) AS geometry
        FROM areas a LEFT JOIN areas p ON p.id = a.parent_id
        WHERE a.level = ${level} AND a.boundary_version_id IN ${publishedBoundaryVersionIds}
        ORDER BY a.sort_order, a.id`)
      const body = {
        type: 'FeatureCollection' as const,
        features: rows.map((row) => ({
          type: 'Feature' as const,
          id: row.id,
          geometry: JSON.parse(row.geometry) as { type: string; coordinates: unknown },
          properties: {
            id: row.id,
            name: row.name,
            level: row.level,
            parentId: row.parent_id,
            parentName: row.parent_name,
            code: row.code,
            seat: row.seat_lon === null || row.seat_lat === null ? null : ([row.seat_lon, row.seat_lat] as [number, number]),
            seatEstimated: row.seat_estimated,
            isDemo: row.is_demo,
            boundaryVersionId: row.boundary_version_id,
          },
        })),
      }
      return context.json(body, 200, { 'content-type': 'application/geo+json' })
    },
  )
}
