// GET /api/health: is the database there, which runtime, which PostGIS.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { sql } from 'drizzle-orm'
import type { AppEnv } from '../platform/app-env.ts'
import { anyone } from '../auth/access.ts'

const healthSchema = z
  .object({
    status: z.literal('ok'),
    db: z.enum(['pglite', 'postgres']),
    postgis: z.string().openapi({ example: '3.6.2' }),
    mode: z.enum(['demo', 'production']).openapi({ description: 'Demo mode seeds the demo county and lists demo accounts' }),
  })
  .openapi('Health')

export function healthEndpoints() {
  return new OpenAPIHono<AppEnv>().openapi(
    createRoute({ middleware: [anyone],
      method: 'get',
      path: '/api/health',
      tags: ['system'],
      responses: { 200: { content: { 'application/json': { schema: healthSchema } }, description: 'The service and its database are up' } },
    }),
    async (context) => {
      const { database, config } = context.get('services')
      const [row] = await database.rows<{ version: string }>(sql`SELECT postgis_lib_version() AS version`)
      return context.json({ status: 'ok' as const, db: database.runtime, postgis: row!.version, mode: config.mode }, 200)
    },
  )
}
