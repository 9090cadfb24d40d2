// The month's round shared between the teams, and what it costs each of them:
//   POST /api/rotations/split/suggest   a balanced split (whole grids move); nothing is saved
//   PUT  /api/rotations/split           every team's institutions for the month at once, in one transaction
//   GET  /api/rotations/workload        institutions and estimated hours per team
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { sql } from 'drizzle-orm'
import { schema } from '@gridwatch/db'
import type { AppEnv } from '../app-env.ts'
import { Failure, failures } from '../platform/failure.ts'
import { allowed, caller } from '../auth/access.ts'
import { writePathOf } from '../platform/write-path.ts'
import { monthsFrom } from '@gridwatch/domain/rotation.ts'
import { estimatedHours, workloadAssumptions } from '@gridwatch/domain/workload.ts'
import { netMoves, ownersOf, suggestBalancedSplit, type BalanceInstitution } from '@gridwatch/domain/balance.ts'
import { readRotations } from '../rotations/rotation-plan.ts'
import { bureauPosition, idList, readTargets, requireActive, roundForBalance, toInstitution } from './round-queries.ts'
import { monthSchema, splitSuggestionSchema } from './round-schemas.ts'
import { databaseId } from '../platform/http/ids.ts'

export function splitEndpoints() {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'rotation.plan' })],
        method: 'post',
        path: '/api/rotations/split/suggest',
        tags: ['teams'],
        request: {
          body: { required: true, content: { 'application/json': { schema: z.object({ month: monthSchema }) } } },
        },
        responses: {
          200: {
            content: { 'application/json': { schema: splitSuggestionSchema } },
            description: 'A suggested split; nothing is saved',
          },
        },
      }),
      async (context) => {
        const month = monthsFrom(context.req.valid('json').month, 1)[0]!
        const { database } = context.get('services')
        const { teams, institutions, neighbours, gridNames } = await roundForBalance(database, month)
        const start = await bureauPosition(database)
        const result = suggestBalancedSplit(
          teams,
          institutions,
          neighbours,
          (positions) =>
            estimatedHours(
              start,
              positions.map((position, id) => ({ id, position })),
              true,
            ).hours,
        )
        // The figures shown are the full estimate, the same as the workload's.
        const hoursOf = (teamId: number, holder: (institution: BalanceInstitution) => number) =>
          estimatedHours(
            start,
            institutions.filter((institution) => holder(institution) === teamId),
          ).hours
        const suggestion = teams.map((team) => ({
          teamId: team.id,
          institutionIds: institutions
            .filter((institution) => result.teamOf.get(institution.id) === team.id)
            .map((institution) => institution.id),
          institutionsBefore: institutions.filter((institution) => institution.teamId === team.id).length,
          hoursBefore: hoursOf(team.id, (institution) => institution.teamId),
          hoursAfter:
            result.moves.length === 0
              ? hoursOf(team.id, (institution) => institution.teamId)
              : hoursOf(team.id, (institution) => result.teamOf.get(institution.id)!),
        }))
        return context.json(
          {
            month,
            teams: suggestion,
            moves: netMoves(teams, institutions, result.teamOf).map((move) => ({
              ...move,
              gridName: gridNames.get(move.gridId) ?? String(move.gridId),
            })),
            largestHoursBefore: Math.max(0, ...suggestion.map((team) => team.hoursBefore)),
            largestHoursAfter: Math.max(0, ...suggestion.map((team) => team.hoursAfter)),
          },
          200,
        )
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'rotation.plan' })],
        method: 'put',
        path: '/api/rotations/split',
        tags: ['teams'],
        request: {
          body: {
            required: true,
            content: {
              'application/json': {
                schema: z.object({
                  month: monthSchema,
                  teams: z
                    .array(
                      z.object({ teamId: databaseId, institutionIds: z.array(z.number().int().positive()).max(5000) }),
                    )
                    .min(1)
                    .max(50),
                }),
              },
            },
          },
        },
        responses: {
          204: { description: 'Every team named now holds exactly the institutions given' },
          409: { description: 'An institution given twice, or held by a team not named; nothing was changed' },
        },
      }),
      async (context) => {
        const user = caller(context)
        const body = context.req.valid('json')
        const month = monthsFrom(body.month, 1)[0]!
        const { database } = context.get('services')
        const entries = await readRotations(
          database,
          [month],
          body.teams.map((team) => team.teamId),
        )
        const missing = body.teams.filter((team) => !entries.some((entry) => entry.teamId === team.teamId))
        if (missing.length > 0)
          throw failures.notFound(
            `Team ${missing[0]!.teamId} has no plan for ${month.slice(0, 7)}; plan the month first.`,
          )
        const owners = ownersOf(body.teams)
        if ('twice' in owners) {
          const { institutionId, teamIds } = owners.twice
          throw new Failure(
            'conflict',
            'already-assigned',
            'Given to two teams',
            `Institution ${institutionId} is given to team ${teamIds[0]} and team ${teamIds[1]}.`,
            [{ path: 'teams', message: `${institutionId}` }],
          )
        }
        const ids = [...owners.owner.keys()]
        await requireActive(database, ids)
        const rotationIds = entries.map((entry) => entry.id)
        const taken = await database.rows<{ institution_id: number; team_name: string }>(sql`
          SELECT r.institution_id, t.name AS team_name FROM round_institutions r
          JOIN rotations o ON o.id = r.rotation_id JOIN teams t ON t.id = o.team_id
          WHERE r.month = ${month}::date AND r.rotation_id NOT IN (${idList(rotationIds)}) AND r.institution_id IN (${idList(ids)})`)
        if (taken.length > 0)
          throw new Failure(
            'conflict',
            'already-assigned',
            'Already assigned this round',
            `${taken.length} institution(s) belong to a team not in this split, e.g. ${taken[0]!.institution_id} (${taken[0]!.team_name}).`,
            taken.slice(0, 50).map((row) => ({ path: 'teams', message: `${row.institution_id} → ${row.team_name}` })),
          )
        await writePathOf(context)(async (transaction, record) => {
          await database.rows(
            sql`DELETE FROM round_institutions WHERE rotation_id IN (${idList(rotationIds)})`,
            transaction,
          )
          const rows = body.teams.flatMap((team) => {
            const rotationId = entries.find((entry) => entry.teamId === team.teamId)!.id
            return [...new Set(team.institutionIds)].map((institutionId) => ({
              rotationId,
              month,
              institutionId,
              countyCode: user.countyCode,
            }))
          })
          if (rows.length > 0) await transaction.insert(schema.roundInstitutions).values(rows)
          // A new split invalidates the saved routes of the teams it touches.
          await database.rows(sql`UPDATE rotations SET route = NULL WHERE id IN (${idList(rotationIds)})`, transaction)
          await record.audit({
            action: 'split',
            entity: 'rotation',
            entityId: rotationIds[0]!,
            after: {
              month,
              teams: body.teams.map((team) => ({ teamId: team.teamId, institutions: team.institutionIds.length })),
            },
            changes: [],
          })
        })
        return context.body(null, 204)
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'rotation.plan' })],
        method: 'get',
        path: '/api/rotations/workload',
        tags: ['teams'],
        request: { query: z.object({ month: monthSchema }) },
        responses: {
          200: {
            content: {
              'application/json': {
                schema: z.object({
                  assumptions: z.object({
                    serviceMinutesPerStop: z.number(),
                    roadFactor: z.number(),
                    travelSpeedKilometersPerHour: z.number(),
                  }),
                  teams: z.array(
                    z.object({
                      teamId: z.number().int(),
                      institutions: z.number().int(),
                      estimatedHours: z.number(),
                      routeKilometers: z.number(),
                    }),
                  ),
                }),
              },
            },
            description: 'Workload per team for the month',
          },
        },
      }),
      async (context) => {
        const month = monthsFrom(context.req.valid('query').month, 1)[0]!
        const { database } = context.get('services')
        const entries = await database.rows<{ id: number; team_id: number }>(
          sql`SELECT id, team_id FROM rotations WHERE month = ${month}::date ORDER BY team_id`,
        )
        const start = await bureauPosition(database)
        const teams = []
        for (const entry of entries) {
          const targets = (await readTargets(database, entry.id)).map(toInstitution)
          const estimate = estimatedHours(start, targets)
          teams.push({
            teamId: entry.team_id,
            institutions: targets.length,
            estimatedHours: estimate.hours,
            routeKilometers: estimate.routeKilometers,
          })
        }
        return context.json({ assumptions: workloadAssumptions, teams }, 200)
      },
    )
}
