// Area-based assignment of a month's cross-check round:
//   POST /api/institutions/within                   institutions inside a drawn polygon, zones or grids (PostGIS)
//   GET  /api/rotations/{teamId}/{month}/institutions   a team's institutions for the month
//   PUT  /api/rotations/{teamId}/{month}/institutions   replace them; one team per institution per round
//   GET  /api/rotations/workload?month=YYYY-MM          institutions and estimated hours per team
//   PUT  /api/rotations/{teamId}/{month}/route         the planned visiting order, for the field
//   GET  /api/me/round                                 the caller's team's round this month, in order, with what is done
//   POST /api/rotations/split/suggest                  a balanced split of the month's round between the teams (whole grids move)
//   PUT  /api/rotations/split                          every team's institutions for the month at once, in one transaction
// A team's institutions are part of its plan: hidden like the plan until the check date.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { sql, type SQL } from 'drizzle-orm'
import { schema, type Database } from '@gridwatch/db'
import type { AppEnv } from '../platform/app-env.ts'
import { can } from '../auth/can.ts'
import { Failure, failures } from '../platform/failure.ts'
import { routeOrder } from '@gridwatch/domain/route-order.ts'
import { suggestBalancedSplit, type BalanceInstitution, type BalanceTeam } from '@gridwatch/domain/balance.ts'
import { bureauDate, monthsFrom, rotationChecked } from '@gridwatch/domain/rotation.ts'
import { gridsIn, readRotations, teamsOfStaff } from '../rotations/rotation-plan.ts'
import { allowed, caller, mapReaders, signedIn } from '../auth/access.ts'
import { writePathOf } from '../platform/write-path.ts'

/** Time at each institution and travel assumptions for the workload estimate. */
export const workloadAssumptions = { serviceMinutesPerStop: 30, roadFactor: 1.3, travelSpeedKilometersPerHour: 40 }

const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)])
const ring = z
  .array(position)
  .min(4, 'a ring needs at least four positions (the first repeated at the end)')
  .max(5000)
  .refine((points) => points[0]![0] === points[points.length - 1]![0] && points[0]![1] === points[points.length - 1]![1], 'a ring must end where it starts')
const polygonSchema = z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1).max(50) })

const withinSchema = z
  .object({
    polygon: polygonSchema.optional().openapi({ description: 'A GeoJSON Polygon in WGS84, e.g. drawn on the map' }),
    zoneIds: z.array(z.number().int().positive()).max(50).optional(),
    gridIds: z.array(z.number().int().positive()).max(500).optional(),
  })
  .refine((body) => body.polygon || body.zoneIds?.length || body.gridIds?.length, { message: 'give a polygon, zoneIds or gridIds', path: ['polygon'] })
  .openapi('InstitutionsWithin')

const institutionSchema = z.object({ id: z.number().int(), name: z.string(), type: z.string(), gridId: z.number().int().nullable(), position: z.tuple([z.number(), z.number()]) })

interface InstitutionRow {
  id: number
  name: string
  type: string
  grid_id: number | null
  lon: number
  lat: number
}

const toInstitution = (row: InstitutionRow) => ({ id: row.id, name: row.name, type: row.type, gridId: row.grid_id, position: [row.lon, row.lat] as [number, number] })

