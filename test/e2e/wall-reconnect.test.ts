// The wall after a server restart, in a real Chromium: it shows that it went stale while the
// server was away, reconnects by itself, re-reads what it shows, and takes live updates again —
// all without reloading the page. Its own server, since this test stops it.
import { describe, expect, test } from 'vitest'
import { openPage } from '../support/browser.ts'
import { demoPasswords } from '@gridwatch/api/demo/demo-accounts.ts'
import { inspectionBody } from '../support/inspection-body.ts'
import { browserSuite, browserTestsReady } from '../support/browser-suite.ts'

describe.skipIf(!browserTestsReady)('wall screen across a server restart', () => {
  const suite = browserSuite()

  test('goes stale while the server is down, reconnects, re-reads the layer and takes live updates again, without a reload', async () => {
    const { page } = await openPage(suite.browser)
    await page.goto(`${suite.url}wall?cycle=0`)
    const status = page.getByTestId('live-status')
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 30_000 }).toBe('live')
    await page.locator('[data-kpi="past-interval"] .figure').filter({ hasText: /^\d+$/ }).waitFor()
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true))
    const navigations: string[] = []
    page.on('framenavigated', (frame) => navigations.push(frame.url()))
    const layerReads: number[] = []
    page.on('response', (response) => {
      if (new URL(response.url()).pathname === '/api/map/institutions') layerReads.push(Date.now())
    })

    const restarted = suite.running.restart({ downMilliseconds: 3000 })
    await expect.poll(() => status.getAttribute('data-status')).toBe('offline')
    expect(await status.textContent()).toContain('连接中断')
    await restarted
    const backAt = Date.now()
    await expect.poll(() => status.getAttribute('data-status')).toBe('live')
    await expect.poll(() => layerReads.filter((at) => at >= backAt).length).toBeGreaterThan(0)

    // A visit recorded after the restart reaches the open wall through the new stream.
    const pastBefore = Number(await page.locator('[data-kpi="past-interval"] .figure').textContent())
    const base = suite.url
    const login = await fetch(`${base}api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'supervisor', password: demoPasswords.supervisor }),
    })
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!
    const institutions = (await (await fetch(`${base}api/institutions`, { headers: { cookie } })).json()) as {
      features: {
        id: number
        geometry: { coordinates: [number, number] }
        properties: { daysSinceVisit: number | null; intervalDays: number }
      }[]
    }
    const late = institutions.features.find(
      (feature) =>
        feature.properties.daysSinceVisit !== null &&
        feature.properties.daysSinceVisit > feature.properties.intervalDays,
    )!
    const posted = await fetch(`${base}api/inspections`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify(inspectionBody(late.id, late.geometry.coordinates, { kind: 'cross-check' })),
    })
    expect(posted.status).toBe(201)
    await expect
      .poll(async () => Number(await page.locator('[data-kpi="past-interval"] .figure').textContent()))
      .toBe(pastBefore - 1)
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true)
    expect(navigations).toEqual([])
    await page.close()
  })
})
