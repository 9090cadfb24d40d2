// GET /api/health: is the database there, which runtime, which PostGIS.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from '../app-env.ts'
import { anyone } from '../auth/access.ts'

const healthSchema = z
  .object({
    status: z.literal('ok'),
    db: z.enum(['pglite', 'postgres']),
    postgis: z.string().openapi({ example: '3.6.2' }),
    mode: z
      .enum(['demo', 'production'])
      .openapi({ description: 'Demo mode seeds the demo county and lists demo accounts' }),
  })
  .openapi('Health')

export function healthEndpoints() {
  return new OpenAPIHono<AppEnv>().openapi(
    createRoute({
      middleware: [anyone],
      method: 'get',
      path: '/api/health',
      tags: ['system'],
      responses: {
        200: {
          content: { 'application/json': { schema: healthSchema } },
          description: 'The service and its database are up',
        },
      },
    }),
    async (context) => {
      const { database, config } = context.get('services')
      // On the embedded runtime this does not wait for a long query to end: the database runs on
      // its own thread, and that the thread is alive is what is asked.
      await database.ping()
      return context.json(
        { status: 'ok' as const, db: database.runtime, postgis: database.postgisVersion, mode: config.mode },
        200,
      )
    },
  )
}
