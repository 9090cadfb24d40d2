// The county overview and login in a real Chromium: what the map draws (counted through
// MapLibre's rendered features), theme colours on screen, no request leaving the machine.
import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Browser } from 'playwright-core'
import { chromiumAvailable, colourAt, distinctRendered, launchBrowser, openPage, saveScreenshot, type WatchedPage } from '../support/browser.ts'
import { startTestServer } from '../support/running-server.ts'
import { webDistDirectory } from '@gridwatch/api/server.ts'

const ready = chromiumAvailable && fs.existsSync(webDistDirectory)

describe.skipIf(!ready)('county overview in Chromium', () => {
  let browser: Browser
  let running: Awaited<ReturnType<typeof startTestServer>>

  beforeAll(async () => {
    running = await startTestServer()
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await running?.stop()
  })

  async function openOverview(): Promise<WatchedPage> {
    const watched = await openPage(browser)
    await watched.page.goto(running.server.url)
    await watched.page.waitForFunction(() => {
      const map = window.gridwatchMap
      return !!map && map.loaded() && map.queryRenderedFeatures({ layers: ['clinics'] }).length > 300
    }, undefined, { timeout: 30_000 })
    return watched
  }

  test('draws 4 zones, 11 grids and all 378 institutions from our own server only', async () => {
    const watched = await openOverview()
    expect(await distinctRendered(watched.page, 'zone-outline')).toBe(4)
    expect(await distinctRendered(watched.page, 'grid-outline')).toBe(11)
    expect(await distinctRendered(watched.page, 'clinics')).toBe(378)
    await expect.poll(() => watched.page.getByTestId('institution-count').textContent()).toBe('378')
    expect(await watched.page.getByTestId('demo-notice').isVisible()).toBe(true)
    expect(await watched.page.locator('.grid-label').count()).toBe(11)
    await saveScreenshot(watched.page, 'overview-1080p.png')
    expect(watched.offMachineRequests).toEqual([])
    expect(watched.consoleErrors).toEqual([])
    await watched.page.close()
  })

  test('switching theme recolours an institution on screen and the legend follows', async () => {
    const watched = await openOverview()
    const target = await watched.page.evaluate(async () => {
      const clinics = await (await fetch('/api/clinics')).json()
      const neverVisited = clinics.features.find(
        (feature: { properties: { daysSinceVisit: number | null; openIssues: number; type: string } }) =>
          feature.properties.daysSinceVisit === null && feature.properties.openIssues === 0 && feature.properties.type === 'village_clinic',
      )
      return { id: neverVisited.properties.id as number, at: neverVisited.geometry.coordinates as [number, number] }
    })
    // Close in on it so that no neighbour's circle covers its centre.
    await watched.page.evaluate((at) => window.gridwatchMap!.jumpTo({ center: at, zoom: 13 }), target.at)
    await watched.page.waitForFunction(() => window.gridwatchMap!.loaded())
    const recency = await colourAt(watched.page, target.id)
    expect(recency).toEqual([0x37, 0x41, 0x51]) // never visited: dark grey
    await watched.page.locator('[data-theme="issues"]').click()
    await watched.page.waitForFunction(() => window.gridwatchMap!.loaded())
    await expect.poll(() => colourAt(watched.page, target.id)).toEqual([0x16, 0xa3, 0x4a]) // no open issues: green
    expect(await watched.page.getByTestId('legend').textContent()).toContain('问题台账')
    expect(watched.consoleErrors).toEqual([])
    await watched.page.close()
  })

  test('the login page lists the demo accounts and one click logs in', async () => {
    const watched = await openPage(browser)
    await watched.page.goto(`${running.server.url}login`)
    await watched.page.getByTestId('demo-accounts').waitFor()
    expect(await watched.page.locator('[data-account]').count()).toBe(8)
    await saveScreenshot(watched.page, 'login-1080p.png')
    await watched.page.locator('[data-account="member3"]').click()
    await expect.poll(() => watched.page.getByTestId('current-user').textContent()).toContain('三级网格员')
    await expect.poll(() => new URL(watched.page.url()).pathname).toBe('/')
    expect(watched.consoleErrors).toEqual([])
    expect(watched.offMachineRequests).toEqual([])
    await watched.page.close()
  })
})
