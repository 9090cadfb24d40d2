// A grid's materials clerk (资料员) and the records they keep: PUT /api/grids/{id}/materials-clerk
// names (or clears) the clerk; GET /api/grids/{id}/records exports the grid's ledger and inspection
// records for a period as .xlsx, for the clerk, the grid's level-1 and level-2 members, supervisors
// and leaders.
import { sql } from 'drizzle-orm'
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from '../app-env.ts'
import { auditExport, writePathOf } from '../platform/write-path.ts'
import { failures } from '../platform/failure.ts'
import { authorise, caller, signedIn } from '../auth/access.ts'
import { bureauDate } from '@gridwatch/domain/bureau-calendar.ts'
import { gridRecordsWorkbook } from './grid-records.ts'
import { gridPlace } from './grid-place.ts'
import { databaseId, databaseIdText } from '../platform/http/ids.ts'

const idParam = z.object({ id: databaseIdText })

export function gridRecordEndpoints() {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      createRoute({
        middleware: [signedIn],
        method: 'put',
        path: '/api/grids/{id}/materials-clerk',
        tags: ['ledger'],
        request: {
          params: idParam,
          body: {
            required: true,
            content: {
              'application/json': { schema: z.object({ staffId: databaseId.nullable() }).openapi('MaterialsClerk') },
            },
          },
        },
        responses: {
          200: {
            content: {
              'application/json': {
                schema: z.object({
                  gridId: z.number().int(),
                  staffId: z.number().int().nullable(),
                  name: z.string().nullable(),
                }),
              },
            },
            description: 'Named (or cleared)',
          },
        },
      }),
      async (context) => {
        const user = caller(context)
        const { id } = context.req.valid('param')
        const { staffId } = context.req.valid('json')
        const { database } = context.get('services')
        const grid = await gridPlace(database, id)
        authorise(user, { kind: 'materials-clerk.name', grid }, 'You cannot name this grid’s materials clerk')
        let name: string | null = null
        if (staffId !== null) {
          const [member] = await database.rows<{ name: string }>(
            sql`SELECT name FROM staff WHERE id = ${staffId} AND county_code = ${grid.countyCode}`,
          )
          if (!member)
            throw failures.invalid(`Staff member ${staffId} is not one of this county’s grid staff.`, [
              { path: 'staffId', message: 'unknown' },
            ])
          name = member.name
        }
        await writePathOf(
          context,
          user,
        )(async (transaction, record) => {
          await transaction.execute(sql`DELETE FROM materials_clerks WHERE grid_id = ${id}`)
          if (staffId !== null)
            await transaction.execute(
              sql`INSERT INTO materials_clerks (grid_id, staff_id, named_by) VALUES (${id}, ${staffId}, ${user.id})`,
            )
          await record.audit({
            action: 'update',
            entity: 'materials_clerk',
            entityId: id,
            before: { staffId: grid.clerkStaffId },
            after: { staffId },
            countyCode: grid.countyCode,
            changes: [],
          })
        })
        return context.json({ gridId: id, staffId, name }, 200)
      },
    )
    .openapi(
      createRoute({
        middleware: [signedIn],
        method: 'get',
        path: '/api/grids/{id}/records',
        tags: ['ledger'],
        request: {
          params: idParam,
          query: z.object({
            from: z.iso.date().optional().openapi({ description: 'First day; default the first of this month' }),
            to: z.iso.date().optional().openapi({ description: 'Last day; default today' }),
          }),
        },
        responses: {
          200: {
            content: {
              'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
                schema: z.string().openapi({ format: 'binary' }),
              },
            },
            description: 'Two sheets, 问题台账 and 检查记录, with Chinese headers, set to print on A4',
          },
        },
      }),
      async (context) => {
        const user = caller(context)
        const { id } = context.req.valid('param')
        const { database, now } = context.get('services')
        const grid = await gridPlace(database, id)
        authorise(
          user,
          {
            kind: 'grid-records.read',
            grid,
            callerIsClerk: grid.clerkStaffId !== null && grid.clerkStaffId === user.staffId,
          },
          'You cannot export this grid’s records',
        )
        const today = bureauDate(now())
        const query = context.req.valid('query')
        const from = query.from ?? `${today.slice(0, 8)}01`
        const to = query.to ?? today
        if (to < from)
          throw failures.invalid('The period ends before it begins.', [{ path: 'to', message: 'before from' }])
        const { bytes, rows } = await gridRecordsWorkbook(database, grid, from, to, now())
        await auditExport(context, 'grid-records', { gridId: id, from, to, rows })
        const fileName = `${grid.name}-台账与检查记录-${from}-${to}.xlsx`
        return context.body(bytes as never, 200, {
          'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'content-disposition': `attachment; filename="grid-${id}-records.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
        })
      },
    )
}