/** Active institutions inside the polygon or the areas, ordered by id. */
export async function institutionsWithin(database: Database, area: { polygon?: z.infer<typeof polygonSchema>; zoneIds?: number[]; gridIds?: number[] }): Promise<InstitutionRow[]> {
  const conditions: SQL[] = []
  if (area.polygon) {
    const geometry = sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(area.polygon)}), 4326)`
    // Validity first: GEOS operations on an invalid polygon may fail in ways that are hard to report.
    const [check] = await database.rows<{ valid: boolean; reason: string | null }>(sql`
      SELECT (d).valid AS valid, (d).reason AS reason FROM (SELECT ST_IsValidDetail(${geometry}) AS d) detail`)
    if (!check!.valid) throw new Failure('invalid', 'invalid-geometry', 'Invalid polygon', `The drawn area is not a valid polygon: ${check!.reason}.`, [{ path: 'polygon', message: check!.reason ?? 'invalid' }])
    // The bounding-box test uses the spatial index; the exact test runs on what it keeps.
    conditions.push(sql`(i.position && ${geometry} AND ST_Intersects(i.position, ${geometry}))`)
  }
  if (area.gridIds?.length || area.zoneIds?.length) conditions.push(sql`i.grid_id IN ${gridsIn(area)}`)
  return database.rows<InstitutionRow>(sql`
    SELECT i.id, i.name, i.type, i.grid_id, ST_X(i.position) AS lon, ST_Y(i.position) AS lat
    FROM institutions i WHERE i.status = 'active' AND ${sql.join(conditions, sql` AND `)}
    ORDER BY i.id`)
}

async function rotationEntry(database: Database, teamId: number, month: string) {
  const [entry] = await readRotations(database, [month], [teamId])
  if (!entry) throw failures.notFound(`Team ${teamId} has no plan for ${month.slice(0, 7)}; plan the month first.`)
  return entry
}

async function readTargets(database: Database, rotationId: number): Promise<InstitutionRow[]> {
  return database.rows<InstitutionRow>(sql`
    SELECT i.id, i.name, i.type, i.grid_id, ST_X(i.position) AS lon, ST_Y(i.position) AS lat
    FROM rotation_institutions r JOIN institutions i ON i.id = r.institution_id
    WHERE r.rotation_id = ${rotationId} ORDER BY i.id`)
}

/** The district's seat (the bureau) as the start of every route, else a point inside the district. */
export async function bureauPosition(database: Database): Promise<[number, number]> {
  const [row] = await database.rows<{ lon: number; lat: number }>(sql`
    SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (
      SELECT coalesce(seat, ST_PointOnSurface(geom)) AS p FROM areas WHERE level = 'district' ORDER BY id LIMIT 1) d`)
  return row ? [row.lon, row.lat] : [0, 0]
}

/**
 * Service time plus the round trip from `start`. `quick` runs the local search without kicks (a
 * millisecond or two for a zone), for searches that compare many candidate splits.
 */
export function estimatedHours(start: [number, number], stops: readonly { id: number; position: [number, number] }[], quick = false): { hours: number; routeKilometers: number } {
  if (stops.length === 0) return { hours: 0, routeKilometers: 0 }
  const search = quick ? { maximumKicks: 0 } : { timeLimitMilliseconds: 20 }
  const route = routeOrder(start, stops.map((stop) => ({ id: String(stop.id), lon: stop.position[0], lat: stop.position[1] })), { returnToStart: true, ...search })
  const routeKilometers = (route.distanceMeters * workloadAssumptions.roadFactor) / 1000
  const hours = (stops.length * workloadAssumptions.serviceMinutesPerStop) / 60 + routeKilometers / workloadAssumptions.travelSpeedKilometersPerHour
  return { hours: Math.round(hours * 10) / 10, routeKilometers: Math.round(routeKilometers * 10) / 10 }
}

/** The saved days of a round, or days of the saved (else eight) stops each; stops added after planning make the last days. */
function dayLengthsOf(stops: number, route: { stopsPerDay: number; dayLengths?: number[] } | null): number[] {
  const perDay = route?.stopsPerDay ?? 8
  const lengths: number[] = []
  let left = stops
  for (const length of route?.dayLengths ?? []) {
    if (left <= 0) break
    lengths.push(Math.min(length, left))
    left -= length
  }
  for (; left > 0; left -= perDay) lengths.push(Math.min(perDay, left))
  return lengths
}

/** Refuses ids that are not active institutions. */
async function requireActive(database: Database, institutionIds: readonly number[]): Promise<void> {
  const known = await database.rows<{ id: number }>(sql`SELECT id FROM institutions WHERE id IN (${idList(institutionIds)}) AND status = 'active'`)
  const unknown = institutionIds.filter((id) => !known.some((row) => row.id === id))
  if (unknown.length > 0) throw failures.invalid(`No active institution with id ${unknown.slice(0, 10).join(', ')}.`, [{ path: 'institutionIds', message: `unknown: ${unknown.slice(0, 10).join(', ')}` }])
}

const idList = (ids: readonly number[]) => sql.join([0, ...ids].map((id) => sql`${id}`), sql`, `)

/**
 * The month's round as the balancer starts from: each team's assigned institutions, or, for a
 * team with none yet, the active institutions of its target zone that no other team holds.
 */
async function roundForBalance(database: Database, month: string) {
  const entries = await database.rows<{ id: number; team_id: number; target_zone_id: number; home_zone_id: number | null }>(sql`
    SELECT r.id, r.team_id, r.target_zone_id, t.home_zone_id FROM rotations r JOIN teams t ON t.id = r.team_id
    WHERE r.month = ${month}::date ORDER BY r.team_id`)
  if (entries.length === 0) throw failures.notFound(`No team has a plan for ${month.slice(0, 7)}; plan the month first.`)
  const institutions: (BalanceInstitution & { name: string })[] = []
  const held = new Set<number>()
  const assigned = await database.rows<InstitutionRow & { rotation_id: number }>(sql`
    SELECT r.rotation_id, i.id, i.name, i.type, i.grid_id, ST_X(i.position) AS lon, ST_Y(i.position) AS lat
    FROM rotation_institutions r JOIN institutions i ON i.id = r.institution_id WHERE r.month = ${month}::date ORDER BY i.id`)
  for (const row of assigned) held.add(row.id)
  for (const entry of entries) {
    const own = assigned.filter((row) => row.rotation_id === entry.id)
    const rows = own.length > 0 ? own : (await institutionsWithin(database, { zoneIds: [entry.target_zone_id] })).filter((row) => !held.has(row.id))
    for (const row of rows) {
      held.add(row.id)
      institutions.push({ id: row.id, name: row.name, gridId: row.grid_id, teamId: entry.team_id, position: [row.lon, row.lat] })
    }
  }
  // A team may not check its home zone's grids nor the grids where its own members are grid staff.
  const forbidden = await database.rows<{ team_id: number; grid_id: number }>(sql`
    SELECT t.id AS team_id, g.id AS grid_id FROM teams t JOIN areas g ON g.level = 'grid' AND g.parent_id = t.home_zone_id
    UNION
    SELECT m.team_id, a.grid_id FROM team_members m JOIN assignments a ON a.staff_id = m.staff_id AND a.until IS NULL`)
  const teams = entries.map((entry) => ({ id: entry.team_id, forbiddenGridIds: new Set(forbidden.filter((row) => row.team_id === entry.team_id).map((row) => row.grid_id)) }))
  const gridIds = [...new Set(institutions.flatMap((institution) => (institution.gridId === null ? [] : [institution.gridId])))]
  const touching = await database.rows<{ a: number; b: number }>(sql`
    SELECT a.id AS a, b.id AS b FROM areas a JOIN areas b ON a.id < b.id AND a.geom && b.geom AND ST_Intersects(a.geom, b.geom)
    WHERE a.id IN (${idList(gridIds)}) AND b.id IN (${idList(gridIds)})`)
  const neighbours = new Map<number, number[]>(gridIds.map((id) => [id, []]))
  for (const pair of touching) {
    neighbours.get(pair.a)!.push(pair.b)
    neighbours.get(pair.b)!.push(pair.a)
  }
  const gridNames = new Map(
    (await database.rows<{ id: number; name: string }>(sql`SELECT id, name FROM areas WHERE id IN (${idList(gridIds)})`)).map((row) => [row.id, row.name]),
  )
  return { teams, institutions, neighbours, gridNames }
}

/**
 * What changes hands, from where each institution started to where it ends: a grid passed on
 * twice during the search is one move, and a grid shared by two teams is one move per team.
 */
function netMoves(teams: readonly BalanceTeam[], institutions: readonly BalanceInstitution[], teamOf: ReadonlyMap<number, number>) {
  const moves = new Map<string, { gridId: number; fromTeamId: number; toTeamId: number; institutions: number; reason: 'conflict' | 'balance' }>()
  for (const institution of institutions) {
    const toTeamId = teamOf.get(institution.id)!
    if (institution.gridId === null || toTeamId === institution.teamId) continue
    const key = `${institution.gridId}:${institution.teamId}:${toTeamId}`
    const conflicted = teams.find((team) => team.id === institution.teamId)!.forbiddenGridIds.has(institution.gridId)
    const move = moves.get(key) ?? { gridId: institution.gridId, fromTeamId: institution.teamId, toTeamId, institutions: 0, reason: conflicted ? 'conflict' : 'balance' }
    move.institutions++
    moves.set(key, move)
  }
  return [...moves.values()]
}

const splitSuggestionSchema = z.object({
  month: z.string(),
  teams: z.array(
    z.object({
      teamId: z.number().int(),
      institutionIds: z.array(z.number().int()),
      institutionsBefore: z.number().int(),
      hoursBefore: z.number(),
      hoursAfter: z.number(),
    }),
  ),
  moves: z.array(z.object({ gridId: z.number().int(), gridName: z.string(), fromTeamId: z.number().int(), toTeamId: z.number().int(), institutions: z.number().int(), reason: z.enum(['conflict', 'balance']) })),
  largestHoursBefore: z.number(),
  largestHoursAfter: z.number(),
})

const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM')

export function roundEndpoints() {
  const params = z.object({ teamId: z.coerce.number().int().positive(), month: monthSchema })
  return new OpenAPIHono<AppEnv>()
    .openapi(
      createRoute({ middleware: [mapReaders],
        method: 'post',
        path: '/api/institutions/within',
        tags: ['teams'],
        request: { body: { required: true, content: { 'application/json': { schema: withinSchema } } } },
        responses: { 200: { content: { 'application/json': { schema: z.array(institutionSchema) } }, description: 'Active institutions inside, in your scope' } },
      }),
      async (context) => {
        const user = caller(context)
        const { database, institutionLayer } = context.get('services')
        const rows = await institutionsWithin(database, context.req.valid('json'))
        const inScope = user.scopeKind === 'district' ? rows : rows.filter((row) => institutionLayer.inScope(user, { id: row.id, gridId: row.grid_id }))
        return context.json(inScope.map(toInstitution), 200)
      },
    )
    .openapi(
      createRoute({ middleware: [signedIn],
        method: 'get',
        path: '/api/rotations/{teamId}/{month}/institutions',
        tags: ['teams'],
        request: { params },
        responses: { 200: { content: { 'application/json': { schema: z.array(institutionSchema) } }, description: 'The team’s institutions for the month' } },
      }),
      async (context) => {
        const user = caller(context)
        const { teamId, month } = context.req.valid('param')
        const { database, now } = context.get('services')
        const entry = await rotationEntry(database, teamId, monthsFrom(month, 1)[0]!)
        const memberOfTeam = (await teamsOfStaff(database, user.staffId)).has(teamId)
        const decision = can(user, { kind: 'rotation.read', memberOfTeam, checked: rotationChecked(entry, bureauDate(now())) })
        if (!decision.allowed) throw failures.notFound(`Team ${teamId} has no plan for ${month} that you may see.`)
        return context.json((await readTargets(database, entry.id)).map(toInstitution), 200)
      },
    )
    .openapi(
      createRoute({ middleware: [allowed({ kind: 'rotation.plan' })],
        method: 'put',
        path: '/api/rotations/{teamId}/{month}/institutions',
        tags: ['teams'],
        request: { params, body: { required: true, content: { 'application/json': { schema: z.object({ institutionIds: z.array(z.number().int().positive()).max(5000) }) } } } },
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
          SELECT r.institution_id, t.name AS team_name FROM rotation_institutions r
          JOIN rotations o ON o.id = r.rotation_id JOIN teams t ON t.id = o.team_id
          WHERE r.month = ${month}::date AND r.rotation_id <> ${entry.id} AND r.institution_id IN (${ids})`)
        if (taken.length > 0)
          throw new Failure('conflict', 'already-assigned', 'Already assigned this round', `${taken.length} institution(s) already belong to another team this month, e.g. ${taken[0]!.institution_id} (${taken[0]!.team_name}).`, taken.slice(0, 50).map((row) => ({ path: `institutionIds`, message: `${row.institution_id} → ${row.team_name}` })))
        const before = await readTargets(database, entry.id)
        await writePathOf(context)(async (transaction, record) => {
          await database.rows(sql`DELETE FROM rotation_institutions WHERE rotation_id = ${entry.id}`, transaction)
          if (institutionIds.length > 0)
            await transaction.insert(schema.rotationInstitutions).values(institutionIds.map((institutionId) => ({ rotationId: entry.id, month, institutionId, countyCode: user.countyCode })))
          await record.audit({
            action: 'assign',
            entity: 'rotation',
            entityId: entry.id,
            before: { institutionIds: before.map((row) => row.id) },
            after: { teamId, month, institutionIds },
          })
        })
        return context.json((await readTargets(database, entry.id)).map(toInstitution), 200)
      },
    )
    .openapi(
      createRoute({ middleware: [allowed({ kind: 'rotation.plan' })],
        method: 'put',
        path: '/api/rotations/{teamId}/{month}/route',
        tags: ['teams'],
        request: {
          params,
          body: {
            required: true,
            content: {
              'application/json': {
                schema: z.object({
                  order: z.array(z.number().int().positive()).max(5000),
                  stopsPerDay: z.number().int().min(1).max(50),
                  dayLengths: z.array(z.number().int().min(1).max(50)).max(5000).optional().openapi({ description: 'Stops on each day in order, when days end by working hours rather than a fixed count' }),
                }),
              },
            },
          },
        },
        responses: { 204: { description: 'Saved; team members see it in the field view' } },
      }),
      async (context) => {
        const { teamId, month } = context.req.valid('param')
        const { order, stopsPerDay, dayLengths } = context.req.valid('json')
        if (dayLengths && dayLengths.reduce((sum, length) => sum + length, 0) !== order.length)
          throw failures.invalid('The days must add up to the route’s stops.', [{ path: 'dayLengths', message: `sum to ${order.length}` }])
        const { database, now } = context.get('services')
        const entry = await rotationEntry(database, teamId, monthsFrom(month, 1)[0]!)
        const round = new Set((await readTargets(database, entry.id)).map((row) => row.id))
        const sameStops = order.length === round.size && new Set(order).size === order.length && order.every((id) => round.has(id))
        if (!sameStops) throw failures.invalid('The route must visit every institution of the round exactly once.', [{ path: 'order', message: `expected the ${round.size} institutions of the round` }])
        const route = { order, stopsPerDay, ...(dayLengths ? { dayLengths } : {}), plannedAt: now().toISOString() }
        await writePathOf(context)(async (transaction, record) => {
          await database.rows(sql`UPDATE rotations SET route = ${JSON.stringify(route)}::jsonb WHERE id = ${entry.id}`, transaction)
          await record.audit({ action: 'route', entity: 'rotation', entityId: entry.id, after: route })
        })
        return context.body(null, 204)
      },
    )
    .openapi(
      createRoute({ middleware: [signedIn],
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
                      dayLengths: z.array(z.number().int()).openapi({ description: 'Stops on each day, in route order' }),
                      start: z.tuple([z.number(), z.number()]),
                      stops: z.array(institutionSchema.extend({ checkedAt: z.string().nullable() })),
                    }),
                  ),
                }),
              },
            },
            description: 'This month’s rounds of the caller’s teams, stops in route order (checked ones carry the time)',
          },
        },
      }),
      async (context) => {
        const user = caller(context)
        const { database, now } = context.get('services')
        const month = `${bureauDate(now()).slice(0, 7)}-01`
        const entries = await database.rows<{ id: number; team_id: number; team_name: string; zone_name: string | null; route: { order: number[]; stopsPerDay: number; dayLengths?: number[] } | null }>(sql`
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
            SELECT v.institution_id, max(v.visited_at) AS at FROM inspections v
            JOIN inspection_inspectors vi ON vi.inspection_id = v.id JOIN team_members m ON m.staff_id = vi.staff_id AND m.team_id = ${entry.team_id}
            WHERE v.kind = 'cross-check' AND v.visited_at >= ${month}::date
              AND v.institution_id IN (${sql.join([0, ...targets.map((row) => row.id)].map((id) => sql`${id}`), sql`, `)})
            GROUP BY v.institution_id`)
          const checkedAt = new Map(checks.map((row) => [row.institution_id, new Date(row.at).toISOString()]))
          const position = new Map((entry.route?.order ?? []).map((id, index) => [id, index]))
          const ordered = [...targets].sort((a, b) => (position.get(a.id) ?? Infinity) - (position.get(b.id) ?? Infinity) || a.id - b.id)
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
    .openapi(
      createRoute({ middleware: [allowed({ kind: 'rotation.plan' })],
        method: 'post',
        path: '/api/rotations/split/suggest',
        tags: ['teams'],
        request: { body: { required: true, content: { 'application/json': { schema: z.object({ month: monthSchema }) } } } },
        responses: { 200: { content: { 'application/json': { schema: splitSuggestionSchema } }, description: 'A suggested split; nothing is saved' } },
      }),
      async (context) => {
        const month = monthsFrom(context.req.valid('json').month, 1)[0]!
        const { database } = context.get('services')
        const { teams, institutions, neighbours, gridNames } = await roundForBalance(database, month)
        const start = await bureauPosition(database)
        const result = suggestBalancedSplit(teams, institutions, neighbours, (positions) => estimatedHours(start, positions.map((position, id) => ({ id, position })), true).hours)
        // The figures shown are the full estimate, the same as the workload's.
        const hoursOf = (teamId: number, holder: (institution: BalanceInstitution) => number) =>
          estimatedHours(start, institutions.filter((institution) => holder(institution) === teamId)).hours
        const suggestion = teams.map((team) => ({
          teamId: team.id,
          institutionIds: institutions.filter((institution) => result.teamOf.get(institution.id) === team.id).map((institution) => institution.id),
          institutionsBefore: institutions.filter((institution) => institution.teamId === team.id).length,
          hoursBefore: hoursOf(team.id, (institution) => institution.teamId),
          hoursAfter: result.moves.length === 0 ? hoursOf(team.id, (institution) => institution.teamId) : hoursOf(team.id, (institution) => result.teamOf.get(institution.id)!),
        }))
        return context.json(
          {
            month,
            teams: suggestion,
            moves: netMoves(teams, institutions, result.teamOf).map((move) => ({ ...move, gridName: gridNames.get(move.gridId) ?? String(move.gridId) })),
            largestHoursBefore: Math.max(0, ...suggestion.map((team) => team.hoursBefore)),
            largestHoursAfter: Math.max(0, ...suggestion.map((team) => team.hoursAfter)),
          },
          200,
        )
      },
    )
    .openapi(
      createRoute({ middleware: [allowed({ kind: 'rotation.plan' })],
        method: 'put',
        path: '/api/rotations/split',
        tags: ['teams'],
        request: {
          body: {
            required: true,
            content: {
              'application/json': {
                schema: z.object({ month: monthSchema, teams: z.array(z.object({ teamId: z.number().int().positive(), institutionIds: z.array(z.number().int().positive()).max(5000) })).min(1).max(50) }),
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
        const entries = await readRotations(database, [month], body.teams.map((team) => team.teamId))
        const missing = body.teams.filter((team) => !entries.some((entry) => entry.teamId === team.teamId))
        if (missing.length > 0) throw failures.notFound(`Team ${missing[0]!.teamId} has no plan for ${month.slice(0, 7)}; plan the month first.`)
        const owner = new Map<number, number>()
        for (const team of body.teams)
          for (const id of team.institutionIds) {
            if (owner.has(id) && owner.get(id) !== team.teamId)
              throw new Failure('conflict', 'already-assigned', 'Given to two teams', `Institution ${id} is given to team ${owner.get(id)} and team ${team.teamId}.`, [{ path: 'teams', message: `${id}` }])
            owner.set(id, team.teamId)
          }
        const ids = [...owner.keys()]
        await requireActive(database, ids)
        const rotationIds = entries.map((entry) => entry.id)
        const taken = await database.rows<{ institution_id: number; team_name: string }>(sql`
          SELECT r.institution_id, t.name AS team_name FROM rotation_institutions r
          JOIN rotations o ON o.id = r.rotation_id JOIN teams t ON t.id = o.team_id
          WHERE r.month = ${month}::date AND r.rotation_id NOT IN (${idList(rotationIds)}) AND r.institution_id IN (${idList(ids)})`)
        if (taken.length > 0)
          throw new Failure('conflict', 'already-assigned', 'Already assigned this round', `${taken.length} institution(s) belong to a team not in this split, e.g. ${taken[0]!.institution_id} (${taken[0]!.team_name}).`, taken.slice(0, 50).map((row) => ({ path: 'teams', message: `${row.institution_id} → ${row.team_name}` })))
        await writePathOf(context)(async (transaction, record) => {
          await database.rows(sql`DELETE FROM rotation_institutions WHERE rotation_id IN (${idList(rotationIds)})`, transaction)
          const rows = body.teams.flatMap((team) => {
            const rotationId = entries.find((entry) => entry.teamId === team.teamId)!.id
            return [...new Set(team.institutionIds)].map((institutionId) => ({ rotationId, month, institutionId, countyCode: user.countyCode }))
          })
          if (rows.length > 0) await transaction.insert(schema.rotationInstitutions).values(rows)
          // A new split invalidates the saved routes of the teams it touches.
          await database.rows(sql`UPDATE rotations SET route = NULL WHERE id IN (${idList(rotationIds)})`, transaction)
          await record.audit({
            action: 'split',
            entity: 'rotation',
            entityId: rotationIds[0]!,
            after: { month, teams: body.teams.map((team) => ({ teamId: team.teamId, institutions: team.institutionIds.length })) },
          })
        })
        return context.body(null, 204)
      },
    )
    .openapi(
      createRoute({ middleware: [allowed({ kind: 'rotation.plan' })],
        method: 'get',
        path: '/api/rotations/workload',
        tags: ['teams'],
        request: { query: z.object({ month: monthSchema }) },
        responses: {
          200: {
            content: {
              'application/json': {
                schema: z.object({
                  assumptions: z.object({ serviceMinutesPerStop: z.number(), roadFactor: z.number(), travelSpeedKilometersPerHour: z.number() }),
                  teams: z.array(z.object({ teamId: z.number().int(), institutions: z.number().int(), estimatedHours: z.number(), routeKilometers: z.number() })),
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
        const entries = await database.rows<{ id: number; team_id: number }>(sql`SELECT id, team_id FROM rotations WHERE month = ${month}::date ORDER BY team_id`)
        const start = await bureauPosition(database)
        const teams = []
        for (const entry of entries) {
          const targets = (await readTargets(database, entry.id)).map(toInstitution)
          const estimate = estimatedHours(start, targets)
          teams.push({ teamId: entry.team_id, institutions: targets.length, estimatedHours: estimate.hours, routeKilometers: estimate.routeKilometers })
        }
        return context.json({ assumptions: workloadAssumptions, teams }, 200)
      },
    )
}
