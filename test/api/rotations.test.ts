// Supervision teams' monthly rotation through the API: generated plans, manual edits with the
// rules they break, and the unannounced rule (四不两直) — nobody outside the team, supervisors
// and leadership sees a plan before its date, on any endpoint.
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import type { Database } from '@gridwatch/db'
import { hashPassword } from '@gridwatch/api/auth/password.ts'
import type { WallSummary } from '@gridwatch/domain/wall-summary.ts'
import { openSeededTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { createTestApp, jsonRequest, loginAs } from '../support/test-app.ts'

let testDatabase: TestDatabase
let database: Database
let app: ReturnType<typeof createTestApp>['app']
/** The seeded plan's month (YYYY-MM): the tests run on its 15th, whatever today's date. */
let seededMonth: string
let clock: Date

// Its tests write: each gets its own copy of the seeded database, whatever order they run in.
beforeEach(async () => {
  testDatabase = await openSeededTestDatabase()
  database = testDatabase.database
  const [first] = await database.rows<{ month: string }>(
    sql`SELECT to_char(month, 'YYYY-MM') AS month FROM rotations ORDER BY id LIMIT 1`,
  )
  seededMonth = first!.month
  clock = new Date(`${seededMonth}-15T10:00:00+08:00`)
  ;({ app } = createTestApp(database, { now: () => clock }))
})
afterEach(() => testDatabase.close())

interface Plan {
  keptWithRound?: number
  months: string[]
  zones: { id: number; name: string }[]
  teams: { id: number; homeZoneId: number; memberZoneIds: number[] }[]
  entries: { teamId: number; month: string; zoneId: number; checkDate: string | null }[]
  hiddenEntries: number
  violations: { rule: string; teamId: number; month: string; zoneId: number }[]
}

const thisMonth = () => seededMonth
const nextMonth = () => {
  const [year, month] = seededMonth.split('-').map(Number) as [number, number]
  return new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 7)
}

async function plan(cookie: string, from = thisMonth(), months = 1): Promise<Plan> {
  const response = await app.request(`/api/rotations?from=${from}&months=${months}`, { headers: { cookie } })
  expect(response.status).toBe(200)
  return response.json()
}

/** A level-2 account for one member of a team, made for this test. */
async function accountForTeamMember(teamIndex: number): Promise<{ cookie: string; teamId: number }> {
  const [member] = await database.rows<{ team_id: number; staff_id: number; county_code: string }>(sql`
    SELECT m.team_id, m.staff_id, t.county_code FROM team_members m JOIN teams t ON t.id = m.team_id
    WHERE m.staff_id <> t.leader_staff_id ORDER BY m.team_id, m.staff_id OFFSET ${teamIndex * 2} LIMIT 1`)
  const username = `team-member-${member!.staff_id}`
  await database.rows(sql`
    INSERT INTO users (county_code, username, display_name, password_hash, role, scope_kind, staff_id)
    VALUES (${member!.county_code}, ${username}, '督导组成员', ${await hashPassword('member-password')}, 'grid_member_2', 'district', ${member!.staff_id})
    ON CONFLICT (username) DO NOTHING`)
  const response = await app.request('/api/auth/login', jsonRequest('POST', { username, password: 'member-password' }))
  return { cookie: response.headers.get('set-cookie')!.split(';')[0]!, teamId: member!.team_id }
}

