// The county overview and login in a real Chromium: what the map draws (counted through
// MapLibre's rendered features), theme colours on screen, no request leaving the machine.
import { describe, expect, test } from 'vitest'
import {
  colourAt,
  distinctRendered,
  openPage,
  placedNames,
  saveScreenshot,
  type WatchedPage,
} from '../support/browser.ts'
import { demoPasswords } from '@gridwatch/api/demo/demo-accounts.ts'
import { browserSuite, browserTestsReady } from '../support/browser-suite.ts'

describe.skipIf(!browserTestsReady)('county overview in Chromium', () => {
  const suite = browserSuite()

  async function openOverview(): Promise<WatchedPage> {
    const watched = await openPage(suite.browser)
    await watched.page.goto(suite.url)
    await watched.page.waitForFunction(
      () => {
        const map = window.gridwatchMap
        // Areas follow the institutions (web/src/map/map-controller.ts): wait for both.
        return (
          !!map &&
          map.loaded() &&
          map.queryRenderedFeatures({ layers: ['institutions'] }).length > 300 &&
          map.queryRenderedFeatures({ layers: ['zone-outline'] }).length > 0
        )
      },
      undefined,
      { timeout: 30_000 },
    )
    return watched
  }

  test('draws 4 zones, 11 grids and all 378 institutions from our own server only', async () => {
    const watched = await openOverview()
    expect(await distinctRendered(watched.page, 'zone-outline')).toBe(4)
    expect(await distinctRendered(watched.page, 'grid-outline')).toBe(11)
    expect(await distinctRendered(watched.page, 'institutions')).toBe(378)
    await expect.poll(() => watched.page.getByTestId('institution-count').textContent()).toBe('378')
    expect(await watched.page.getByTestId('demo-notice').isVisible()).toBe(true)
    await saveScreenshot(watched.page, 'overview-1080p.png')
    // Place names, drawn by MapLibre from the browser's fonts (no glyph files): the county seat and
    // every grid at the county's zoom; village names once zoomed in, placed beside each other, never over.
    await expect.poll(() => placedNames(watched.page, 'place-grid')).toHaveLength(11)
    expect(await placedNames(watched.page, 'place-county')).toEqual(['定陶区'])
    expect(await placedNames(watched.page, 'place-village')).toEqual([])
    await watched.page.evaluate(() => window.gridwatchMap!.jumpTo({ center: [115.58, 35.08], zoom: 12.5 }))
    await expect
      .poll(async () => (await placedNames(watched.page, 'place-village')).length, { timeout: 10_000 })
      .toBeGreaterThan(40)
    expect(await placedNames(watched.page, 'place-village')).toContain('东城社区')
    await saveScreenshot(watched.page, 'overview-places-1080p.png')
    expect(watched.offMachineRequests).toEqual([])
    expect(watched.consoleErrors).toEqual([])
    await watched.page.close()
  })

  test('leaving the overview while the institutions are still on the way: nothing is drawn on the removed map', async () => {
    const watched = await openPage(suite.browser)
    const { page } = watched
    // The institution layer is held back; the areas wait for it (up to 4 s) before they are drawn, so
    // the page is left with the areas pending, and they must not be drawn on the removed map.
    await page.route('**/api/map/institutions*', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 6000))
      await route.continue().catch(() => undefined)
    })
    const areasLoaded = page.waitForResponse((response) => response.url().includes('/api/areas?level=grid'))
    await page.goto(suite.url)
    await areasLoaded
    await page.waitForFunction(() => window.gridwatchMap?.loaded() === true, undefined, { timeout: 30_000 })
    await page.getByTestId('nav-draws').click()
    await expect.poll(() => new URL(page.url()).pathname).toBe('/draws')
    await page.waitForTimeout(5000)
    expect(watched.consoleErrors).toEqual([])
    await page.close()
  })

  test.each([360, 390, 430])(
    'on a %i px phone the map comes first, the figures make one strip, search lies over the map, the pages are in a menu',
    async (width) => {
      const watched = await openPage(suite.browser, { width, height: 844 }, 2)
      const { page } = watched
      await page.goto(suite.url)
      await page.waitForFunction(
        () =>
          !!window.gridwatchMap?.loaded() &&
          window.gridwatchMap.queryRenderedFeatures({ layers: ['institutions'] }).length > 300,
        undefined,
        { timeout: 30_000 },
      )
      const box = async (selector: string) => (await page.locator(selector).first().boundingBox())!
      const [header, map, search, figures] = [
        await box('.top-bar'),
        await box('[data-testid="map"]'),
        await box('.search input'),
        await box('.figures'),
      ]
      // The map right under the header, the full width, more than half the screen.
      expect(map.y).toBeCloseTo(header.y + header.height, 0)
      expect(map.width).toBeCloseTo(width, 0)
      expect(map.height).toBeGreaterThan(844 * 0.5)
      // Search over the map's top; the figures below the map, in one row.
      expect(search.y).toBeGreaterThanOrEqual(map.y)
      expect(search.y + search.height).toBeLessThan(map.y + map.height / 3)
      expect(search.x + search.width).toBeLessThanOrEqual(width)
      expect(figures.y).toBeGreaterThanOrEqual(map.y + map.height)
      expect(figures.height).toBeLessThan(50)
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
      // The pages wait in the menu, which opens over the page and leads on.
      expect(await page.getByTestId('nav-draws').isVisible()).toBe(false)
      await page.getByTestId('nav-menu').click()
      expect(await page.getByTestId('nav-menu').getAttribute('aria-expanded')).toBe('true')
      await saveScreenshot(page, `overview-phone-${width}-menu.png`)
      await page.getByTestId('nav-menu').click()
      await saveScreenshot(page, `overview-phone-${width}.png`)
      await page.getByTestId('nav-menu').click()
      await page.getByTestId('nav-draws').click()
      await expect.poll(() => new URL(page.url()).pathname).toBe('/draws')
      expect(await page.getByTestId('nav-draws').isVisible()).toBe(false)
      expect(watched.consoleErrors).toEqual([])
      await page.close()
    },
  )

  test('switching theme recolours an institution on screen and the legend follows', async () => {
    const watched = await openOverview()
    const target = await watched.page.evaluate(async () => {
      const institutions = await (await fetch('/api/institutions')).json()
      const neverVisited = institutions.features.find(
        (feature: { properties: { daysSinceVisit: number | null; openLedgerItems: number; type: string } }) =>
          feature.properties.daysSinceVisit === null &&
          feature.properties.openLedgerItems === 0 &&
          feature.properties.type === 'village_clinic',
      )
      return { id: neverVisited.properties.id as number, at: neverVisited.geometry.coordinates as [number, number] }
    })
    // Close in on it so that no neighbour's circle covers its centre.
    await watched.page.evaluate((at) => window.gridwatchMap!.jumpTo({ center: at, zoom: 13 }), target.at)
    await watched.page.waitForFunction(() => window.gridwatchMap!.loaded())
    const recency = await colourAt(watched.page, target.id)
    expect(recency).toEqual([0x37, 0x41, 0x51]) // never visited: dark grey
    await watched.page.locator('[data-theme="ledger"]').click()
    await watched.page.waitForFunction(() => window.gridwatchMap!.loaded())
    await expect.poll(() => colourAt(watched.page, target.id)).toEqual([0x16, 0xa3, 0x4a]) // no open ledger items: green
    expect(await watched.page.getByTestId('legend').textContent()).toContain('问题台账')
    expect(watched.consoleErrors).toEqual([])
    await watched.page.close()
  })

  test('search by pinyin initials opens the institution: panel with masked phones, ledger, visits, credit; the URL reproduces it', async () => {
    const watched = await openOverview()
    const { page } = watched
    await page.getByTestId('search').fill('dcsq')
    await page.getByTestId('search-hits').locator('li').first().waitFor()
    expect(await page.getByTestId('search-hits').locator('li').first().textContent()).toContain('东城社区卫生室')
    await page.getByTestId('search').press('Enter')
    const card = page.getByTestId('institution-card')
    await expect.poll(() => card.locator('h3').textContent()).toBe('东城社区卫生室')
    // Anonymous demo viewer: staff listed, every number masked.
    const phones = await card.getByTestId('phone').allTextContents()
    expect(phones.length).toBeGreaterThan(2)
    for (const phone of phones) expect(phone).toMatch(/^\d{3}\*{4}\d{4}$/)
    expect(await card.getByTestId('credit-history').locator('li').count()).toBeGreaterThan(0)
    await expect.poll(() => new URL(page.url()).searchParams.get('select')).toMatch(/^institution:\d+$/)
    const shared = page.url()
    await page.close()

    const again = await openPage(suite.browser)
    await again.page.goto(shared)
    await expect
      .poll(() => again.page.getByTestId('institution-card').locator('h3').textContent())
      .toBe('东城社区卫生室')
    expect(again.consoleErrors).toEqual([])
    await again.page.close()
  })

  test('a leader sees full phone numbers in the panel', async () => {
    const watched = await openPage(suite.browser)
    await watched.page.goto(`${suite.url}login`)
    await watched.page.locator('[data-account="leader"]').click()
    await expect.poll(() => new URL(watched.page.url()).pathname).toBe('/')
    await watched.page.getByTestId('search').fill('dcsq')
    await watched.page.getByTestId('search-hits').locator('li').first().click()
    const phones = watched.page.getByTestId('institution-card').getByTestId('phone')
    await phones.first().waitFor()
    for (const phone of await phones.allTextContents()) expect(phone).toMatch(/^\d{11}$/)
    await watched.page.close()
  })

  test('zone, grid and type filters leave only matching institutions drawn; the legend counts follow; the grid panel opens from the card', async () => {
    const watched = await openOverview()
    const { page } = watched
    const institutions = (await page.evaluate(
      async () => (await (await fetch('/api/institutions')).json()).features,
    )) as {
      properties: { gridId: number; gridName: string; zoneId: number; type: string }
    }[]
    const grid = institutions.find((institution) => institution.properties.gridName === '黄店镇')!.properties
    await page.getByTestId('filter-zone').selectOption(String(grid.zoneId))
    await expect
      .poll(() => distinctRendered(page, 'institutions'))
      .toBe(institutions.filter((institution) => institution.properties.zoneId === grid.zoneId).length)
    await page.getByTestId('filter-grid').selectOption(String(grid.gridId))
    const inGrid = institutions.filter((institution) => institution.properties.gridId === grid.gridId)
    await expect.poll(() => distinctRendered(page, 'institutions')).toBe(inGrid.length)
    const legendTotal = async () =>
      (await page.getByTestId('legend').locator('.count').allTextContents()).reduce(
        (sum, text) => sum + Number(text),
        0,
      )
    expect(await legendTotal()).toBe(inGrid.length)
    await page.locator('[data-type="village_clinic"]').click()
    const villageClinics = inGrid.filter((institution) => institution.properties.type === 'village_clinic').length
    await expect.poll(() => distinctRendered(page, 'institutions')).toBe(villageClinics)
    expect(await page.getByTestId('shown-count').textContent()).toContain(String(villageClinics))
    await expect.poll(() => new URL(page.url()).searchParams.get('types')).toBe('village_clinic')
    expect(new URL(page.url()).searchParams.get('grid')).toBe(String(grid.gridId))
    await page.getByTestId('filter-reset').click()
    await expect.poll(() => distinctRendered(page, 'institutions')).toBe(378)
    expect(watched.consoleErrors).toEqual([])
    await page.close()
  })

  test('clicking an institution on the map opens its card; its grid link opens the grid panel', async () => {
    const watched = await openOverview()
    const { page } = watched
    const target = await page.evaluate(async () => {
      const institutions = await (await fetch('/api/institutions')).json()
      const institution = institutions.features.find(
        (feature: { properties: { gridName: string; type: string } }) =>
          feature.properties.gridName === '孟海镇' && feature.properties.type === 'village_clinic',
      )
      return {
        id: institution.properties.id as number,
        name: institution.properties.name as string,
        at: institution.geometry.coordinates as [number, number],
      }
    })
    await page.evaluate((at) => window.gridwatchMap!.jumpTo({ center: at, zoom: 13 }), target.at)
    await page.waitForFunction(() => window.gridwatchMap!.loaded())
    const box = (await page.getByTestId('map').boundingBox())!
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
    await expect.poll(() => page.getByTestId('institution-card').locator('h3').textContent()).toBe(target.name)
    await page.getByTestId('institution-card').getByRole('button', { name: '孟海镇' }).click()
    const gridCard = page.getByTestId('grid-card')
    await expect.poll(() => gridCard.locator('h3').textContent()).toBe('孟海镇')
    expect(Number(await gridCard.getByTestId('grid-institutions').textContent())).toBeGreaterThan(10)
    expect(await gridCard.getByTestId('staff').locator('li').count()).toBeGreaterThan(2)
    // The anonymous demo viewer sees whether a clerk keeps the records, but may not export them.
    expect(await gridCard.getByTestId('materials-clerk').textContent()).toContain('资料员')
    expect(await gridCard.getByTestId('export-records').count()).toBe(0)
    await expect.poll(() => new URL(page.url()).searchParams.get('select')).toMatch(/^grid:\d+$/)
    await saveScreenshot(page, 'overview-grid-panel-1080p.png')
    expect(watched.consoleErrors).toEqual([])
    await page.close()
  })

  test('a legend entry hides its class from the map and brings it back', async () => {
    const watched = await openOverview()
    const { page } = watched
    const target = await page.evaluate(async () => {
      const institutions = await (await fetch('/api/institutions')).json()
      const never = institutions.features.find(
        (feature: { properties: { daysSinceVisit: number | null; type: string } }) =>
          feature.properties.daysSinceVisit === null && feature.properties.type === 'village_clinic',
      )
      return { id: never.properties.id as number, at: never.geometry.coordinates as [number, number] }
    })
    await page.evaluate((at) => window.gridwatchMap!.jumpTo({ center: at, zoom: 13 }), target.at)
    await page.waitForFunction(() => window.gridwatchMap!.loaded())
    expect(await colourAt(page, target.id)).toEqual([0x37, 0x41, 0x51])
    await page.getByTestId('legend').locator('[data-class="never"] button').click()
    await expect.poll(() => colourAt(page, target.id)).not.toEqual([0x37, 0x41, 0x51])
    await expect.poll(() => new URL(page.url()).searchParams.get('hide')).toBe('never')
    await page.getByTestId('legend').locator('[data-class="never"] button').click()
    await expect.poll(() => colourAt(page, target.id)).toEqual([0x37, 0x41, 0x51])
    await page.close()
  })

  test('the login page says in Chinese when the password is wrong, lists the demo accounts, and one click logs in', async () => {
    const watched = await openPage(suite.browser)
    await watched.page.goto(`${suite.url}login`)
    await watched.page.getByTestId('demo-accounts').waitFor()
    expect(await watched.page.locator('[data-account]').count()).toBe(Object.keys(demoPasswords).length)
    await watched.page.locator('input[name="username"]').fill('member3')
    await watched.page.locator('input[name="password"]').fill('not-the-password')
    await watched.page.locator('form button[type="submit"]').click()
    await expect.poll(() => watched.page.getByRole('alert').textContent()).toBe('登录失败：用户名或密码错误。')
    await saveScreenshot(watched.page, 'login-1080p.png')
    await watched.page.locator('[data-account="member3"]').click()
    // A grid member lands in the field app (their institutions), not on the county map.
    await expect.poll(() => new URL(watched.page.url()).pathname).toBe('/field')
    await watched.page.getByTestId('my-institution').first().waitFor()
    // (The refused login's 401 is the one expected console line.)
    expect(watched.consoleErrors.filter((line) => !line.includes('401'))).toEqual([])
    expect(watched.offMachineRequests).toEqual([])
    await watched.page.close()
  })

  test('a page that is not for a role: the header does not offer it; opened by its address it says in Chinese whose page it is', async () => {
    const watched = await openPage(suite.browser)
    const { page } = watched
    await page.goto(`${suite.url}login`)
    await page.locator('[data-account="member3"]').click()
    await expect.poll(() => new URL(page.url()).pathname).toBe('/field')
    await page.goto(suite.url)
    await expect.poll(() => page.getByTestId('current-user').textContent()).toContain('三级网格员')
    // A level-3 member's header: their pages, none of the planner's, the accounts' or the teams'.
    const offered = await page
      .locator('#page-navigation a')
      .evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname))
    expect(offered).toEqual(expect.arrayContaining(['/', '/ledger', '/risks', '/field']))
    for (const path of ['/planner', '/users', '/teams', '/staff', '/reports', '/clues', '/displays'])
      expect(offered).not.toContain(path)

    await page.goto(`${suite.url}planner`)
    const notice = page.getByTestId('page-not-for-role')
    await expect.poll(() => notice.locator('h1').textContent()).toBe('网格规划')
    expect(await notice.textContent()).toContain('此页面供规划科室、局领导、系统管理员使用。')
    expect(await notice.textContent()).toContain('您的角色是三级网格员')
    // Not the page's empty shell: no planner controls, no map, and nothing asked of the API that it would refuse.
    expect(await page.locator('.maplibregl-canvas').count()).toBe(0)
    await saveScreenshot(page, 'planner-not-for-member3-1080p.png')
    await notice.getByRole('link').click()
    await expect.poll(() => new URL(page.url()).pathname).toBe('/')
    await expect.poll(() => page.getByTestId('page-not-for-role').count()).toBe(0)
    expect(watched.consoleErrors).toEqual([])
    await page.close()
  })

  test('a supervisor sees an inspection flagged for an implausible accuracy and opens its institution from the list', async () => {
    const watched = await openPage(suite.browser)
    const { page } = watched
    await page.goto(`${suite.url}login`)
    await page.locator('[data-account="supervisor"]').click()
    await expect.poll(() => new URL(page.url()).pathname).toBe('/')
    // A cross-check recorded with an accuracy of 0 m, which no phone reports.
    const flagged = await page.evaluate(async () => {
      const institutions = await (await fetch('/api/institutions')).json()
      const target = institutions.features.find(
        (feature: { properties: { type: string } }) => feature.properties.type === 'village_clinic',
      )
      const arrived = Date.now() - 30 * 60_000
      const response = await fetch('/api/inspections', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          institutionId: target.id,
          kind: 'cross-check',
          arrivedAt: new Date(arrived).toISOString(),
          departedAt: new Date(arrived + 15 * 60_000).toISOString(),
          position: target.geometry.coordinates,
          accuracyMeters: 0,
        }),
      })
      return { status: response.status, name: target.properties.name as string }
    })
    expect(flagged.status).toBe(201)
    const entry = page.getByTestId('anomaly').filter({ hasText: flagged.name }).first()
    await expect.poll(() => entry.textContent(), { timeout: 20_000 }).toContain('定位精度异常')
    await entry.locator('button').click()
    await expect.poll(() => page.getByTestId('institution-card').locator('h3').textContent()).toBe(flagged.name)
    await saveScreenshot(page, 'overview-anomalies-1080p.png')
    expect(watched.consoleErrors).toEqual([])
    await page.close()
  })
})
