// Complaint clues (举报线索) on both runtimes: taken in by the bureau with the county's time limit,
// assigned to a level-2 member who links the inspections and ledger items of the investigation,
// concluded with a finding and (for a named complainant) the reply; overdue once past the limit.
// Refusals write nothing. The complainant: readable only by a designated clue handler, each read
// audited — and absent from every other answer of every GET route in /api/openapi.json for every
// account (the handler's included), from the exports, the live events, the audit rows, the kept
// idempotent answers, the server's log and the error messages.
import { beforeAll, beforeEach, describe, expect, test, vi } from 'vitest'
import { sql } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import type { LiveEvent } from '@gridwatch/api/platform/events.ts'
import { demoPasswords } from '@gridwatch/api/demo/demo-accounts.ts'
import { apiSuite } from '../support/api-suite.ts'
import { loginAs } from '../support/test-app.ts'
import { bureauWeekdayAfterSeed } from '../support/reference-time.ts'
import { dueAfterDays } from '@gridwatch/domain/bureau-calendar.ts'

const dayMilliseconds = 86_400_000
let clock = bureauWeekdayAfterSeed(3, '10:00')
let published: LiveEvent[]
const cookies = new Map<string, string>()
/** The clock when the cookies were made: after hours away (the tests move the clock) people log in again, as sessions end after 30 idle minutes. */
let cookiesMadeAt = clock.getTime()

interface Clue {
  id: number
  institutionId: number | null
  status: string
  anonymous: boolean
  dueAt: string
  daysLeft: number
  overdue: boolean
  assignedStaff: { id: number; name: string } | null
  finding: string | null
  reply: string | null
  links: { kind: string; id: number }[]
  actions: string[]
}

beforeEach(() => {
  clock = bureauWeekdayAfterSeed(3, '10:00')
  cookies.clear()
  cookiesMadeAt = clock.getTime()
})
// One copy of the seeded database for the file: each test makes or finds its own data.
const suite = apiSuite({ now: () => clock })
beforeAll(() => {
  published = []
  suite.events.subscribe((event) => published.push(event))
})

async function call<T>(
  username: string | null,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T; text: string; type: string }> {
  if (clock.getTime() - cookiesMadeAt > 20 * 60_000 || clock.getTime() < cookiesMadeAt) {
    cookies.clear()
    cookiesMadeAt = clock.getTime()
  }
  if (username && !cookies.has(username)) cookies.set(username, await loginAs(suite.app, username))
  const response = await suite.app.request(path, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(username ? { cookie: cookies.get(username)! } : {}),
      ...headers,
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  })
  const type = response.headers.get('content-type') ?? ''
  if (type.includes('spreadsheetml')) {
    // An export: every cell's text, so a name in any sheet is found.
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await response.arrayBuffer())
    const cells: string[] = []
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => void cells.push(String(cell.text)))))
    return { status: response.status, body: null as T, text: cells.join('\n'), type }
  }
  if (type.startsWith('image/') || type.includes('octet-stream') || type.includes('protobuf')) {
    return {
      status: response.status,
      body: null as T,
      text: Buffer.from(await response.arrayBuffer()).toString('latin1'),
      type,
    }
  }
  const text = await response.text()
  const parsed = (() => {
    try {
      return JSON.parse(text) as unknown
    } catch {
      return null
    }
  })()
  return { status: response.status, body: parsed as T, text, type }
}

