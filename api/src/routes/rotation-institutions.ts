// Area-based assignment of a month's cross-check round:
//   POST /api/institutions/within                   institutions inside a drawn polygon, zones or grids (PostGIS)
//   GET  /api/rotations/{teamId}/{month}/institutions   a team's institutions for the month
//   PUT  /api/rotations/{teamId}/{month}/institutions   replace them; one team per institution per round
//   GET  /api/rotations/workload?month=YYYY-MM          institutions and estimated hours per team
//   PUT  /api/rotations/{teamId}/{month}/route         the planned visiting order, for the field
//   GET  /api/me/round                                 the caller's team's round this month, in order, with what is done
// A team's institutions are part of its plan: hidden like the plan until the check date.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { sql, type SQL } from 'drizzle-orm'
import { schema, type Database } from '@gridwatch/db'
import type { AppEnv } from '../app-env.ts'
import { writeAudit } from '../audit.ts'
import { can } from '../auth/can.ts'
import { AppError, problems } from '../http/problem.ts'
import { authorised } from '../http/authorised.ts'
import { routeOrder } from '../domain/route-order.ts'
import { bureauDate, monthsFrom, rotationChecked } from '../domain/rotation.ts'
import { gridsIn, readRotations, teamsOfStaff } from '../queries/rotation-plan.ts'
import { mapReader } from './map-reader.ts'

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
    if (!check!.valid) throw new AppError(400, 'invalid-geometry', 'Invalid polygon', `The drawn area is not a valid polygon: ${check!.reason}.`, [{ path: 'polygon', message: check!.reason ?? 'invalid' }])
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
  if (!entry) throw problems.notFound(`Team ${teamId} has no plan for ${month.slice(0, 7)}; plan the month first.`)
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

export function estimatedHours(start: [number, number], stops: { id: number; position: [number, number] }[]): { hours: number; routeKilometers: number } {
  if (stops.length === 0) return { hours: 0, routeKilometers: 0 }
  const route = routeOrder(start, stops.map((stop) => ({ id: String(stop.id), lon: stop.position[0], lat: stop.position[1] })), { returnToStart: true, timeLimitMilliseconds: 20 })
  const routeKilometers = (route.distanceMeters * workloadAssumptions.roadFactor) / 1000
  const hours = (stops.length * workloadAssumptions.serviceMinutesPerStop) / 60 + routeKilometers / workloadAssumptions.travelSpeedKilometersPerHour
  return { hours: Math.round(hours * 10) / 10, routeKilometers: Math.round(routeKilometers * 10) / 10 }
}

