// GET /api/me/plan?week=YYYY-MM-DD: the caller's week (their own assigned institutions, 包联) over
// the five working days, as weekly-plan.ts lays it out from today; without `week`, this week. Days
// are the bureau's (UTC+8, written out rather than read from the server's time-zone data).
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { sql } from 'drizzle-orm'
import { bureauDate } from '@gridwatch/domain/bureau-calendar.ts'
import { weeklyPlan, type PlanInstitution } from '@gridwatch/domain/weekly-plan.ts'
import { addDays, mondayOf } from '@gridwatch/domain/bureau-calendar.ts'
import type { AppEnv } from '../app-env.ts'
import { caller, signedIn } from '../auth/access.ts'

const stopSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  lon: z.number(),
  lat: z.number(),
  dueOn: z.string(),
  done: z.boolean(),
})
const planSchema = z
  .object({
    weekStart: z.string(),
    start: z.tuple([z.number(), z.number()]),
    days: z.array(z.object({ date: z.string(), stops: z.array(stopSchema), routeMeters: z.number().int() })),
  })
  .openapi('WeeklyPlan')

export function weeklyPlanEndpoints() {
  return new OpenAPIHono<AppEnv>().openapi(
    createRoute({
      middleware: [signedIn],
      method: 'get',
      path: '/api/me/plan',
      tags: ['field'],
      request: {
        query: z.object({
          week: z.iso
            .date()
            .optional()
            .openapi({ description: 'Any day of the week; its Monday is used. Default: this week' }),
        }),
      },
      responses: {
        200: {
          content: { 'application/json': { schema: planSchema } },
          description: 'Each working day’s stops in route order; earlier days show what was done',
        },
      },
    }),
    async (context) => {
      const user = caller(context)
      const { database, now, institutionLayer } = context.get('services')
      const today = bureauDate(now())
      const weekStart = mondayOf(context.req.valid('query').week ?? today)
      const ids = [...user.assignedInstitutionIds]
      const records = (await institutionLayer.records(user)).filter(
        (record) => user.assignedInstitutionIds.has(record.id) && record.status === 'active',
      )
      const rows =
        ids.length === 0
          ? []
          : await database.rows<{ id: number; name: string; last_on: string | null; week_days: string[] | null }>(sql`
              SELECT i.id, i.name,
                (SELECT to_char(max(v.arrived_at) AT TIME ZONE 'UTC' + interval '8 hours', 'YYYY-MM-DD') FROM inspections v WHERE v.institution_id = i.id AND v.arrived_at AT TIME ZONE 'UTC' + interval '8 hours' < ${addDays(weekStart, 7)}::date) AS last_on,
                (SELECT array_agg(DISTINCT to_char(v.arrived_at AT TIME ZONE 'UTC' + interval '8 hours', 'YYYY-MM-DD')) FROM inspections v
                  WHERE v.institution_id = i.id AND v.arrived_at AT TIME ZONE 'UTC' + interval '8 hours' >= ${weekStart}::date
                    AND v.arrived_at AT TIME ZONE 'UTC' + interval '8 hours' < ${addDays(weekStart, 7)}::date) AS week_days
              FROM institutions i WHERE i.id IN (${sql.join(
                ids.map((id) => sql`${id}`),
                sql`, `,
              )})`)
      const byId = new Map(rows.map((row) => [row.id, row]))
      const institutions: PlanInstitution[] = records.map((record) => ({
        id: record.id,
        name: byId.get(record.id)?.name ?? '',
        lon: record.lon,
        lat: record.lat,
        intervalDays: record.intervalDays,
        lastInspectedOn: byId.get(record.id)?.last_on ?? null,
      }))
      // Each day starts and ends at the middle of the member's institutions (their township, in practice).
      const start: [number, number] =
        institutions.length === 0
          ? [0, 0]
          : [
              institutions.reduce((sum, institution) => sum + institution.lon, 0) / institutions.length,
              institutions.reduce((sum, institution) => sum + institution.lat, 0) / institutions.length,
            ]
      const inspectedOn = new Map(rows.map((row) => [row.id, row.week_days ?? []]))
      return context.json(weeklyPlan({ weekStart, today, start, institutions, inspectedOn }), 200)
    },
  )
}
