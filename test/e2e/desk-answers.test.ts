// Right answers at the desk and in public (issue 35), in Chromium: the public credit search shows
// exactly the institutions that match, every time (rows keyed by institution, several clinics
// sharing a name told apart by township, pinyin initials found); a colleague who opens a shared
// link while signed out signs in and lands on that view, selection included.
import { describe, expect, test } from 'vitest'
import { demoPasswords } from '@gridwatch/api/demo/demo-accounts.ts'
import { saveScreenshot } from '../support/browser.ts'
import { browserSuite, browserTestsReady } from '../support/browser-suite.ts'

describe.skipIf(!browserTestsReady)('right answers at the desk and in public', () => {
  const suite = browserSuite()

  test('the public credit search never keeps a stale row; same-named clinics show their township; pinyin initials find', async () => {
    const { page, context } = await suite.signedIn(null, 'credit')
    const search = page.getByTestId('public-credit-search')
    await page.getByTestId('public-grade').first().waitFor()
    const rows = () => page.getByTestId('public-grade')
    const names = () => rows().locator('td:first-child').allTextContents()

    await search.fill('孙庄')
    await expect.poll(async () => (await names()).every((name) => name.includes('孙庄'))).toBe(true)
    const sunzhuang = await rows().evaluateAll((trs) =>
      trs.map((tr) => ({ id: tr.getAttribute('data-id'), township: tr.children[1]!.textContent })),
    )
    // Same names, different institutions: each its own row, told apart by township.
    expect(new Set(sunzhuang.map((row) => row.id)).size).toBe(sunzhuang.length)
    if (sunzhuang.length > 1) expect(new Set(sunzhuang.map((row) => row.township)).size).toBeGreaterThan(1)
    await saveScreenshot(page, 'public-credit-sunzhuang-1080p.png')

    await search.fill('dcsq')
    await expect.poll(async () => (await names()).length).toBeGreaterThan(0)
    expect((await names()).every((name) => name.startsWith('东城社区'))).toBe(true)
    expect((await names()).some((name) => name.includes('孙庄'))).toBe(false)

    await search.fill('xyz')
    await page.getByTestId('public-credit-none').waitFor()
    expect(await rows().count()).toBe(0)
    await context.close()
  })

  test('a shared link opened while signed out comes back, selection included, after signing in', async () => {
    const { page, context } = await suite.signedIn('leader', '')
    await page.locator('.maplibregl-canvas').waitFor()
    const link = await page.evaluate(async () => {
      const institutions = (await (await fetch('/api/institutions')).json()) as { features: { id: number }[] }
      return `/?select=institution:${institutions.features[3]!.id}`
    })
    await context.close()

    // The colleague is signed out (the 30-minute idle limit): the link, then 登录.
    const colleague = await suite.signedIn(null, link.slice(1))
    await colleague.page.locator('.maplibregl-canvas').waitFor()
    await colleague.page.getByRole('link', { name: '登录' }).click()
    await colleague.page.locator('input[name=username]').fill('supervisor')
    await colleague.page.locator('input[name=password]').fill(demoPasswords.supervisor!)
    await colleague.page.locator('form button[type=submit]').click()
    await expect
      .poll(() => new URL(colleague.page.url()).searchParams.get('select'))
      .toBe(new URL(link, suite.url).searchParams.get('select'))
    expect(new URL(colleague.page.url()).pathname).toBe('/')
    await colleague.page.getByTestId('institution-card').waitFor()
    await colleague.context.close()
  })

  test('the institution card opens in view (the panel’s top at a desk, a bottom sheet on a phone) and copies its link', async () => {
    for (const viewport of [
      { width: 1920, height: 1080 },
      { width: 390, height: 844 },
    ]) {
      const phone = viewport.width < 500
      const { page, context } = await suite.signedIn('leader', '', { viewport, phone })
      await context.grantPermissions(['clipboard-read', 'clipboard-write'])
      await page.locator('.maplibregl-canvas').waitFor()
      const id = await page.evaluate(
        async () =>
          ((await (await fetch('/api/institutions')).json()) as { features: { id: number }[] }).features[5]!.id,
      )
      await page.goto(`${suite.url}?select=institution:${id}`)
      const card = page.getByTestId('institution-card')
      await card.waitFor()
      const box = (await card.boundingBox())!
      // Its title row is on screen without scrolling.
      expect(box.y).toBeGreaterThanOrEqual(0)
      expect(box.y + 60).toBeLessThanOrEqual(viewport.height)
      await saveScreenshot(page, `card-in-view-${viewport.width}.png`)
      await card.getByTestId('copy-link').click()
      await page.getByTestId('link-copied').waitFor()
      const copied = await page.evaluate(() => navigator.clipboard.readText())
      expect(new URL(copied).searchParams.get('select')).toBe(`institution:${id}`)
      await context.close()
    }
  })
})
