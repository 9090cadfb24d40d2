// Institution exports (issue 18, item 5): a planner — who sees phone numbers masked on screen —
// gets them masked in every export form too; a leader, who may read them, gets them whole. A
// name typed as a formula stays text in the CSV. The planner's file imports back unchanged (the
// stored phones are kept, not overwritten with stars). Every export leaves an audit row with its
// form and row count.
import { describe, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import Papa from 'papaparse'
import { apiSuite } from '../support/api-suite.ts'
import { loginAs } from '../support/test-app.ts'

// One copy of the seeded database for the file: each test makes or finds its own data.
const suite = apiSuite()

async function exported(username: string, format: string): Promise<string> {
  const response = await suite.app.request(`/api/planner/export/institutions?format=${format}`, {
    headers: { cookie: await loginAs(suite.app, username) },
  })
  expect(response.status).toBe(200)
  return response.text()
}

describe('institution exports', () => {
  test('phones masked for the planner in CSV and GeoJSON, whole for a leader; a formula stays text; each export audited', async () => {
    const phones = (
      await suite.database.rows<{ contact_phone: string }>(
        sql`SELECT contact_phone FROM institutions WHERE contact_phone IS NOT NULL AND contact_phone <> ''`,
      )
    ).map((row) => row.contact_phone)
    expect(phones.length).toBeGreaterThan(10)
    await suite.database.rows(
      sql`UPDATE institutions SET name = '=HYPERLINK("http://evil.example","点此")' WHERE id = (SELECT min(id) FROM institutions)`,
    )

    const csv = await exported('planner', 'csv')
    const table = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data
    const phoneColumn = table[0]!.indexOf('联系电话')
    const shown = table
      .slice(1)
      .map((row) => row[phoneColumn]!)
      .filter(Boolean)
    expect(shown.length).toBe(phones.length)
    for (const phone of shown) expect(phone).toMatch(/^\d{3}\*{4}\d{4}$/)
    for (const phone of phones.slice(0, 50)) expect(csv).not.toContain(phone)
    const nameColumn = table[0]!.indexOf('机构名称')
    expect(table.slice(1).some((row) => row[nameColumn] === `'=HYPERLINK("http://evil.example","点此")`)).toBe(true)

    // The masked, escaped file goes back in unchanged: stored phones are kept, the formula name read as it was.
    const back = await suite.app.request('/api/planner/import/institutions', {
      method: 'POST',
      headers: { cookie: await loginAs(suite.app, 'planner'), 'content-type': 'application/octet-stream' },
      body: new TextEncoder().encode(csv),
    })
    expect(await back.json()).toMatchObject({ valid: true, created: [], changed: [], rejected: [] })

    const geojson = JSON.parse(await exported('planner', 'geojson')) as {
      features: { properties: Record<string, string | null> }[]
    }
    for (const feature of geojson.features)
      if (feature.properties['联系电话']) expect(feature.properties['联系电话']).toMatch(/^\d{3}\*{4}\d{4}$/)

    const whole = await exported('leader', 'csv')
    expect(whole).toContain(phones[0]!)

    const audit = await suite.database.rows<{ after: { format: string; rows: number; phonesMasked: boolean } }>(
      sql`SELECT after FROM audit_log WHERE action = 'export' AND entity = 'institution' ORDER BY id`,
    )
    const [count] = await suite.database.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM institutions WHERE county_code = (SELECT county_code FROM users WHERE username = 'planner')`,
    )
    expect(audit.map((row) => [row.after.format, row.after.phonesMasked])).toEqual([
      ['csv', true],
      ['geojson', true],
      ['csv', false],
    ])
    for (const row of audit) expect(row.after.rows).toBe(count!.n)
  })
})

describe('every other export is on record too', () => {
  test('grids, villages, a grid’s records, a monthly report and the assessment: an audit row each, with the filter and the row count', async () => {
    const [grid] = await suite.database.rows<{ id: number }>(
      sql`SELECT scope_area_id AS id FROM users WHERE username = 'grid2'`,
    )
    const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7)
    const year = month.slice(0, 4)
    const downloads: [string, string, string, Record<string, unknown>][] = [
      ['planner', '/api/planner/export/grids?format=geojson', 'grid', { format: 'geojson' }],
      ['planner', '/api/planner/export/villages?format=shapefile', 'village', { format: 'shapefile' }],
      ['grid2', `/api/grids/${grid!.id}/records`, 'grid-records', { gridId: grid!.id }],
      [
        'grid2',
        `/api/reports/monthly/xlsx?month=${month}&grid=${grid!.id}`,
        'monthly-report',
        { gridId: grid!.id, month },
      ],
      ['leader', `/api/assessments/xlsx?year=${year}`, 'assessment', { year: Number(year) }],
    ]
    for (const [username, path, entity, filter] of downloads) {
      const response = await suite.app.request(path, { headers: { cookie: await loginAs(suite.app, username) } })
      expect(response.status, path).toBe(200)
      await response.arrayBuffer()
      const [row] = await suite.database.rows<{
        action: string
        entity: string
        username: string
        after: Record<string, unknown> & { rows: number }
      }>(sql`SELECT action, entity, username, after FROM audit_log WHERE action = 'export' ORDER BY id DESC LIMIT 1`)
      expect(row, path).toMatchObject({ action: 'export', entity, username, after: filter })
      expect(row!.after.rows, path).toBeGreaterThan(0)
    }
  })
})
