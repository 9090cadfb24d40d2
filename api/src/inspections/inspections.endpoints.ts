// POST /api/inspections: record a visit or check of one institution. The caller must be allowed to
// inspect that institution (scope and role); the inspection, its inspector and the audit row are
// written in one transaction, and the live screens hear of it once it has committed.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { sql } from 'drizzle-orm'
import { schema } from '@gridwatch/db'
import { inspectionKinds } from '@gridwatch/db/schema'
import type { AppEnv } from '../platform/app-env.ts'
import { writePathOf } from '../platform/write-path.ts'
import { failures } from '../platform/failure.ts'
import { authorise, caller, signedIn } from '../auth/access.ts'

/** A phone's clock may run a little ahead of the server's. */
const allowedClockSkewMinutes = 10

const createInspectionSchema = z
  .object({
    institutionId: z.number().int().positive(),
    kind: z.enum(inspectionKinds),
    visitedAt: z.iso.datetime({ offset: true }).openapi({ example: '2026-11-20T09:30:00+08:00' }),
    findings: z.string().max(4000),
    position: z
      .tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)])
      .openapi({ description: '[longitude, latitude] in WGS84 where the visit was recorded' }),
    signature: z.object({ signerName: z.string().min(1).max(100), signedAt: z.iso.datetime({ offset: true }) }).optional(),
  })
  .openapi('CreateInspection')

const inspectionSchema = z
  .object({
    id: z.number().int(),
    institutionId: z.number().int(),
    gridId: z.number().int().nullable(),
    kind: z.enum(inspectionKinds),
    visitedAt: z.string(),
    findings: z.string(),
    position: z.tuple([z.number(), z.number()]),
  })
  .openapi('Inspection')

export function inspectionEndpoints() {
  return new OpenAPIHono<AppEnv>().openapi(
    createRoute({ middleware: [signedIn],
      method: 'post',
      path: '/api/inspections',
      tags: ['field'],
      request: { body: { required: true, content: { 'application/json': { schema: createInspectionSchema } } } },
      responses: {
        201: { content: { 'application/json': { schema: inspectionSchema } }, description: 'Recorded' },
      },
    }),
    async (context) => {
      const user = caller(context)
      const input = context.req.valid('json')
      const { database, now } = context.get('services')
      const visitedAt = new Date(input.visitedAt)
      if (visitedAt.getTime() > now().getTime() + allowedClockSkewMinutes * 60_000)
        throw failures.invalid('visitedAt lies in the future; check the phone’s clock.', [{ path: 'visitedAt', message: 'in the future' }])

      const [institution] = await database.rows<{ id: number; grid_id: number | null; zone_id: number | null; county_code: string }>(sql`
        SELECT i.id, i.grid_id, g.parent_id AS zone_id, i.county_code
        FROM institutions i LEFT JOIN areas g ON g.id = i.grid_id WHERE i.id = ${input.institutionId}`)
      if (!institution) throw failures.notFound(`Institution ${input.institutionId} does not exist.`)
      authorise(
        user,
        { kind: 'inspection.create', institution: { id: institution.id, countyCode: institution.county_code, gridId: institution.grid_id, zoneId: institution.zone_id }, inspectionKind: input.kind },
        'You cannot record this inspection',
      )

      const created = await writePathOf(context, user)(async (transaction, record) => {
        const [row] = await transaction
          .insert(schema.inspections)
          .values({
            countyCode: institution.county_code,
            institutionId: institution.id,
            gridId: institution.grid_id,
            kind: input.kind,
            visitedAt,
            position: { type: 'Point', coordinates: input.position },
            findings: input.findings,
            signature: input.signature ?? null,
            recordedBy: user.id,
          })
          .returning({ id: schema.inspections.id })
        if (user.staffId !== null)
          await transaction.insert(schema.inspectionInspectors).values({ inspectionId: row!.id, staffId: user.staffId })
        const after = {
          id: row!.id,
          institutionId: institution.id,
          gridId: institution.grid_id,
          kind: input.kind,
          visitedAt: visitedAt.toISOString(),
          findings: input.findings,
          position: input.position,
        }
        await record.audit({ action: 'create', entity: 'inspection', entityId: row!.id, after, countyCode: institution.county_code })
        record.announce({ type: 'inspection.created', institutionId: after.institutionId, gridId: after.gridId, visitedAt: after.visitedAt })
        return after
      })
      return context.json(created, 201)
    },
  )
}
