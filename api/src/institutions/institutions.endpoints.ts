// GET /api/institutions/search?q= (name, full pinyin or pinyin initials) and
// GET /api/institutions/{id} (the dashboard's side panel: map figures, staff, visits, ledger,
// credit history). Both see only the caller's scope; an institution outside it reads as missing.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { institutionTypes } from '@gridwatch/db/schema'
import type { AppEnv } from '../app-env.ts'
import { failures } from '../platform/failure.ts'
import { institutionFeatures } from './institution-features.ts'
import { institutionDetail } from './institution-detail.ts'
import { institutionProperties } from './institution-features.endpoints.ts'
import { caller, mapReaders } from '../auth/access.ts'
import { databaseIdText } from '../platform/http/ids.ts'

export const staffContactSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    level: z.number().int(),
    title: z.string().nullable(),
    organisation: z.string(),
    phone: z.string().nullable(),
    phoneMasked: z.boolean(),
    via: z.enum(['institution', 'grid']),
  })
  .openapi('StaffContact')

const institutionSchema = institutionProperties
  .extend({
    address: z.string().nullable(),
    contactName: z.string().nullable(),
    contactPhone: z.string().nullable(),
    staff: z.array(staffContactSchema),
    inspections: z.array(
      z.object({
        id: z.number().int(),
        kind: z.string(),
        arrivedAt: z.string(),
        note: z.string(),
        verified: z.boolean(),
        anomalies: z.number().int(),
        inspectors: z.array(z.string()),
      }),
    ),
    ledgerItems: z.array(
      z.object({
        id: z.number().int(),
        category: z.string(),
        problem: z.string(),
        measure: z.string(),
        deadlineAt: z.string(),
        responsiblePerson: z.string(),
        severity: z.string(),
        status: z.string(),
        openedAt: z.string(),
        closedAt: z.string().nullable(),
        overdue: z.boolean(),
      }),
    ),
    creditHistory: z.array(
      z.object({
        evaluatedAt: z.string(),
        score: z.number().int(),
        grade: z.string(),
        blacklisted: z.boolean(),
        reason: z.string().nullable(),
      }),
    ),
    openRiskReports: z
      .array(
        z.object({
          id: z.number().int(),
          title: z.string(),
          severity: z.enum(['low', 'medium', 'high']),
          status: z.enum(['escalating', 'acknowledged']),
          reportedAt: z.string(),
        }),
      )
      .openapi({ description: 'Risk reports (舆情) not yet closed; empty for roles outside the risk reports’ chain' }),
  })
  .openapi('Institution')

const searchHitSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    type: z.enum(institutionTypes),
    gridId: z.number().int().nullable(),
    gridName: z.string().nullable(),
    position: z.tuple([z.number(), z.number()]),
  })
  .openapi('InstitutionSearchHit')

export function institutionEndpoints() {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      createRoute({
        middleware: [mapReaders],
        method: 'get',
        path: '/api/institutions/search',
        tags: ['map'],
        request: { query: z.object({ q: z.string().min(1).max(50).openapi({ example: 'dcsq' }) }) },
        responses: {
          200: {
            content: { 'application/json': { schema: z.array(searchHitSchema) } },
            description: 'Up to 20 institutions in scope, best match first',
          },
        },
      }),
      async (context) => {
        const user = caller(context)
        const { q } = context.req.valid('query')
        return context.json(await context.get('services').institutionSearch.search(user, q), 200)
      },
    )
    .openapi(
      createRoute({
        middleware: [mapReaders],
        method: 'get',
        path: '/api/institutions/{id}',
        tags: ['map'],
        request: { params: z.object({ id: databaseIdText }) },
        responses: {
          200: {
            content: { 'application/json': { schema: institutionSchema } },
            description: 'One institution in scope',
          },
          404: { description: 'No such institution in your scope' },
        },
      }),
      async (context) => {
        const user = caller(context)
        const { id } = context.req.valid('param')
        const { database, now } = context.get('services')
        const at = now()
        // The scope filter inside institutionFeatures makes an institution outside it indistinguishable from a missing one.
        const [feature] = await institutionFeatures(database, user, at, { institutionIds: [id] })
        if (!feature) throw failures.notFound(`Institution ${id} does not exist or is outside your scope.`)
        const detail = await institutionDetail(database, user, id, feature.properties.gridId, at)
        return context.json({ ...feature.properties, ...detail }, 200)
      },
    )
}
