// A team's round for the month (the institutions it cross-checks), hidden like the plan until
// the check date (四不两直):
//   GET  /api/rotations/{teamId}/{month}/institutions   a team's institutions for the month
//   PUT  /api/rotations/{teamId}/{month}/institutions   replace them; one team per institution per round
//   GET  /api/me/round                                 the caller's team's round this month, in order, with what is done
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { sql } from 'drizzle-orm'
import { schema } from '@gridwatch/db'
import type { AppEnv } from '../app-env.ts'
import { Failure, failures } from '../platform/failure.ts'
import { allowed, caller, signedIn } from '../auth/access.ts'
import { can } from '../auth/can.ts'
import { writePathOf } from '../platform/write-path.ts'
import { monthsFrom, rotationChecked } from '@gridwatch/domain/rotation.ts'
import { bureauDate } from '@gridwatch/domain/bureau-calendar.ts'
import { dayLengthsOf } from '@gridwatch/domain/route-sheet.ts'
import { teamsOfStaff } from '../rotations/rotation-plan.ts'
import { bureauPosition, idList, readTargets, requireActive, rotationEntry, toInstitution } from './round-queries.ts'
import { institutionSchema, monthSchema } from './round-schemas.ts'
import { databaseIdText } from '../platform/http/ids.ts'