describe('unannounced plans (四不两直)', () => {
  test('supervisors and leaders see this month’s plan; grid members and planners see none of it', async () => {
    for (const username of ['supervisor', 'leader']) {
      const visible = await plan(await loginAs(app, username))
      expect(visible.entries).toHaveLength(4)
      expect(visible.hiddenEntries).toBe(0)
    }
    for (const username of ['member3', 'grid2', 'zone1', 'planner']) {
      const hidden = await plan(await loginAs(app, username))
      expect(hidden.entries).toEqual([])
      expect(hidden.hiddenEntries).toBe(4)
      expect(hidden.violations).toEqual([])
    }
  })

  test('a team member sees their own team’s plan and no other', async () => {
    const { cookie, teamId } = await accountForTeamMember(1)
    const visible = await plan(cookie)
    expect(visible.entries.map((entry) => entry.teamId)).toEqual([teamId])
    expect(visible.hiddenEntries).toBe(3)
  })

  test('the wall summary names target zones only for those who may see them', async () => {
    const leader = (await (
      await app.request('/api/wall/summary', { headers: { cookie: await loginAs(app, 'leader') } })
    ).json()) as WallSummary
    expect(leader.teams.every((team) => team.announced && team.targetZone !== null)).toBe(true)
    const member = (await (
      await app.request('/api/wall/summary', { headers: { cookie: await loginAs(app, 'member3') } })
    ).json()) as WallSummary
    expect(member.teams).toHaveLength(4)
    expect(member.teams.every((team) => !team.announced && team.targetZone === null && team.institutions === 0)).toBe(
      true,
    )
    expect(JSON.stringify(member.teams)).not.toMatch(/片区/)
  })

  test('once the check date has passed, everyone sees the entry', async () => {
    const [entry] = await database.rows<{ id: number; team_id: number }>(
      sql`SELECT id, team_id FROM rotations ORDER BY id LIMIT 1`,
    )
    const [before] = await database.rows<{ check_date: string }>(
      sql`SELECT to_char(check_date, 'YYYY-MM-DD') AS check_date FROM rotations WHERE id = ${entry!.id}`,
    )
    // The clock stands on the 15th: a check on the 14th has passed, the others (month's end) have not.
    await database.rows(sql`UPDATE rotations SET check_date = ${`${seededMonth}-14`}::date WHERE id = ${entry!.id}`)
    try {
      const seen = await plan(await loginAs(app, 'member3'))
      expect(seen.entries.map((visible) => visible.teamId)).toEqual([entry!.team_id])
      // On the check date itself the plan is still unannounced.
      await database.rows(sql`UPDATE rotations SET check_date = ${`${seededMonth}-15`}::date WHERE id = ${entry!.id}`)
      expect((await plan(await loginAs(app, 'member3'))).entries).toEqual([])
    } finally {
      await database.rows(sql`UPDATE rotations SET check_date = ${before!.check_date}::date WHERE id = ${entry!.id}`)
    }
  })
})

