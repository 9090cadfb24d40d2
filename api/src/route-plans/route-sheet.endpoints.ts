// GET /api/rotations/{teamId}/{month}/route-sheet?day=N: what the printed route sheet of one day
// holds — the team and its members, the day's stops in the saved order with address, contact and
// planned arrival and departure, and the start (the bureau). Read like the round itself: planners,
// the team's members, anyone once the check date has passed (四不两直). Phone numbers are masked for
// readers who may not see them, as on the institution card.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { sql } from 'drizzle-orm'
import type { AppEnv } from '../app-env.ts'
import { Failure, failures } from '../platform/failure.ts'
import { phrase } from '../platform/phrases.ts'
import { caller, signedIn } from '../auth/access.ts'
import { can } from '../auth/can.ts'
import { monthsFrom, rotationChecked } from '@gridwatch/domain/rotation.ts'
import { bureauDate } from '@gridwatch/domain/bureau-calendar.ts'
import { dayDistanceMeters, dayLengthsOf, plannedTimes } from '@gridwatch/domain/route-sheet.ts'
import { workloadAssumptions } from '@gridwatch/domain/workload.ts'
import { maskPhone } from '@gridwatch/domain/phone-mask.ts'
import { teamsOfStaff } from '../rotations/rotation-plan.ts'
import { bureauPosition, rotationEntry } from '../rounds/round-queries.ts'
import { monthSchema } from '../rounds/round-schemas.ts'
import { databaseIdText } from '../platform/http/ids.ts'

/** The team leaves the bureau at 8:30. */
const startMinute = 8 * 60 + 30

const position = z.tuple([z.number(), z.number()])
const sheetSchema = z
  .object({
    teamName: z.string(),
    month: z.string(),
    zoneName: z.string().nullable(),
    day: z.number().int(),
    days: z.number().int().openapi({ description: 'How many days the round takes' }),
    firstNumber: z
      .number()
      .int()
      .openapi({ description: 'The number of the day’s first stop (the map numbers the month’s stops 1…n)' }),
    members: z.array(
      z.object({ name: z.string(), level: z.number().int(), leader: z.boolean(), phone: z.string().nullable() }),
    ),
    start: z.object({ name: z.string(), position, leaveMinute: z.number().int(), backMinute: z.number().int() }),
    distanceMeters: z
      .number()
      .int()
      .openapi({ description: 'Straight line, start to start; the times assume the road factor' }),
    assumptions: z.object({
      serviceMinutesPerStop: z.number(),
      roadFactor: z.number(),
      travelSpeedKilometersPerHour: z.number(),
    }),
    stops: z.array(
      z.object({
        number: z.number().int(),
        id: z.number().int(),
        name: z.string(),
        type: z.string(),
        gridName: z.string().nullable(),
        address: z.string().nullable(),
        contactName: z.string().nullable(),
        contactPhone: z.string().nullable(),
        position,
        arriveMinute: z.number().int(),
        leaveMinute: z.number().int(),
      }),
    ),
  })
  .openapi('RouteSheet')

interface StopRow {
  id: number
  name: string
  type: string
  grid_name: string | null
  address: string | null
  contact_name: string | null
  contact_phone: string | null
  lon: number
  lat: number
}

