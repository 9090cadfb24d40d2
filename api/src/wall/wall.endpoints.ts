// GET /api/wall/summary: the figures around the wall's map, for the caller's scope. Every write
// leaves an audit row, so a summary computed under the newest audit id stays true until the next
// write or the next minute: many walls and the once-a-minute refresh cost one computation.
import { OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from '../app-env.ts'
import { seesCrossCheckPlans, wallSummary, type WallSummary } from './wall-summary.ts'
import { scopeKeyOf, type InstitutionLayer } from '../map/institution-layer.ts'
import { caller, mapReaders } from '../auth/access.ts'

const cachedSummaries = new WeakMap<InstitutionLayer, Map<string, { key: string; summary: Promise<WallSummary> }>>()

export function wallEndpoints() {
  const app = new OpenAPIHono<AppEnv>()
  // The summary's shape is the domain's WallSummary type, shared with the web app; the document
  // names the path and who may read it rather than repeating the type as a schema.
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/api/wall/summary',
    tags: ['map'],
    responses: {
      200: {
        description: "The wall's figures for the caller's scope (domain/wall-summary.ts)",
        content: { 'application/json': { schema: z.object({}).passthrough() } },
      },
    },
  })
  app.get('/api/wall/summary', mapReaders, async (context) => {
    const user = caller(context)
    const { database, institutionLayer, now } = context.get('services')
    await institutionLayer.refresh()
    const at = now()
    const scope = `${scopeKeyOf(user)}:${seesCrossCheckPlans(user) ? 'plans' : 'no-plans'}`
    const key = `${institutionLayer.changeMark}:${Math.floor(at.getTime() / 60_000)}`
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
