// Two counties in one database (a city or province deployment): a county bureau's people see,
// write and hear of their own county only; a province-wide account sees both. The second county
// is built by the test (test/support/builders.ts); the first is the demo's 定陶区 (371703).
import { describe, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { apiSuite } from '../support/api-suite.ts'
import { jsonRequest, loginAs } from '../support/test-app.ts'
import { buildCounty, buildInstitution, buildUser, type BuiltCounty } from '../support/builders.ts'
import { inspectionBody } from '../support/inspection-body.ts'

let other: BuiltCounty
let otherInstitution: { id: number }
const otherLeader = { username: 'mudan-leader', password: 'mudan-leader-password' }
const otherMember = { username: 'mudan-member2', password: 'mudan-member2-password' }
const provinceLeader = { username: 'province-leader', password: 'province-leader-password' }

async function login(account: { username: string; password: string }): Promise<string> {
  const response = await suite.app.request('/api/auth/login', jsonRequest('POST', account))
  expect(response.status).toBe(200)
  return response.headers.get('set-cookie')!.split(';')[0]!
}
const get = async (path: string, cookie: string) => suite.app.request(path, { headers: { cookie } })
const idsOf = async (path: string, cookie: string) =>
  (
    (await (await get(path, cookie)).json()) as { features: { id?: number; properties: { id: number } }[] }
  ).features.map((feature) => feature.properties.id)

// One copy of the seeded database for the file, with the second county built before the app is
// made over it (its institution layer reads them at start).
const suite = apiSuite({
  async prepare(database) {
    other = await buildCounty(database, { countyCode: '371702', name: '牡丹区', centre: [115.42, 35.25] })
    otherInstitution = await buildInstitution(database, {
      countyCode: other.countyCode,
      gridId: other.gridId,
      position: other.centre,
      name: '牡丹测试村卫生室',
    })
    await buildUser(database, {
      countyCode: other.countyCode,
      role: 'leader',
      scopeKind: 'district',
      scopeAreaId: other.districtId,
      ...otherLeader,
    })
    await buildUser(database, {
      countyCode: other.countyCode,
      role: 'grid_member_2',
      scopeKind: 'grid',
      scopeAreaId: other.gridId,
      ...otherMember,
    })
    await buildUser(database, {
      countyCode: '37',
      role: 'leader',
      scopeKind: 'district',
      scopeAreaId: null,
      ...provinceLeader,
    })
  },
})

describe('reading', () => {
  test('each county bureau sees its own institutions and grids; the province sees both', async () => {
    const dingtao = await loginAs(suite.app, 'leader')
    const [{ count: dingtaoCount }] = (await suite.database.rows<{ count: number }>(
      sql`SELECT count(*)::int AS count FROM institutions WHERE county_code = '371703'`,
    )) as [{ count: number }]

    const seenByDingtao = await idsOf('/api/institutions', dingtao)
    expect(seenByDingtao).toHaveLength(dingtaoCount)
    expect(seenByDingtao).not.toContain(otherInstitution.id)
    expect((await get(`/api/institutions/${otherInstitution.id}`, dingtao)).status).toBe(404)
    expect(await idsOf('/api/areas?level=grid', dingtao)).not.toContain(other.gridId)
    expect((await idsOf(`/api/areas?level=grid&county=${other.countyCode}`, dingtao)).length).toBe(0)
    const search = (await (
      await get(`/api/institutions/search?q=${encodeURIComponent('牡丹测试')}`, dingtao)
    ).json()) as { id: number }[]
    expect(search.map((entry) => entry.id)).not.toContain(otherInstitution.id)
    const within = (await (
      await suite.app.request(
        '/api/institutions/within',
        jsonRequest(
          'POST',
          {
            polygon: {
              type: 'Polygon',
              coordinates: [
                [
                  [115.3, 35.1],
                  [115.6, 35.1],
                  [115.6, 35.4],
                  [115.3, 35.4],
                  [115.3, 35.1],
                ],
              ],
            },
          },
          await loginAs(suite.app, 'supervisor'),
        ),
      )
    ).json()) as { id: number }[]
    expect(within.length).toBeGreaterThan(10)
    expect(within.map((entry) => entry.id)).not.toContain(otherInstitution.id)

    const mudan = await login(otherLeader)
    expect(await idsOf('/api/institutions', mudan)).toEqual([otherInstitution.id])
    expect((await get(`/api/institutions/${otherInstitution.id}`, mudan)).status).toBe(200)
    expect(await idsOf('/api/areas?level=grid', mudan)).toEqual([other.gridId])
    const summary = (await (await get('/api/wall/summary', mudan)).json()) as { institutions: { total: number } }
    expect(summary.institutions.total).toBe(1)

    const province = await login(provinceLeader)
    const seenByProvince = await idsOf('/api/institutions', province)
    expect(seenByProvince).toHaveLength(dingtaoCount + 1)
    expect(seenByProvince).toContain(otherInstitution.id)
  })
})

describe('writing', () => {
  test('a supervisor of one county cannot record a cross-check in the other; nothing is written', async () => {
    const before = await suite.database.rows<{ count: number }>(
      sql`SELECT count(*)::int AS count FROM inspections WHERE institution_id = ${otherInstitution.id}`,
    )
    const response = await suite.app.request(
      '/api/inspections',
      jsonRequest(
        'POST',
        inspectionBody(otherInstitution.id, other.centre, { kind: 'cross-check' }),
        await loginAs(suite.app, 'supervisor'),
      ),
    )
    expect([403, 404]).toContain(response.status)
    expect(
      await suite.database.rows(
        sql`SELECT count(*)::int AS count FROM inspections WHERE institution_id = ${otherInstitution.id}`,
      ),
    ).toEqual(before)
  })
})

describe('the event stream', () => {
  test('a grid member hears of inspections in their grid, never of those in the other county', async () => {
    const member = await loginAs(suite.app, 'grid2')
    const [own] = await suite.database.rows<{ id: number; lon: number; lat: number }>(sql`
      SELECT i.id, ST_X(i.position) AS lon, ST_Y(i.position) AS lat FROM institutions i JOIN users u ON u.scope_area_id = i.grid_id
      WHERE u.username = 'grid2' AND i.status = 'active' ORDER BY i.id LIMIT 1`)
    const stream = await get('/api/events', member)
    expect(stream.status).toBe(200)
    const reader = stream.body!.getReader()
    const decoder = new TextDecoder()
    let heard = decoder.decode((await reader.read()).value)
    expect(heard).toContain('ready')

    // First the other county's member records a visit there, then ours records one here.
    const visit = (institutionId: number, position: [number, number]) => inspectionBody(institutionId, position)
    expect(
      (
        await suite.app.request(
          '/api/inspections',
          jsonRequest('POST', visit(otherInstitution.id, other.centre), await login(otherMember)),
        )
      ).status,
    ).toBe(201)
    expect(
      (await suite.app.request('/api/inspections', jsonRequest('POST', visit(own!.id, [own!.lon, own!.lat]), member)))
        .status,
    ).toBe(201)
    while (!heard.includes(`"institutionId":${own!.id}`)) heard += decoder.decode((await reader.read()).value)
    // Give the layer's follow-up (institutions.changed) a moment too.
    while (!heard.includes('institutions.changed')) heard += decoder.decode((await reader.read()).value)
    await reader.cancel()
    expect(heard).not.toContain(`"institutionId":${otherInstitution.id}`)
    expect(heard).not.toContain(`"id":${otherInstitution.id},`)
  })

  test('within one county a level-3 member hears of their own institutions only, not of another grid’s', async () => {
    const listener = await loginAs(suite.app, 'member3')
    const institutionOf = async (username: string) =>
      (
        await suite.database.rows<{ id: number; lon: number; lat: number }>(sql`
        SELECT i.id, ST_X(i.position) AS lon, ST_Y(i.position) AS lat FROM users u
        JOIN assignments a ON a.staff_id = u.staff_id AND a.until IS NULL
        JOIN institutions i ON i.id = a.institution_id OR (a.institution_id IS NULL AND i.grid_id = a.grid_id)
        WHERE u.username = ${username} AND i.status = 'active' ORDER BY i.id LIMIT 1`)
      )[0]!
    const [own, elsewhere] = [await institutionOf('member3'), await institutionOf('member3b')]
    const stream = await get('/api/events', listener)
    const reader = stream.body!.getReader()
    const decoder = new TextDecoder()
    let heard = decoder.decode((await reader.read()).value)
    expect(
      (
        await suite.app.request(
          '/api/inspections',
          jsonRequest(
            'POST',
            inspectionBody(elsewhere.id, [elsewhere.lon, elsewhere.lat]),
            await loginAs(suite.app, 'member3b'),
          ),
        )
      ).status,
    ).toBe(201)
    expect(
      (
        await suite.app.request(
          '/api/inspections',
          jsonRequest('POST', inspectionBody(own.id, [own.lon, own.lat]), listener),
        )
      ).status,
    ).toBe(201)
    while (!heard.includes(`"institutionId":${own.id}`)) heard += decoder.decode((await reader.read()).value)
    while (!heard.includes('institutions.changed')) heard += decoder.decode((await reader.read()).value)
    await reader.cancel()
    expect(heard).not.toContain(`"institutionId":${elsewhere.id}`)
    expect(heard).not.toContain(`"id":${elsewhere.id},`)
  })
})
