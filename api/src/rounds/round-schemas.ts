// The shapes the round endpoints read and answer: drawn polygons, institutions of a round, months,
// split suggestions.
import { z } from '@hono/zod-openapi'

const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)])
const ring = z
  .array(position)
  .min(4, 'a ring needs at least four positions (the first repeated at the end)')
  .max(5000)
  .refine(
    (points) => points[0]![0] === points[points.length - 1]![0] && points[0]![1] === points[points.length - 1]![1],
    'a ring must end where it starts',
  )
/** A polygon drawn on the map has hundreds of points; more than this is not a drawing (and would hold the database for seconds). */
export const maximumDrawnVertices = 20_000
export const polygonSchema = z.object({
  type: z.literal('Polygon'),
  coordinates: z
    .array(ring)
    .min(1)
    .max(50)
    .refine(
      (rings) => rings.reduce((total, points) => total + points.length, 0) <= maximumDrawnVertices,
      `at most ${maximumDrawnVertices.toLocaleString('en')} points in a drawn area`,
    ),
})

export const withinSchema = z
  .object({
    polygon: polygonSchema.optional().openapi({ description: 'A GeoJSON Polygon in WGS84, e.g. drawn on the map' }),
    zoneIds: z.array(z.number().int().positive()).max(50).optional(),
    gridIds: z.array(z.number().int().positive()).max(500).optional(),
  })
  .refine((body) => body.polygon || body.zoneIds?.length || body.gridIds?.length, {
    message: 'give a polygon, zoneIds or gridIds',
    path: ['polygon'],
  })
  .openapi('InstitutionsWithin')

export const institutionSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  type: z.string(),
  gridId: z.number().int().nullable(),
  position: z.tuple([z.number(), z.number()]),
})

export const splitSuggestionSchema = z.object({
  month: z.string(),
  teams: z.array(
    z.object({
      teamId: z.number().int(),
      institutionIds: z.array(z.number().int()),
      institutionsBefore: z.number().int(),
      hoursBefore: z.number(),
      hoursAfter: z.number(),
    }),
  ),
  moves: z.array(
    z.object({
      gridId: z.number().int(),
      gridName: z.string(),
      fromTeamId: z.number().int(),
      toTeamId: z.number().int(),
      institutions: z.number().int(),
      reason: z.enum(['conflict', 'balance']),
    }),
  ),
  largestHoursBefore: z.number(),
  largestHoursAfter: z.number(),
})

export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM')

export type PolygonInput = z.infer<typeof polygonSchema>
