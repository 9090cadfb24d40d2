// The supervision teams' monthly rotation (片区推磨互查); the teams themselves: teams/.
//   GET  /api/rotations?from=YYYY-MM&months=N   the team × month plan, with the rules it breaks
//   POST /api/rotations/generate          a plan for N months from a month (planned entries replaced)
//   PUT  /api/rotations/{teamId}/{month}  a manual change; the answer lists what it breaks
// Unannounced (四不两直): before its check date an entry is visible only to its own team,
// supervisors and leadership; everyone else sees it once the date has passed.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { sql } from 'drizzle-orm'
import { schema, type Database } from '@gridwatch/db'
import type { AppEnv } from '../app-env.ts'
import { can } from '../auth/can.ts'
import type { SessionUser } from '../auth/session-user.ts'
import { failures } from '../platform/failure.ts'
import {
  checkRotation,
  generateRotation,
  monthsFrom,
  rotationChecked,
  type RotationEntry,
  type RotationViolation,
} from '@gridwatch/domain/rotation.ts'
import { bureauDate, lastDayOfMonth } from '@gridwatch/domain/bureau-calendar.ts'
import {
  readRotations,
  readTeams,
  readZones,
  teamsOfStaff,
  type StoredRotation,
  type TeamView,
} from './rotation-plan.ts'
import { allowed, caller, signedIn } from '../auth/access.ts'
import { writePathOf } from '../platform/write-path.ts'
import { databaseId, databaseIdText } from '../platform/http/ids.ts'

const monthText = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])(-01)?$/, 'a month as YYYY-MM')
const monthCount = z.coerce.number().int().min(1).max(24)

const violationSchema = z.object({
  rule: z.string(),
  teamId: z.number().int(),
  month: z.string(),
  zoneId: z.number().int(),
})
const planSchema = z
  .object({
    months: z.array(z.string()),
    zones: z.array(z.object({ id: z.number().int(), name: z.string() })),
    teams: z.array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        homeZoneId: z.number().int().nullable(),
        memberZoneIds: z.array(z.number().int()),
      }),
    ),
    entries: z.array(
      z.object({
        teamId: z.number().int(),
        month: z.string(),
        zoneId: z.number().int(),
        checkDate: z.string().nullable(),
        status: z.string(),
      }),
    ),
    hiddenEntries: z
      .number()
      .int()
      .openapi({ description: 'Entries left out because they are not yet announced to you' }),
    violations: z.array(violationSchema),
    keptWithRound: z.number().int().optional().openapi({
      description:
        'After generating: planned entries kept because a round (institutions or a route) was already set for them',
    }),
  })
  .openapi('RotationPlan')

async function planFor(database: Database, user: SessionUser, months: string[], now: Date) {
  const [teams, zones] = await Promise.all([readTeams(database), readZones(database)])
  const stored = await readRotations(
    database,
    months,
    teams.map((team) => team.id),
  )
  const myTeams = await teamsOfStaff(database, user.staffId)
  const earlier = await history(database, teams, months[0]!, zones.length)
  const today = bureauDate(now)
  const visible = stored.filter(
    (entry) =>
      can(user, {
        kind: 'rotation.read',
        memberOfTeam: myTeams.has(entry.teamId),
        checked: rotationChecked(entry, today),
      }).allowed,
  )
  const seesAll = visible.length === stored.length
  return {
    months,
    zones,
    teams: teams.map(({ id, name, homeZoneId, memberZoneIds }) => ({
      id,
      name,
      homeZoneId,
      memberZoneIds: [...memberZoneIds],
    })),
    entries: visible.map(({ teamId, month, zoneId, checkDate, status }) => ({
      teamId,
      month,
      zoneId,
      checkDate,
      status,
    })),
    hiddenEntries: stored.length - visible.length,
    // Rule checks speak about the whole plan, so only those who see all of it get them.
    violations: seesAll
      ? checkRotation(
          teams,
          zones.map((zone) => zone.id),
          stored,
          earlier,
        )
      : ([] as RotationViolation[]),
  }
}

async function history(
  database: Database,
  teams: TeamView[],
  before: string,
  count: number,
): Promise<StoredRotation[]> {
  const [year, month] = before.split('-').map(Number) as [number, number]
  const first = new Date(Date.UTC(year, month - 1 - count, 1)).toISOString().slice(0, 7)
  return readRotations(
    database,
    monthsFrom(first, count),
    teams.map((team) => team.id),
  )
}