export function routeSheetEndpoints() {
  return new OpenAPIHono<AppEnv>().openapi(
    createRoute({
      middleware: [signedIn],
      method: 'get',
      path: '/api/rotations/{teamId}/{month}/route-sheet',
      tags: ['teams'],
      request: {
        params: z.object({ teamId: databaseIdText, month: monthSchema }),
        query: z.object({ day: z.coerce.number().int().min(1).max(400).default(1) }),
      },
      responses: {
        200: {
          content: { 'application/json': { schema: sheetSchema } },
          description: 'One day of the team’s saved route, as printed',
        },
        404: { description: 'No such plan, no saved route, or no such day' },
      },
    }),
    async (context) => {
      const user = caller(context)
      const { teamId, month: monthParam } = context.req.valid('param')
      const { day } = context.req.valid('query')
      const { database, now } = context.get('services')
      const month = monthsFrom(monthParam, 1)[0]!
      const entry = await rotationEntry(database, teamId, month)
      const memberOfTeam = (await teamsOfStaff(database, user.staffId)).has(teamId)
      if (
        !can(user, { kind: 'rotation.read', memberOfTeam, checked: rotationChecked(entry, bureauDate(now())) }).allowed
      )
        throw failures.notFound(`Team ${teamId} has no plan for ${monthParam} that you may see.`)
      const [rotation] = await database.rows<{
        team_name: string
        zone_name: string | null
        route: { order: number[]; stopsPerDay: number; dayLengths?: number[] } | null
        leader_staff_id: number | null
        district: string | null
      }>(sql`
        SELECT t.name AS team_name, z.name AS zone_name, r.route, t.leader_staff_id,
          (SELECT name FROM areas WHERE level = 'district' AND county_code = t.county_code ORDER BY id LIMIT 1) AS district
        FROM rotations r JOIN teams t ON t.id = r.team_id LEFT JOIN areas z ON z.id = r.target_zone_id WHERE r.id = ${entry.id}`)
      if (!rotation?.route)
        throw Failure.phrased(
          'not-found',
          'not-found',
          'Not found',
          phrase('route-not-planned', { team: rotation?.team_name ?? teamId, month: month.slice(0, 7) }),
        )
      const lengths = dayLengthsOf(rotation.route.order.length, rotation.route)
      if (day > lengths.length)
        throw Failure.phrased(
          'not-found',
          'not-found',
          'Not found',
          phrase('route-day-missing', { days: lengths.length, day }),
        )
      const skipped = lengths.slice(0, day - 1).reduce((sum, length) => sum + length, 0)
      const ids = rotation.route.order.slice(skipped, skipped + lengths[day - 1]!)

      const rows = await database.rows<StopRow>(sql`
        SELECT i.id, i.name, i.type, g.name AS grid_name, i.address, i.contact_name, i.contact_phone, ST_X(i.position) AS lon, ST_Y(i.position) AS lat
        FROM institutions i LEFT JOIN areas g ON g.id = i.grid_id WHERE i.id IN (${sql.join(
          [0, ...ids].map((id) => sql`${id}`),
          sql`, `,
        )})`)
      const byId = new Map(rows.map((row) => [row.id, row]))
      const stops = ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []))
      const members = await database.rows<{ id: number; name: string; level: number; phone: string | null }>(sql`
        SELECT s.id, s.name, s.level, s.phone FROM team_members m JOIN staff s ON s.id = m.staff_id WHERE m.team_id = ${teamId} ORDER BY s.level, s.id`)

      const fullPhones = can(user, { kind: 'phone.read' }).allowed
      const phone = (value: string | null) => (value === null || fullPhones ? value : maskPhone(value))
      const start = await bureauPosition(database)
      const timing = { startMinute, ...workloadAssumptions }
      const { times, back } = plannedTimes(start, stops, timing)
      const distanceMeters = dayDistanceMeters(start, stops)

      return context.json(
        {
          teamName: rotation.team_name,
          month: month.slice(0, 7),
          zoneName: rotation.zone_name,
          day,
          days: lengths.length,
          firstNumber: skipped + 1,
          members: members
            .map((member) => ({
              name: member.name,
              level: member.level,
              leader: member.id === rotation.leader_staff_id,
              phone: phone(member.phone),
            }))
            .sort((a, b) => Number(b.leader) - Number(a.leader)),
          start: {
            name: `${rotation.district ?? ''}医疗保障局`,
            position: start,
            leaveMinute: startMinute,
            backMinute: back,
          },
          distanceMeters: Math.round(distanceMeters),
          assumptions: workloadAssumptions,
          stops: stops.map((stop, index) => ({
            number: skipped + index + 1,
            id: stop.id,
            name: stop.name,
            type: stop.type,
            gridName: stop.grid_name,
            address: stop.address,
            contactName: stop.contact_name,
            contactPhone: phone(stop.contact_phone),
            position: [stop.lon, stop.lat] as [number, number],
            arriveMinute: times[index]!.arrive,
            leaveMinute: times[index]!.leave,
          })),
        },
        200,
      )
    },
  )
}