describe('planning', () => {
  test('a supervisor generates six months: every team every month, no team at home, each zone once a month', async () => {
    const cookie = await loginAs(app, 'supervisor')
    const response = await app.request(
      '/api/rotations/generate',
      jsonRequest('POST', { from: nextMonth(), months: 6 }, cookie),
    )
    expect(response.status).toBe(200)
    const generated = (await response.json()) as Plan
    expect(generated.entries).toHaveLength(24)
    for (const month of generated.months)
      expect(
        new Set(generated.entries.filter((entry) => entry.month === month).map((entry) => entry.zoneId)).size,
      ).toBe(4)
    const homes = new Map(generated.teams.map((team) => [team.id, team.homeZoneId]))
    expect(generated.entries.every((entry) => entry.zoneId !== homes.get(entry.teamId))).toBe(true)
    expect(
      generated.violations.filter(
        (violation) => violation.rule === 'home-zone' || violation.rule === 'zone-twice-in-month',
      ),
    ).toEqual([])
    expect(generated.keptWithRound).toBe(0)
    expect(await plan(cookie, nextMonth(), 6)).toEqual({ ...generated, keptWithRound: undefined })
    const [audit] = await database.rows<{ count: number }>(
      sql`SELECT count(*)::int AS count FROM audit_log WHERE entity = 'rotation' AND action = 'generate'`,
    )
    expect(audit!.count).toBeGreaterThan(0)
  })

  test('generating again keeps a month whose round is already set, with its institutions', async () => {
    const cookie = await loginAs(app, 'supervisor')
    const first = (await (
      await app.request('/api/rotations/generate', jsonRequest('POST', { from: nextMonth(), months: 6 }, cookie))
    ).json()) as Plan
    expect(first.entries.length).toBeGreaterThan(0)
    const kept = first.entries.find((entry) => entry.month === first.months[1])!
    const [institution] = await database.rows<{ id: number }>(sql`
      SELECT i.id FROM institutions i JOIN areas g ON g.id = i.grid_id WHERE g.parent_id = ${kept.zoneId} AND i.status = 'active' ORDER BY i.id LIMIT 1`)
    const assigned = await app.request(
      `/api/rotations/${kept.teamId}/${kept.month.slice(0, 7)}/institutions`,
      jsonRequest('PUT', { institutionIds: [institution!.id] }, cookie),
    )
    expect(assigned.status).toBe(200)
    // Planning from that month on: the other teams of that month may move, this one stays.
    const again = (await (
      await app.request(
        '/api/rotations/generate',
        jsonRequest('POST', { from: kept.month.slice(0, 7), months: 3 }, cookie),
      )
    ).json()) as Plan
    expect(again.keptWithRound).toBe(1)
    expect(again.entries.find((entry) => entry.teamId === kept.teamId && entry.month === kept.month)!.zoneId).toBe(
      kept.zoneId,
    )
    const round = (await (
      await app.request(`/api/rotations/${kept.teamId}/${kept.month.slice(0, 7)}/institutions`, { headers: { cookie } })
    ).json()) as { id: number }[]
    expect(round.map((entry) => entry.id)).toEqual([institution!.id])
    expect(again.violations.filter((violation) => violation.rule === 'zone-twice-in-month')).toEqual([])
  })

  test('a manual change that sends a team home is saved and its broken rule shown', async () => {
    const cookie = await loginAs(app, 'supervisor')
    const current = await plan(cookie)
    const team = current.teams[0]!
    const response = await app.request(
      `/api/rotations/${team.id}/${thisMonth()}`,
      jsonRequest('PUT', { zoneId: team.homeZoneId }, cookie),
    )
    expect(response.status).toBe(200)
    const changed = (await response.json()) as Plan
    expect(changed.entries.find((entry) => entry.teamId === team.id)!.zoneId).toBe(team.homeZoneId)
    expect(changed.violations).toContainEqual({
      rule: 'home-zone',
      teamId: team.id,
      month: `${thisMonth()}-01`,
      zoneId: team.homeZoneId,
    })
    const original = current.entries.find((entry) => entry.teamId === team.id)!
    await app.request(
      `/api/rotations/${team.id}/${thisMonth()}`,
      jsonRequest('PUT', { zoneId: original.zoneId }, cookie),
    )
  })

  test('planners and grid members may not plan; bad months and zones are 400s; nothing changes', async () => {
    const before = await database.rows(
      sql`SELECT id, team_id, month, target_zone_id, check_date FROM rotations ORDER BY id`,
    )
    for (const username of ['planner', 'member3', 'zone1']) {
      const cookie = await loginAs(app, username)
      expect(
        (await app.request('/api/rotations/generate', jsonRequest('POST', { from: nextMonth(), months: 3 }, cookie)))
          .status,
      ).toBe(403)
    }
    const cookie = await loginAs(app, 'supervisor')
    expect(
      (await app.request('/api/rotations/generate', jsonRequest('POST', { from: '2026-13', months: 3 }, cookie)))
        .status,
    ).toBe(400)
    expect(
      (await app.request('/api/rotations/generate', jsonRequest('POST', { from: nextMonth(), months: 0 }, cookie)))
        .status,
    ).toBe(400)
    const [team] = await database.rows<{ id: number }>(sql`SELECT id FROM teams ORDER BY id LIMIT 1`)
    const badZone = await app.request(
      `/api/rotations/${team!.id}/${thisMonth()}`,
      jsonRequest('PUT', { zoneId: 999_999 }, cookie),
    )
    expect(badZone.status).toBe(400)
    expect((await badZone.json()).errors[0].path).toBe('zoneId')
    expect(
      await database.rows(sql`SELECT id, team_id, month, target_zone_id, check_date FROM rotations ORDER BY id`),
    ).toEqual(before)
    expect((await app.request(`/api/rotations?from=${thisMonth()}&months=1`)).status).toBe(401)
  })
})

