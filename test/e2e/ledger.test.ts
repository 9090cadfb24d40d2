// The problem ledger on the dashboard in Chromium: a level-1 member filters the ledger, opens an
// item a level-3 member reported rectified, is refused a close without saying how it was
// verified, then closes it (销号); the list, the supervisor's open institution card and the wall
// follow without a reload. An item the level-1 member rectified themselves offers no close, and
// the API refuses it. The times each screen took to follow are printed (pnpm bench measures them).
import { describe, expect, onTestFailed, test } from 'vitest'
import { saveScreenshot } from '../support/browser.ts'
import { apiAs } from '../support/running-server.ts'
import { browserSuite, browserTestsReady } from '../support/browser-suite.ts'

type Item = { id: number; status: string; moves: string[]; problem: string; verifiedBy: string | null }

describe.skipIf(!browserTestsReady)('the problem ledger in Chromium', () => {
  const suite = browserSuite()

  /** An item on one of the level-3 member's institutions, reported rectified by that member. */
  async function rectifiedItem(
    raiser: string,
    rectifier: string,
    problem: string,
  ): Promise<{ item: Item; institutionId: number }> {
    const member = await apiAs(suite.url, 'member3')
    const mine = await member<{ features: { id: number }[] }>('/api/me/institutions')
    const institutionId = mine.body.features[0]!.id
    const raising = await apiAs(suite.url, raiser)
    const raised = await raising<Item>('/api/ledger-items', {
      json: { institutionId, category: '其他', problem, severity: 'general' },
    })
    expect(raised.status).toBe(201)
    const rectifying = await apiAs(suite.url, rectifier)
    for (const target of ['rectifying', 'awaiting-verification'])
      expect(
        (await rectifying(`/api/ledger-items/${raised.body.id}/transitions`, { json: { target, note: '已整改' } }))
          .status,
      ).toBe(200)
    return { item: raised.body, institutionId }
  }

  test('a level-1 member closes a rectified item from the ledger page; the list, the open card and the wall follow', async () => {
    const { item, institutionId } = await rectifiedItem('member3', 'member3', '药品进销存台账未按月盘点')
    const ledger = await suite.signedIn('zone1', '/ledger?status=awaiting-verification')
    const overview = await suite.signedIn('supervisor', `/?select=institution:${institutionId}`)
    const wall = await suite.signedIn(null, '/wall?cycle=0')
    const { page } = ledger
    onTestFailed(async () => {
      if (!page.isClosed()) await saveScreenshot(page, 'failed-ledger.png').catch(() => {})
    })

    const row = page.locator(`[data-testid="ledger-row"][data-item="${item.id}"]`)
    await row.waitFor()
    expect(await row.getByTestId('ledger-row-status').textContent()).toBe('待核验')
    // Filters: the category narrows the list to this item's; overdue-only hides it (its deadline is 15 days away).
    await page.getByTestId('ledger-category').selectOption('其他')
    // Polled as a whole: the list answers the filter a moment later, and the old rows are still there until it does.
    await expect
      .poll(() =>
        page
          .getByTestId('ledger-row')
          .evaluateAll((rows) => rows.length > 0 && rows.every((element) => element.textContent!.includes('其他'))),
      )
      .toBe(true)
    await page.getByTestId('ledger-overdue').check()
    await expect.poll(() => row.count()).toBe(0)
    await page.getByTestId('ledger-overdue').uncheck()
    await row.click()
    await page.getByTestId('ledger-item-panel').waitFor()
    expect(new URL(page.url()).searchParams.get('item')).toBe(String(item.id))
    await expect.poll(() => page.getByTestId('ledger-steps').locator('li').count()).toBe(3)

    // The card on the overview lists the item as awaiting verification; the wall counts it open.
    const cardItem = overview.page
      .getByTestId('ledger-items')
      .locator('li')
      .filter({ hasText: '药品进销存台账未按月盘点' })
    await expect.poll(() => cardItem.locator('.status').textContent(), { timeout: 30_000 }).toBe('待核验')
    const openFigure = wall.page.locator('[data-kpi="open-items"] .figure')
    await expect.poll(async () => Number(await openFigure.textContent()), { timeout: 30_000 }).toBeGreaterThan(0)
    const openBefore = Number(await openFigure.textContent())

    // Closing without saying how it was verified is refused on the page; nothing is sent.
    await page.locator('[data-move="closed"]').click()
    await page.getByTestId('move-send').click()
    expect(await page.getByTestId('move-error').textContent()).toBe('销号须填写核验情况')
    const api = await apiAs(suite.url, 'leader')
    expect((await api<Item>(`/api/ledger-items/${item.id}`)).body.status).toBe('awaiting-verification')

    await page.getByTestId('move-note').fill('现场复核，台账已按月盘点')
    const sent = Date.now()
    await page.getByTestId('move-send').click()
    const followed = await Promise.all([
      row.waitFor({ state: 'detached' }).then(() => Date.now() - sent),
      expect
        .poll(() => cardItem.locator('.status').textContent())
        .toBe('已销号')
        .then(() => Date.now() - sent),
      expect
        .poll(async () => Number(await openFigure.textContent()))
        .toBe(openBefore - 1)
        .then(() => Date.now() - sent),
    ])
    console.log(
      JSON.stringify({
        figure: 'ledger close followed (ms): list, card, wall',
        list: followed[0],
        card: followed[1],
        wall: followed[2],
      }),
    )
    await expect.poll(() => page.getByTestId('panel-status').textContent()).toContain('已销号')
    expect(await page.getByTestId('ledger-steps').locator('li').last().textContent()).toContain(
      '现场复核，台账已按月盘点',
    )
    expect((await api<Item>(`/api/ledger-items/${item.id}`)).body).toMatchObject({
      status: 'closed',
      verifiedBy: '一级网格员（演示）',
    })
    await saveScreenshot(page, 'ledger-1080p.png')
    for (const opened of [ledger, overview, wall]) {
      expect(opened.errors).toEqual([])
      await opened.context.close()
    }
  })

  test('an item the level-1 member reported rectified themselves offers them no close, and the API refuses it', async () => {
    const { item } = await rectifiedItem('zone1', 'zone1', '处方未经药师审核')
    const zone1 = await apiAs(suite.url, 'zone1')
    expect((await zone1<Item>(`/api/ledger-items/${item.id}`)).body.moves).toEqual(['reopened'])
    const { context, page } = await suite.signedIn('zone1', `/ledger?item=${item.id}`)
    await page.getByTestId('ledger-item-panel').waitFor()
    await page.locator('[data-move="reopened"]').waitFor()
    expect(await page.locator('[data-move="closed"]').count()).toBe(0)
    const refused = await zone1<{ type: string }>(`/api/ledger-items/${item.id}/transitions`, {
      json: { target: 'closed', note: '自己核验' },
    })
    expect(refused.status).toBe(422)
    expect((await zone1<Item>(`/api/ledger-items/${item.id}`)).body.status).toBe('awaiting-verification')
    // A supervisor, a second person, may close it.
    const supervisor = await apiAs(suite.url, 'supervisor')
    expect((await supervisor<Item>(`/api/ledger-items/${item.id}`)).body.moves).toContain('closed')
    await context.close()
  })
})
