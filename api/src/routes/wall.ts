// GET /api/wall/summary: the figures around the wall's map, for the caller's scope. Every write
// leaves an audit row, so a summary computed under the newest audit id stays true until the next
// write or the next minute: many walls and the once-a-minute refresh cost one computation.
import { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../app-env.ts'
import { can } from '../auth/can.ts'
import { problems } from '../http/problem.ts'
import { seesCrossCheckPlans, wallSummary, type WallSummary } from '../queries/wall-summary.ts'
import { scopeKeyOf, type ClinicLayer } from '../map-layer/clinic-layer.ts'
import { mapReader } from './map-reader.ts'

const cachedSummaries = new WeakMap<ClinicLayer, Map<string, { key: string; summary: Promise<WallSummary> }>>()

export function wallRoutes() {
  const app = new OpenAPIHono<AppEnv>()
  app.get('/api/wall/summary', async (context) => {
    const user = mapReader(context)
    if (!user || !can(user, { kind: 'map.read' }).allowed) throw problems.unauthenticated()
    const { database, clinicLayer, now } = context.get('services')
    await clinicLayer.refresh()
    const at = now()
    const scope = `${scopeKeyOf(user)}:${seesCrossCheckPlans(user) ? 'plans' : 'no-plans'}`
    const key = `${clinicLayer.auditMark}:${Math.floor(at.getTime() / 60_000)}`
    const byScope = cachedSummaries.get(clinicLayer) ?? new Map()
    cachedSummaries.set(clinicLayer, byScope)
    let cached = byScope.get(scope)
    if (!cached || cached.key !== key) {
      cached = { key, summary: wallSummary(database, clinicLayer, user, at) }
      byScope.set(scope, cached)
      const failed = cached
      cached.summary.catch(() => byScope.get(scope) === failed && byScope.delete(scope))
    }
    return context.json(await cached.summary, 200, { 'cache-control': 'no-store' })
  })
  return app
}
