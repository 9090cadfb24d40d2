// The problem ledger through the API: open → rectifying → awaiting verification → closed (销号) or
// reopened, every step on record with who and when; closing only by a second person (neither the
// raiser nor the rectifier) of a verifying role; refusals write nothing; lists filter by place,
// status, category and overdue within the caller's scope; the map layer follows each change.
import { bureauClock, bureauDate, daysBetween } from '@gridwatch/domain/bureau-calendar.ts'
import { beforeAll, describe, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { apiSuite } from '../support/api-suite.ts'
import { jsonRequest, loginAs } from '../support/test-app.ts'
import { cameraJpeg, uploadPhoto } from '../support/field-client.ts'
import { decodeInstitutionLayer, type InstitutionLayerPayload } from '@gridwatch/domain/institution-layer-format.ts'

let ownInstitution: { id: number; gridId: number; zoneId: number }

// One copy of the seeded database for the file: each test makes or finds its own data.
const suite = apiSuite()
beforeAll(async () => {
  ;[ownInstitution] = (await suite.database.rows<{ id: number; gridId: number; zoneId: number }>(sql`
    SELECT i.id, i.grid_id AS "gridId", g.parent_id AS "zoneId" FROM institutions i JOIN areas g ON g.id = i.grid_id
    JOIN assignments a ON a.institution_id = i.id JOIN users u ON u.staff_id = a.staff_id
    WHERE u.username = 'member3' AND i.type = 'village_clinic' ORDER BY i.id LIMIT 1`)) as [typeof ownInstitution]
})

const post = (path: string, body: unknown, cookie: string, key?: string) => {
  const init = jsonRequest('POST', body, cookie)
  if (key) (init.headers as Record<string, string>)['idempotency-key'] = key
  return suite.app.request(path, init)
}
const move = (id: number, body: Record<string, unknown>, cookie: string, key?: string) =>
  post(`/api/ledger-items/${id}/transitions`, body, cookie, key)

async function stateOf(id: number) {
  const [row] = await suite.database.rows<{ status: string; steps: number; audit: number }>(sql`
    SELECT status, (SELECT count(*)::int FROM ledger_transitions WHERE ledger_item_id = ${id}) AS steps,
      (SELECT count(*)::int FROM audit_log WHERE entity = 'ledger_item' AND entity_id = ${String(id)}) AS audit
    FROM ledger_items WHERE id = ${id}`)
  return row!
}

async function raise(cookie: string, overrides: Record<string, unknown> = {}) {
  const response = await post(
    '/api/ledger-items',
    {
      institutionId: ownInstitution.id,
      category: '串换药品',
      problem: '结算药品与处方不符',
      severity: 'general',
      ...overrides,
    },
    cookie,
  )
  expect(response.status).toBe(201)
  return response.json()
}

describe('the life of an item', () => {
  test('raised by the member, rectified with evidence, closed by a level-1 member: each step on record, the map follows', async () => {
    const member = await loginAs(suite.app, 'member3')
    const zone = await loginAs(suite.app, 'zone1')
    const item = await raise(member, { severity: 'serious', measure: '退回违规费用' })
    expect(item).toMatchObject({ status: 'open', severity: 'serious', raisedBy: '三级网格员（演示）', overdue: false })
    // Due seven calendar days on, at the end of the bureau's day.
    expect(daysBetween(bureauDate(item.openedAt), bureauDate(item.deadlineAt))).toBe(7)
    expect(bureauClock(item.deadlineAt).slice(11)).toBe('23:59:59')

    expect((await move(item.id, { target: 'rectifying', note: '卫生室已着手整改' }, member)).status).toBe(200)
    const photo = await (
      await uploadPhoto(suite.app, member, {
        institutionId: ownInstitution.id,
        kind: 'evidence',
        bytes: await cameraJpeg(),
      })
    ).json()
    const reported = await move(
      item.id,
      { target: 'awaiting-verification', note: '已退回费用并整改处方', photoIds: [photo.id] },
      member,
    )
    expect(reported.status).toBe(200)
    expect(await reported.json()).toMatchObject({ status: 'awaiting-verification', rectifiedBy: '三级网格员（演示）' })

    const closed = await move(item.id, { target: 'closed', note: '现场核验，整改到位' }, zone)
    expect(closed.status).toBe(200)
    expect(await closed.json()).toMatchObject({ status: 'closed', verifiedBy: '一级网格员（演示）' })
    const detail = await (await suite.app.request(`/api/ledger-items/${item.id}`, { headers: { cookie: zone } })).json()
    expect(detail.steps.map((step: { step: string; madeBy: string }) => [step.step, step.madeBy])).toEqual([
      ['opened', '三级网格员（演示）'],
      ['rectifying', '三级网格员（演示）'],
      ['awaiting-verification', '三级网格员（演示）'],
      ['closed', '一级网格员（演示）'],
    ])
    expect(detail.steps[2].photoIds).toEqual([photo.id])
    expect(await stateOf(item.id)).toEqual({ status: 'closed', steps: 4, audit: 4 })
  })

  test('the level-3 member may not close (销号 is a verifier’s); nothing is written', async () => {
    const member = await loginAs(suite.app, 'member3')
    const item = await raise(member)
    await move(item.id, { target: 'awaiting-verification', note: '已整改' }, member)
    const before = await stateOf(item.id)
    const refused = await move(item.id, { target: 'closed', note: '自己核验' }, member)
    expect(refused.status).toBe(403)
    expect(await stateOf(item.id)).toEqual(before)
  })

  test('a verifier who raised or rectified the item cannot close it: 422 naming the rule, nothing written; a second person can', async () => {
    const zone = await loginAs(suite.app, 'zone1')
    const item = await raise(zone)
    await move(item.id, { target: 'awaiting-verification', note: '已整改' }, zone)
    const before = await stateOf(item.id)
    const refused = await move(item.id, { target: 'closed', note: '核验通过' }, zone)
    expect(refused.status).toBe(422)
    const problem = await refused.json()
    expect(problem.type).toBe('/api/problems/verifier-required')
    expect(problem.detail).toContain('整改后销号')
    expect(await stateOf(item.id)).toEqual(before)
    expect(
      (await move(item.id, { target: 'closed', note: '核验通过' }, await loginAs(suite.app, 'supervisor'))).status,
    ).toBe(200)
  })

  test('moves the state does not allow are 409; closing without saying how it was verified is 400; reopening returns it to open', async () => {
    const member = await loginAs(suite.app, 'member3')
    const supervisor = await loginAs(suite.app, 'supervisor')
    const item = await raise(member)
    expect((await move(item.id, { target: 'closed', note: 'x' }, supervisor)).status).toBe(409)
    expect((await move(item.id, { target: 'reopened' }, supervisor)).status).toBe(409)
    await move(item.id, { target: 'awaiting-verification', note: '已整改' }, member)
    expect((await move(item.id, { target: 'closed' }, supervisor)).status).toBe(400)
    expect((await move(item.id, { target: 'closed', note: '核验通过' }, supervisor)).status).toBe(200)
    const reopened = await move(item.id, { target: 'reopened', note: '回头看发现反弹' }, supervisor)
    expect(await reopened.json()).toMatchObject({ status: 'open', closedAt: null, verifiedBy: null, rectifiedBy: null })
  })

  test('a transition sent twice with one key is made once', async () => {
    const member = await loginAs(suite.app, 'member3')
    const item = await raise(member)
    const first = await move(item.id, { target: 'rectifying', note: '开始整改' }, member, 'move-key-000001')
    const again = await move(item.id, { target: 'rectifying', note: '开始整改' }, member, 'move-key-000001')
    expect(again.status).toBe(200)
    expect(await again.json()).toEqual(await first.json())
    expect((await stateOf(item.id)).steps).toBe(2)
  })

  test('outside the scope: raising and moving are 403; a category foreign to the type is 400', async () => {
    const other = await loginAs(suite.app, 'member3b')
    const before = await suite.database.rows<{ count: number }>(sql`SELECT count(*)::int AS count FROM ledger_items`)
    expect(
      (
        await post(
          '/api/ledger-items',
          { institutionId: ownInstitution.id, category: '串换药品', problem: 'x', severity: 'minor' },
          other,
        )
      ).status,
    ).toBe(403)
    expect(
      (
        await post(
          '/api/ledger-items',
          { institutionId: ownInstitution.id, category: '执业药师不在岗', problem: 'x', severity: 'minor' },
          await loginAs(suite.app, 'member3'),
        )
      ).status,
    ).toBe(400)
    const item = await raise(await loginAs(suite.app, 'member3'))
    expect((await move(item.id, { target: 'rectifying' }, other)).status).toBe(403)
    expect(
      (await suite.database.rows<{ count: number }>(sql`SELECT count(*)::int AS count FROM ledger_items`))[0]!.count,
    ).toBe(before[0]!.count + 1)
  })
})

describe('lists and the map', () => {
  test('filters by place, status, category and overdue, within the scope', async () => {
    const supervisor = await loginAs(suite.app, 'supervisor')
    const list = async (query: string, cookie = supervisor) =>
      (await (await suite.app.request(`/api/ledger-items?${query}`, { headers: { cookie } })).json()).items as {
        institutionId: number
        gridId: number
        status: string
        category: string
        overdue: boolean
        deadlineAt: string
      }[]
    const all = await list('limit=2000')
    expect(all.length).toBeGreaterThan(10)
    const overdue = await list('overdue=true&limit=2000')
    expect(overdue.length).toBeGreaterThan(0)
    expect(
      overdue.every((item) => item.overdue && item.status !== 'closed' && new Date(item.deadlineAt) < new Date()),
    ).toBe(true)
    expect((await list('status=closed&limit=2000')).every((item) => item.status === 'closed')).toBe(true)
    const category = all[0]!.category
    expect(
      (await list(`category=${encodeURIComponent(category)}&limit=2000`)).every((item) => item.category === category),
    ).toBe(true)
    const inGrid = await list(`gridId=${ownInstitution.gridId}&limit=2000`)
    expect(inGrid.length).toBeGreaterThan(0)
    expect(inGrid.every((item) => item.gridId === ownInstitution.gridId)).toBe(true)
    expect((await list(`zoneId=${ownInstitution.zoneId}&limit=2000`)).length).toBeGreaterThanOrEqual(inGrid.length)
    const own = await list('limit=2000', await loginAs(suite.app, 'member3'))
    const ownIds = new Set(
      (
        await suite.database.rows<{ id: number }>(
          sql`SELECT a.institution_id AS id FROM assignments a JOIN users u ON u.staff_id = a.staff_id WHERE u.username = 'member3'`,
        )
      ).map((row) => row.id),
    )
    expect(own.every((item) => ownIds.has(item.institutionId))).toBe(true)
  })

  test('each change reaches the institution layer: open items counted, closed ones gone', async () => {
    const member = await loginAs(suite.app, 'member3')
    const leader = await loginAs(suite.app, 'leader')
    const openItems = async () => {
      const payload = (await (
        await suite.app.request('/api/map/institutions', { headers: { cookie: leader } })
      ).json()) as InstitutionLayerPayload
      return decodeInstitutionLayer(payload).find((record) => record.id === ownInstitution.id)!.openLedgerItems
    }
    const before = await openItems()
    const item = await raise(member)
    expect(await openItems()).toBe(before + 1)
    await move(item.id, { target: 'awaiting-verification', note: '已整改' }, member)
    expect(await openItems()).toBe(before + 1)
    await move(item.id, { target: 'closed', note: '核验通过' }, await loginAs(suite.app, 'zone1'))
    expect(await openItems()).toBe(before)
  })
})
