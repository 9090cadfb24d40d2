// A month's round by area: institutions inside a drawn polygon or zone (PostGIS), assigned to a
// team, never to two teams in one round, with workload per team; hidden like the plan.
import { describe, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { apiSuite } from '../support/api-suite.ts'
import { jsonRequest, loginAs } from '../support/test-app.ts'
import { inspectionBody } from '../support/inspection-body.ts'

// Its tests need a pristine county: a fresh copy of the seeded database for each.
const suite = apiSuite({ fresh: 'test' })

const thisMonth = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7)

interface Institution {
  id: number
  gridId: number
  position: [number, number]
}

async function within(body: unknown, cookie?: string): Promise<Response> {
  return suite.app.request('/api/institutions/within', jsonRequest('POST', body, cookie))
}

/** This month's entries: team and target zone. */
async function entries(): Promise<{ team_id: number; target_zone_id: number }[]> {
  return suite.database.rows(
    sql`SELECT team_id, target_zone_id FROM rotations WHERE month = date_trunc('month', now() + interval '8 hours')::date ORDER BY team_id`,
  )
}

describe('POST /api/institutions/within', () => {
  test('a drawn rectangle returns exactly the active institutions inside it, as PostGIS counts them', async () => {
    const polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [115.5, 35.0],
          [115.65, 35.0],
          [115.65, 35.12],
          [115.5, 35.12],
          [115.5, 35.0],
        ],
      ],
    }
    const response = await within({ polygon })
    expect(response.status).toBe(200)
    const found = (await response.json()) as Institution[]
    const [expected] = await suite.database.rows<{ count: number }>(sql`
      SELECT count(*)::int AS count FROM institutions WHERE status = 'active' AND ST_Within(position, ST_MakeEnvelope(115.5, 35.0, 115.65, 35.12, 4326))`)
    expect(found.length).toBe(expected!.count)
    expect(found.length).toBeGreaterThan(10)
    expect(
      found.every(({ position: [lon, lat] }) => lon >= 115.5 && lon <= 115.65 && lat >= 35.0 && lat <= 35.12),
    ).toBe(true)
  })

  test('a zone returns the institutions of its grids', async () => {
    const [zone] = await suite.database.rows<{ id: number; count: number }>(sql`
      SELECT z.id, (SELECT count(*)::int FROM institutions i JOIN areas g ON g.id = i.grid_id WHERE g.parent_id = z.id AND i.status = 'active') AS count
      FROM areas z WHERE z.level = 'zone' ORDER BY z.id LIMIT 1`)
    const found = (await (await within({ zoneIds: [zone!.id] })).json()) as Institution[]
    expect(found).toHaveLength(zone!.count)
  })

  test.each([
    [
      'a self-intersecting ring (bow tie)',
      {
        polygon: {
          type: 'Polygon',
          coordinates: [
            [
              [115.5, 35.0],
              [115.6, 35.1],
              [115.6, 35.0],
              [115.5, 35.1],
              [115.5, 35.0],
            ],
          ],
        },
      },
      'polygon',
    ],
    [
      'an unclosed ring',
      {
        polygon: {
          type: 'Polygon',
          coordinates: [
            [
              [115.5, 35.0],
              [115.6, 35.1],
              [115.6, 35.0],
              [115.5, 35.1],
            ],
          ],
        },
      },
      'polygon.coordinates.0',
    ],
    ['no area at all', {}, 'polygon'],
    [
      'a latitude of 135',
      {
        polygon: {
          type: 'Polygon',
          coordinates: [
            [
              [35.0, 115.5],
              [35.1, 115.6],
              [35.0, 115.6],
              [35.0, 115.5],
            ],
          ],
        },
      },
      'polygon.coordinates.0.0.1',
    ],
    [
      'ten rings of 2,500 points, under 1 MB (no drawing has that many)',
      {
        polygon: {
          type: 'Polygon',
          coordinates: Array.from({ length: 10 }, (_, r) => [
            ...Array.from({ length: 2499 }, (_, i) => [115.5 + r * 0.01 + (i % 2) * 0.005, 35 + i * 0.0001]),
            [115.5 + r * 0.01, 35],
          ]),
        },
      },
      'polygon.coordinates',
    ],
  ])('%s is a 400 problem', async (_, body, path) => {
    const response = await within(body)
    expect(response.status).toBe(400)
    const problem = (await response.json()) as { errors: { path: string }[] }
    expect(problem.errors.map((error) => error.path)).toContain(path)
  })
})