export function rotationInstitutionRoutes() {
  const params = z.object({ teamId: z.coerce.number().int().positive(), month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM') })
  return new OpenAPIHono<AppEnv>()
    .openapi(
      createRoute({
        method: 'post',
        path: '/api/institutions/within',
        tags: ['teams'],
        request: { body: { required: true, content: { 'application/json': { schema: withinSchema } } } },
        responses: { 200: { content: { 'application/json': { schema: z.array(institutionSchema) } }, description: 'Active institutions inside, in your scope' } },
      }),
      async (context) => {
        const user = mapReader(context)
        if (!user) throw problems.unauthenticated()
        const { database, clinicLayer } = context.get('services')
        const rows = await institutionsWithin(database, context.req.valid('json'))
        const inScope = user.scopeKind === 'district' ? rows : rows.filter((row) => clinicLayer.inScope(user, { id: row.id, gridId: row.grid_id }))
        return context.json(inScope.map(toInstitution), 200)
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/api/rotations/{teamId}/{month}/institutions',
        tags: ['teams'],
        request: { params },
        responses: { 200: { content: { 'application/json': { schema: z.array(institutionSchema) } }, description: 'The team’s institutions for the month' } },
      }),
      async (context) => {
        const user = context.get('user')
        if (!user) throw problems.unauthenticated()
        const { teamId, month } = context.req.valid('param')
        const { database, now } = context.get('services')
        const entry = await rotationEntry(database, teamId, monthsFrom(month, 1)[0]!)
        const memberOfTeam = (await teamsOfStaff(database, user.staffId)).has(teamId)
        const decision = can(user, { kind: 'rotation.read', memberOfTeam, checked: rotationChecked(entry, bureauDate(now())) })
        if (!decision.allowed) throw problems.notFound(`Team ${teamId} has no plan for ${month} that you may see.`)
        return context.json((await readTargets(database, entry.id)).map(toInstitution), 200)
      },
    )
    .openapi(
      createRoute({
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
        const user = authorised(context.get('user'), { kind: 'rotation.plan' })
        const { teamId, month: monthParam } = context.req.valid('param')
        const month = monthsFrom(monthParam, 1)[0]!
        const institutionIds = [...new Set(context.req.valid('json').institutionIds)]
        const { database } = context.get('services')
        const entry = await rotationEntry(database, teamId, month)
        const ids = sql.join([0, ...institutionIds].map((id) => sql`${id}`), sql`, `)
        const known = await database.rows<{ id: number }>(sql`SELECT id FROM institutions WHERE id IN (${ids}) AND status = 'active'`)
        const unknown = institutionIds.filter((id) => !known.some((row) => row.id === id))
        if (unknown.length > 0) throw problems.badRequest(`No active institution with id ${unknown.slice(0, 10).join(', ')}.`, [{ path: 'institutionIds', message: `unknown: ${unknown.slice(0, 10).join(', ')}` }])
        const taken = await database.rows<{ institution_id: number; team_name: string }>(sql`
          SELECT r.institution_id, t.name AS team_name FROM rotation_institutions r
          JOIN rotations o ON o.id = r.rotation_id JOIN teams t ON t.id = o.team_id
          WHERE r.month = ${month}::date AND r.rotation_id <> ${entry.id} AND r.institution_id IN (${ids})`)
        if (taken.length > 0)
          throw new AppError(409, 'already-assigned', 'Already assigned this round', `${taken.length} institution(s) already belong to another team this month, e.g. ${taken[0]!.institution_id} (${taken[0]!.team_name}).`, taken.slice(0, 50).map((row) => ({ path: `institutionIds`, message: `${row.institution_id} → ${row.team_name}` })))
        const before = await readTargets(database, entry.id)
        await database.write(async (transaction) => {
          await database.rows(sql`DELETE FROM rotation_institutions WHERE rotation_id = ${entry.id}`, transaction)
          if (institutionIds.length > 0)
            await transaction.insert(schema.rotationInstitutions).values(institutionIds.map((institutionId) => ({ rotationId: entry.id, month, institutionId, countyCode: user.countyCode })))
          await writeAudit(transaction, { user, requestId: context.get('requestId'), countyCode: user.countyCode }, {
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
      createRoute({
        method: 'put',
        path: '/api/rotations/{teamId}/{month}/route',
        tags: ['teams'],
        request: {
          params,
          body: { required: true, content: { 'application/json': { schema: z.object({ order: z.array(z.number().int().positive()).max(5000), stopsPerDay: z.number().int().min(1).max(50) }) } } },
        },
        responses: { 204: { description: 'Saved; team members see it in the field view' } },
      }),
      async (context) => {
        const user = authorised(context.get('user'), { kind: 'rotation.plan' })
        const { teamId, month } = context.req.valid('param')
        const { order, stopsPerDay } = context.req.valid('json')
        const { database, now } = context.get('services')
        const entry = await rotationEntry(database, teamId, monthsFrom(month, 1)[0]!)
        const round = new Set((await readTargets(database, entry.id)).map((row) => row.id))
        const sameStops = order.length === round.size && new Set(order).size === order.length && order.every((id) => round.has(id))
        if (!sameStops) throw problems.badRequest('The route must visit every institution of the round exactly once.', [{ path: 'order', message: `expected the ${round.size} institutions of the round` }])
        const route = { order, stopsPerDay, plannedAt: now().toISOString() }
        await database.write(async (transaction) => {
          await database.rows(sql`UPDATE rotations SET route = ${JSON.stringify(route)}::jsonb WHERE id = ${entry.id}`, transaction)
          await writeAudit(transaction, { user, requestId: context.get('requestId'), countyCode: user.countyCode }, { action: 'route', entity: 'rotation', entityId: entry.id, after: route })
        })
        return context.body(null, 204)
      },
    )
    .openapi(
      createRoute({
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
        const user = context.get('user')
        if (!user) throw problems.unauthenticated()
        const { database, now } = context.get('services')
        const month = `${bureauDate(now()).slice(0, 7)}-01`
        const entries = await database.rows<{ id: number; team_id: number; team_name: string; zone_name: string | null; route: { order: number[]; stopsPerDay: number } | null }>(sql`
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
            start,
            stops: ordered.map((row) => ({ ...toInstitution(row), checkedAt: checkedAt.get(row.id) ?? null })),
          })
        }
        return context.json({ rounds }, 200)
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/api/rotations/workload',
        tags: ['teams'],
        request: { query: z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM') }) },
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
        authorised(context.get('user'), { kind: 'rotation.plan' })
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
