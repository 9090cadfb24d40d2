// GET /api/institutions (optionally within a bbox) and GET /api/me/institutions (the caller's assigned
// institutions), both as GeoJSON points with the properties the map themes colour by. One
// institution in full: routes/institutions.ts.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { creditGrades, institutionTypes } from '@gridwatch/db/schema'
import type { AppEnv } from '../app-env.ts'
import { institutionFeatures } from './institution-features.ts'
import { featureCollectionSchema } from '../platform/http/geojson-schemas.ts'
import { caller, mapReaders, signedIn } from '../auth/access.ts'

export const institutionProperties = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  type: z.enum(institutionTypes),
  status: z.string(),
  gridId: z.number().int().nullable(),
  gridName: z.string().nullable(),
  zoneId: z.number().int().nullable(),
  lastVisitAt: z.string().nullable(),
  daysSinceVisit: z
    .number()
    .int()
    .nullable()
    .openapi({ description: 'Whole days since the last inspection; null when never visited' }),
  intervalDays: z.number().int().openapi({
    description: 'Days allowed between inspections for this institution (its type, credit grade and county)',
  }),
  openLedgerItems: z.number().int(),
  overdueLedgerItems: z.number().int(),
  creditGrade: z.enum(creditGrades).nullable(),
  creditScore: z.number().int().nullable(),
  blacklisted: z.boolean(),
  isDemo: z.boolean(),
})
const institutionCollection = featureCollectionSchema('InstitutionCollection', institutionProperties)

const bboxSchema = z
  .string()
  .transform((text, context) => {
    const numbers = text.split(',').map(Number)
    const [minLon, minLat, maxLon, maxLat] = numbers
    const valid =
      numbers.length === 4 &&
      numbers.every(Number.isFinite) &&
      minLon! >= -180 &&
      maxLon! <= 180 &&
      minLat! >= -90 &&
      maxLat! <= 90 &&
      minLon! <= maxLon! &&
      minLat! <= maxLat!
    if (!valid) {
      context.addIssue({
        code: 'custom',
        message: 'bbox must be minLon,minLat,maxLon,maxLat in WGS84 degrees, min ≤ max',
      })
      return z.NEVER
    }
    return numbers as [number, number, number, number]
  })
  .openapi({ type: 'string', example: '115.4,34.9,115.8,35.3' })

export function institutionFeatureEndpoints() {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      createRoute({
        middleware: [mapReaders],
        method: 'get',
        path: '/api/institutions',
        tags: ['map'],
        request: { query: z.object({ bbox: bboxSchema.optional() }) },
        responses: {
          200: {
            content: { 'application/geo+json': { schema: institutionCollection } },
            description: 'Institutions in scope',
          },
        },
      }),
      async (context) => {
        const user = caller(context)
        const { bbox } = context.req.valid('query')
        const { database, now } = context.get('services')
        const features = await institutionFeatures(database, user, now(), bbox ? { bbox } : {})
        return context.json({ type: 'FeatureCollection' as const, features }, 200, {
          'content-type': 'application/geo+json',
        })
      },
    )
    .openapi(
      createRoute({
        middleware: [signedIn],
        method: 'get',
        path: '/api/me/institutions',
        tags: ['field'],
        responses: {
          200: {
            content: { 'application/geo+json': { schema: institutionCollection } },
            description: "The caller's assigned institutions (包联)",
          },
        },
      }),
      async (context) => {
        const user = caller(context)
        const { database, now } = context.get('services')
        const features = await institutionFeatures(database, user, now(), {
          institutionIds: [...user.assignedInstitutionIds],
        })
        return context.json({ type: 'FeatureCollection' as const, features }, 200, {
          'content-type': 'application/geo+json',
        })
      },
    )
}
