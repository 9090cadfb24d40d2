// Monthly reports in Chromium: the level-2 member of 天中街道 writes October's narrative and
// submits; the level-1 member of its zone returns it with a note; the level-2 member reads the
// note, adds to the narrative and submits again; the level-1 member accepts, and the page says the
// figures are frozen. The report downloads as .xlsx whose Chinese labels read back intact. The
// dispatch view (常调度) of the level-1 member lists the zone's grids and takes them from an overdue
// ledger item to that item on the ledger page.
import ExcelJS from 'exceljs'
import { describe, expect, onTestFailed, test } from 'vitest'
import type { Page } from 'playwright-core'
import { saveScreenshot } from '../support/browser.ts'
import { browserSuite, browserTestsReady } from '../support/browser-suite.ts'

/** The bureau's last month (China Standard Time), as YYYY-MM. */
function lastMonth(): string {
  const [year, month] = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7).split('-').map(Number) as [
    number,
    number,
  ]
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`
}

describe.skipIf(!browserTestsReady)('monthly reports in Chromium', () => {
  const suite = browserSuite()

  const signedIn = (username: string, path: string) =>
    suite.signedIn(username, path, { context: { acceptDownloads: true } })

  test('submitted, returned with a note, submitted again and accepted; the workbook reads back in Chinese', async () => {
    const writer = await signedIn('grid2b', 'reports?month=2026-10')
    const reviewer = await signedIn('zone1', 'reports?month=2026-10')
    onTestFailed(async () => {
      for (const [name, page] of [
        ['writer', writer.page],
        ['reviewer', reviewer.page],
      ] as const)
        await saveScreenshot(page, `failed-report-${name}.png`).catch(() => {})
    })
    const status = (page: Page) => page.getByTestId('report-status').textContent()

    // The level-2 member has one grid: its report opens by itself.
    await writer.page.getByTestId('report-sheet').waitFor()
    expect(await writer.page.getByTestId('report-sheet').locator('h2').textContent()).toContain('天中街道')
    // The link's month is the one picked, written in the page's language.
    expect(await writer.page.getByTestId('report-month').locator('option:checked').textContent()).toBe('2026年10月')
    expect(await writer.page.getByTestId('report-figure').count()).toBeGreaterThan(15)
    await writer.page.getByTestId('report-narrative').fill('十月完成辖区村卫生室每周巡查。')
    await writer.page.getByTestId('report-submit').click()
    await expect.poll(() => status(writer.page)).toContain('待审核')

    // The zone's level-1 member: 天中街道 among the zone's grids; returns it with a note.
    await reviewer.page.reload()
    const grid = reviewer.page.getByTestId('report-grid').filter({ hasText: '天中街道' })
    await expect.poll(() => grid.getByTestId('report-grid-status').textContent()).toBe('待审核')
    await grid.click()
    await reviewer.page.getByTestId('report-return').click()
    expect(await reviewer.page.getByRole('alert').textContent()).toContain('请填写审核意见')
    await reviewer.page.getByTestId('report-note').fill('请补充问题整改情况。')
    await reviewer.page.getByTestId('report-return').click()
    await expect.poll(() => status(reviewer.page)).toContain('已退回')

    await writer.page.reload()
    await writer.page.getByTestId('report-review-note').waitFor()
    expect(await writer.page.getByTestId('report-review-note').textContent()).toBe('请补充问题整改情况。')
    await writer.page.getByTestId('report-narrative').fill('十月完成辖区村卫生室每周巡查；逾期问题均已督促整改。')
    await writer.page.getByTestId('report-submit').click()
    await expect.poll(() => status(writer.page)).toContain('待审核')

    await reviewer.page.reload()
    await reviewer.page.getByTestId('report-accept').waitFor()
    await reviewer.page.getByTestId('report-note').fill('同意。')
    await reviewer.page.getByTestId('report-accept').click()
    await expect.poll(() => status(reviewer.page)).toContain('已定稿')
    await reviewer.page.getByTestId('report-frozen').waitFor()
    await saveScreenshot(reviewer.page, 'monthly-report.png')

    const [download] = await Promise.all([
      writer.page.waitForEvent('download'),
      writer.page.getByTestId('report-download').click(),
    ])
    const file = await download.path()
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(file)
    const sheet = workbook.getWorksheet('月报')!
    const labels = new Map<string, string>()
    sheet.eachRow((row) => labels.set(String(row.getCell(1).value), String(row.getCell(2).value ?? '')))
    expect(String(sheet.getRow(1).getCell(1).value)).toContain('天中街道网格 2026年10月')
    expect(labels.get('指标')).toBe('数值')
    expect(labels.get('工作情况说明')).toBe('十月完成辖区村卫生室每周巡查；逾期问题均已督促整改。')
    expect(labels.get('审核意见')).toBe('同意。')
    expect(labels.has('巡查覆盖率')).toBe(true)
    expect(writer.errors).toEqual([])
    expect(reviewer.errors).toEqual([])
    await writer.context.close()
    await reviewer.context.close()
  })

  test('a circular drafted by a supervisor and approved by a leader appears on the overview and the wall; cross-check results open to their checks', async () => {
    const month = lastMonth()
    const supervisor = await signedIn('supervisor', 'circulars')
    onTestFailed(async () => void (await saveScreenshot(supervisor.page, 'failed-circular.png').catch(() => {})))
    // The month is picked in the page's language, whatever the browser's (headless Chromium's is English).
    const picker = supervisor.page.getByTestId('circular-month')
    await picker.selectOption(month)
    expect(await picker.locator('option:checked').textContent()).toBe(
      `${month.slice(0, 4)}年${Number(month.slice(5))}月`,
    )
    await supervisor.page.getByTestId('circular-draft').click()
    const sheet = supervisor.page.getByTestId('circular-sheet')
    await expect.poll(() => sheet.getAttribute('data-status')).toBe('draft')
    // The supervisor drafts and edits; only a leader approves.
    expect(await supervisor.page.getByTestId('circular-approve').count()).toBe(0)
    const body = supervisor.page.getByTestId('circular-body')
    await body.fill(`${await body.inputValue()}\n请被通报网格于五日内报送整改情况。`)
    await supervisor.page.getByTestId('circular-save').click()
    await expect.poll(() => supervisor.page.locator('.notice').textContent()).toContain('已保存')
    const criticised = await supervisor.page
      .getByTestId('circular-criticised-row')
      .locator('td:first-child')
      .allTextContents()
    await saveScreenshot(supervisor.page, 'circular-draft-1080p.png')

    const leader = await signedIn('leader', 'circulars')
    await leader.page.getByTestId('circular-sheet').waitFor()
    expect(await leader.page.getByTestId('circular-body').inputValue()).toContain('五日内报送整改情况')
    leader.page.once('dialog', (dialog) => void dialog.accept())
    await leader.page.getByTestId('circular-approve').click()
    await expect.poll(() => leader.page.getByTestId('circular-sheet').getAttribute('data-status')).toBe('published')
    expect(await leader.page.getByTestId('circular-heading').textContent()).toContain(`${Number(month.slice(5))}月`)
    await saveScreenshot(leader.page, 'circular-published-1080p.png')

    // The overview's panel and the wall show it.
    await leader.page.goto(`${suite.url}`)
    await leader.page.getByTestId('latest-circular').waitFor()
    const wall = await leader.context.newPage()
    await wall.setViewportSize({ width: 3840, height: 2160 })
    await wall.goto(`${suite.url}wall`)
    await wall.getByTestId('wall-circular').waitFor()
    const onWall = (await wall.getByTestId('wall-circular-criticised').allTextContents()).map((text) => text.trim())
    expect(onWall.length).toBe(criticised.length)
    for (const [index, name] of criticised.entries()) expect(onWall[index]).toContain(name.split(' · ')[0]!.trim())
    await saveScreenshot(wall, 'wall-circular-4k.png')

    // Cross-check results of last month: the demo's finished round, one grid opened to its checks.
    await leader.page.goto(`${suite.url}cross-checks`)
    await leader.page.getByTestId('cross-check-month').selectOption(month)
    await leader.page.getByTestId('cross-check-row').first().click()
    await expect.poll(() => leader.page.getByTestId('cross-check-list').locator('li').count()).toBeGreaterThan(0)
    await saveScreenshot(leader.page, 'cross-checks-1080p.png')
    expect([...supervisor.errors, ...leader.errors]).toEqual([])
    await supervisor.context.close()
    await leader.context.close()
  }, 120_000)

  test('a supervisor starts a campaign over a grid; its map, progress per grid and problem list follow an inspection made for it', async () => {
    const supervisor = await signedIn('supervisor', 'campaigns')
    onTestFailed(async () => void (await saveScreenshot(supervisor.page, 'failed-campaign.png').catch(() => {})))
    await supervisor.page.getByTestId('campaign-new').click()
    await supervisor.page.getByTestId('campaign-name').fill('天中街道拉网式全面检查')
    await supervisor.page.getByTestId('campaign-area').selectOption({ label: '天中街道' })
    for (const category of ['挂床住院', '串换药品'])
      await supervisor.page.getByTestId('campaign-form').getByLabel(category, { exact: true }).check()
    // From yesterday (bureau time): the visit below arrived 40 minutes ago, which just after midnight is yesterday.
    await supervisor.page
      .getByTestId('campaign-form')
      .locator('input[type="date"]')
      .first()
      .fill(new Date(Date.now() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10))
    await supervisor.page.getByTestId('campaign-start').click()
    await supervisor.page.getByTestId('campaign-detail').waitFor()
    expect(await supervisor.page.getByTestId('campaign-detail').locator('h2').textContent()).toBe(
      '天中街道拉网式全面检查',
    )
    expect(await supervisor.page.getByTestId('campaign-grid').count()).toBe(1)
    const before = (await supervisor.page.getByTestId('campaign-grid').locator('td').nth(1).textContent())!
    expect(before).toMatch(/^0 \/ \d+$/)

    // The grid's level-2 member inspects one of its clinics for the campaign, with a finding.
    const grid2b = await signedIn('grid2b', '')
    const recorded = await grid2b.page.evaluate(async () => {
      const campaigns = (await (await fetch('/api/campaigns')).json()) as { id: number; name: string }[]
      const campaign = campaigns.find((entry) => entry.name === '天中街道拉网式全面检查')!
      const mine = (await (await fetch('/api/institutions')).json()) as {
        features: { id: number; geometry: { coordinates: [number, number] }; properties: { type: string } }[]
      }
      const target = mine.features.find((feature) => feature.properties.type === 'village_clinic')!
      const arrivedAt = new Date(Date.now() - 40 * 60_000)
      const response = await fetch('/api/inspections', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
        body: JSON.stringify({
          institutionId: target.id,
          kind: 'special',
          campaignId: campaign.id,
          arrivedAt: arrivedAt.toISOString(),
          departedAt: new Date(arrivedAt.getTime() + 20 * 60_000).toISOString(),
          position: target.geometry.coordinates,
          accuracyMeters: 10,
          checklist: [
            { category: '串换耗材', result: 'ok' },
            { category: '串换药品', result: 'problem' },
          ],
          findings: [{ category: '串换药品', problem: '处方药品与结算药品不一致', severity: 'general' }],
        }),
      })
      return response.status
    })
    expect(recorded).toBe(201)
    await supervisor.page.reload()
    await supervisor.page.getByTestId('campaign-detail').waitFor()
    await expect
      .poll(() => supervisor.page.getByTestId('campaign-grid').locator('td').nth(1).textContent())
      .toMatch(/^1 \/ \d+$/)
    expect(await supervisor.page.getByTestId('campaign-problems').locator('li a').count()).toBe(1)
    await supervisor.page.waitForFunction(
      () => (window.gridwatchMap?.queryRenderedFeatures({ layers: ['campaign-institution'] }).length ?? 0) > 0,
    )
    await saveScreenshot(supervisor.page, 'campaign-1080p.png')
    expect([...supervisor.errors, ...grid2b.errors]).toEqual([])
    await supervisor.context.close()
    await grid2b.context.close()
  })

  test('the dispatch view lists the zone’s grids and leads from an overdue item to its ledger page', async () => {
    const desk = await signedIn('zone1', 'dispatch')
    const { page } = desk
    await page.getByTestId('dispatch-grid-row').first().waitFor()
    expect(await page.getByTestId('dispatch-grid-row').count()).toBe(3)
    expect(await page.getByTestId('dispatch-week').textContent()).toContain('上周')
    await saveScreenshot(page, 'dispatch.png')
    // The annual assessment beside it: the zone's three grids ranked, the workbook downloadable.
    const assessment = await desk.context.newPage()
    await assessment.goto(`${suite.url}assessments`)
    await expect.poll(() => assessment.getByTestId('assessment-row').count()).toBe(3)
    expect(await assessment.getByTestId('assessment-row').locator('.rank').allTextContents()).toEqual(
      expect.arrayContaining(['1']),
    )
    await saveScreenshot(assessment, 'assessments.png')
    await assessment.getByTestId('assessment-staff-tab').click()
    await expect.poll(() => assessment.getByTestId('assessment-staff-row').count()).toBeGreaterThan(5)
    await assessment.close()
    const item = page.getByTestId('dispatch-item').first()
    await item.waitFor()
    await item.locator('a').click()
    await expect.poll(() => new URL(page.url()).pathname).toBe('/ledger')
    await page.getByTestId('ledger-item-panel').waitFor()
    expect(new URL(page.url()).searchParams.get('item')).toMatch(/^\d+$/)
    expect(desk.errors).toEqual([])
    await desk.context.close()
  })
})
