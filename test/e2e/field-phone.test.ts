// The grid member's phone in Chromium at 390×844 with an emulated position: an inspection with a
// poster photo, a finding and both signatures recorded in airplane mode waits on the device (it
// survives a reload), goes out when the network returns, and the dashboard's card shows it
// verified; the finding is a ledger item that the member reports rectified and a level-1 member
// closes on their phone, while the member's own close is not offered and the API refuses it.
import fs from 'node:fs'
import { describe, expect, onTestFailed, test } from 'vitest'
import sharp from 'sharp'
import ExcelJS from 'exceljs'
import { saveScreenshot } from '../support/browser.ts'
import { apiAs } from '../support/running-server.ts'
import {
  type SignedInPage,
  answerChecklist,
  browserSuite,
  browserTestsReady,
  drawSignature,
} from '../support/browser-suite.ts'

describe.skipIf(!browserTestsReady)('the field phone in Chromium', () => {
  const suite = browserSuite()

  const api = (username: string) => apiAs(suite.url, username)

  async function phone(username: string, position: [number, number], startAt: Date): Promise<SignedInPage> {
    const signedIn = await suite.signedIn(username, 'field', { phone: true, position, clockAt: startAt })
    await signedIn.page.getByTestId('field-app').waitFor()
    return signedIn
  }

  test('an inspection recorded offline waits on the phone, goes out when online, and shows verified on the dashboard; its finding is closed by a second person', async () => {
    const member = await api('member3')
    const mine = await member<{
      features: {
        id: number
        geometry: { coordinates: [number, number] }
        properties: { name: string; gridId: number }
      }[]
    }>('/api/me/institutions')
    // A full-coverage campaign (拉网式检查) runs over the member's grid: the inspection counts for it by default.
    // From yesterday (bureau time): the visit below starts 20 minutes ago, which just after midnight is yesterday.
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)
    const yesterday = new Date(Date.now() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10)
    const campaign = await (
      await api('supervisor')
    )<{ id: number }>('/api/campaigns', {
      json: {
        name: '天中街道拉网式检查',
        areaId: mine.body.features[0]!.properties.gridId,
        startsOn: yesterday,
        endsOn: today,
        categories: ['挂床住院', '串换药品', '虚假住院'],
      },
    })
    expect(campaign.status).toBe(201)
    // Start twenty minutes ago on the phone's clock, so that arrival and departure both lie in the past.
    const started = new Date(Date.now() - 20 * 60_000)
    const { context, page, errors } = await phone('member3', [0, 0], started)
    onTestFailed(async () => {
      if (page.isClosed()) return
      await saveScreenshot(page, 'failed-field-phone.png').catch(() => {})
      console.error(
        'field phone failed:',
        await page
          .locator('[role="alert"], [role="status"]')
          .allTextContents()
          .catch(() => []),
        errors,
      )
    })
    // The list is most urgent first; the phone stands at the first one's door.
    await page.getByTestId('my-institution').first().waitFor()
    const targetId = Number(await page.getByTestId('my-institution').first().getAttribute('data-id'))
    const target = mine.body.features.find((feature) => feature.id === targetId)!
    await context.setGeolocation({
      longitude: target.geometry.coordinates[0] + 0.0002,
      latitude: target.geometry.coordinates[1],
      accuracy: 12,
    })
    await expect
      .poll(() => page.getByTestId('my-institution').first().locator('.distance').textContent())
      .toMatch(/\d+ m/)
    expect(await page.getByTestId('my-institution').first().locator('a').getAttribute('href')).toMatch(
      /^https:\/\/uri\.amap\.com\/navigation\?to=/,
    )
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true))
    await saveScreenshot(page, 'field-phone-institutions.png')

    // Airplane mode.
    await context.setOffline(true)
    await expect.poll(() => page.getByTestId('network').textContent()).toBe('离线')
    await page.getByTestId('inspect').first().click()
    await page.getByTestId('arrive').click()
    await page.getByTestId('arrived').waitFor()
    expect(await page.getByTestId('campaign-toggle').textContent()).toContain('天中街道拉网式检查')
    await page.getByTestId('finding-category').selectOption({ index: 1 })
    await page.getByTestId('finding-severity').selectOption('serious')
    await page.getByTestId('finding-problem').fill('处方与结算药品不一致')
    await page.getByTestId('add-finding').click()
    const poster = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#c9302c' } })
      .jpeg()
      .toBuffer()
    await page.getByTestId('sign-photo').setInputFiles({ name: 'poster.jpg', mimeType: 'image/jpeg', buffer: poster })
    await page.getByTestId('photo-preview').waitFor()
    await page.getByTestId('note').fill('查阅处方 20 张')
    await answerChecklist(page)
    await context.clock.fastForward('12:00')
    await page.getByTestId('depart').click()
    await expect.poll(() => page.getByTestId('stay').textContent()).toContain('12')
    await drawSignature(page, 'sign-inspector')
    await drawSignature(page, 'sign-representative')
    await saveScreenshot(page, 'field-phone-signing.png')
    await page.getByTestId('save-inspection').click()
    await expect.poll(() => page.getByTestId('message').textContent()).toContain('联网后自动发送')
    await expect.poll(() => page.getByTestId('pending').textContent()).toBe('待发送 2')

    // Still offline, the phone is reloaded: the app comes from the service worker, the outbox from the device.
    await page.reload()
    await page.getByTestId('field-app').waitFor()
    await expect.poll(() => page.getByTestId('pending').textContent()).toBe('待发送 2')
    await page.getByTestId('tab-outbox').click()
    expect(await page.getByTestId('outbox-entry').count()).toBe(2)
    await saveScreenshot(page, 'field-phone-outbox.png')

    // Back online: everything goes, once.
    await context.setOffline(false)
    await expect.poll(() => page.getByTestId('pending').textContent(), { timeout: 20_000 }).toBe('待发送 0')
    const leader = await api('leader')
    const card = await leader<{
      inspections: { verified: boolean; note: string }[]
      ledgerItems: { id: number; problem: string; status: string; severity: string }[]
    }>(`/api/institutions/${targetId}`)
    expect(card.body.inspections[0]).toMatchObject({ verified: true, note: '查阅处方 20 张' })
    const item = card.body.ledgerItems.find((entry) => entry.problem === '处方与结算药品不一致')!
    expect(item).toMatchObject({ status: 'open', severity: 'serious' })
    // It counted for the campaign, and its finding is on the campaign's problem list.
    const progress = await leader<{
      inspected: number
      institutionsList: { id: number; inspectedAt: string | null }[]
      problems: { ledgerItemId: number }[]
    }>(`/api/campaigns/${campaign.body.id}`)
    expect(progress.body.inspected).toBe(1)
    expect(
      progress.body.institutionsList.find((institution) => institution.id === targetId)!.inspectedAt,
    ).not.toBeNull()
    expect(progress.body.problems.map((problem) => problem.ledgerItemId)).toEqual([item.id])
    const recorded = await leader<{ inspections: { id: number }[] }>(
      `/api/inspections?institutionId=${targetId}&limit=5`,
    )
    const signatures = await fetch(`${suite.url}api/inspections?institutionId=${targetId}&limit=1`)
    void signatures
    expect(recorded.body.inspections.length).toBeGreaterThan(0)
    expect(errors).toEqual([])

    // The dashboard's card shows it verified.
    const desk = await suite.browser.newPage({ viewport: { width: 1920, height: 1080 } })
    await desk.goto(`${suite.url}login`)
    await desk.locator('[data-account="leader"]').click()
    await expect.poll(() => new URL(desk.url()).pathname).toBe('/')
    await desk.goto(`${suite.url}?select=institution:${targetId}`)
    await expect
      .poll(() => desk.getByTestId('inspections').locator('li').first().textContent(), { timeout: 20_000 })
      .toContain('已核验')
    // The shared link brought the map to the institution, not only its card.
    const [position] = (
      await leader<{ features: { id: number; geometry: { coordinates: [number, number] } }[] }>(`/api/institutions`)
    ).body.features
      .filter((feature) => feature.id === targetId)
      .map((feature) => feature.geometry.coordinates)
    await expect
      .poll(
        async () => {
          const view = await desk.evaluate(() => ({
            center: window.gridwatchMap!.getCenter(),
            zoom: window.gridwatchMap!.getZoom(),
          }))
          return (
            view.zoom >= 13.9 &&
            Math.abs(view.center.lng - position![0]) < 0.002 &&
            Math.abs(view.center.lat - position![1]) < 0.002
          )
        },
        { timeout: 10_000 },
      )
      .toBe(true)
    // …and rings it as the selected one.
    expect(
      await desk.evaluate(
        (id) => window.gridwatchMap!.getFeatureState({ source: 'institutions', id }).selected,
        targetId,
      ),
    ).toBe(true)
    // The grid's records, as the materials clerk's workbook, from the grid card.
    const { body: detail } = await leader<{ gridId: number }>(`/api/institutions/${targetId}`)
    await desk.goto(`${suite.url}?select=grid:${detail.gridId}`)
    const [download] = await Promise.all([desk.waitForEvent('download'), desk.getByTestId('export-records').click()])
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(new Uint8Array(fs.readFileSync((await download.path())!)).buffer)
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['问题台账', '检查记录'])
    // The card exports this bureau month. Just after midnight on the 1st the visit (20 minutes ago)
    // belongs to last month: then the period is asked for explicitly.
    const bureauDay = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
    if (bureauDay(started).slice(0, 7) !== bureauDay(new Date()).slice(0, 7)) {
      const response = await fetch(
        `${suite.url}api/grids/${detail.gridId}/records?from=${bureauDay(started)}&to=${bureauDay(new Date())}`,
        {
          headers: {
            cookie: (await desk.context().cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join('; '),
          },
        },
      )
      expect(response.status).toBe(200)
      await workbook.xlsx.load(await response.arrayBuffer())
    }
    const rows = workbook.getWorksheet('检查记录')!.getSheetValues().flat().map(String)
    expect(rows).toContain('查阅处方 20 张')
    await desk.close()

    // The member reports the rectification from the ledger tab; closing is not offered to them.
    await page.getByTestId('tab-ledger').click()
    const row = page.locator(`[data-testid="ledger-item"][data-id="${item.id}"]`)
    await row.getByTestId('move-awaiting-verification').click()
    await row.getByTestId('move-note').fill('已退回违规费用')
    const evidence = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#2f855a' } })
      .jpeg()
      .toBuffer()
    await row
      .getByTestId('move-photo')
      .setInputFiles({ name: 'evidence.jpg', mimeType: 'image/jpeg', buffer: evidence })
    await row.getByTestId('move-preview').waitFor()
    await saveScreenshot(page, 'field-phone-ledger.png')
    await row.getByTestId('move-confirm').click()
    await expect
      .poll(async () => (await leader<{ status: string }>(`/api/ledger-items/${item.id}`)).body.status, {
        timeout: 20_000,
      })
      .toBe('awaiting-verification')
    const steps = (
      await leader<{ steps: { step: string; note: string; photoIds: number[] }[] }>(`/api/ledger-items/${item.id}`)
    ).body.steps
    expect(steps.at(-1)).toMatchObject({ step: 'awaiting-verification', note: '已退回违规费用' })
    expect(steps.at(-1)!.photoIds).toHaveLength(1)
    await expect.poll(() => row.getByTestId('move-closed').count()).toBe(0)
    // No buttons for the member who rectified it, but a word on who verifies and closes it.
    await expect.poll(() => row.getByTestId('verifiers').textContent()).toMatch(/^由 .*一级网格员.* 核验销号$/)
    const ownClose = await member(`/api/ledger-items/${item.id}/transitions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ target: 'closed', note: '自己销号' }),
    })
    expect(ownClose.status).toBe(403)

    // A level-1 member of the zone closes it on their phone.
    const second = await phone('zone1', target.geometry.coordinates, new Date())
    await second.page.getByTestId('tab-ledger').click()
    const theirRow = second.page.locator(`[data-testid="ledger-item"][data-id="${item.id}"]`)
    await theirRow.getByTestId('move-closed').click()
    // Closing without saying how it was verified is not taken.
    await theirRow.getByTestId('move-confirm').click()
    await theirRow.locator('[role="alert"]').waitFor()
    await theirRow.getByTestId('move-note').fill('现场核验，整改到位')
    await theirRow.getByTestId('move-confirm').click()
    await expect
      .poll(async () => (await leader<{ status: string; verifiedBy: string }>(`/api/ledger-items/${item.id}`)).body, {
        timeout: 20_000,
      })
      .toMatchObject({ status: 'closed', verifiedBy: '一级网格员（演示）' })
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true)
    await second.context.close()
    await context.close()
  }, 180_000)
})
