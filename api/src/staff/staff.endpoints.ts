// Grid staff (网格员) and their assignments (包联):
//   GET  /api/staff                                  staff in the caller's scope, with current assignments
//   POST /api/staff, PATCH /api/staff/{id}           a member's record (name, phone, level, grid or zone)
//   POST /api/staff/{id}/assignments                 assign to an institution, a grid or a zone
//   POST /api/assignments/{id}/end                   end an assignment
//   GET  /api/assignments/unassigned-institutions    institutions nobody answers for (open tasks)
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from '../app-env.ts'
import { allowed, caller } from '../auth/access.ts'
import { writePathOf } from '../platform/write-path.ts'
import { databaseId, databaseIdText, idParam } from '../platform/http/ids.ts'
import { assign, createStaff, endAssignment, listStaff, unassignedInstitutions, updateStaff } from './staff-queries.ts'

const text = (max: number) => z.string().trim().min(1).max(max)
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((value) => (value === undefined ? undefined : value || null))
const level = z.union([z.literal(1), z.literal(2), z.literal(3)])

const assignmentSchema = z
  .object({
    id: z.number().int(),
    target: z.enum(['institution', 'grid', 'zone']),
    gridId: z.number().int().nullable(),
    gridName: z.string().nullable(),
    zoneId: z.number().int().nullable(),
    zoneName: z.string().nullable(),
    institutionId: z.number().int().nullable(),
    institutionName: z.string().nullable(),
    since: z.string(),
  })
  .openapi('Assignment')

const staffSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    level: z.number().int(),
    organisation: z.string(),
    title: z.string().nullable(),
    phone: z.string().nullable().openapi({ description: 'Masked unless the caller may read phone numbers' }),
    areaId: z.number().int().nullable(),
    areaName: z.string().nullable(),
    username: z.string().nullable().openapi({ description: 'The account the member signs in with, if any' }),
    assignments: z.array(assignmentSchema),
  })
  .openapi('Staff')

const staffInputSchema = z
  .object({
    name: text(50),
    level,
    organisation: text(100),
    title: optionalText(50),
    phone: z
      .string()
      .trim()
      .regex(/^[0-9+\- ]{5,20}$/, 'digits, spaces, + and - only')
      .nullable()
      .optional(),
    areaId: databaseId
      .nullable()
      .optional()
      .openapi({ description: 'The grid or zone the member belongs to; null for the bureau' }),
  })
  .openapi('StaffInput')

const assignInputSchema = z
  .union([
    z.object({ institutionId: databaseId }).strict(),
    z.object({ gridId: databaseId }).strict(),
    z.object({ zoneId: databaseId }).strict(),
  ])
  .openapi('AssignInput')

export function staffEndpoints() {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'staff.read' })],
        method: 'get',
        path: '/api/staff',
        tags: ['staff'],
        request: {
          query: z.object({
            level: z.coerce.number().int().min(1).max(3).optional(),
            areaId: databaseIdText.optional(),
          }),
        },
        responses: {
          200: {
            content: { 'application/json': { schema: z.array(staffSchema) } },
            description: 'Grid staff in the caller’s scope with their current assignments (包联)',
          },
        },
      }),
      async (context) =>
        context.json(
          await listStaff(context.get('services').database, caller(context), context.req.valid('query')),
          200,
        ),
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'staff.manage' })],
        method: 'post',
        path: '/api/staff',
        tags: ['staff'],
        request: { body: { required: true, content: { 'application/json': { schema: staffInputSchema } } } },
        responses: {
          201: {
            content: { 'application/json': { schema: z.object({ id: z.number().int() }) } },
            description: 'Created',
          },
        },
      }),
      async (context) => {
        const staffId = await createStaff(
          context.get('services').database,
          writePathOf(context),
          caller(context),
          context.req.valid('json'),
        )
        return context.json({ id: staffId }, 201)
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'staff.manage' })],
        method: 'patch',
        path: '/api/staff/{id}',
        tags: ['staff'],
        request: {
          params: idParam,
          body: { required: true, content: { 'application/json': { schema: staffInputSchema.partial() } } },
        },
        responses: { 204: { description: 'Saved' } },
      }),
      async (context) => {
        await updateStaff(
          context.get('services').database,
          writePathOf(context),
          caller(context),
          context.req.valid('param').id,
          context.req.valid('json'),
        )
        return context.body(null, 204)
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'staff.manage' })],
        method: 'post',
        path: '/api/staff/{id}/assignments',
        tags: ['staff'],
        request: {
          params: idParam,
          body: { required: true, content: { 'application/json': { schema: assignInputSchema } } },
        },
        responses: {
          201: {
            content: {
              'application/json': {
                schema: z.object({
                  id: z.number().int(),
                  ended: z.array(z.number().int()).openapi({
                    description: 'Assignments this one replaced (an institution’s previous level-3 member)',
                  }),
                }),
              },
            },
            description: 'Assigned',
          },
        },
      }),
      async (context) => {
        const { database, now } = context.get('services')
        const result = await assign(
          database,
          writePathOf(context),
          caller(context),
          context.req.valid('param').id,
          context.req.valid('json'),
          now(),
        )
        return context.json(result, 201)
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'staff.manage' })],
        method: 'post',
        path: '/api/assignments/{id}/end',
        tags: ['staff'],
        request: { params: idParam },
        responses: { 204: { description: 'Ended; the history keeps it' } },
      }),
      async (context) => {
        const { database, now } = context.get('services')
        await endAssignment(database, writePathOf(context), caller(context), context.req.valid('param').id, now())
        return context.body(null, 204)
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'staff.manage' })],
        method: 'get',
        path: '/api/assignments/unassigned-institutions',
        tags: ['staff'],
        responses: {
          200: {
            content: {
              'application/json': {
                schema: z.array(
                  z.object({
                    id: z.number().int(),
                    name: z.string(),
                    type: z.string(),
                    gridId: z.number().int().nullable(),
                    gridName: z.string().nullable(),
                  }),
                ),
              },
            },
            description: 'Active institutions in the caller’s scope that no member answers for: who must be assigned',
          },
        },
      }),
      async (context) =>
        context.json(await unassignedInstitutions(context.get('services').database, caller(context)), 200),
    )
}
