// Supervision teams (督导组) and the staff they are formed from:
//   GET  /api/teams                       teams, members, home zones
//   POST /api/teams, PUT /api/teams/{id}  a team: name, home zone, leader, members drawn from staff
// The staff members are drawn from are listed at GET /api/staff (api/src/staff/).
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { sql } from 'drizzle-orm'
import { schema, type Database } from '@gridwatch/db'
import type { AppEnv } from '../app-env.ts'
import type { SessionUser } from '../auth/session-user.ts'
import { failures } from '../platform/failure.ts'
import { readTeams, readZones } from '../rotations/rotation-plan.ts'
import { allowed, caller, signedIn } from '../auth/access.ts'
import { writePathOf, type WritePath } from '../platform/write-path.ts'
import { databaseId, databaseIdText } from '../platform/http/ids.ts'

const teamInputSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    homeZoneId: databaseId,
    leaderStaffId: databaseId,
    memberStaffIds: z.array(z.number().int().positive()).min(1).max(50),
  })
  .refine((team) => team.memberStaffIds.includes(team.leaderStaffId), {
    message: 'the leader must be one of the members',
    path: ['leaderStaffId'],
  })
  .openapi('TeamInput')

async function saveTeam(
  database: Database,
  write: WritePath,
  user: SessionUser,
  input: z.infer<typeof teamInputSchema>,
  id?: number,
): Promise<number> {
  const zones = await readZones(database)
  if (!zones.some((zone) => zone.id === input.homeZoneId))
    throw failures.invalid(`Zone ${input.homeZoneId} is not a zone of the published boundaries.`, [
      { path: 'homeZoneId', message: 'not a zone' },
    ])
  const memberIds = [...new Set(input.memberStaffIds)]
  const known = await database.rows<{ id: number }>(
    sql`SELECT id FROM staff WHERE id IN (${sql.join(
      memberIds.map((staffId) => sql`${staffId}`),
      sql`, `,
    )})`,
  )
  const unknown = memberIds.filter((staffId) => !known.some((row) => row.id === staffId))
  if (unknown.length > 0)
    throw failures.invalid(`No staff with id ${unknown.join(', ')}.`, [
      { path: 'memberStaffIds', message: `unknown: ${unknown.join(', ')}` },
    ])
  return write(async (transaction, record) => {
    let teamId = id
    if (teamId === undefined) {
      const [created] = await transaction
        .insert(schema.teams)
        .values({
          countyCode: user.countyCode,
          name: input.name,
          homeZoneId: input.homeZoneId,
          leaderStaffId: input.leaderStaffId,
        })
        .returning({ id: schema.teams.id })
      teamId = created!.id
    } else {
      const [updated] = await database.rows<{ id: number }>(
        sql`UPDATE teams SET name = ${input.name}, home_zone_id = ${input.homeZoneId}, leader_staff_id = ${input.leaderStaffId} WHERE id = ${teamId} RETURNING id`,
        transaction,
      )
      if (!updated) throw failures.notFound(`Team ${teamId} does not exist.`)
      await database.rows(sql`DELETE FROM team_members WHERE team_id = ${teamId}`, transaction)
    }
    await transaction.insert(schema.teamMembers).values(memberIds.map((staffId) => ({ teamId: teamId!, staffId })))
    await record.audit({
      action: id === undefined ? 'create' : 'update',
      entity: 'team',
      entityId: teamId,
      after: input,
      changes: [],
    })
    return teamId
  })
}

export function teamEndpoints() {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'rotation.plan' })],
        method: 'post',
        path: '/api/teams',
        tags: ['teams'],
        request: { body: { required: true, content: { 'application/json': { schema: teamInputSchema } } } },
        responses: {
          201: {
            content: { 'application/json': { schema: z.object({ id: z.number().int() }) } },
            description: 'Created',
          },
        },
      }),
      async (context) => {
        const user = caller(context)
        const id = await saveTeam(
          context.get('services').database,
          writePathOf(context),
          user,
          context.req.valid('json'),
        )
        return context.json({ id }, 201)
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'rotation.plan' })],
        method: 'put',
        path: '/api/teams/{id}',
        tags: ['teams'],
        request: {
          params: z.object({ id: databaseIdText }),
          body: { required: true, content: { 'application/json': { schema: teamInputSchema } } },
        },
        responses: {
          200: {
            content: { 'application/json': { schema: z.object({ id: z.number().int() }) } },
            description: 'Saved',
          },
        },
      }),
      async (context) => {
        const user = caller(context)
        const { id } = context.req.valid('param')
        await saveTeam(context.get('services').database, writePathOf(context), user, context.req.valid('json'), id)
        return context.json({ id }, 200)
      },
    )
    .openapi(
      createRoute({
        middleware: [signedIn],
        method: 'get',
        path: '/api/teams',
        tags: ['teams'],
        responses: {
          200: {
            content: {
              'application/json': {
                schema: z.array(
                  z.object({
                    id: z.number().int(),
                    name: z.string(),
                    homeZoneId: z.number().int().nullable(),
                    homeZoneName: z.string().nullable(),
                    leaderStaffId: z.number().int().nullable(),
                    members: z.array(
                      z.object({
                        staffId: z.number().int(),
                        name: z.string(),
                        level: z.number().int(),
                        organisation: z.string(),
                      }),
                    ),
                    memberZoneIds: z.array(z.number().int()),
                  }),
                ),
              },
            },
            description: 'The supervision teams (督导组)',
          },
        },
      }),
      async (context) => {
        const teams = await readTeams(context.get('services').database)
        return context.json(
          teams.map((team) => ({ ...team, memberZoneIds: [...team.memberZoneIds] })),
          200,
        )
      },
    )
}
