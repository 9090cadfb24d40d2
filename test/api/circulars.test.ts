// Circulars (通报) on both runtimes: a supervisor drafts the month's circular once the month is over;
// the grids it criticises and commends are exactly those the county's thresholds pick out of the
// month's figures (checked here against the figures with the rule applied independently), and
// changing the thresholds and drafting again changes the lists. Only a leader approves; a published
// circular is neither redrafted nor edited; readers without drafting rights see published ones only;
// every refusal leaves the database as it was.
import { beforeEach, describe, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { apiSuite } from '../support/api-suite.ts'
import { loginAs } from '../support/test-app.ts'

// The demo's records end now; the circular is for this month, drafted on the 2nd of the next.
/** Last month in bureau time: a whole month of the demo's history, whatever day the tests run (this month is empty just after midnight on the 1st). */
const month = (() => {
  const [year, value] = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7).split('-').map(Number) as [
    number,
    number,
  ]
  return value === 1 ? `${year - 1}-12` : `${year}-${String(value - 1).padStart(2, '0')}`
})()
const nextMonthStart = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 2, 2))
let clock = nextMonthStart
const cookies = new Map<string, string>()

// Its tests need a pristine county: a fresh copy of the seeded database for each.
const suite = apiSuite({ fresh: 'test', now: () => clock })
beforeEach(() => {
  clock = nextMonthStart
  cookies.clear()
})

async function call<T = unknown>(
  username: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const key = `${username}@${clock.toISOString()}`
  if (!cookies.has(key)) cookies.set(key, await loginAs(suite.app, username))
  const response = await suite.app.request(path, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), cookie: cookies.get(key)! },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await response.text()
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T }
}

interface CircularGrid {
  gridId: number
  gridName: string
  failures: { indicator: string; value: number; threshold: number }[]
}
interface Circular {
  id: number
  month: string
  status: string
  title: string
  body: string
  content: { criticised: CircularGrid[]; commended: CircularGrid[] }
  actions: string[]
}
type Figures = Record<string, number | null>
type Thresholds = { failBelow: Record<string, number>; commendAtLeast: Record<string, number> }

/** The rule, applied here to the month's figures as the monthly reports give them. */
async function expected(thresholds: Thresholds): Promise<{ criticised: number[]; commended: number[] }> {
  const reports = (
    await call<{ gridId: number; figures: Figures }[]>('leader', 'GET', `/api/reports/monthly?month=${month}`)
  ).body
  const criticised: number[] = []
  const commended: number[] = []
  for (const { gridId, figures } of reports) {
    if (figures.institutions === 0) continue
    const values: Record<string, number | null> = {
      coverageShare: figures.coverageShare!,
      verifiedShare: figures.verifiedShare!,
      onTimeClosureShare:
        figures.ledgerClosed === 0
          ? null
          : Math.round((figures.ledgerClosedOnTime! / figures.ledgerClosed!) * 1000) / 1000,
      crossCheckScore: figures.crossCheckScore!,
    }
    const failing = Object.entries(values).filter(
      ([indicator, value]) => value !== null && value < thresholds.failBelow[indicator]!,
    )
    if (failing.length > 0) criticised.push(gridId)
    else if (
      figures.ledgerOverdue === 0 &&
      Object.entries(values).every(
        ([indicator, value]) => value === null || value >= thresholds.commendAtLeast[indicator]!,
      )
    )
      commended.push(gridId)
  }
  return { criticised: criticised.sort(), commended: commended.sort() }
}

const ids = (grids: CircularGrid[]) => grids.map((grid) => grid.gridId).sort()

async function fingerprint(): Promise<string> {
  const [row] = await suite.database.rows<{ hash: string }>(sql`
    SELECT md5(coalesce((SELECT string_agg(id || ':' || status || ':' || title || ':' || content::text, ',' ORDER BY id) FROM circulars), '') || '|' ||
      (SELECT count(*) FROM audit_log WHERE entity = 'circular')) AS hash`)
  return row!.hash
}

