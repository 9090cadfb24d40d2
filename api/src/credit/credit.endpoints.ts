// Credit evaluation (信用评价) and the blacklist (黑名单):
//   GET  /api/credit                              the scope's institutions: grade, score, blacklist state
//   GET  /api/credit/{institutionId}              one institution's evaluations and entries
//   POST /api/credit/{institutionId}/evaluations  a new score with its reason and evidence (supervisors, leaders)
//   POST /api/blacklist-entries                   an institution, physician or legal representative, for a period
//   POST /api/blacklist-entries/{id}/lift         lifted early, with the reason
//   GET  /api/public/credit                       the public listing (公示): grades and entries in force, no login
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { blacklistSubjects, creditGrades } from '@gridwatch/domain/credit.ts'
import { bureauDate } from '@gridwatch/domain/bureau-calendar.ts'
import type { AppEnv } from '../app-env.ts'
import { allowed, anyone, caller } from '../auth/access.ts'
import { writePathOf } from '../platform/write-path.ts'
import { databaseId, databaseIdText, idParam } from '../platform/http/ids.ts'
import {
  addBlacklistEntry,
  creditHistory,
  creditList,
  evaluate,
  liftBlacklistEntry,
  publicCredit,
} from './credit-queries.ts'

const institutionParam = z.object({ institutionId: databaseIdText })
const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine(
    (value) =>
      !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
    'not a calendar date',
  )
const text = (max: number) => z.string().trim().min(1).max(max)

const entrySchema = z
  .object({
    id: z.number().int(),
    institutionId: z.number().int(),
    institutionName: z.string(),
    subject: z.enum(blacklistSubjects),
    personName: z.string().nullable(),
    reason: z.string(),
    basis: z.string(),
    startsOn: z.string(),
    endsOn: z.string().nullable(),
    inForce: z.boolean(),
    createdAt: z.string(),
    createdBy: z.string().nullable(),
    liftedAt: z.string().nullable(),
    liftedBy: z.string().nullable(),
    liftReason: z.string().nullable(),
  })
  .openapi('BlacklistEntry')

const gradeSchema = z.enum(creditGrades).nullable()

