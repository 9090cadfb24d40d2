// A deployment's base map (GRIDWATCH_BASE_MAP_STYLE_URL): a tile service on another origin — here a
// local one serving a raster style with a relative tile address — is drawn under our layers in a
// real Chromium, the Content-Security-Policy lets the browser reach that origin (and nothing else
// it did not before), and without the setting the map asks no one.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { PNG } from 'pngjs'
import { openPage, saveScreenshot } from '../support/browser.ts'
import { browserSuite, browserTestsReady } from '../support/browser-suite.ts'

/** A 256 px tile of one colour. */
function tile([red, green, blue]: [number, number, number]): Buffer {
  const png = new PNG({ width: 256, height: 256 })
  for (let at = 0; at < png.data.length; at += 4) png.data.set([red, green, blue, 255], at)
  return PNG.sync.write(png)
}

describe.skipIf(!browserTestsReady)('a configured base map under our layers', () => {
  let tiles: http.Server
  let tileOrigin: string
  const tileRequests: string[] = []
  const magenta = tile([255, 0, 255])

  beforeAll(async () => {
    tiles = http.createServer((request, response) => {
      tileRequests.push(request.url!)
      const headers = { 'access-control-allow-origin': '*' }
      if (request.url === '/styles/test/style.json') {
        response.writeHead(200, { ...headers, 'content-type': 'application/json' })
        response.end(
          JSON.stringify({
            version: 8,
            sources: { land: { type: 'raster', tiles: ['../../tiles/{z}/{x}/{y}.png'], tileSize: 256 } },
            layers: [{ id: 'land', type: 'raster', source: 'land' }],
          }),
        )
      } else if (request.url!.startsWith('/tiles/')) {
        response.writeHead(200, { ...headers, 'content-type': 'image/png' })
        response.end(magenta)
      } else {
        response.writeHead(404, headers).end()
      }
    })
    await new Promise<void>((resolve) => tiles.listen(0, '127.0.0.1', resolve))
    tileOrigin = `http://127.0.0.1:${(tiles.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise((resolve) => tiles?.close(resolve)))
  // Registered after the tile server's beforeAll: the server starts knowing the tiles' address.
  const suite = browserSuite({
    settings: () => ({ baseMap: { styleUrl: `${tileOrigin}/styles/test/style.json`, origins: [tileOrigin] } }),
  })

  test('the overview draws the tiles under the county, its grids and names; the policy lets the tile origin in', async () => {
    const { page, consoleErrors } = await openPage(suite.browser)
    // Demo mode shows the overview without signing in.
    const response = await page.goto(suite.url)
    const policy = response!.headers()['content-security-policy']!
    expect(policy).toMatch(new RegExp(`connect-src 'self' ${tileOrigin}(;|$)`))
    expect(policy).toMatch(new RegExp(`img-src 'self' data: blob: ${tileOrigin}(;|$)`))
    await page.waitForFunction(() => window.gridwatchMap?.getLayer('base-map:land') !== undefined)

    // Under ours: the base map's layer sits right above our background, below every layer of ours.
    const order = await page.evaluate(() => window.gridwatchMap!.getStyle().layers.map((layer) => layer.id))
    expect(order[0]).toBe('background')
    expect(order[1]).toBe('base-map:land')
    expect(order.indexOf('district-fill')).toBeGreaterThan(1)
    expect(order.indexOf('place-grid')).toBeGreaterThan(order.indexOf('district-fill'))
    // The relative tile address was read against the style's own address.
    await expect
      .poll(() => tileRequests.filter((url) => /^\/tiles\/\d+\/\d+\/\d+\.png$/.test(url)).length)
      .toBeGreaterThan(0)
    await page.waitForFunction(() => window.gridwatchMap!.isSourceLoaded('base-map:land'))

    // Outside the county (the map's top right corner at the county's frame) the tiles show as they are.
    const corner = await page.evaluate(() => {
      const box = window.gridwatchMap!.getCanvas().getBoundingClientRect()
      return { x: Math.round(box.right - 40), y: Math.round(box.top + 120) }
    })
    await expect
      .poll(async () => {
        const png = PNG.sync.read(await page.screenshot({ clip: { ...corner, width: 1, height: 1 } }))
        return [png.data[0], png.data[1], png.data[2]]
      })
      .toEqual([255, 0, 255])
    // Inside, the county's fill became a wash over the tiles, and its names are still on top.
    expect(await page.evaluate(() => window.gridwatchMap!.getPaintProperty('district-fill', 'fill-opacity'))).toBe(0.35)
    await saveScreenshot(page, 'overview-base-map.png')
    expect(consoleErrors.filter((message) => /Content Security Policy|Refused to/.test(message))).toEqual([])
  })
})
