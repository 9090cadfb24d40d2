// The materials clerk (资料员): named for a grid by its level-1 member, they export the grid's
// ledger and inspection records as a workbook that a spreadsheet program opens with its Chinese
// text intact and that prints on A4. Others without the grid in scope are refused.
import { expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { inspectionColumns, ledgerColumns } from '@gridwatch/api/grids/grid-records.ts'
import { apiSuite } from '../support/api-suite.ts'
import { jsonRequest, loginAs } from '../support/test-app.ts'
import { seededAt } from '../support/reference-time.ts'
import { addDays, bureauDate, bureauInstant } from '@gridwatch/domain/bureau-calendar.ts'

/** The year up to the seed's day, in the bureau's calendar: the demo history fills it. */
const to = bureauDate(seededAt())
const from = addDays(to, -364)
const start = bureauInstant(from).toISOString()
const end = bureauInstant(addDays(to, 1)).toISOString()

// One copy of the seeded database for the file: each test makes or finds its own data.
const suite = apiSuite()

test('named by the zone’s level-1 member, the level-3 clerk exports the grid’s records as an A4 workbook with Chinese headers', async () => {
  const [grid] = await suite.database.rows<{ id: number; name: string; clerk: number }>(sql`
    SELECT i.grid_id AS id, g.name, u.staff_id AS clerk FROM users u JOIN assignments a ON a.staff_id = u.staff_id JOIN institutions i ON i.id = a.institution_id
    JOIN areas g ON g.id = i.grid_id WHERE u.username = 'member3' LIMIT 1`)
  const member = await loginAs(suite.app, 'member3')
  const records = (cookie: string) =>
    suite.app.request(`/api/grids/${grid!.id}/records?from=${from}&to=${to}`, { headers: { cookie } })
  expect((await records(member)).status).toBe(403)
  expect(
    (
      await suite.app.request(
        `/api/grids/${grid!.id}/materials-clerk`,
        jsonRequest('PUT', { staffId: grid!.clerk }, member),
      )
    ).status,
  ).toBe(403)
  const named = await suite.app.request(
    `/api/grids/${grid!.id}/materials-clerk`,
    jsonRequest('PUT', { staffId: grid!.clerk }, await loginAs(suite.app, 'zone1')),
  )
  expect(named.status).toBe(200)

  const response = await records(member)
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toContain('spreadsheetml')
  expect(decodeURIComponent(response.headers.get('content-disposition')!)).toContain(`${grid!.name}-台账与检查记录`)
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(await response.arrayBuffer())
  expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['问题台账', '检查记录'])
  const [ledger, inspections] = workbook.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet]
  expect((ledger.getRow(1).values as unknown[]).slice(1)).toEqual([...ledgerColumns])
  expect((inspections.getRow(1).values as unknown[]).slice(1)).toEqual([...inspectionColumns])
  const [counts] = await suite.database.rows<{ items: number; inspections: number }>(sql`
    SELECT (SELECT count(*)::int FROM ledger_items l JOIN institutions i ON i.id = l.institution_id WHERE i.grid_id = ${grid!.id}
              AND (l.status <> 'closed' OR l.closed_at >= ${start}) AND l.opened_at < ${end}) AS items,
           (SELECT count(*)::int FROM inspections WHERE grid_id = ${grid!.id} AND arrived_at >= ${start} AND arrived_at < ${end}) AS inspections`)
  expect(ledger.rowCount - 1).toBe(counts!.items)
  expect(inspections.rowCount - 1).toBe(counts!.inspections)
  expect(counts!.inspections).toBeGreaterThan(0)
  // Chinese text survives: an institution name from the database appears as it is.
  const [name] = await suite.database.rows<{ name: string }>(
    sql`SELECT i.name FROM inspections v JOIN institutions i ON i.id = v.institution_id WHERE v.grid_id = ${grid!.id} ORDER BY v.arrived_at, v.id LIMIT 1`,
  )
  expect(inspections.getRow(2).getCell(3).value).toBe(name!.name)
  for (const sheet of [ledger, inspections]) {
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1 })
    expect(sheet.pageSetup.printTitlesRow).toBe('1:1')
  }
  // The grid card names the clerk and offers the export to those who may.
  const card = (await (
    await suite.app.request(`/api/grids/${grid!.id}`, { headers: { cookie: await loginAs(suite.app, 'leader') } })
  ).json()) as { materialsClerk: string | null; canExportRecords: boolean }
  const [clerk] = await suite.database.rows<{ name: string }>(sql`SELECT name FROM staff WHERE id = ${grid!.clerk}`)
  expect(card).toMatchObject({ materialsClerk: clerk!.name, canExportRecords: true })
  expect(
    ((await (await suite.app.request(`/api/grids/${grid!.id}`)).json()) as { canExportRecords: boolean })
      .canExportRecords,
  ).toBe(false)
  // Another grid's level-3 member is no clerk here.
  expect((await records(await loginAs(suite.app, 'member3b'))).status).toBe(403)
  expect((await records(await loginAs(suite.app, 'supervisor'))).status).toBe(200)
})

test('a period’s days are the bureau’s: a visit at 00:10 China time is in that day’s export, not the day before', async () => {
  const [target] = await suite.database.rows<{ id: number; grid_id: number; lon: number; lat: number }>(sql`
    SELECT i.id, i.grid_id, ST_X(i.position) AS lon, ST_Y(i.position) AS lat FROM users u JOIN assignments a ON a.staff_id = u.staff_id
    JOIN institutions i ON i.id = a.institution_id WHERE u.username = 'member3' AND i.status = 'active' ORDER BY i.id LIMIT 1`)
  const yesterday = new Date(Date.now() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10)
  const dayBefore = new Date(Date.now() + 8 * 3_600_000 - 2 * 86_400_000).toISOString().slice(0, 10)
  const note = '零点十分的巡查'
  const posted = await suite.app.request(
    '/api/inspections',
    jsonRequest(
      'POST',
      {
        institutionId: target!.id,
        kind: 'weekly-visit',
        arrivedAt: `${yesterday}T00:10:00+08:00`,
        departedAt: `${yesterday}T00:30:00+08:00`,
        position: [target!.lon, target!.lat],
        accuracyMeters: 10,
        note,
      },
      await loginAs(suite.app, 'member3'),
    ),
  )
  expect(posted.status).toBe(201)
  const notes = async (from: string, to: string) => {
    const response = await suite.app.request(`/api/grids/${target!.grid_id}/records?from=${from}&to=${to}`, {
      headers: { cookie: await loginAs(suite.app, 'supervisor') },
    })
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await response.arrayBuffer())
    return workbook.getWorksheet('检查记录')!.getSheetValues().flat().map(String)
  }
  expect(await notes(yesterday, yesterday)).toContain(note)
  expect(await notes(dayBefore, dayBefore)).not.toContain(note)
})

test('a staff member of another county, or a period that ends before it begins, is a 400', async () => {
  const zone = await loginAs(suite.app, 'zone1')
  const [grid] = await suite.database.rows<{ id: number }>(
    sql`SELECT g.id FROM areas g JOIN areas z ON z.id = g.parent_id WHERE g.level = 'grid' AND z.name = '东南片区' LIMIT 1`,
  )
  expect(
    (await suite.app.request(`/api/grids/${grid!.id}/materials-clerk`, jsonRequest('PUT', { staffId: 999_999 }, zone)))
      .status,
  ).toBe(400)
  expect(
    (
      await suite.app.request(`/api/grids/${grid!.id}/records?from=2026-11-30&to=2026-11-01`, {
        headers: { cookie: zone },
      })
    ).status,
  ).toBe(400)
})
