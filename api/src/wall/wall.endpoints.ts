// GET /api/wall/summary: the figures around the wall's map, for the caller's scope. Every write
// leaves an audit row, so a summary computed under the newest audit id stays true until the next
// write or the next minute: many walls and the once-a-minute refresh cost one computation.
import { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../platform/app-env.ts'
import { can } from '../auth/can.ts'
import { failures } from '../platform/failure.ts'
import { seesCrossCheckPlans, wallSummary, type WallSummary } from './wall-summary.ts'
import { scopeKeyOf, type InstitutionLayer } from '../map/institution-layer.ts'
import { mapReader } from '../auth/map-reader.ts'

const cachedSummaries = new WeakMap<InstitutionLayer, Map<string, { key: string; summary: Promise<WallSummary> }>>()

export function wallEndpoints() {
  const app = new OpenAPIHono<AppEnv>()
  app.get('/api/wall/summary', async (context) => {
    const user = mapReader(context)
    if (!user || !can(user, { kind: 'map.read' }).allowed) throw failures.unauthenticated()
    const { database, institutionLayer, now } = context.get('services')
    await institutionLayer.refresh()
    const at = now()
    const scope = `${scopeKeyOf(user)}:${seesCrossCheckPlans(user) ? 'plans' : 'no-plans'}`
    const key = `${institutionLayer.auditMark}:${Math.floor(at.getTime() / 60_000)}`
    const byScope = cachedSummaries.get(institutionLayer) ?? new Map()
    cachedSummaries.set(institutionLayer, byScope)
    let cached = byScope.get(scope)
    if (!cached || cached.key !== key) {
      cached = { key, summary: wallSummary(database, institutionLayer, user, at) }
      byScope.set(scope, cached)
      const failed = cached
      cached.summary.catch(() => byScope.get(scope) === failed && byScope.delete(scope))
    }
    return context.json(await cached.summary, 200, { 'cache-control': 'no-store' })
  })
  return app
}