export function rotationEndpoints() {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      createRoute({
        middleware: [signedIn],
        method: 'get',
        path: '/api/rotations',
        tags: ['teams'],
        request: { query: z.object({ from: monthText, months: monthCount.default(6) }) },
        responses: {
          200: {
            content: { 'application/json': { schema: planSchema } },
            description: 'The plan as far as you may see it',
          },
        },
      }),
      async (context) => {
        const user = caller(context)
        const { from, months } = context.req.valid('query')
        const { database, now } = context.get('services')
        return context.json(await planFor(database, user, monthsFrom(from, months), now()), 200)
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'rotation.plan' })],
        method: 'post',
        path: '/api/rotations/generate',
        tags: ['teams'],
        request: {
          body: {
            required: true,
            content: { 'application/json': { schema: z.object({ from: monthText, months: monthCount }) } },
          },
        },
        responses: {
          200: {
            content: { 'application/json': { schema: planSchema } },
            description: 'The new plan; entries in progress or done, and entries with a round already set, are kept',
          },
        },
      }),
      async (context) => {
        const user = caller(context)
        const { from, months: count } = context.req.valid('json')
        const { database, now } = context.get('services')
        const months = monthsFrom(from, count)
        const [teams, zones] = await Promise.all([readTeams(database), readZones(database)])
        if (teams.length === 0 || zones.length === 0)
          throw failures.conflict('There are no teams or no zones to plan with.')
        const stored = await readRotations(
          database,
          months,
          teams.map((team) => team.id),
        )
        // Entries under way, and entries whose round is already set, stay as they are: regenerating
        // must not throw away a supervisor's assignments and routes.
        const withRound = new Set(
          (
            await database.rows<{ id: number }>(sql`
              SELECT r.id FROM rotations r WHERE r.id IN (${sql.join(
                [0, ...stored.map((entry) => entry.id)].map((id) => sql`${id}`),
                sql`, `,
              )})
                AND (r.route IS NOT NULL OR EXISTS (SELECT 1 FROM round_institutions i WHERE i.rotation_id = r.id))`)
          ).map((row) => row.id),
        )
        const fixed = stored.filter((entry) => entry.status !== 'planned' || withRound.has(entry.id))
        const earlier = await history(database, teams, months[0]!, zones.length)
        const generated = generateRotation(
          teams,
          zones.map((zone) => zone.id),
          months,
          [...earlier, ...fixed],
        )
        const fixedKeys = new Set(fixed.map((entry) => `${entry.teamId}:${entry.month}`))
        const toWrite = generated.filter((entry) => !fixedKeys.has(`${entry.teamId}:${entry.month}`))
        await writePathOf(context)(async (transaction, record) => {
          await database.rows(
            sql`DELETE FROM rotations WHERE status = 'planned' AND month IN (${sql.join(
              months.map((month) => sql`${month}::date`),
              sql`, `,
            )})
              AND id NOT IN (${sql.join(
                [0, ...withRound].map((id) => sql`${id}`),
                sql`, `,
              )})`,
            transaction,
          )
          if (toWrite.length > 0)
            await transaction.insert(schema.rotations).values(
              toWrite.map((entry) => ({
                countyCode: user.countyCode,
                teamId: entry.teamId,
                month: entry.month,
                targetZoneId: entry.zoneId,
                checkDate: lastDayOfMonth(entry.month),
              })),
            )
          await record.audit({
            action: 'generate',
            entity: 'rotation',
            entityId: null,
            before: stored.map(({ teamId, month, zoneId }) => ({ teamId, month, zoneId })),
            after: toWrite,
            changes: [],
          })
        })
        const keptWithRound = fixed.filter((entry) => entry.status === 'planned').length
        return context.json({ ...(await planFor(database, user, months, now())), keptWithRound }, 200)
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'rotation.plan' })],
        method: 'put',
        path: '/api/rotations/{teamId}/{month}',
        tags: ['teams'],
        request: {
          params: z.object({ teamId: databaseIdText, month: monthText }),
          body: {
            required: true,
            content: {
              'application/json': {
                schema: z.object({ zoneId: databaseId, checkDate: z.iso.date().nullable().optional() }),
              },
            },
          },
        },
        responses: {
          200: {
            content: { 'application/json': { schema: planSchema } },
            description: 'Changed; the plan with whatever rules the change breaks',
          },
        },
      }),
      async (context) => {
        const user = caller(context)
        const { teamId, month: monthParam } = context.req.valid('param')
        const { zoneId, checkDate } = context.req.valid('json')
        const month = monthsFrom(monthParam, 1)[0]!
        const { database, now } = context.get('services')
        const [teams, zones] = await Promise.all([readTeams(database), readZones(database)])
        if (!teams.some((team) => team.id === teamId)) throw failures.notFound(`Team ${teamId} does not exist.`)
        if (!zones.some((zone) => zone.id === zoneId))
          throw failures.invalid(`Zone ${zoneId} is not a zone of the published boundaries.`, [
            { path: 'zoneId', message: 'not a zone' },
          ])
        if (checkDate && checkDate.slice(0, 7) !== month.slice(0, 7))
          throw failures.invalid('The check date must fall in the plan’s month.', [
            { path: 'checkDate', message: `not in ${month.slice(0, 7)}` },
          ])
        const [before] = await readRotations(database, [month], [teamId])
        const entry: RotationEntry = { teamId, month, zoneId }
        await writePathOf(context)(async (transaction, record) => {
          if (before)
            await database.rows(
              sql`UPDATE rotations SET target_zone_id = ${zoneId}, check_date = ${checkDate === undefined ? (before.checkDate ?? lastDayOfMonth(month)) : (checkDate ?? lastDayOfMonth(month))}::date
                  WHERE id = ${before.id}`,
              transaction,
            )
          else
            await transaction.insert(schema.rotations).values({
              countyCode: user.countyCode,
              teamId,
              month,
              targetZoneId: zoneId,
              checkDate: checkDate ?? lastDayOfMonth(month),
            })
          await record.audit({
            action: 'edit',
            entity: 'rotation',
            entityId: before?.id ?? null,
            before: before ? { teamId, month, zoneId: before.zoneId, checkDate: before.checkDate } : null,
            after: { ...entry, checkDate: checkDate ?? null },
            changes: [],
          })
        })
        return context.json(await planFor(database, user, monthsFrom(monthParam, 1), now()), 200)
      },
    )
}