describe('assigning a round', () => {
  test('a supervisor assigns a zone to its team; the same institutions cannot go to a second team; workload follows', async () => {
    const cookie = await loginAs(suite.app, 'supervisor')
    const [first, second] = await entries()
    const zoneInstitutions = (await (await within({ zoneIds: [first!.target_zone_id] })).json()) as Institution[]
    const ids = zoneInstitutions.map((institution) => institution.id)
    const assigned = await suite.app.request(
      `/api/rotations/${first!.team_id}/${thisMonth()}/institutions`,
      jsonRequest('PUT', { institutionIds: ids }, cookie),
    )
    expect(assigned.status).toBe(200)
    expect(((await assigned.json()) as Institution[]).map((institution) => institution.id)).toEqual(ids)

    const clash = await suite.app.request(
      `/api/rotations/${second!.team_id}/${thisMonth()}/institutions`,
      jsonRequest('PUT', { institutionIds: ids.slice(0, 3) }, cookie),
    )
    expect(clash.status).toBe(409)
    expect(((await clash.json()) as { errors: unknown[] }).errors).toHaveLength(3)
    const [secondCount] = await suite.database.rows<{ count: number }>(sql`
      SELECT count(*)::int AS count FROM round_institutions r JOIN rotations o ON o.id = r.rotation_id WHERE o.team_id = ${second!.team_id} AND o.month = ${`${thisMonth()}-01`}::date`)
    expect(secondCount!.count).toBe(0)

    const workload = (await (
      await suite.app.request(`/api/rotations/workload?month=${thisMonth()}`, { headers: { cookie } })
    ).json()) as {
      teams: { teamId: number; institutions: number; estimatedHours: number }[]
    }
    const mine = workload.teams.find((team) => team.teamId === first!.team_id)!
    expect(mine.institutions).toBe(ids.length)
    // At least half an hour per institution, plus travel.
    expect(mine.estimatedHours).toBeGreaterThan(ids.length * 0.5)
  })

  test('grid members cannot see a team’s round before its date; planners cannot assign', async () => {
    const [first] = await entries()
    expect(
      (
        await suite.app.request(`/api/rotations/${first!.team_id}/${thisMonth()}/institutions`, {
          headers: { cookie: await loginAs(suite.app, 'zone1') },
        })
      ).status,
    ).toBe(404)
    expect(
      (
        await suite.app.request(`/api/rotations/${first!.team_id}/${thisMonth()}/institutions`, {
          headers: { cookie: await loginAs(suite.app, 'leader') },
        })
      ).status,
    ).toBe(200)
    const denied = await suite.app.request(
      `/api/rotations/${first!.team_id}/${thisMonth()}/institutions`,
      jsonRequest('PUT', { institutionIds: [] }, await loginAs(suite.app, 'planner')),
    )
    expect(denied.status).toBe(403)
    const unknown = await suite.app.request(
      `/api/rotations/${first!.team_id}/${thisMonth()}/institutions`,
      jsonRequest('PUT', { institutionIds: [999_999] }, await loginAs(suite.app, 'supervisor')),
    )
    expect(unknown.status).toBe(400)
  })
})

