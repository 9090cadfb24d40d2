// Contact posters and the public contact page on both runtimes: a grid's posters name each active
// institution's level-3 member (assigned to it) and the grid's level-2 and level-1 members with
// full phone numbers and the hotline, for the people who keep the grid's records only; the public
// page answers without sign-in; a clue sent from it lands in the clue ledger, anonymous unless a
// name is given, and bad input writes nothing.
import { beforeAll, describe, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { apiSuite } from '../support/api-suite.ts'
import { publicCluesPerTenMinutes } from '@gridwatch/api/posters/posters.endpoints.ts'
import { createTestApp, jsonRequest, loginAs } from '../support/test-app.ts'

let gridId: number

interface Poster {
  institutionId: number
  institutionName: string
  gridName: string
  level3: { name: string; phone: string | null }[]
  level2: { name: string; phone: string | null }[]
  level1: { name: string; phone: string | null }[]
  hotline: string
}

// One copy of the seeded database for the file: each test makes or finds its own data.
const suite = apiSuite()
beforeAll(async () => {
  gridId = (
    await suite.database.rows<{ id: number }>(sql`SELECT id FROM areas WHERE level = 'grid' AND name = '天中街道'`)
  )[0]!.id
})

const get = async <T>(path: string, username?: string) => {
  const response = await suite.app.request(
    path,
    username ? { headers: { cookie: await loginAs(suite.app, username) } } : {},
  )
  return { status: response.status, body: (await response.json()) as T }
}
const count = async (table: string) =>
  Number((await suite.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`))[0]!.n)

describe('contact posters', () => {
  test('a grid’s posters name the right people with full numbers, for those who keep its records', async () => {
    const answer = await get<{ gridName: string; posters: Poster[] }>(`/api/grids/${gridId}/posters`, 'grid2b')
    expect(answer.status).toBe(200)
    const active = await suite.database.rows<{ id: number }>(
      sql`SELECT id FROM institutions WHERE grid_id = ${gridId} AND status = 'active'`,
    )
    expect(answer.body.posters.map((poster) => poster.institutionId).sort((a, b) => a - b)).toEqual(
      active.map((row) => row.id).sort((a, b) => a - b),
    )
    // Recomputed from the assignments for one institution.
    const poster = answer.body.posters[0]!
    const expected = await suite.database.rows<{ level: number; name: string; phone: string }>(sql`
      SELECT s.level, s.name, s.phone FROM assignments a JOIN staff s ON s.id = a.staff_id
      WHERE a.until IS NULL AND (a.institution_id = ${poster.institutionId} OR (a.institution_id IS NULL AND a.grid_id = ${gridId})) ORDER BY s.id`)
    expect(poster.level3.map((person) => person.name).sort()).toEqual(
      expected
        .filter((row) => row.level === 3)
        .map((row) => row.name)
        .sort(),
    )
    expect(poster.level2.map((person) => person.name).sort()).toEqual(
      expected
        .filter((row) => row.level === 2)
        .map((row) => row.name)
        .sort(),
    )
    expect(poster.level1.map((person) => person.name).sort()).toEqual(
      expected
        .filter((row) => row.level === 1)
        .map((row) => row.name)
        .sort(),
    )
    expect(poster.level3.length).toBeGreaterThan(0)
    expect(poster.level2[0]!.phone).toMatch(/^1\d{10}$/)
    expect(poster.hotline).toBe('12393')
    for (const username of ['leader', 'supervisor', 'zone1'])
      expect((await get(`/api/grids/${gridId}/posters`, username)).status, username).toBe(200)
    for (const username of ['member3', 'grid2', 'planner'])
      expect((await get(`/api/grids/${gridId}/posters`, username)).status, username).toBe(403)
    expect((await get('/api/grids/2147483000/posters', 'leader')).status).toBe(404)
  })

  test('the public page needs no sign-in; a clue sent from it is in the ledger, anonymous unless named', async () => {
    const [institution] = await suite.database.rows<{ id: number }>(
      sql`SELECT id FROM institutions WHERE grid_id = ${gridId} AND status = 'active' ORDER BY id LIMIT 1`,
    )
    const page = await get<Poster>(`/api/public/contacts/${institution!.id}`)
    expect(page.status).toBe(200)
    expect(page.body.institutionId).toBe(institution!.id)
    expect((await get('/api/public/contacts/2147483000')).status).toBe(404)

    const clues = await count('clues')
    const reporters = await count('clue_reporters')
    const anonymous = await suite.app.request(
      '/api/public/clues',
      jsonRequest('POST', { institutionId: institution!.id, summary: '医生让我把别人的药记在我的医保卡上' }),
    )
    expect(anonymous.status).toBe(201)
    const { reference } = (await anonymous.json()) as { reference: number }
    const named = await suite.app.request(
      '/api/public/clues',
      jsonRequest('POST', {
        institutionId: institution!.id,
        summary: '住院一天按三天结算',
        name: '李公开',
        phone: '13700002222',
      }),
    )
    expect(named.status).toBe(201)
    expect(await named.text()).not.toContain('李公开')
    const rows = await suite.database.rows<{
      id: number
      channel: string
      anonymous: boolean
      received_by: number | null
      status: string
      name: string | null
    }>(sql`
      SELECT c.id, c.channel, c.anonymous, c.received_by, c.status, r.name FROM clues c LEFT JOIN clue_reporters r ON r.clue_id = c.id WHERE c.id >= ${reference} ORDER BY c.id`)
    expect(rows.map(({ id: _id, ...row }) => row)).toEqual([
      { channel: 'online', anonymous: true, received_by: null, status: 'received', name: null },
      { channel: 'online', anonymous: false, received_by: null, status: 'received', name: '李公开' },
    ])
    // The bureau sees both in its ledger.
    const ledger = await get<{ clues: { id: number }[] }>('/api/clues', 'supervisor')
    expect(ledger.body.clues.map((clue) => clue.id)).toEqual(expect.arrayContaining(rows.map((row) => row.id)))

    // Bad input: nothing written.
    expect(
      (
        await suite.app.request(
          '/api/public/clues',
          jsonRequest('POST', { institutionId: institution!.id, summary: ' ' }),
        )
      ).status,
    ).toBe(400)
    expect(
      (await suite.app.request('/api/public/clues', jsonRequest('POST', { institutionId: 2147483000, summary: 'x' })))
        .status,
    ).toBe(422)
    const huge = await suite.app.request(
      '/api/public/clues',
      jsonRequest('POST', { institutionId: institution!.id, summary: 'x'.repeat(40_000) }),
    )
    expect(huge.status).toBe(413)
    expect(huge.headers.get('content-type')).toContain('problem+json')
    expect(await count('clues')).toBe(clues + 2)
    expect(await count('clue_reporters')).toBe(reporters + 1)
  })

  test('one address may send ten clues in ten minutes; the next is a 429 with Retry-After and writes nothing', async () => {
    const [institution] = await suite.database.rows<{ id: number }>(
      sql`SELECT id FROM institutions WHERE grid_id = ${gridId} AND status = 'active' ORDER BY id LIMIT 1`,
    )
    const fresh = createTestApp(suite.database).app
    const send = () =>
      fresh.request(
        '/api/public/clues',
        jsonRequest('POST', { institutionId: institution!.id, summary: '同一地址反复提交' }),
      )
    for (let sent = 0; sent < publicCluesPerTenMinutes; sent++) expect((await send()).status).toBe(201)
    const clues = await count('clues')
    const refused = await send()
    expect(refused.status).toBe(429)
    expect(refused.headers.get('content-type')).toContain('problem+json')
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await count('clues')).toBe(clues)
    // Another server's counts are its own: the limit is per address and per running server.
    expect(
      (
        await createTestApp(suite.database).app.request(
          '/api/public/clues',
          jsonRequest('POST', { institutionId: institution!.id, summary: '另一台服务器' }),
        )
      ).status,
    ).toBe(201)
  })
})