export function roundEndpoints() {
  const params = z.object({ teamId: databaseIdText, month: monthSchema })
  return new OpenAPIHono<AppEnv>()
    .openapi(
      createRoute({
        middleware: [signedIn],
        method: 'get',
        path: '/api/rotations/{teamId}/{month}/institutions',
        tags: ['teams'],
        request: { params },
        responses: {
          200: {
            content: { 'application/json': { schema: z.array(institutionSchema) } },
            description: 'The team’s institutions for the month',
          },
        },
      }),
      async (context) => {
        const user = caller(context)
        const { teamId, month } = context.req.valid('param')
        const { database, now } = context.get('services')
        const entry = await rotationEntry(database, teamId, monthsFrom(month, 1)[0]!)
        const memberOfTeam = (await teamsOfStaff(database, user.staffId)).has(teamId)
        const decision = can(user, {
          kind: 'rotation.read',
          memberOfTeam,
          checked: rotationChecked(entry, bureauDate(now())),
        })
        if (!decision.allowed) throw failures.notFound(`Team ${teamId} has no plan for ${month} that you may see.`)
        return context.json((await readTargets(database, entry.id)).map(toInstitution), 200)
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'rotation.plan' })],
        method: 'put',
        path: '/api/rotations/{teamId}/{month}/institutions',
        tags: ['teams'],
        request: {
          params,
          body: {
            required: true,
            content: {
              'application/json': {
                schema: z.object({ institutionIds: z.array(z.number().int().positive()).max(5000) }),
              },
            },
          },
        },
        responses: {
          200: { content: { 'application/json': { schema: z.array(institutionSchema) } }, description: 'Assigned' },
          409: { description: 'Some institutions belong to another team this round; nothing was changed' },
        },
      }),
      async (context) => {
        const user = caller(context)
        const { teamId, month: monthParam } = context.req.valid('param')
        const month = monthsFrom(monthParam, 1)[0]!
        const institutionIds = [...new Set(context.req.valid('json').institutionIds)]
        const { database } = context.get('services')
        const entry = await rotationEntry(database, teamId, month)
        await requireActive(database, institutionIds)
        const ids = idList(institutionIds)
        const taken = await database.rows<{ institution_id: number; team_name: string }>(sql`
          SELECT r.institution_id, t.name AS team_name FROM round_institutions r
          JOIN rotations o ON o.id = r.rotation_id JOIN teams t ON t.id = o.team_id
          WHERE r.month = ${month}::date AND r.rotation_id <> ${entry.id} AND r.institution_id IN (${ids})`)
        if (taken.length > 0)
          throw new Failure(
            'conflict',
            'already-assigned',
            'Already assigned this round',
            `${taken.length} institution(s) already belong to another team this month, e.g. ${taken[0]!.institution_id} (${taken[0]!.team_name}).`,
            taken
              .slice(0, 50)
              .map((row) => ({ path: `institutionIds`, message: `${row.institution_id} → ${row.team_name}` })),
          )
        const before = await readTargets(database, entry.id)
        await writePathOf(context)(async (transaction, record) => {
          await database.rows(sql`DELETE FROM round_institutions WHERE rotation_id = ${entry.id}`, transaction)
          if (institutionIds.length > 0)
            await transaction.insert(schema.roundInstitutions).values(
              institutionIds.map((institutionId) => ({
                rotationId: entry.id,
                month,
                institutionId,
                countyCode: user.countyCode,
              })),
            )
          await record.audit({
            action: 'assign',
            entity: 'rotation',
            entityId: entry.id,
            before: { institutionIds: before.map((row) => row.id) },
            after: { teamId, month, institutionIds },
            changes: [],
          })
        })
        return context.json((await readTargets(database, entry.id)).map(toInstitution), 200)
      },
    )
    .openapi(
      createRoute({
        middleware: [signedIn],
        method: 'get',
        path: '/api/me/round',
        tags: ['field'],
        responses: {
          200: {
            content: {
              'application/json': {
                schema: z.object({
                  rounds: z.array(
                    z.object({
                      teamId: z.number().int(),
                      teamName: z.string(),
                      month: z.string(),
                      zoneName: z.string().nullable(),
                      stopsPerDay: z.number().int(),
                      dayLengths: z
                        .array(z.number().int())
                        .openapi({ description: 'Stops on each day, in route order' }),
                      start: z.tuple([z.number(), z.number()]),
                      stops: z.array(institutionSchema.extend({ checkedAt: z.string().nullable() })),
                    }),
                  ),
                }),
              },
            },
            description:
              'This month’s rounds of the caller’s teams, stops in route order (checked ones carry the time)',
          },
        },
      }),
      async (context) => {
        const user = caller(context)
        const { database, now } = context.get('services')
        const month = `${bureauDate(now()).slice(0, 7)}-01`
        const entries = await database.rows<{
          id: number
          team_id: number
          team_name: string
          zone_name: string | null
          route: { order: number[]; stopsPerDay: number; dayLengths?: number[] } | null
        }>(sql`
          SELECT r.id, r.team_id, t.name AS team_name, z.name AS zone_name, r.route
          FROM rotations r JOIN teams t ON t.id = r.team_id LEFT JOIN areas z ON z.id = r.target_zone_id
          JOIN team_members m ON m.team_id = r.team_id
          WHERE r.month = ${month}::date AND m.staff_id = ${user.staffId ?? -1}
          ORDER BY r.team_id`)
        const start = await bureauPosition(database)
        const rounds = []
        for (const entry of entries) {
          const targets = await readTargets(database, entry.id)
          const checks = await database.rows<{ institution_id: number; at: Date | string }>(sql`
            SELECT v.institution_id, max(v.arrived_at) AS at FROM inspections v
            JOIN inspection_inspectors vi ON vi.inspection_id = v.id JOIN team_members m ON m.staff_id = vi.staff_id AND m.team_id = ${entry.team_id}
            WHERE v.kind = 'cross-check' AND v.arrived_at >= (${month}::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
              AND v.institution_id IN (${sql.join(
                [0, ...targets.map((row) => row.id)].map((id) => sql`${id}`),
                sql`, `,
              )})
            GROUP BY v.institution_id`)
          const checkedAt = new Map(checks.map((row) => [row.institution_id, new Date(row.at).toISOString()]))
          const position = new Map((entry.route?.order ?? []).map((id, index) => [id, index]))
          const ordered = [...targets].sort(
            (a, b) => (position.get(a.id) ?? Infinity) - (position.get(b.id) ?? Infinity) || a.id - b.id,
          )
          rounds.push({
            teamId: entry.team_id,
            teamName: entry.team_name,
            month,
            zoneName: entry.zone_name,
            stopsPerDay: entry.route?.stopsPerDay ?? 8,
            dayLengths: dayLengthsOf(ordered.length, entry.route),
            start,
            stops: ordered.map((row) => ({ ...toInstitution(row), checkedAt: checkedAt.get(row.id) ?? null })),
          })
        }
        return context.json({ rounds }, 200)
      },
    )
}