describe('the route in the field', () => {
  test('a saved route orders the member’s round; a cross-check recorded on a stop marks it done', async () => {
    const cookie = await loginAs(suite.app, 'supervisor')
    const [supervisorTeam] = await suite.database.rows<{ team_id: number; target_zone_id: number }>(sql`
      SELECT r.team_id, r.target_zone_id FROM rotations r JOIN team_members m ON m.team_id = r.team_id
      JOIN users u ON u.staff_id = m.staff_id AND u.username = 'supervisor'
      WHERE r.month = date_trunc('month', now() + interval '8 hours')::date`)
    const grids = await suite.database.rows<{ id: number }>(
      sql`SELECT id FROM areas WHERE parent_id = ${supervisorTeam!.target_zone_id} ORDER BY id LIMIT 1`,
    )
    const round = ((await (await within({ gridIds: [grids[0]!.id] })).json()) as Institution[]).slice(0, 6)
    const ids = round.map((institution) => institution.id)
    // Another team may hold them from an earlier test: free them first.
    await suite.database.rows(
      sql`DELETE FROM round_institutions WHERE institution_id IN (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`,
    )
    expect(
      (
        await suite.app.request(
          `/api/rotations/${supervisorTeam!.team_id}/${thisMonth()}/institutions`,
          jsonRequest('PUT', { institutionIds: ids }, cookie),
        )
      ).status,
    ).toBe(200)

    const order = [...ids].reverse()
    const partial = await suite.app.request(
      `/api/rotations/${supervisorTeam!.team_id}/${thisMonth()}/route`,
      jsonRequest('PUT', { order: order.slice(1), stopsPerDay: 4 }, cookie),
    )
    expect(partial.status).toBe(400)
    expect(
      (
        await suite.app.request(
          `/api/rotations/${supervisorTeam!.team_id}/${thisMonth()}/route`,
          jsonRequest('PUT', { order, stopsPerDay: 4 }, cookie),
        )
      ).status,
    ).toBe(204)

    type Round = {
      rounds: {
        teamId: number
        stopsPerDay: number
        dayLengths: number[]
        stops: { id: number; position: [number, number]; checkedAt: string | null }[]
      }[]
    }
    const before = (await (await suite.app.request('/api/me/round', { headers: { cookie } })).json()) as Round
    const mine = before.rounds.find((entry) => entry.teamId === supervisorTeam!.team_id)!
    expect(mine.stops.map((stop) => stop.id)).toEqual(order)
    expect(mine.stopsPerDay).toBe(4)
    expect(mine.dayLengths).toEqual([4, 2])
    // Days ended by working hours are saved as planned and the phone splits the same way.
    const uneven = await suite.app.request(
      `/api/rotations/${supervisorTeam!.team_id}/${thisMonth()}/route`,
      jsonRequest('PUT', { order, stopsPerDay: 5, dayLengths: [1, 5] }, cookie),
    )
    expect(uneven.status).toBe(204)
    const wrongSum = await suite.app.request(
      `/api/rotations/${supervisorTeam!.team_id}/${thisMonth()}/route`,
      jsonRequest('PUT', { order, stopsPerDay: 5, dayLengths: [1, 4] }, cookie),
    )
    expect(wrongSum.status).toBe(400)
    const planned = (await (await suite.app.request('/api/me/round', { headers: { cookie } })).json()) as Round
    expect(planned.rounds.find((entry) => entry.teamId === supervisorTeam!.team_id)!.dayLengths).toEqual([1, 5])
    expect(mine.stops.every((stop) => stop.checkedAt === null)).toBe(true)

    const first = mine.stops[0]!
    const posted = await suite.app.request(
      '/api/inspections',
      jsonRequest('POST', inspectionBody(first.id, first.position, { kind: 'cross-check' }), cookie),
    )
    expect(posted.status).toBe(201)
    const after = (await (await suite.app.request('/api/me/round', { headers: { cookie } })).json()) as Round
    const checked = after.rounds.find((entry) => entry.teamId === supervisorTeam!.team_id)!.stops
    expect(checked[0]!.checkedAt).not.toBeNull()
    expect(checked.slice(1).every((stop) => stop.checkedAt === null)).toBe(true)

    // A level-3 member belongs to no team: no round.
    expect(
      (
        (await (
          await suite.app.request('/api/me/round', { headers: { cookie: await loginAs(suite.app, 'member3') } })
        ).json()) as Round
      ).rounds,
    ).toEqual([])
  })
})

