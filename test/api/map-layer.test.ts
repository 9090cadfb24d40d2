// GET /api/map/institutions (the compact institution layer), its live updates and GET /api/wall/summary:
// the layer says what /api/institutions says, compresses, answers 304 when unchanged, follows writes
// (from this process's events and from the audit log alike) and respects the caller's scope.
import { daysSince } from '@gridwatch/domain/bureau-calendar.ts'
import zlib from 'node:zlib'
import { describe, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import {
  decodeInstitutionLayer,
  type InstitutionLayerPayload,
  type InstitutionRecord,
} from '@gridwatch/domain/institution-layer-format.ts'
import type { LiveEvent } from '@gridwatch/api/platform/events.ts'
import type { WallSummary } from '@gridwatch/domain/wall-summary.ts'
import { apiSuite } from '../support/api-suite.ts'
import { createTestApp, jsonRequest, loginAs } from '../support/test-app.ts'
import { inspectionBody } from '../support/inspection-body.ts'

// Its tests need a pristine county: a fresh copy of the seeded database for each.
const suite = apiSuite({ fresh: 'test' })

async function layer(
  headers: Record<string, string> = {},
): Promise<{ response: Response; records: InstitutionRecord[]; payload: InstitutionLayerPayload }> {
  const response = await suite.app.request('/api/map/institutions', { headers })
  const payload = (await response.json()) as InstitutionLayerPayload
  return { response, payload, records: decodeInstitutionLayer(payload) }
}

interface GeoInstitution {
  id: number
  geometry: { coordinates: [number, number] }
  properties: {
    gridId: number | null
    openLedgerItems: number
    overdueLedgerItems: number
    creditGrade: string | null
    blacklisted: boolean
    lastVisitAt: string | null
    type: string
  }
}

describe('GET /api/map/institutions', () => {
  test('holds every institution with the same grid, position, issues, credit and last visit as /api/institutions', async () => {
    const { records, payload } = await layer()
    const geo = (await (await suite.app.request('/api/institutions')).json()).features as GeoInstitution[]
    expect(records).toHaveLength(378)
    expect(payload.count).toBe(378)
    const byId = new Map(geo.map((feature) => [feature.id, feature]))
    const nowMinute = Math.floor(Date.now() / 60_000)
    for (const record of records) {
      const feature = byId.get(record.id)!
      expect(record.gridId).toBe(feature.properties.gridId)
      expect(record.type).toBe(feature.properties.type)
      expect(Math.abs(record.lon - feature.geometry.coordinates[0])).toBeLessThan(1e-5)
      expect(Math.abs(record.lat - feature.geometry.coordinates[1])).toBeLessThan(1e-5)
      expect(record.openLedgerItems).toBe(feature.properties.openLedgerItems)
      expect(record.creditGrade).toBe(feature.properties.creditGrade)
      expect(record.blacklisted).toBe(feature.properties.blacklisted)
      const lastVisit = feature.properties.lastVisitAt
      expect(record.lastVisitMinute).toBe(
        lastVisit === null ? null : Math.floor(new Date(lastVisit).getTime() / 60_000),
      )
      const overdue = record.firstDeadlineMinute !== null && record.firstDeadlineMinute < nowMinute
      expect(overdue).toBe(feature.properties.overdueLedgerItems > 0)
    }
    // The seed has them all: blacklisted, never visited, overdue items.
    expect(records.some((record) => record.blacklisted)).toBe(true)
    expect(records.some((record) => record.lastVisitMinute === null)).toBe(true)
    expect(
      records.some((record) => record.firstDeadlineMinute !== null && record.firstDeadlineMinute < nowMinute),
    ).toBe(true)
  })

  test('is compressed as the client accepts, and an unchanged layer is a 304', async () => {
    const plain = await suite.app.request('/api/map/institutions')
    const text = await plain.text()
    const etag = plain.headers.get('etag')!
    expect(etag).toMatch(/^".+"$/)
    const brotli = await suite.app.request('/api/map/institutions', { headers: { 'accept-encoding': 'gzip, br' } })
    expect(brotli.headers.get('content-encoding')).toBe('br')
    const compressed = Buffer.from(await brotli.arrayBuffer())
    expect(zlib.brotliDecompressSync(compressed).toString()).toBe(text)
    expect(compressed.length / 378).toBeLessThan(15)
    const gzip = await suite.app.request('/api/map/institutions', { headers: { 'accept-encoding': 'gzip' } })
    expect(gzip.headers.get('content-encoding')).toBe('gzip')
    expect(zlib.gunzipSync(Buffer.from(await gzip.arrayBuffer())).toString()).toBe(text)
    const again = await suite.app.request('/api/map/institutions', { headers: { 'if-none-match': etag } })
    expect(again.status).toBe(304)
  })

  test('a grid member sees only their own scope', async () => {
    const cookie = await loginAs(suite.app, 'grid2')
    const { records } = await layer({ cookie })
    const [scope] = await suite.database.rows<{ grid_id: number; count: number }>(sql`
      SELECT u.scope_area_id AS grid_id, (SELECT count(*)::int FROM institutions WHERE grid_id = u.scope_area_id) AS count
      FROM users u WHERE u.username = 'grid2'`)
    expect(records.length).toBe(scope!.count)
    expect(records.every((record) => record.gridId === scope!.grid_id)).toBe(true)
  })

  test('anonymous readers are refused in production mode', async () => {
    const production = createTestApp(suite.database, { mode: 'production' }).app
    expect((await production.request('/api/map/institutions')).status).toBe(401)
    expect((await production.request('/api/wall/summary')).status).toBe(401)
  })
})

describe('live updates', () => {
  test('a recorded visit changes the institution in the layer and is pushed as a changed record', async () => {
    const cookie = await loginAs(suite.app, 'member3')
    const own = (await (await suite.app.request('/api/me/institutions', { headers: { cookie } })).json())
      .features as GeoInstitution[]
    const before = await layer()
    const target = before.records.find((record) => own.some((feature) => feature.id === record.id))!
    const pushed = new Promise<LiveEvent>((resolve) => {
      const unsubscribe = suite.events.subscribe((event) => {
        if (event.type !== 'institutions.changed') return
        unsubscribe()
        resolve(event)
      })
    })
    const arrivedAt = new Date(Date.now() - 60_000)
    const response = await suite.app.request(
      '/api/inspections',
      jsonRequest(
        'POST',
        inspectionBody(target.id, [target.lon, target.lat], {
          kind: 'weekly-visit',
          arrivedAt: arrivedAt.toISOString(),
          departedAt: null,
        }),
        cookie,
      ),
    )
    expect(response.status).toBe(201)
    const event = await pushed
    expect(event.type === 'institutions.changed' && event.records.map((record) => record.id)).toEqual([target.id])
    const after = await layer()
    expect(after.payload.version).not.toBe(before.payload.version)
    expect(after.records.find((record) => record.id === target.id)!.lastVisitMinute).toBe(
      Math.floor(arrivedAt.getTime() / 60_000),
    )
  })

  test('a write made by another process is picked up from its change set, not from the audit log', async () => {
    const before = await layer()
    const target = before.records.find((record) => record.openLedgerItems === 0)!
    // As another API process would: the ledger item, an audit row that names no institution at all,
    // and the typed change set, in one transaction.
    await suite.database.rows(sql`
      WITH item AS (
        INSERT INTO ledger_items (county_code, institution_id, grid_id, source, category, problem, deadline_at, responsible_person, opened_at)
        VALUES ('371703', ${target.id}, ${target.gridId}, 'special', '其他', '测试', now() - interval '1 day', '测试', now() - interval '3 days')
        RETURNING id),
      audited AS (INSERT INTO audit_log (county_code, action, entity, entity_id) SELECT '371703', 'create', 'ledger_item', id::text FROM item)
      INSERT INTO change_sets (county_code, institution_ids) VALUES ('371703', ARRAY[${target.id}::int])`)
    const after = await layer()
    const changed = after.records.find((record) => record.id === target.id)!
    expect(changed.openLedgerItems).toBe(1)
    expect(changed.firstDeadlineMinute).toBeLessThan(Math.floor(Date.now() / 60_000))
  })
})

describe('GET /api/wall/summary', () => {
  test('agrees with the layer and covers tiles, teams, ranking and eight weeks', async () => {
    const summary = (await (await suite.app.request('/api/wall/summary')).json()) as WallSummary
    const { records } = await layer()
    // Within the interval: no more calendar days (the bureau's) since the visit than the interval.
    const now = new Date()
    const inInterval = (minute: number | null, intervalDays: number) =>
      minute !== null && daysSince(new Date(minute * 60_000), now) <= intervalDays
    const within = records.filter(
      (record) => record.status === 'active' && inInterval(record.lastVisitMinute, record.intervalDays),
    ).length
    const verified = records.filter(
      (record) => record.status === 'active' && inInterval(record.lastVerifiedMinute, record.intervalDays),
    ).length
    expect(summary.institutions.total).toBe(records.filter((record) => record.status === 'active').length)
    expect(summary.institutions.visitedWithinInterval).toBe(within)
    expect(summary.institutions.verifiedWithinInterval).toBe(verified)
    expect(verified).toBeLessThan(within)
    const [ledger] = await suite.database.rows<{ open: number; overdue: number }>(sql`
      SELECT count(*)::int AS open, count(*) FILTER (WHERE deadline_at < now())::int AS overdue FROM ledger_items WHERE status <> 'closed'`)
    expect(summary.ledger).toEqual(ledger)
    expect(summary.risks.unacknowledged).toBe(1)
    expect(summary.teams).toHaveLength(4)
    // The anonymous demo viewer sees a plan's zone only once its check has passed (四不两直); a leader sees every plan.
    expect(
      summary.teams.every((team) =>
        team.announced ? team.targetZone !== null : team.targetZone === null && team.institutions === 0,
      ),
    ).toBe(true)
    const planned = (await (
      await suite.app.request('/api/wall/summary', { headers: { cookie: await loginAs(suite.app, 'leader') } })
    ).json()) as WallSummary
    expect(planned.teams.every((team) => team.targetZone !== null && team.institutions > 0)).toBe(true)
    expect(summary.ranking).toHaveLength(11)
    expect(summary.rankingCovers).toBe('whole-grids')
    // A level-3 member's wall ranks only the institutions they look after, and says so.
    const own = (await (
      await suite.app.request('/api/wall/summary', { headers: { cookie: await loginAs(suite.app, 'member3') } })
    ).json()) as WallSummary
    expect(own.rankingCovers).toBe('own-institutions')
    expect(own.ranking.reduce((sum, row) => sum + row.institutions, 0)).toBe(own.institutions.total)
    expect(summary.ranking.map((row) => row.verifiedShare)).toEqual(
      [...summary.ranking.map((row) => row.verifiedShare)].sort((a, b) => b - a),
    )
    expect(summary.trend).toHaveLength(8)
    expect(summary.trend.every((week) => week.verifiedShare > 0 && week.verifiedShare <= 1)).toBe(true)
  })
})

describe('time made visible', () => {
  test('the institution with the unacknowledged risk report carries its age in the layer; no other institution does', async () => {
    const [risk] = await suite.database.rows<{ institution_id: number; sent: Date | string }>(sql`
      SELECT r.institution_id, min(h.sent_at) AS sent FROM risk_reports r JOIN risk_report_hops h ON h.risk_report_id = r.id
      WHERE r.status = 'escalating' AND h.acknowledged_at IS NULL GROUP BY r.institution_id`)
    const { records } = await layer()
    const withRisk = records.filter((record) => record.riskSinceMinute !== null)
    expect(withRisk.map((record) => record.id)).toEqual([risk!.institution_id])
    expect(withRisk[0]!.riskSinceMinute).toBe(Math.floor(new Date(risk!.sent).getTime() / 60_000))
  })

  test('since yesterday: the new risk report, items that fell overdue in the last day, institutions whose interval ran out', async () => {
    const [item] = await suite.database.rows<{ id: number; institution_id: number }>(sql`
      SELECT id, institution_id FROM ledger_items WHERE status <> 'closed' AND deadline_at > now() ORDER BY id LIMIT 1`)
    // Move one open item's deadline to a moment ago: it fell overdue today, later than anything else
    // (the latest list is short, and intervals of the demo history run out at any hour).
    await suite.database.rows(
      sql`UPDATE ledger_items SET deadline_at = now() - interval '10 seconds' WHERE id = ${item!.id}`,
    )
    const fresh = createTestApp(suite.database).app
    const summary = (await (await fresh.request('/api/wall/summary')).json()) as WallSummary
    const [expected] = await suite.database.rows<{ risks: number; overdue: number }>(sql`
      SELECT (SELECT count(*)::int FROM risk_reports WHERE reported_at > now() - interval '1 day') AS risks,
        (SELECT count(*)::int FROM ledger_items WHERE status <> 'closed' AND deadline_at > now() - interval '1 day' AND deadline_at <= now()) AS overdue`)
    expect(summary.sinceYesterday.newRisks).toBe(expected!.risks)
    expect(summary.sinceYesterday.newRisks).toBeGreaterThan(0)
    expect(summary.sinceYesterday.newlyOverdueItems).toBe(expected!.overdue)
    expect(
      summary.sinceYesterday.latest.some(
        (entry) => entry.kind === 'overdue-item' && entry.institutionId === item!.institution_id,
      ),
    ).toBe(true)
    const { records } = await layer()
    // The interval ran out within the last day: past it now (in calendar days), within it a day ago.
    const now = Date.now()
    const missed = records.filter((record) => {
      if (record.lastVisitMinute === null) return false
      const visit = new Date(record.lastVisitMinute * 60_000)
      return (
        daysSince(visit, new Date(now)) > record.intervalDays &&
        daysSince(visit, new Date(now - 86_400_000)) <= record.intervalDays
      )
    })
    expect(summary.sinceYesterday.missedVisits).toBe(missed.length)
    const times = summary.sinceYesterday.latest.map((entry) => entry.at)
    expect(times).toEqual([...times].sort().reverse())
  })
})
