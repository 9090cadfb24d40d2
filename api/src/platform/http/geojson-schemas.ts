// OpenAPI descriptions of the GeoJSON (RFC 7946) the map endpoints return.
import { z } from '@hono/zod-openapi'

export const geometrySchema = z
  .object({ type: z.string(), coordinates: z.any() })
  .openapi('Geometry', { description: 'RFC 7946 geometry, WGS84 longitude/latitude' })

export function featureCollectionSchema<Properties extends z.ZodTypeAny>(name: string, properties: Properties) {
  return z
    .object({
      type: z.literal('FeatureCollection'),
      features: z.array(
        z.object({ type: z.literal('Feature'), id: z.number().int(), geometry: geometrySchema, properties }),
      ),
    })
    .openapi(name)
}