describe('the printed route sheet', () => {
  test('one day of the saved route: the team, its members, each stop numbered as on the map with address, contact and planned times', async () => {
    const cookie = await loginAs(suite.app, 'supervisor')
    const [team] = await suite.database.rows<{ team_id: number; target_zone_id: number; name: string }>(sql`
      SELECT r.team_id, r.target_zone_id, t.name FROM rotations r JOIN teams t ON t.id = r.team_id JOIN team_members m ON m.team_id = r.team_id
      JOIN users u ON u.staff_id = m.staff_id AND u.username = 'supervisor'
      WHERE r.month = date_trunc('month', now() + interval '8 hours')::date`)
    const sheetOf = (day: number, as = cookie) =>
      suite.app.request(`/api/rotations/${team!.team_id}/${thisMonth()}/route-sheet?day=${day}`, {
        headers: { cookie: as },
      })
    const grids = await suite.database.rows<{ id: number }>(
      sql`SELECT id FROM areas WHERE parent_id = ${team!.target_zone_id} ORDER BY id LIMIT 1`,
    )
    const ids = ((await (await within({ gridIds: [grids[0]!.id] })).json()) as Institution[])
      .slice(0, 7)
      .map((institution) => institution.id)
    await suite.database.rows(
      sql`DELETE FROM round_institutions WHERE institution_id IN (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`,
    )
    expect(
      (
        await suite.app.request(
          `/api/rotations/${team!.team_id}/${thisMonth()}/institutions`,
          jsonRequest('PUT', { institutionIds: ids }, cookie),
        )
      ).status,
    ).toBe(200)
    // Not planned yet: nothing to print.
    await suite.database.rows(
      sql`UPDATE rotations SET route = NULL WHERE team_id = ${team!.team_id} AND month = date_trunc('month', now() + interval '8 hours')::date`,
    )
    expect((await sheetOf(1)).status).toBe(404)
    const order = [...ids].reverse()
    expect(
      (
        await suite.app.request(
          `/api/rotations/${team!.team_id}/${thisMonth()}/route`,
          jsonRequest('PUT', { order, stopsPerDay: 4 }, cookie),
        )
      ).status,
    ).toBe(204)

    type Sheet = {
      teamName: string
      day: number
      days: number
      firstNumber: number
      members: { name: string; leader: boolean; phone: string | null }[]
      start: { name: string; leaveMinute: number; backMinute: number }
      stops: {
        number: number
        id: number
        name: string
        address: string | null
        contactName: string | null
        contactPhone: string | null
        arriveMinute: number
        leaveMinute: number
      }[]
    }
    const second = await sheetOf(2)
    expect(second.status).toBe(200)
    const sheet = (await second.json()) as Sheet
    expect(sheet.teamName).toBe(team!.name)
    expect([sheet.day, sheet.days, sheet.firstNumber]).toEqual([2, 2, 5])
    expect(sheet.stops.map((stop) => stop.id)).toEqual(order.slice(4))
    expect(sheet.stops.map((stop) => stop.number)).toEqual([5, 6, 7])
    const [institution] = await suite.database.rows<{ address: string | null; contact_name: string | null }>(
      sql`SELECT address, contact_name FROM institutions WHERE id = ${order[4]!}`,
    )
    expect(sheet.stops[0]!.address).toBe(institution!.address)
    expect(sheet.stops[0]!.contactName).toBe(institution!.contact_name)
    // Leaves the bureau at 8:30; each stop after the last, 30 minutes at each; back after the last.
    expect(sheet.start.leaveMinute).toBe(510)
    expect(sheet.stops[0]!.arriveMinute).toBeGreaterThan(510)
    for (const [index, stop] of sheet.stops.entries()) {
      expect(stop.leaveMinute - stop.arriveMinute).toBe(30)
      if (index > 0) expect(stop.arriveMinute).toBeGreaterThanOrEqual(sheet.stops[index - 1]!.leaveMinute)
    }
    expect(sheet.start.backMinute).toBeGreaterThan(sheet.stops.at(-1)!.leaveMinute)
    const [members] = await suite.database.rows<{ count: number }>(
      sql`SELECT count(*)::int AS count FROM team_members WHERE team_id = ${team!.team_id}`,
    )
    expect(sheet.members).toHaveLength(members!.count)
    expect(sheet.members[0]!.leader).toBe(true)
    // A day the route does not have.
    expect((await sheetOf(3)).status).toBe(404)
    // Hidden like the round from a member of another team before the check date (四不两直).
    expect((await sheetOf(1, await loginAs(suite.app, 'zone1'))).status).toBe(404)
  })
})

