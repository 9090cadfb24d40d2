// GET /api/grids/{id}: one grid's figures and staff, for the dashboard's grid panel.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from '../app-env.ts'
import { failures } from '../platform/failure.ts'
import { gridDetail } from './grid-detail.ts'
import { staffContactSchema } from '../institutions/institutions.endpoints.ts'
import { caller, mapReaders } from '../auth/access.ts'
import { databaseIdText } from '../platform/http/ids.ts'

const gridSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    zoneId: z.number().int().nullable(),
    zoneName: z.string().nullable(),
    institutions: z.number().int().openapi({ description: 'Active institutions in the grid (within your scope)' }),
    visitedWithinInterval: z.number().int(),
    pastInterval: z.number().int(),
    neverVisited: z.number().int(),
    openItems: z.number().int(),
    overdueItems: z.number().int(),
    staff: z.array(staffContactSchema),
    materialsClerk: z.string().nullable().openapi({ description: '资料员: who keeps the grid’s records' }),
    canExportRecords: z.boolean(),
  })
  .openapi('Grid')

export function gridEndpoints() {
  return new OpenAPIHono<AppEnv>().openapi(
    createRoute({
      middleware: [mapReaders],
      method: 'get',
      path: '/api/grids/{id}',
      tags: ['map'],
      request: { params: z.object({ id: databaseIdText }) },
      responses: {
        200: { content: { 'application/json': { schema: gridSchema } }, description: 'One grid in scope' },
        404: { description: 'No such grid in your scope' },
      },
    }),
    async (context) => {
      const user = caller(context)
      const { id } = context.req.valid('param')
      const { database, institutionLayer, now } = context.get('services')
      const detail = await gridDetail(database, institutionLayer, user, id, now())
      if (!detail) throw failures.notFound(`Grid ${id} does not exist or is outside your scope.`)
      return context.json(detail, 200)
    },
  )
}
