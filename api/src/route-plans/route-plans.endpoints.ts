// POST /api/routes/optimize: the visiting order for a day's stops from a start (the bureau) and,
// if asked, back — the optimiser in domain/route-order.ts. Straight-line distances: no road
// network is loaded, and the answer says so.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from '../app-env.ts'
import { failures } from '../platform/failure.ts'
import { routeOrder } from '@gridwatch/domain/route-order.ts'
import { mapReaders } from '../auth/access.ts'

/** A day's route; more stops than this is a planning mistake, not a route. */
export const maximumRouteStops = 1000

const longitude = z.number().min(-180).max(180)
const latitude = z.number().min(-90).max(90)

const optimizeSchema = z
  .object({
    start: z
      .tuple([longitude, latitude])
      .openapi({ description: '[longitude, latitude] in WGS84', example: [115.573, 35.072] }),
    stops: z
      .array(
        z.object({
          id: z.union([z.string().min(1).max(100), z.number().int()]).transform(String),
          lon: longitude,
          lat: latitude,
        }),
      )
      .min(1, 'give at least one stop')
      .max(maximumRouteStops, `at most ${maximumRouteStops} stops per route; split the day`),
    returnToStart: z.boolean().default(true),
  })
  .openapi('RouteOptimizeRequest')

const resultSchema = z
  .object({
    order: z.array(z.string()),
    distanceMeters: z.number(),
    distanceKind: z.literal('straight-line'),
    nearestNeighbourMeters: z.number(),
  })
  .openapi('RouteOptimizeResult')

export function routePlanEndpoints() {
  return new OpenAPIHono<AppEnv>().openapi(
    createRoute({
      middleware: [mapReaders],
      method: 'post',
      path: '/api/routes/optimize',
      tags: ['routes'],
      request: { body: { required: true, content: { 'application/json': { schema: optimizeSchema } } } },
      responses: {
        200: {
          content: { 'application/json': { schema: resultSchema } },
          description: 'Stop ids in visiting order and the route length',
        },
      },
    }),
    async (context) => {
      const { start, stops, returnToStart } = context.req.valid('json')
      const seen = new Set<string>()
      const duplicates = stops.flatMap((stop, index) =>
        seen.has(stop.id)
          ? [{ path: `stops.${index}.id`, message: `duplicate id ${stop.id}` }]
          : (seen.add(stop.id), []),
      )
      if (duplicates.length > 0) throw failures.invalid('Every stop needs its own id.', duplicates)
      const result = routeOrder(start, stops, { returnToStart })
      return context.json(
        {
          order: result.order,
          distanceMeters: Math.round(result.distanceMeters),
          distanceKind: 'straight-line' as const,
          nearestNeighbourMeters: Math.round(result.nearestNeighbourMeters),
        },
        200,
      )
    },
  )
}
