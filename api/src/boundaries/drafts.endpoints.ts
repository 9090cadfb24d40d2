// The grid boundary planner (/planner, planner role):
//   GET  /api/planner/villages                  the county's villages, their neighbours, institutions, zones, grid staff
//   GET  /api/planner/drafts                 drafts, newest first (shared between planners)
//   POST /api/planner/drafts                 a new draft from the published grids, or from an earlier version (restore)
//   GET  /api/planner/drafts/{id}            a draft with its grids' dissolved shapes
//   PUT  /api/planner/drafts/{id}            save; refused with 409 and what changed when someone saved first
//   POST /api/planner/drafts/{id}/check      every reason it cannot be published, with where
//   POST /api/planner/drafts/{id}/publish    a new boundary version from a date; institutions move grid in one transaction —
//                                            at once when the date is today or past, else the draft waits for its day
//   POST /api/planner/drafts/{id}/unschedule a scheduled draft back to open
//   GET  /api/boundaries/versions            who published what and when
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { sql } from 'drizzle-orm'
import type { AppEnv } from '../app-env.ts'
import { writePathOf } from '../platform/write-path.ts'
import { Failure } from '../platform/failure.ts'
import { createDraft, listDrafts, readDraft, readPlannerVillages, requireOpen, saveDraft } from './drafts.ts'
import { draftShapes } from './draft-shapes.ts'
import { checkDraft, requireCheckPasses } from './draft-check.ts'
import { publishDraft } from './draft-publish.ts'
import { scheduleDraft, unscheduleDraft } from './schedule.ts'
import { bureauDate } from '@gridwatch/domain/bureau-calendar.ts'
import { phrase } from '../platform/phrases.ts'
import { allowed, caller } from '../auth/access.ts'
import { databaseId, databaseIdText } from '../platform/http/ids.ts'

const draftGridSchema = z.object({
  key: z.string().min(1).max(100),
  gridId: databaseId.nullable(),
  name: z.string().trim().max(100),
  zoneId: databaseId.nullable(),
  villageIds: z.array(z.number().int().positive()).max(20_000),
  allowPieces: z.boolean().optional(),
})
const gridsSchema = z.array(draftGridSchema).max(2000)
const idParam = z.object({ id: databaseIdText })
const draftSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  revision: z.number().int(),
  status: z.enum(['open', 'scheduled', 'published', 'discarded']),
  baseVersionId: z.number().int(),
  grids: gridsSchema,
  updatedBy: z.string().nullable(),
  updatedAt: z.string(),
  effectiveFrom: z.string().nullable(),
  scheduleProblem: z
    .object({ message: z.string(), key: z.string(), params: z.record(z.string(), z.unknown()) })
    .nullable(),
})
/** A calendar date as YYYY-MM-DD (2026-02-30 is refused, not rolled over). */
const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((text) => {
    const day = new Date(`${text}T00:00:00Z`)
    return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === text
  }, 'not a date of the calendar')
const problemList = z.object({
  valid: z.boolean(),
  problems: z.array(
    z.object({ kind: z.string(), severity: z.enum(['error', 'warning']), message: z.string() }).passthrough(),
  ),
})
const json = <T extends z.ZodTypeAny>(schema: T) => ({ required: true, content: { 'application/json': { schema } } })
const ok = <T extends z.ZodTypeAny>(schema: T, description: string) => ({
  200: { content: { 'application/json': { schema } }, description },
})

