// PUT /api/rotations/{teamId}/{month}/route: the planned visiting order of a team's round, split
// into days, for the field view.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { sql } from 'drizzle-orm'
import type { AppEnv } from '../app-env.ts'
import { failures } from '../platform/failure.ts'
import { allowed } from '../auth/access.ts'
import { writePathOf } from '../platform/write-path.ts'
import { monthsFrom } from '@gridwatch/domain/rotation.ts'
import { readTargets, rotationEntry } from '../rounds/round-queries.ts'
import { monthSchema } from '../rounds/round-schemas.ts'
import { databaseIdText } from '../platform/http/ids.ts'

export function roundRouteEndpoints() {
  const params = z.object({ teamId: databaseIdText, month: monthSchema })
  return new OpenAPIHono<AppEnv>().openapi(
    createRoute({
      middleware: [allowed({ kind: 'rotation.plan' })],
      method: 'put',
      path: '/api/rotations/{teamId}/{month}/route',
      tags: ['teams'],
      request: {
        params,
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z.object({
                order: z.array(z.number().int().positive()).max(5000),
                stopsPerDay: z.number().int().min(1).max(50),
                dayLengths: z.array(z.number().int().min(1).max(50)).max(5000).optional().openapi({
                  description: 'Stops on each day in order, when days end by working hours rather than a fixed count',
                }),
              }),
            },
          },
        },
      },
      responses: { 204: { description: 'Saved; team members see it in the field view' } },
    }),
    async (context) => {
      const { teamId, month } = context.req.valid('param')
      const { order, stopsPerDay, dayLengths } = context.req.valid('json')
      if (dayLengths && dayLengths.reduce((sum, length) => sum + length, 0) !== order.length)
        throw failures.invalid('The days must add up to the route’s stops.', [
          { path: 'dayLengths', message: `sum to ${order.length}` },
        ])
      const { database, now } = context.get('services')
      const entry = await rotationEntry(database, teamId, monthsFrom(month, 1)[0]!)
      const round = new Set((await readTargets(database, entry.id)).map((row) => row.id))
      const sameStops =
        order.length === round.size && new Set(order).size === order.length && order.every((id) => round.has(id))
      if (!sameStops)
        throw failures.invalid('The route must visit every institution of the round exactly once.', [
          { path: 'order', message: `expected the ${round.size} institutions of the round` },
        ])
      const route = { order, stopsPerDay, ...(dayLengths ? { dayLengths } : {}), plannedAt: now().toISOString() }
      await writePathOf(context)(async (transaction, record) => {
        await database.rows(
          sql`UPDATE rotations SET route = ${JSON.stringify(route)}::jsonb WHERE id = ${entry.id}`,
          transaction,
        )
        await record.audit({ action: 'route', entity: 'rotation', entityId: entry.id, after: route, changes: [] })
      })
      return context.body(null, 204)
    },
  )
}