describe('teams', () => {
  test('a supervisor creates a team from staff, then changes its members; the rotation sees its home zone', async () => {
    const cookie = await loginAs(app, 'supervisor')
    const staff = (await (await app.request('/api/staff', { headers: { cookie } })).json()) as {
      id: number
      level: number
    }[]
    const members = staff
      .filter((person) => person.level === 2)
      .slice(-3)
      .map((person) => person.id)
    const [zone] = await database.rows<{ id: number }>(
      sql`SELECT id FROM areas WHERE level = 'zone' ORDER BY id DESC LIMIT 1`,
    )
    const created = await app.request(
      '/api/teams',
      jsonRequest(
        'POST',
        { name: '第五督导组', homeZoneId: zone!.id, leaderStaffId: members[0], memberStaffIds: members },
        cookie,
      ),
    )
    expect(created.status).toBe(201)
    const { id } = (await created.json()) as { id: number }
    const teams = (await (await app.request('/api/teams', { headers: { cookie } })).json()) as {
      id: number
      name: string
      homeZoneId: number
      members: { staffId: number }[]
    }[]
    const team = teams.find((candidate) => candidate.id === id)!
    expect(team.name).toBe('第五督导组')
    expect(team.members.map((member) => member.staffId).sort()).toEqual([...members].sort())

    const changed = await app.request(
      `/api/teams/${id}`,
      jsonRequest(
        'PUT',
        { name: '第五督导组', homeZoneId: zone!.id, leaderStaffId: members[1], memberStaffIds: members.slice(1) },
        cookie,
      ),
    )
    expect(changed.status).toBe(200)
    const [count] = await database.rows<{ count: number }>(
      sql`SELECT count(*)::int AS count FROM team_members WHERE team_id = ${id}`,
    )
    expect(count!.count).toBe(2)
    const rotation = (await (
      await app.request(`/api/rotations?from=${thisMonth()}&months=1`, { headers: { cookie } })
    ).json()) as Plan
    expect(rotation.teams.find((candidate) => candidate.id === id)?.homeZoneId).toBe(zone!.id)
    // Leave the demo as it was for the other tests in this file.
    await database.rows(sql`DELETE FROM team_members WHERE team_id = ${id}`)
    await database.rows(sql`DELETE FROM teams WHERE id = ${id}`)
  })

  test('a leader outside the members, an unknown zone or staff member is a 400; grid members may not edit teams', async () => {
    const cookie = await loginAs(app, 'supervisor')
    const [zone] = await database.rows<{ id: number }>(
      sql`SELECT id FROM areas WHERE level = 'zone' ORDER BY id LIMIT 1`,
    )
    const [person] = await database.rows<{ id: number }>(sql`SELECT id FROM staff ORDER BY id LIMIT 1`)
    const [before] = await database.rows<{ count: number }>(sql`SELECT count(*)::int AS count FROM teams`)
    for (const [body, path] of [
      [{ name: 'x', homeZoneId: zone!.id, leaderStaffId: 999_999, memberStaffIds: [person!.id] }, 'leaderStaffId'],
      [{ name: 'x', homeZoneId: 999_999, leaderStaffId: person!.id, memberStaffIds: [person!.id] }, 'homeZoneId'],
      [{ name: 'x', homeZoneId: zone!.id, leaderStaffId: 999_998, memberStaffIds: [999_998] }, 'memberStaffIds'],
    ] as const) {
      const response = await app.request('/api/teams', jsonRequest('POST', body, cookie))
      expect(response.status).toBe(400)
      expect(((await response.json()) as { errors: { path: string }[] }).errors.map((error) => error.path)).toContain(
        path,
      )
    }
    const denied = await app.request(
      '/api/teams',
      jsonRequest(
        'POST',
        { name: 'x', homeZoneId: zone!.id, leaderStaffId: person!.id, memberStaffIds: [person!.id] },
        await loginAs(app, 'zone1'),
      ),
    )
    expect(denied.status).toBe(403)
    expect((await app.request('/api/staff', { headers: { cookie: await loginAs(app, 'member3') } })).status).toBe(403)
    const [after] = await database.rows<{ count: number }>(sql`SELECT count(*)::int AS count FROM teams`)
    expect(after!.count).toBe(before!.count)
  })
})
