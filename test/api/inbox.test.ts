// What waits for me (GET /api/me/inbox): a rectification reported by a level-3 member waits for
// the grid's and zone's verifiers, not for the member; sent back, it waits for that member again; a
// 舆情 raised below waits for the level-2 member's 签收 and leaves their inbox once taken.
import { beforeAll, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { apiSuite } from '../support/api-suite.ts'
import { jsonRequest, loginAs } from '../support/test-app.ts'
import { buildLedgerItem } from '../support/builders.ts'

interface Entry {
  kind: 'verify' | 'returned' | 'acknowledge'
  ledgerItemId: number | null
  riskReportId: number | null
  title: string
  urgent: boolean
}

const suite = apiSuite()
let place: { id: number; gridId: number; countyCode: string }
let level2: string

beforeAll(async () => {
  ;[place] = (await suite.database.rows<{ id: number; gridId: number; countyCode: string }>(sql`
    SELECT i.id, i.grid_id AS "gridId", i.county_code AS "countyCode" FROM institutions i
    JOIN assignments a ON a.institution_id = i.id JOIN users u ON u.staff_id = a.staff_id
    WHERE u.username = 'member3' AND i.type = 'village_clinic' ORDER BY i.id LIMIT 1`)) as [typeof place]
  const [second] = await suite.database.rows<{ username: string }>(sql`
    SELECT username FROM users WHERE role = 'grid_member_2' AND scope_kind = 'grid' AND scope_area_id = ${place.gridId}
    ORDER BY id LIMIT 1`)
  level2 = second!.username
})

async function inboxOf(username: string): Promise<Entry[]> {
  const response = await suite.app.request('/api/me/inbox', { headers: { cookie: await loginAs(suite.app, username) } })
  expect(response.status).toBe(200)
  return ((await response.json()) as { entries: Entry[] }).entries
}
const post = async (username: string, path: string, body: unknown) =>
  suite.app.request(path, jsonRequest('POST', body, await loginAs(suite.app, username)))

test('a reported rectification waits for its verifiers; sent back, it waits for the member who reported it', async () => {
  const item = await buildLedgerItem(suite.database, {
    countyCode: place.countyCode,
    institutionId: place.id,
    gridId: place.gridId,
    category: '串换药品',
    problem: '收件箱测试问题',
    dueInDays: -1,
  })
  expect(
    (
      await post('member3', `/api/ledger-items/${item.id}/transitions`, {
        target: 'awaiting-verification',
        note: '已整改',
      })
    ).status,
  ).toBe(200)

  const forVerifier = (await inboxOf('zone1')).find((entry) => entry.ledgerItemId === item.id)
  expect(forVerifier).toMatchObject({ kind: 'verify', urgent: true, title: '串换药品：收件箱测试问题' })
  expect((await inboxOf(level2)).some((entry) => entry.ledgerItemId === item.id && entry.kind === 'verify')).toBe(true)
  // The member who rectified it cannot verify it: nothing waits for them.
  expect((await inboxOf('member3')).some((entry) => entry.ledgerItemId === item.id)).toBe(false)

  expect(
    (await post('zone1', `/api/ledger-items/${item.id}/transitions`, { target: 'reopened', note: '照片不清' })).status,
  ).toBe(200)
  expect((await inboxOf('member3')).find((entry) => entry.ledgerItemId === item.id)).toMatchObject({ kind: 'returned' })
  expect((await inboxOf('zone1')).some((entry) => entry.ledgerItemId === item.id)).toBe(false)

  // Worked on again, it leaves the member's inbox.
  expect(
    (await post('member3', `/api/ledger-items/${item.id}/transitions`, { target: 'rectifying', note: '重新整改' }))
      .status,
  ).toBe(200)
  expect((await inboxOf('member3')).some((entry) => entry.ledgerItemId === item.id)).toBe(false)
})

test('a 舆情 raised below waits for the level-2 member’s 签收, and leaves their inbox once taken', async () => {
  const raised = await post('member3', '/api/risk-reports', {
    institutionId: place.id,
    title: '收件箱测试舆情',
    description: '群众反映卫生室收费与结算不一致。',
    severity: 'high',
    source: 'short-video',
  })
  expect(raised.status).toBe(201)
  const { id } = (await raised.json()) as { id: number }
  expect((await inboxOf(level2)).find((entry) => entry.riskReportId === id)).toMatchObject({
    kind: 'acknowledge',
    urgent: true,
    title: '收件箱测试舆情',
  })
  expect((await inboxOf('member3')).some((entry) => entry.riskReportId === id)).toBe(false)
  expect((await post(level2, `/api/risk-reports/${id}/acknowledge`, {})).status).toBe(200)
  expect((await inboxOf(level2)).some((entry) => entry.riskReportId === id)).toBe(false)
})
