// Boundary drafts over time in a real Chromium: a draft scheduled for a later date waits read-only
// and pending in the history until its schedule is cancelled; a draft made while the page is
// still loading is not swapped for an older one arriving late.
import { beforeEach, describe, expect, test } from 'vitest'
import { openPage, saveScreenshot } from '../support/browser.ts'
import { cancelSchedules, openPlanner, startDraft } from '../support/planner-page.ts'
import { browserSuite, browserTestsReady } from '../support/browser-suite.ts'

describe.skipIf(!browserTestsReady)('grid planner drafts over time in Chromium', () => {
  const suite = browserSuite()

  beforeEach(() => cancelSchedules(suite.url))

  test('a later effective date schedules the draft: read-only, pending in the history, editable again once the schedule is cancelled', async () => {
    const watched = await openPage(suite.browser)
    const { page } = watched
    await openPlanner(page, suite.url)
    await startDraft(page)
    const later = new Date(Date.now() + 8 * 3600_000 + 40 * 86_400_000).toISOString().slice(0, 10)
    await page.getByTestId('effective-from').fill(later)
    await expect.poll(() => page.getByTestId('publish').textContent()).toContain(`排期发布（${later} 生效）`)
    page.once('dialog', (dialog) => void dialog.accept())
    await page.getByTestId('publish').click()
    await expect
      .poll(() => page.getByTestId('planner-message').textContent())
      .toContain(`已排期：${later} 当天自动发布`)
    await expect.poll(() => page.getByTestId('scheduled-note').textContent()).toContain(later)
    expect(await page.getByTestId('tool-lasso').isDisabled()).toBe(true)
    expect(await page.getByTestId('grid-name').isDisabled()).toBe(true)
    expect(await page.getByTestId('scheduled-version').textContent()).toContain(`待生效 · ${later}`)
    // Nothing was published: the history still starts with the version in force.
    expect(await page.getByTestId('version').first().textContent()).toContain('现行')
    await saveScreenshot(page, 'planner-scheduled-1080p.png')

    await page.getByTestId('unschedule').click()
    await expect.poll(() => page.getByTestId('planner-message').textContent()).toContain('已取消排期')
    await expect.poll(() => page.getByTestId('tool-lasso').isDisabled()).toBe(false)
    expect(await page.getByTestId('scheduled-version').count()).toBe(0)
    expect(watched.consoleErrors).toEqual([])
    await page.close()
  })

  test('a draft made while the page is still loading stays open: the first load does not swap in an older open draft', async () => {
    const watched = await openPage(suite.browser)
    const { page } = watched
    await openPlanner(page, suite.url)
    await page.getByTestId('new-draft').waitFor()
    const older = await page.evaluate(
      async () =>
        (await (
          await fetch('/api/planner/drafts', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ name: '较早的草稿' }),
          })
        ).json()) as { id: number },
    )
    // The page starts on the most recently saved open draft, which this time comes 3 s late (a slow
    // connection, a busy server); the planner makes a new draft meanwhile.
    let hold = true
    await page.route(`**/api/planner/drafts/${older.id}`, async (route) => {
      if (hold && route.request().method() === 'GET') {
        hold = false
        await new Promise((resolve) => setTimeout(resolve, 3000))
      }
      await route.continue()
    })
    await page.reload()
    const [created] = await Promise.all([
      page.waitForResponse(
        (response) => response.url().endsWith('/api/planner/drafts') && response.request().method() === 'POST',
      ),
      page.getByTestId('new-draft').click(),
    ])
    const { id } = (await created.json()) as { id: number }
    await expect.poll(() => page.getByTestId('draft-select').inputValue()).toBe(String(id))
    // Past the late answer: it must not replace the draft the planner made.
    await page.waitForTimeout(4000)
    expect(await page.getByTestId('draft-select').inputValue()).toBe(String(id))
    expect(await page.getByTestId('draft-select').locator('option:checked').textContent()).not.toContain('较早的草稿')
    expect(id).not.toBe(older.id)
    expect(watched.consoleErrors).toEqual([])
    await page.close()
  })
})