export function draftEndpoints() {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'boundary.edit' })],
        method: 'get',
        path: '/api/planner/villages',
        tags: ['planner'],
        responses: ok(z.unknown(), 'Villages (GeoJSON), adjacency, institutions, zones, grid staff'),
      }),
      async (context) => {
        const user = caller(context)
        return context.json(
          (await readPlannerVillages(context.get('services').database, user.countyCode)) as never,
          200,
        )
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'boundary.edit' })],
        method: 'get',
        path: '/api/planner/drafts',
        tags: ['planner'],
        responses: ok(z.array(draftSchema.omit({ grids: true })), 'Drafts, newest first'),
      }),
      async (context) => {
        const user = caller(context)
        return context.json(await listDrafts(context.get('services').database, user.countyCode), 200)
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'boundary.edit' })],
        method: 'post',
        path: '/api/planner/drafts',
        tags: ['planner'],
        request: {
          body: json(z.object({ name: z.string().trim().min(1).max(200), fromVersionId: databaseId.optional() })),
        },
        responses: { 201: { content: { 'application/json': { schema: draftSchema } }, description: 'The new draft' } },
      }),
      async (context) => {
        const user = caller(context)
        const { name, fromVersionId } = context.req.valid('json')
        return context.json(
          await createDraft(context.get('services').database, writePathOf(context), user.countyCode, user.id, name, {
            fromVersionId,
          }),
          201,
        )
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'boundary.edit' })],
        method: 'get',
        path: '/api/planner/drafts/{id}',
        tags: ['planner'],
        request: { params: idParam },
        responses: ok(
          z.object({
            draft: draftSchema,
            shapes: z.object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()) }),
          }),
          'The draft and its grids’ shapes (GeoJSON, properties.key)',
        ),
      }),
      async (context) => {
        const user = caller(context)
        const { database } = context.get('services')
        const { id } = context.req.valid('param')
        const draft = await readDraft(database, user.countyCode, id)
        return context.json({ draft, shapes: await draftShapes(database, id) }, 200)
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'boundary.edit' })],
        method: 'put',
        path: '/api/planner/drafts/{id}',
        tags: ['planner'],
        request: {
          params: idParam,
          body: json(
            z.object({
              revision: z.number().int().positive(),
              name: z.string().trim().min(1).max(200).optional(),
              grids: gridsSchema,
            }),
          ),
        },
        responses: {
          ...ok(
            z.object({
              draft: draftSchema,
              shapes: z.object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()) }),
            }),
            'Saved: the new revision and the shapes',
          ),
          409: { description: 'Someone saved a newer revision first; nothing was saved' },
        },
      }),
      async (context) => {
        const user = caller(context)
        const { database } = context.get('services')
        const { id } = context.req.valid('param')
        const draft = await saveDraft(
          database,
          user.countyCode,
          user.id,
          id,
          context.req.valid('json'),
          writePathOf(context),
        )
        return context.json({ draft, shapes: await draftShapes(database, id) }, 200)
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'boundary.edit' })],
        method: 'post',
        path: '/api/planner/drafts/{id}/check',
        tags: ['planner'],
        request: { params: idParam },
        responses: ok(problemList, 'Whether it may be published, and why not'),
      }),
      async (context) => {
        const user = caller(context)
        const { database } = context.get('services')
        const draft = await readDraft(database, user.countyCode, context.req.valid('param').id)
        return context.json(await checkDraft(database, user.countyCode, draft), 200)
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'boundary.edit' })],
        method: 'post',
        path: '/api/planner/drafts/{id}/publish',
        tags: ['planner'],
        request: {
          params: idParam,
          body: json(z.object({ revision: z.number().int().positive(), effectiveFrom: calendarDate })),
        },
        responses: {
          ...ok(
            z.discriminatedUnion('status', [
              z.object({
                status: z.literal('published'),
                versionId: z.number().int(),
                effectiveFrom: z.string(),
                moved: z.array(
                  z.object({
                    id: z.number().int(),
                    from: z.number().int().nullable(),
                    to: z.number().int().nullable(),
                  }),
                ),
                newGridIds: z.array(z.number().int()),
                retiredGridIds: z.array(z.number().int()),
                reassigned: z.array(
                  z.object({
                    institutionId: z.number().int(),
                    institutionName: z.string(),
                    level: z.number().int(),
                    fromStaffId: z.number().int(),
                    fromStaff: z.string(),
                    toGridKey: z.string().nullable(),
                    toStaffId: z
                      .number()
                      .int()
                      .nullable()
                      .openapi({ description: 'null: nobody of this level in the new grid; assign someone on /staff' }),
                    toStaff: z.string().nullable(),
                  }),
                ),
              }),
              z.object({ status: z.literal('scheduled'), draftId: z.number().int(), effectiveFrom: z.string() }),
            ]),
            'Published (a date up to today: the institutions that changed grid), or scheduled (a later date: published on that day)',
          ),
          409: { description: 'Stale revision, boundaries published meanwhile, or another draft scheduled' },
          422: { description: 'The draft has problems; nothing was published' },
        },
      }),
      async (context) => {
        const user = caller(context)
        const { database, institutionLayer } = context.get('services')
        const { id } = context.req.valid('param')
        const { revision, effectiveFrom } = context.req.valid('json')
        const draft = await readDraft(database, user.countyCode, id)
        requireOpen(draft)
        if (draft.revision !== revision)
          throw Failure.phrased(
            'conflict',
            'stale-draft',
            'The draft changed meanwhile',
            phrase('draft-revision-stale', { id, revision: draft.revision, yours: revision }),
          )
        await requireCheckPasses(database, user.countyCode, draft)
        if (effectiveFrom > bureauDate(context.get('services').now())) {
          await scheduleDraft(database, writePathOf(context), user.countyCode, user.id, draft, effectiveFrom)
          return context.json({ status: 'scheduled' as const, draftId: draft.id, effectiveFrom }, 200)
        }
        const result = await publishDraft(
          database,
          user.countyCode,
          user.id,
          draft,
          effectiveFrom,
          writePathOf(context),
        )
        // The map layers re-read on the audit entry above; doing it now means the next request finds them fresh.
        await institutionLayer.refresh()
        return context.json({ status: 'published' as const, ...result }, 200)
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'boundary.edit' })],
        method: 'post',
        path: '/api/planner/drafts/{id}/unschedule',
        tags: ['planner'],
        request: { params: idParam },
        responses: { ...ok(draftSchema, 'The draft, open again'), 409: { description: 'The draft is not scheduled' } },
      }),
      async (context) => {
        const user = caller(context)
        return context.json(
          await unscheduleDraft(
            context.get('services').database,
            writePathOf(context),
            user.countyCode,
            user.id,
            context.req.valid('param').id,
          ),
          200,
        )
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'boundary.edit' })],
        method: 'get',
        path: '/api/boundaries/versions',
        tags: ['planner'],
        responses: ok(
          z.array(
            z.object({
              id: z.number().int(),
              name: z.string(),
              status: z.string(),
              effectiveFrom: z.string().nullable(),
              publishedAt: z.string().nullable(),
              publishedBy: z.string().nullable(),
              isDemo: z.boolean(),
              grids: z.number().int(),
            }),
          ),
          'Boundary versions, newest first',
        ),
      }),
      async (context) => {
        const user = caller(context)
        const rows = await context.get('services').database.rows<{
          id: number
          name: string
          status: string
          effective_from: string | null
          published_at: Date | string | null
          published_by: string | null
          is_demo: boolean
          grids: number
        }>(sql`
          SELECT v.id, v.name, v.status, to_char(v.effective_from, 'YYYY-MM-DD') AS effective_from, v.published_at, u.display_name AS published_by, v.is_demo,
            (SELECT count(*)::int FROM boundary_snapshots s WHERE s.version_id = v.id) AS grids
          FROM boundary_versions v LEFT JOIN users u ON u.id = v.published_by
          WHERE v.county_code = ${user.countyCode} AND v.status <> 'draft' ORDER BY v.published_at DESC NULLS LAST, v.id DESC`)
        return context.json(
          rows.map((row) => ({
            id: row.id,
            name: row.name,
            status: row.status,
            effectiveFrom: row.effective_from,
            publishedAt: row.published_at ? new Date(row.published_at).toISOString() : null,
            publishedBy: row.published_by,
            isDemo: row.is_demo,
            grids: row.grids,
          })),
          200,
        )
      },
    )
}
