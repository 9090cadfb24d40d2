// GET /api/settings/field: the caller's county's field-work settings in force (defaults with the
// county's overrides); PUT: an administrator or leader replaces the overrides. The institution layer
// re-reads every institution's interval when they change, so the map, the wall and the plan follow.
import { isTimeZone } from '@gridwatch/domain/bureau-calendar.ts'
import { assessmentIndicators, weightsProblem, type AssessmentIndicator } from '@gridwatch/domain/assessment.ts'
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { sql } from 'drizzle-orm'
import { creditGrades } from '@gridwatch/domain/credit.ts'
import { circularIndicators, thresholdsProblem, type CircularIndicator } from '@gridwatch/domain/circulars.ts'
import { institutionTypes } from '@gridwatch/domain/institution-types.ts'
import type { AppEnv } from '../app-env.ts'
import { writePathOf } from '../platform/write-path.ts'
import { allowed, caller, signedIn } from '../auth/access.ts'
import { countyFieldOverrides, countyFieldSettings } from './field-settings.ts'

const days = z.number().int().min(1).max(365)
const gradeDays = z.object(
  Object.fromEntries(creditGrades.map((grade) => [grade, days])) as Record<(typeof creditGrades)[number], typeof days>,
)
const intervalTable = z.object(
  Object.fromEntries(institutionTypes.map((type) => [type, gradeDays])) as Record<
    (typeof institutionTypes)[number],
    typeof gradeDays
  >,
)
const workingHours = z.object({
  startHour: z.number().int().min(0).max(23),
  endHour: z.number().int().min(1).max(24),
  weekdays: z.array(z.number().int().min(0).max(6)).max(7),
})

const shares = z.object(
  Object.fromEntries(circularIndicators.map((indicator) => [indicator, z.number().min(0).max(1)])) as Record<
    CircularIndicator,
    z.ZodNumber
  >,
)

const fieldSettingsSchema = z
  .object({
    intervals: intervalTable.openapi({ description: 'Days between inspections by institution type and credit grade' }),
    geofenceMeters: z.number().int().min(20).max(5000),
    minimumStayMinutes: z.number().int().min(0).max(240),
    pastLimitHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 30),
    futureSkewMinutes: z.number().int().min(0).max(120),
    timeZone: z
      .string()
      .refine(isTimeZone, 'not a time zone (an IANA name such as Asia/Shanghai)')
      .openapi({ description: 'The county’s time zone (IANA): its days, due dates and working hours run on it' }),
    workingHours,
    maximumSpeedKmh: z.number().int().min(20).max(1000),
    implausibleAccuracyMeters: z.number().min(0).max(10),
    riskHopLimitMinutes: z
      .number()
      .int()
      .min(5)
      .max(24 * 60)
      .openapi({
        description: 'A risk report not acknowledged at one level within this climbs to the next on its own',
      }),
    clueTimeLimitDays: z
      .number()
      .int()
      .min(1)
      .max(365)
      .openapi({ description: 'A complaint clue must be concluded within this many days of receipt (限时办结)' }),
    reportDueDay: z
      .number()
      .int()
      .min(1)
      .max(28)
      .openapi({ description: 'A grid’s monthly report is due on this day of the next month' }),
    assessmentWeights: z
      .record(
        z.string().regex(/^\d{4}$/),
        z
          .object(
            Object.fromEntries(
              assessmentIndicators.map((indicator) => [indicator, z.number().int().min(0).max(100)]),
            ) as Record<AssessmentIndicator, z.ZodNumber>,
          )
          .superRefine((weights, context) => {
            const problem = weightsProblem(weights)
            if (problem) context.addIssue({ code: 'custom', message: problem })
          }),
      )
      .openapi({ description: 'The annual assessment’s weights by year, each adding up to 100' }),
    circularThresholds: z
      .object({ failBelow: shares, commendAtLeast: shares })
      .superRefine((thresholds, context) => {
        const problem = thresholdsProblem(thresholds)
        if (problem) context.addIssue({ code: 'custom', message: problem })
      })
      .openapi({
        description:
          'A circular (通报) names grids below `failBelow` on any indicator, and commends those at `commendAtLeast` on all (shares 0–1)',
      }),
  })
  .openapi('FieldSettings')

const overridesSchema = fieldSettingsSchema
  .partial()
  .extend({
    intervals: z
      .object(Object.fromEntries(institutionTypes.map((type) => [type, gradeDays.partial()])))
      .partial()
      .optional(),
  })
  .strict()
  .openapi('FieldSettingsOverrides')

export function settingsEndpoints() {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      createRoute({
        middleware: [signedIn],
        method: 'get',
        path: '/api/settings/field',
        tags: ['settings'],
        responses: {
          200: {
            content: {
              'application/json': { schema: z.object({ settings: fieldSettingsSchema, overrides: overridesSchema }) },
            },
            description: 'In force, and what the county changed',
          },
        },
      }),
      async (context) => {
        const user = caller(context)
        const { database } = context.get('services')
        return context.json(
          {
            settings: await countyFieldSettings(database, user.countyCode),
            overrides: await countyFieldOverrides(database, user.countyCode),
          } as never,
          200,
        )
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'settings.edit' })],
        method: 'put',
        path: '/api/settings/field',
        tags: ['settings'],
        request: { body: { required: true, content: { 'application/json': { schema: overridesSchema } } } },
        responses: {
          200: {
            content: {
              'application/json': { schema: z.object({ settings: fieldSettingsSchema, overrides: overridesSchema }) },
            },
            description: 'Saved; the map follows',
          },
        },
      }),
      async (context) => {
        const user = caller(context)
        const overrides = context.req.valid('json')
        const { database, institutionLayer } = context.get('services')
        const before = await countyFieldOverrides(database, user.countyCode)
        await writePathOf(
          context,
          user,
        )(async (transaction, record) => {
          await transaction.execute(sql`
            INSERT INTO county_settings (county_code, field, updated_at) VALUES (${user.countyCode}, ${JSON.stringify(overrides)}::jsonb, now())
            ON CONFLICT (county_code) DO UPDATE SET field = excluded.field, updated_at = excluded.updated_at`)
          await record.audit({
            action: 'update',
            entity: 'county_settings',
            entityId: user.countyCode,
            before,
            after: overrides,
            changes: [{ kind: 'layout' }],
          })
        })
        await institutionLayer.refresh()
        return context.json(
          {
            settings: await countyFieldSettings(database, user.countyCode),
            overrides: await countyFieldOverrides(database, user.countyCode),
          } as never,
          200,
        )
      },
    )
}