describe('a balanced split of the month', () => {
  interface Suggestion {
    teams: {
      teamId: number
      institutionIds: number[]
      institutionsBefore: number
      hoursBefore: number
      hoursAfter: number
    }[]
    moves: {
      gridId: number
      gridName: string
      fromTeamId: number
      toTeamId: number
      institutions: number
      reason: string
    }[]
    largestHoursBefore: number
    largestHoursAfter: number
  }
  const held = async () =>
    suite.database.rows<{ team_id: number; institution_id: number }>(sql`
      SELECT o.team_id, r.institution_id FROM round_institutions r JOIN rotations o ON o.id = r.rotation_id
      WHERE r.month = date_trunc('month', now() + interval '8 hours')::date ORDER BY r.institution_id`)

  test('one team holding two zones: whole grids move to the idle team, never into a grid it may not check; saved in one go', async () => {
    const cookie = await loginAs(suite.app, 'supervisor')
    await suite.database.rows(sql`DELETE FROM round_institutions`)
    const [first, second, ...rest] = await entries()
    const busy = (await (
      await within({ zoneIds: [first!.target_zone_id, second!.target_zone_id] })
    ).json()) as Institution[]
    const put = await suite.app.request(
      `/api/rotations/${first!.team_id}/${thisMonth()}/institutions`,
      jsonRequest('PUT', { institutionIds: busy.map((institution) => institution.id) }, cookie),
    )
    expect(put.status).toBe(200)

    const response = await suite.app.request(
      '/api/rotations/split/suggest',
      jsonRequest('POST', { month: thisMonth() }, cookie),
    )
    expect(response.status).toBe(200)
    const suggestion = (await response.json()) as Suggestion
    // Nothing is saved by a suggestion.
    expect((await held()).every((row) => row.team_id === first!.team_id)).toBe(true)
    expect(suggestion.moves.length).toBeGreaterThan(0)
    expect(suggestion.largestHoursAfter).toBeLessThan(suggestion.largestHoursBefore * 0.8)
    const busyTeam = suggestion.teams.find((team) => team.teamId === first!.team_id)!
    expect(busyTeam.institutionsBefore).toBe(busy.length)
    // Every institution of the round exactly once; the other teams start from their target zones.
    const all = suggestion.teams.flatMap((team) => team.institutionIds)
    expect(new Set(all).size).toBe(all.length)
    const others = (await (
      await within({ zoneIds: rest.map((entry) => entry.target_zone_id) })
    ).json()) as Institution[]
    expect(all.length).toBe(busy.length + others.length)
    // Grids moved whole, and never to a team whose home zone or members' grids they are.
    const forbidden = await suite.database.rows<{ team_id: number; grid_id: number }>(sql`
      SELECT t.id AS team_id, g.id AS grid_id FROM teams t JOIN areas g ON g.parent_id = t.home_zone_id
      UNION SELECT m.team_id, a.grid_id FROM team_members m JOIN assignments a ON a.staff_id = m.staff_id AND a.until IS NULL`)
    const gridOf = new Map([...busy, ...others].map((institution) => [institution.id, institution.gridId]))
    for (const team of suggestion.teams)
      for (const id of team.institutionIds)
        expect(forbidden.some((row) => row.team_id === team.teamId && row.grid_id === gridOf.get(id))).toBe(false)
    // Each grid the busy team held ends with one team.
    const teamOf = new Map(
      suggestion.teams.flatMap((team) => team.institutionIds.map((id) => [id, team.teamId] as const)),
    )
    for (const gridId of new Set(busy.map((institution) => institution.gridId)))
      expect(
        new Set(
          busy.filter((institution) => institution.gridId === gridId).map((institution) => teamOf.get(institution.id)),
        ).size,
      ).toBe(1)

    const saved = await suite.app.request(
      '/api/rotations/split',
      jsonRequest(
        'PUT',
        {
          month: thisMonth(),
          teams: suggestion.teams.map(({ teamId, institutionIds }) => ({ teamId, institutionIds })),
        },
        cookie,
      ),
    )
    expect(saved.status).toBe(204)
    const rows = await held()
    expect(rows).toHaveLength(all.length)
    for (const team of suggestion.teams)
      expect(
        rows
          .filter((row) => row.team_id === team.teamId)
          .map((row) => row.institution_id)
          .sort((a, b) => a - b),
      ).toEqual([...team.institutionIds].sort((a, b) => a - b))
    const workload = (await (
      await suite.app.request(`/api/rotations/workload?month=${thisMonth()}`, { headers: { cookie } })
    ).json()) as { teams: { teamId: number; estimatedHours: number }[] }
    expect(Math.max(...workload.teams.map((team) => team.estimatedHours))).toBeLessThan(
      suggestion.largestHoursBefore * 0.8,
    )
  })

  test('a split naming an institution twice, or one another team holds, is refused and changes nothing; planners and grid members may not split', async () => {
    const cookie = await loginAs(suite.app, 'supervisor')
    const [first, second, third] = await entries()
    // Each of three teams holds its target zone.
    for (const entry of [first!, second!, third!]) {
      const inside = (await (await within({ zoneIds: [entry.target_zone_id] })).json()) as Institution[]
      const put = await suite.app.request(
        `/api/rotations/${entry.team_id}/${thisMonth()}/institutions`,
        jsonRequest('PUT', { institutionIds: inside.map((institution) => institution.id) }, cookie),
      )
      expect(put.status).toBe(200)
    }
    const before = await held()
    expect(new Set(before.map((row) => row.team_id)).size).toBe(3)
    const ofTeam = (teamId: number) => before.filter((row) => row.team_id === teamId).map((row) => row.institution_id)
    const twice = await suite.app.request(
      '/api/rotations/split',
      jsonRequest(
        'PUT',
        {
          month: thisMonth(),
          teams: [
            { teamId: first!.team_id, institutionIds: ofTeam(first!.team_id) },
            { teamId: second!.team_id, institutionIds: [...ofTeam(second!.team_id), ofTeam(first!.team_id)[0]!] },
          ],
        },
        cookie,
      ),
    )
    expect(twice.status).toBe(409)
    const thirdsInstitution = ofTeam(third!.team_id)[0]!
    const stolen = await suite.app.request(
      '/api/rotations/split',
      jsonRequest(
        'PUT',
        {
          month: thisMonth(),
          teams: [
            { teamId: first!.team_id, institutionIds: [...ofTeam(first!.team_id), thirdsInstitution] },
            { teamId: second!.team_id, institutionIds: [] },
          ],
        },
        cookie,
      ),
    )
    expect(stolen.status).toBe(409)
    expect(((await stolen.json()) as { detail: string }).detail).toContain(String(thirdsInstitution))
    const unknown = await suite.app.request(
      '/api/rotations/split',
      jsonRequest(
        'PUT',
        { month: thisMonth(), teams: [{ teamId: first!.team_id, institutionIds: [999_999] }] },
        cookie,
      ),
    )
    expect(unknown.status).toBe(400)
    expect(await held()).toEqual(before)
    for (const who of ['planner', 'member3']) {
      expect(
        (
          await suite.app.request(
            '/api/rotations/split/suggest',
            jsonRequest('POST', { month: thisMonth() }, await loginAs(suite.app, who)),
          )
        ).status,
      ).toBe(403)
      expect(
        (
          await suite.app.request(
            '/api/rotations/split',
            jsonRequest(
              'PUT',
              { month: thisMonth(), teams: [{ teamId: first!.team_id, institutionIds: [] }] },
              await loginAs(suite.app, who),
            ),
          )
        ).status,
      ).toBe(403)
    }
    expect(await held()).toEqual(before)
  })
})