export function creditEndpoints() {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'credit.read' })],
        method: 'get',
        path: '/api/credit',
        tags: ['oversight'],
        request: {
          query: z.object({
            grade: z.enum([...creditGrades, 'unrated']).optional(),
            blacklisted: z.enum(['true', 'false']).optional(),
          }),
        },
        responses: {
          200: {
            content: {
              'application/json': {
                schema: z.array(
                  z.object({
                    institutionId: z.number().int(),
                    name: z.string(),
                    type: z.string(),
                    gridName: z.string().nullable(),
                    score: z.number().int().nullable(),
                    grade: gradeSchema,
                    evaluatedAt: z.string().nullable(),
                    blacklisted: z.boolean(),
                    personsBlacklisted: z.number().int(),
                  }),
                ),
              },
            },
            description: 'Active institutions in the caller’s scope: blacklisted first, then by score',
          },
        },
      }),
      async (context) => {
        const { grade, blacklisted } = context.req.valid('query')
        const { database, now } = context.get('services')
        return context.json(
          await creditList(
            database,
            caller(context),
            { grade, blacklisted: blacklisted === undefined ? undefined : blacklisted === 'true' },
            bureauDate(now()),
          ),
          200,
        )
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'credit.read' })],
        method: 'get',
        path: '/api/credit/{institutionId}',
        tags: ['oversight'],
        request: { params: institutionParam },
        responses: {
          200: {
            content: {
              'application/json': {
                schema: z.object({
                  institutionId: z.number().int(),
                  name: z.string(),
                  score: z.number().int().nullable(),
                  grade: gradeSchema,
                  blacklisted: z.boolean(),
                  evaluations: z.array(
                    z.object({
                      id: z.number().int(),
                      evaluatedAt: z.string(),
                      score: z.number().int(),
                      grade: z.enum(creditGrades),
                      reason: z.string().nullable(),
                      evidence: z.string().nullable(),
                      evaluatedBy: z.string().nullable(),
                    }),
                  ),
                  entries: z.array(entrySchema),
                }),
              },
            },
            description: 'Evaluations newest first, and every blacklist entry (lifted ones too)',
          },
        },
      }),
      async (context) => {
        const { database, now } = context.get('services')
        return context.json(
          await creditHistory(database, caller(context), context.req.valid('param').institutionId, bureauDate(now())),
          200,
        )
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'credit.manage' })],
        method: 'post',
        path: '/api/credit/{institutionId}/evaluations',
        tags: ['oversight'],
        request: {
          params: institutionParam,
          body: {
            required: true,
            content: {
              'application/json': {
                schema: z
                  .object({
                    score: z.number().int().min(0).max(100),
                    reason: text(500).openapi({ example: '飞行检查发现串换药品，扣 12 分' }),
                    evidence: text(500).openapi({ example: '定医保稽〔2026〕27号检查记录' }),
                  })
                  .openapi('CreditEvaluationInput'),
              },
            },
          },
        },
        responses: {
          201: {
            content: {
              'application/json': { schema: z.object({ id: z.number().int(), grade: z.enum(creditGrades) }) },
            },
            description: 'Evaluated; the grade follows the score',
          },
        },
      }),
      async (context) => {
        const { database, now } = context.get('services')
        const result = await evaluate(
          database,
          writePathOf(context),
          caller(context),
          context.req.valid('param').institutionId,
          context.req.valid('json'),
          now(),
        )
        return context.json(result, 201)
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'credit.manage' })],
        method: 'post',
        path: '/api/blacklist-entries',
        tags: ['oversight'],
        request: {
          body: {
            required: true,
            content: {
              'application/json': {
                schema: z
                  .object({
                    institutionId: databaseId,
                    subject: z.enum(blacklistSubjects),
                    personName: z.string().trim().max(50).nullable().optional(),
                    reason: text(500),
                    basis: text(200).openapi({ example: '定医保处〔2026〕31号' }),
                    startsOn: calendarDate,
                    endsOn: calendarDate
                      .nullable()
                      .optional()
                      .openapi({ description: 'Last day in force; absent or null: until lifted' }),
                  })
                  .openapi('BlacklistEntryInput'),
              },
            },
          },
        },
        responses: {
          201: {
            content: { 'application/json': { schema: z.object({ id: z.number().int() }) } },
            description: 'Added; an institution entry in force flags the institution at once',
          },
        },
      }),
      async (context) => {
        const { database, now } = context.get('services')
        return context.json(
          {
            id: await addBlacklistEntry(
              database,
              writePathOf(context),
              caller(context),
              context.req.valid('json'),
              now(),
            ),
          },
          201,
        )
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'credit.manage' })],
        method: 'post',
        path: '/api/blacklist-entries/{id}/lift',
        tags: ['oversight'],
        request: {
          params: idParam,
          body: { required: true, content: { 'application/json': { schema: z.object({ reason: text(500) }) } } },
        },
        responses: { 204: { description: 'Lifted; the entry stays in the history' } },
      }),
      async (context) => {
        const { database, now } = context.get('services')
        await liftBlacklistEntry(
          database,
          writePathOf(context),
          caller(context),
          context.req.valid('param').id,
          context.req.valid('json').reason,
          now(),
        )
        return context.body(null, 204)
      },
    )
    .openapi(
      createRoute({
        middleware: [anyone],
        method: 'get',
        path: '/api/public/credit',
        tags: ['public'],
        request: {
          query: z.object({
            county: z
              .string()
              .regex(/^\d{6}$/)
              .optional()
              .openapi({ description: 'Only this county (six-digit code); default all' }),
          }),
        },
        responses: {
          200: {
            content: {
              'application/json': {
                schema: z.object({
                  grades: z.array(
                    z.object({
                      id: z.number().int(),
                      name: z.string(),
                      township: z.string().nullable().openapi({ description: 'The 乡镇/街道 (grid) it lies in' }),
                      type: z.string(),
                      grade: z.enum(creditGrades),
                      evaluatedOn: z.string(),
                      initials: z.string().openapi({ description: 'The name’s pinyin initials, to search by' }),
                      spelled: z.string().openapi({ description: 'The name’s pinyin spelled out, to search by' }),
                    }),
                  ),
                  entries: z.array(entrySchema),
                }),
              },
            },
            description: 'Published grades of active institutions and the blacklist entries in force (公示)',
          },
        },
      }),
      async (context) => {
        const { database, now } = context.get('services')
        return context.json(
          await publicCredit(database, context.req.valid('query').county ?? '', bureauDate(now())),
          200,
        )
      },
    )
}