describe('circulars', () => {
  test('the draft names exactly the grids the thresholds pick; new thresholds and a redraft change the lists', async () => {
    const settings = (
      await call<{ settings: { circularThresholds: Thresholds } }>('leader', 'GET', '/api/settings/field')
    ).body.settings
    const drafted = await call<Circular>('supervisor', 'POST', '/api/circulars', { month })
    expect(drafted.status).toBe(200)
    expect(drafted.body.status).toBe('draft')
    expect(drafted.body.title).toContain(`${Number(month.slice(5, 7))}月`)
    const first = await expected(settings.circularThresholds)
    expect(ids(drafted.body.content.criticised)).toEqual(first.criticised)
    expect(ids(drafted.body.content.commended)).toEqual(first.commended)
    for (const grid of drafted.body.content.criticised) {
      expect(grid.failures.length).toBeGreaterThan(0)
      for (const failure of grid.failures) expect(failure.value).toBeLessThan(failure.threshold)
      expect(drafted.body.body).toContain(grid.gridName)
    }

    // Strict thresholds: every grid whose coverage is not perfect fails.
    const strict: Thresholds = {
      failBelow: { coverageShare: 0.999, verifiedShare: 0, onTimeClosureShare: 0, crossCheckScore: 0 },
      commendAtLeast: { coverageShare: 1, verifiedShare: 1, onTimeClosureShare: 1, crossCheckScore: 1 },
    }
    expect((await call('leader', 'PUT', '/api/settings/field', { circularThresholds: strict })).status).toBe(200)
    const redrafted = await call<Circular>('supervisor', 'POST', '/api/circulars', { month })
    expect(redrafted.body.id).toBe(drafted.body.id)
    const second = await expected(strict)
    expect(ids(redrafted.body.content.criticised)).toEqual(second.criticised)
    expect(second.criticised.length).toBeGreaterThan(0)
    expect(
      redrafted.body.content.criticised.every((grid) =>
        grid.failures.every((failure) => failure.indicator === 'coverageShare'),
      ),
    ).toBe(true)

    // Lenient thresholds: nobody fails.
    const lenient: Thresholds = {
      failBelow: { coverageShare: 0, verifiedShare: 0, onTimeClosureShare: 0, crossCheckScore: 0 },
      commendAtLeast: { coverageShare: 0, verifiedShare: 0, onTimeClosureShare: 0, crossCheckScore: 0 },
    }
    await call('leader', 'PUT', '/api/settings/field', { circularThresholds: lenient })
    const third = await call<Circular>('supervisor', 'POST', '/api/circulars', { month })
    expect(third.body.content.criticised).toEqual([])
    expect(ids(third.body.content.commended)).toEqual((await expected(lenient)).commended)
    expect(third.body.body).toContain('本月无网格低于考核标准')

    // Thresholds that contradict themselves are refused.
    const wrong = await call('leader', 'PUT', '/api/settings/field', {
      circularThresholds: { ...lenient, failBelow: { ...lenient.failBelow, coverageShare: 0.9 } },
    })
    expect(wrong.status).toBe(400)
  })

  test('only a leader approves; published, it is not redrafted or edited; readers see published circulars only; refusals write nothing', async () => {
    expect((await call('supervisor', 'POST', '/api/circulars', { month: '2099-01' })).status).toBe(409)
    for (const username of ['grid2b', 'member3', 'planner', 'zone1'])
      expect((await call(username, 'POST', '/api/circulars', { month })).status).toBe(403)
    const drafted = (await call<Circular>('supervisor', 'POST', '/api/circulars', { month })).body
    expect(drafted.actions).toEqual(['edit', 'redraft'])
    const edited = await call<Circular>('supervisor', 'PATCH', `/api/circulars/${drafted.id}`, {
      title: drafted.title,
      body: `${drafted.body}\n请各网格对照整改。`,
    })
    expect(edited.status).toBe(200)
    expect(edited.body.body).toContain('请各网格对照整改')

    // Drafts are not for everyone's eyes.
    expect((await call<Circular[]>('member3', 'GET', '/api/circulars')).body).toEqual([])
    expect((await call('member3', 'GET', `/api/circulars/${drafted.id}`)).status).toBe(404)
    expect((await call<Circular | null>('member3', 'GET', '/api/circulars/latest')).body).toBeNull()

    let before = await fingerprint()
    expect((await call('supervisor', 'POST', `/api/circulars/${drafted.id}/approve`)).status).toBe(403)
    expect((await call('zone1', 'POST', `/api/circulars/${drafted.id}/approve`)).status).toBe(403)
    expect(await fingerprint()).toBe(before)

    const approved = await call<Circular>('leader', 'POST', `/api/circulars/${drafted.id}/approve`)
    expect(approved.status).toBe(200)
    expect(approved.body.status).toBe('published')
    expect(approved.body.actions).toEqual([])

    before = await fingerprint()
    expect((await call('supervisor', 'POST', '/api/circulars', { month })).status).toBe(409)
    expect((await call('supervisor', 'PATCH', `/api/circulars/${drafted.id}`, { title: 'x', body: 'y' })).status).toBe(
      409,
    )
    expect((await call('leader', 'POST', `/api/circulars/${drafted.id}/approve`)).status).toBe(409)
    expect(await fingerprint()).toBe(before)

    const latest = (await call<Circular>('member3', 'GET', '/api/circulars/latest')).body
    expect(latest.id).toBe(drafted.id)
    expect(latest.body).toContain('请各网格对照整改')
    expect((await call<Circular[]>('member3', 'GET', '/api/circulars')).body.map((circular) => circular.id)).toEqual([
      drafted.id,
    ])
  })
})