const count = async (table: string) =>
  Number((await suite.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`))[0]!.n)

/** An institution of 天中街道 with a weekly visit on record, and the staff id of grid2b (its level-2 member). */
async function setting() {
  const [row] = await suite.database.rows<{ institution_id: number; inspection_id: number }>(sql`
    SELECT n.institution_id, n.id AS inspection_id FROM inspections n JOIN institutions i ON i.id = n.institution_id JOIN areas g ON g.id = i.grid_id
    WHERE g.name = '天中街道' ORDER BY n.id LIMIT 1`)
  const [other] = await suite.database.rows<{ id: number }>(
    sql`SELECT id FROM ledger_items WHERE institution_id <> ${row!.institution_id} ORDER BY id LIMIT 1`,
  )
  const [grid2b] = await suite.database.rows<{ staff_id: number }>(
    sql`SELECT staff_id FROM users WHERE username = 'grid2b'`,
  )
  return {
    institutionId: row!.institution_id,
    inspectionId: row!.inspection_id,
    foreignLedgerItemId: other!.id,
    grid2bStaffId: grid2b!.staff_id,
  }
}

const secret = { name: '保密举报人甲乙丙', phone: '13912345678', address: '举报人住址幸福路九十九号' }

describe('complaint clues', () => {
  test('taken in with the time limit, assigned to a level-2 member who links the investigation, concluded with the reply', async () => {
    const place = await setting()
    const taken = await call<Clue>('supervisor', 'POST', '/api/clues', {
      channel: 'hotline',
      summary: '反映该卫生室挂床住院',
      institutionId: place.institutionId,
      complainant: secret,
    })
    expect(taken.status).toBe(201)
    expect(taken.body).toMatchObject({
      status: 'received',
      anonymous: false,
      institutionId: place.institutionId,
      overdue: false,
      daysLeft: 30,
      actions: ['assign'],
    })
    // Due by the end of the bureau's day thirty days on.
    expect(taken.body.dueAt).toBe(dueAfterDays(clock, 30).toISOString())
    const id = taken.body.id

    // Not yet assigned: grid2b does not see it; assigning to a level-3 member is refused.
    expect((await call('grid2b', 'GET', `/api/clues/${id}`)).status).toBe(404)
    const [level3] = await suite.database.rows<{ staff_id: number }>(
      sql`SELECT staff_id FROM users WHERE username = 'member3'`,
    )
    expect((await call('supervisor', 'POST', `/api/clues/${id}/assign`, { staffId: level3!.staff_id })).status).toBe(
      422,
    )
    expect(
      (await call('supervisor', 'POST', `/api/clues/${id}/assign`, { staffId: place.grid2bStaffId, teamId: 1 })).status,
    ).toBe(400)
    // Sent twice with one Idempotency-Key (a double click, a retry): one assignment, the same answer.
    const assigned = await call<Clue>(
      'supervisor',
      'POST',
      `/api/clues/${id}/assign`,
      { staffId: place.grid2bStaffId },
      { 'idempotency-key': 'assign-once' },
    )
    expect(assigned.status).toBe(200)
    expect(
      (
        await call<Clue>(
          'supervisor',
          'POST',
          `/api/clues/${id}/assign`,
          { staffId: place.grid2bStaffId },
          { 'idempotency-key': 'assign-once' },
        )
      ).body,
    ).toEqual(assigned.body)
    expect(assigned.body).toMatchObject({ status: 'investigating', assignedStaff: { id: place.grid2bStaffId } })

    // The assigned member sees it and links the investigation; another level-2 member does not.
    expect((await call<{ clues: Clue[] }>('grid2b', 'GET', '/api/clues')).body.clues.map((clue) => clue.id)).toContain(
      id,
    )
    expect(
      (await call<{ clues: Clue[] }>('grid2', 'GET', '/api/clues')).body.clues.map((clue) => clue.id),
    ).not.toContain(id)
    expect((await call('grid2', 'GET', `/api/clues/${id}`)).status).toBe(404)
    expect((await call('grid2', 'POST', `/api/clues/${id}/links`, { inspectionId: place.inspectionId })).status).toBe(
      404,
    )
    const linked = await call<Clue>('grid2b', 'POST', `/api/clues/${id}/links`, { inspectionId: place.inspectionId })
    expect(linked.status).toBe(200)
    expect(linked.body.links).toEqual([expect.objectContaining({ kind: 'inspection', id: place.inspectionId })])
    expect((await call('grid2b', 'POST', `/api/clues/${id}/links`, { inspectionId: place.inspectionId })).status).toBe(
      409,
    )
    const foreign = await call<{ type: string }>('grid2b', 'POST', `/api/clues/${id}/links`, {
      ledgerItemId: place.foreignLedgerItemId,
    })
    expect(foreign.status).toBe(422)
    expect(foreign.type).toContain('problem+json')
    // The member investigates; the bureau concludes.
    expect(linked.body.actions).not.toContain('conclude')
    expect(
      (await call('grid2b', 'POST', `/api/clues/${id}/conclude`, { finding: 'unfounded', conclusion: '不属实' }))
        .status,
    ).toBe(403)

    // A named complainant is owed a reply.
    const noReply = await call<{ errors: { path: string }[] }>('supervisor', 'POST', `/api/clues/${id}/conclude`, {
      finding: 'substantiated',
      conclusion: '经查属实，已移交稽核',
    })
    expect(noReply.status).toBe(422)
    expect(noReply.body.errors[0]!.path).toBe('reply')
    clock = new Date(clock.getTime() + 4 * 3_600_000)
    const concluded = await call<Clue>('supervisor', 'POST', `/api/clues/${id}/conclude`, {
      finding: 'substantiated',
      conclusion: '经查属实，已移交稽核',
      reply: '已电话答复举报人',
    })
    expect(concluded.status).toBe(200)
    expect(concluded.body).toMatchObject({
      status: 'concluded',
      finding: 'substantiated',
      reply: '已电话答复举报人',
      overdue: false,
      actions: [],
    })
    expect(
      (
        await call('supervisor', 'POST', `/api/clues/${id}/conclude`, {
          finding: 'substantiated',
          conclusion: '再次',
          reply: 'x',
        })
      ).status,
    ).toBe(409)
    expect((await call('supervisor', 'POST', `/api/clues/${id}/assign`, { staffId: place.grid2bStaffId })).status).toBe(
      409,
    )
    const audit = await suite.database.rows<{ action: string }>(
      sql`SELECT action FROM audit_log WHERE entity = 'clue' AND entity_id = ${String(id)} ORDER BY id`,
    )
    expect(audit.map((row) => row.action)).toEqual(['create', 'assign', 'link', 'conclude'])
  })

  test('past its time limit a clue is overdue and listed as such; an anonymous clue concludes without a reply', async () => {
    const place = await setting()
    // Received five days and an hour ago; thirty days to conclude it: due by the end of that day.
    const receivedAt = new Date(clock.getTime() - 5 * dayMilliseconds - 3_600_000)
    const dueAt = dueAfterDays(receivedAt, 30)
    const taken = await call<Clue>('leader', 'POST', '/api/clues', {
      channel: 'letter',
      summary: '匿名来信反映串换药品',
      institutionId: place.institutionId,
      receivedAt: receivedAt.toISOString(),
    })
    expect(taken.body).toMatchObject({ anonymous: true, dueAt: dueAt.toISOString() })
    expect((await suite.database.rows(sql`SELECT 1 FROM clue_reporters WHERE clue_id = ${taken.body.id}`)).length).toBe(
      0,
    )
    // An hour into the next day: one calendar day late.
    clock = new Date(dueAt.getTime() + 3_600_000)
    const overdue = await call<{ clues: Clue[] }>('supervisor', 'GET', '/api/clues?overdue=true')
    expect(overdue.body.clues.find((clue) => clue.id === taken.body.id)).toMatchObject({ overdue: true, daysLeft: -1 })
    expect(overdue.body.clues.every((clue) => clue.overdue)).toBe(true)
    await call('supervisor', 'POST', `/api/clues/${taken.body.id}/assign`, { staffId: place.grid2bStaffId })
    const concluded = await call<Clue>('supervisor', 'POST', `/api/clues/${taken.body.id}/conclude`, {
      finding: 'unfounded',
      conclusion: '经查不属实',
    })
    expect(concluded.body).toMatchObject({ status: 'concluded', reply: null, overdue: true })
  })

  test('who may take, assign and read clues; bad input is a problem+json and writes nothing', async () => {
    const place = await setting()
    const before = await count('clues')
    const reportersBefore = await count('clue_reporters')
    const body = { channel: 'online', summary: '网上举报', institutionId: place.institutionId, complainant: secret }
    for (const username of ['member3', 'zone1', 'grid2b', 'planner', 'admin'])
      expect((await call(username, 'POST', '/api/clues', body)).status, username).toBe(403)
    for (const username of ['member3', 'planner', 'admin'])
      expect((await call(username, 'GET', '/api/clues')).status, username).toBe(403)
    expect((await call(null, 'GET', '/api/clues')).status).toBe(401)
    const empty = await call<{ type: string; errors: { path: string }[] }>('supervisor', 'POST', '/api/clues', {
      ...body,
      summary: '  ',
    })
    expect(empty.status).toBe(400)
    expect(empty.type).toContain('problem+json')
    expect((await call('supervisor', 'POST', '/api/clues', { ...body, channel: 'pigeon' })).status).toBe(400)
    expect((await call('supervisor', 'POST', '/api/clues', { ...body, institutionId: 2147483000 })).status).toBe(422)
    expect(
      (
        await call('supervisor', 'POST', '/api/clues', {
          ...body,
          receivedAt: new Date(clock.getTime() + 30 * dayMilliseconds).toISOString(),
        })
      ).status,
    ).toBe(422)
    expect(await count('clues')).toBe(before)
    expect(await count('clue_reporters')).toBe(reportersBefore)
    const [existing] = await suite.database.rows<{ id: number }>(sql`SELECT id FROM clues ORDER BY id LIMIT 1`)
    for (const username of ['grid2', 'zone1', 'member3'])
      expect(
        (await call(username, 'POST', `/api/clues/${existing!.id}/assign`, { staffId: place.grid2bStaffId })).status,
        username,
      ).toBe(403)
  })

  test('the complainant: only the designated handler reads them, each read audited', async () => {
    const place = await setting()
    const taken = await call<Clue>('supervisor', 'POST', '/api/clues', {
      channel: 'visit',
      summary: '来访举报',
      institutionId: place.institutionId,
      complainant: secret,
    })
    for (const username of ['supervisor', 'leader', 'grid2b', 'member3', 'admin', 'planner']) {
      const refused = await call(username, 'GET', `/api/clues/${taken.body.id}/complainant`)
      expect(refused.status, username).toBe(403)
      expect(refused.text).not.toContain(secret.name)
    }
    const read = await call<{ name: string; phone: string; address: string; anonymous: boolean }>(
      'handler',
      'GET',
      `/api/clues/${taken.body.id}/complainant`,
    )
    expect(read.status).toBe(200)
    expect(read.body).toEqual({ clueId: taken.body.id, anonymous: false, ...secret })
    await call('handler', 'GET', `/api/clues/${taken.body.id}/complainant`)
    const reads = await suite.database.rows<{ username: string }>(
      sql`SELECT username FROM audit_log WHERE action = 'read-complainant' AND entity_id = ${String(taken.body.id)}`,
    )
    expect(reads.map((row) => row.username)).toEqual(['handler', 'handler'])
    expect((await call('handler', 'GET', '/api/clues/2147483000/complainant')).status).toBe(404)
  })

  test('the complainant appears nowhere else: every GET route for every account, exports, events, audit rows, kept answers, logs and errors', async () => {
    const logged: string[] = []
    const keep = (...parts: unknown[]) =>
      void logged.push(
        parts
          .map((part) =>
            part instanceof Error
              ? `${part.message} ${part.stack}`
              : typeof part === 'string'
                ? part
                : JSON.stringify(part),
          )
          .join(' '),
      )
    const spies = [
      vi.spyOn(console, 'error').mockImplementation(keep),
      vi.spyOn(console, 'log').mockImplementation(keep),
      vi.spyOn(console, 'warn').mockImplementation(keep),
    ]
    try {
      const place = await setting()
      const taken = await call<Clue>(
        'handler',
        'POST',
        '/api/clues',
        { channel: 'hotline', summary: '电话举报挂床住院', institutionId: place.institutionId, complainant: secret },
        { 'idempotency-key': 'secret-sweep-1' },
      )
      expect(taken.status).toBe(201)
      await call(
        'handler',
        'POST',
        '/api/clues',
        { channel: 'hotline', summary: '电话举报挂床住院', institutionId: place.institutionId, complainant: secret },
        { 'idempotency-key': 'secret-sweep-1' },
      )
      await call('handler', 'POST', `/api/clues/${taken.body.id}/assign`, { staffId: place.grid2bStaffId })
      // Error messages: a name too long, a body that is not JSON.
      const tooLong = await call('handler', 'POST', '/api/clues', {
        channel: 'hotline',
        summary: 'x',
        complainant: { ...secret, name: secret.name.repeat(20) },
      })
      expect(tooLong.status).toBe(400)
      const broken = await call(
        'handler',
        'POST',
        '/api/clues',
        `{"channel":"hotline","summary":"x","complainant":{"name":"${secret.name}"`,
      )
      expect(broken.status).toBe(400)
      const errors = [tooLong.text, broken.text]

      const [grid] = await suite.database.rows<{ id: number }>(
        sql`SELECT grid_id AS id FROM institutions WHERE id = ${place.institutionId}`,
      )
      const [ledgerItem] = await suite.database.rows<{ id: number }>(
        sql`SELECT id FROM ledger_items ORDER BY id LIMIT 1`,
      )
      const [riskReport] = await suite.database.rows<{ id: number }>(
        sql`SELECT id FROM risk_reports ORDER BY id LIMIT 1`,
      )
      const [team] = await suite.database.rows<{ id: number }>(sql`SELECT id FROM teams ORDER BY id LIMIT 1`)
      const idFor = (path: string): number =>
        path.startsWith('/api/clues')
          ? taken.body.id
          : path.startsWith('/api/institutions')
            ? place.institutionId
            : path.startsWith('/api/grids')
              ? grid!.id
              : path.startsWith('/api/ledger-items')
                ? ledgerItem!.id
                : path.startsWith('/api/risk-reports')
                  ? riskReport!.id
                  : 1
      const document = (
        await call<{ paths: Record<string, Record<string, unknown>> }>(null, 'GET', '/api/openapi.json')
      ).body
      const routes = Object.entries(document.paths)
        .filter(
          ([path, methods]) => 'get' in methods && path !== '/api/events' && path !== '/api/clues/{id}/complainant',
        )
        .map(([path]) =>
          path
            .replace('{id}', String(idFor(path)))
            .replace('{teamId}', String(team!.id))
            .replace('{month}', '2026-11')
            .replace('{size}', 'thumbnail'),
        )
      expect(routes).toContain(`/api/clues/${taken.body.id}`)
      expect(routes.length).toBeGreaterThan(30)
      const answers: { who: string; route: string; status: number; text: string }[] = []
      for (const username of [null, ...Object.keys(demoPasswords)])
        for (const route of routes) {
          const answer = await call(username, 'GET', route)
          answers.push({ who: username ?? 'anonymous', route, status: answer.status, text: answer.text })
        }
      // The sweep reached the clue itself for those who may read it.
      expect(
        answers
          .filter((answer) => answer.route === `/api/clues/${taken.body.id}` && answer.status === 200)
          .map((answer) => answer.who)
          .sort(),
      ).toEqual(['grid2b', 'handler', 'leader', 'supervisor'])
      expect(
        answers.filter(
          (answer) =>
            answer.route.startsWith('/api/grids/') && answer.route.endsWith('/records') && answer.status === 200,
        ).length,
      ).toBeGreaterThan(0)

      const [audit] = await suite.database.rows<{ text: string }>(
        sql`SELECT coalesce(string_agg(a::text, ' '), '') AS text FROM audit_log a`,
      )
      const [kept] = await suite.database.rows<{ text: string }>(
        sql`SELECT coalesce(string_agg(k.response_body::text, ' '), '') AS text FROM idempotency_keys k`,
      )
      const places = [
        ...answers.map((answer) => ({ where: `${answer.who} GET ${answer.route}`, text: answer.text })),
        { where: 'live events', text: JSON.stringify(published) },
        { where: 'audit log', text: audit!.text },
        { where: 'kept idempotent answers', text: kept!.text },
        { where: 'server log', text: logged.join('\n') },
        ...errors.map((text, index) => ({ where: `error ${index}`, text })),
      ]
      const found = places
        .filter((place) => [secret.name, secret.phone, secret.address].some((marker) => place.text.includes(marker)))
        .map((place) => place.where)
      expect(found).toEqual([])
      // …while the complainant is still there for the handler.
      expect(
        (await call<{ name: string }>('handler', 'GET', `/api/clues/${taken.body.id}/complainant`)).body.name,
      ).toBe(secret.name)
    } finally {
      for (const spy of spies) spy.mockRestore()
    }
  }, 240_000)
})
