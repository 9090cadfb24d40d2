// GET /api/wall/summary: the figures around the wall's map, for the caller's scope.
import { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../app-env.ts'
import { can } from '../auth/can.ts'
import { problems } from '../http/problem.ts'
import { wallSummary } from '../queries/wall-summary.ts'
import { mapReader } from './map-reader.ts'

export function wallRoutes() {
  const app = new OpenAPIHono<AppEnv>()
  app.get('/api/wall/summary', async (context) => {
    const user = mapReader(context)
    if (!user || !can(user, { kind: 'map.read' }).allowed) throw problems.unauthenticated()
    const { database, clinicLayer, now } = context.get('services')
    return context.json(await wallSummary(database, clinicLayer, user, now()), 200, { 'cache-control': 'no-store' })
  })
  return app
}
