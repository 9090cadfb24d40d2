// Debian's Chromium driven by playwright-core, with the flags that keep it off the network, and
// bookkeeping of console errors and of requests that tried to leave the machine.
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { PNG } from 'pngjs'
import { onTestFailed } from 'vitest'

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const chromiumAvailable = fs.existsSync(chromiumPath)
// A machine without Chromium skips the browser suites (and global setup says so loudly); CI sets
// GRIDWATCH_REQUIRE_BROWSER=1 so that a missing browser fails the run instead.
if (!chromiumAvailable && process.env.GRIDWATCH_REQUIRE_BROWSER === '1')
  throw new Error(`Chromium not found at ${chromiumPath} (apt-get install chromium, or set CHROMIUM_PATH)`)
export const artifactsDirectory = path.resolve('test/artifacts')

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--use-gl=swiftshader',
      '--enable-unsafe-swiftshader',
      // Map moves jump instead of animating (MapLibre honours prefers-reduced-motion): every frame of
      // a flight is drawn in software here, and the tests wait for where the map ends up, not how.
      '--force-prefers-reduced-motion',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

export interface WatchedPage {
  page: Page
  consoleErrors: string[]
  offMachineRequests: string[]
}

/** A page at `viewport` CSS pixels; deviceScaleFactor 1.5 is a 150 % OS display scaling. */
export async function openPage(
  browser: Browser,
  viewport = { width: 1920, height: 1080 },
  deviceScaleFactor = 1,
): Promise<WatchedPage> {
  const page = await browser.newPage({ viewport, deviceScaleFactor })
  const watched: WatchedPage = { page, consoleErrors: [], offMachineRequests: [] }
  page.on('console', (message) => {
    if (message.type() === 'error') watched.consoleErrors.push(message.text())
  })
  // With the stack: a message alone does not say which code threw.
  page.on('pageerror', (error) => watched.consoleErrors.push(error.stack ?? String(error)))
  page.on('request', (request) => {
    const host = new URL(request.url()).hostname
    if (host && !['127.0.0.1', 'localhost'].includes(host)) watched.offMachineRequests.push(request.url())
  })
  // A failing browser test leaves what the page showed: a screenshot beside the others, and the
  // address and any alert text in the log (CI's run happens where nobody watches).
  onTestFailed(async ({ task }) => {
    if (page.isClosed()) return
    const name = `failed-${task.name.slice(0, 60).replace(/[^\p{L}\p{N}]+/gu, '-')}.png`
    const alerts = await page
      .locator('[role="alert"]')
      .allTextContents()
      .catch(() => [])
    const file = await saveScreenshot(page, name).catch(() => 'no screenshot')
    console.error(
      `browser test failed on ${page.url()}; alerts: ${JSON.stringify(alerts)}; console errors: ${JSON.stringify(watched.consoleErrors)}; screenshot: ${file}`,
    )
  })
  return watched
}

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(artifactsDirectory, { recursive: true })
  const file = path.join(artifactsDirectory, name)
  await page.screenshot({ path: file })
  return file
}

/** The colour on screen at an institution's position, read from a one-pixel screenshot. */
export async function colourAt(page: Page, institutionId: number): Promise<[number, number, number]> {
  const point = await page.evaluate((id) => {
    const map = window.gridwatchMap!
    const feature = map
      .queryRenderedFeatures({ layers: ['institutions'] })
      .find((candidate) => candidate.properties?.id === id)!
    const [lon, lat] = (feature.geometry as { coordinates: [number, number] }).coordinates
    const projected = map.project([lon, lat])
    const box = map.getCanvas().getBoundingClientRect()
    return { x: Math.round(box.left + projected.x), y: Math.round(box.top + projected.y) }
  }, institutionId)
  const png = PNG.sync.read(await page.screenshot({ clip: { x: point.x, y: point.y, width: 1, height: 1 } }))
  return [png.data[0]!, png.data[1]!, png.data[2]!]
}

/** Distinct features MapLibre drew in a layer (by feature id or id property). */
export function distinctRendered(page: Page, layer: string): Promise<number> {
  return page.evaluate((layerId) => {
    const features = window.gridwatchMap!.queryRenderedFeatures({ layers: [layerId] })
    return new Set(features.map((feature) => feature.id ?? feature.properties?.id)).size
  }, layer)
}

/** The names MapLibre placed in a symbol layer at the current view (a name collision hid is not among them). */
export function placedNames(
  page: Page,
  layer: string,
  map: 'gridwatchMap' | 'gridwatchPlannerMap' = 'gridwatchMap',
): Promise<string[]> {
  return page.evaluate(
    ([layerId, mapName]) => {
      const features = window[mapName]!.queryRenderedFeatures({ layers: [layerId] })
      return [...new Set(features.map((feature) => String(feature.properties?.name)))].sort()
    },
    [layer, map] as const,
  )
}

/** Institutions the wall's point layer draws inside the map at the current view. */
export function pointsInView(page: Page): Promise<number> {
  return page.evaluate(() => window.gridwatchInstitutionPoints?.idsInView().length ?? 0)
}

/**
 * The colour on screen at an institution's position on the wall's point layer, read from a one-pixel
 * screenshot — with the place names hidden for the moment (a name's halo may pass over the point).
 */
export async function pointColourAt(page: Page, institutionId: number): Promise<[number, number, number]> {
  await setPlaceNamesVisible(page, false)
  try {
    return await pointColourUnderNames(page, institutionId)
  } finally {
    await setPlaceNamesVisible(page, true)
  }
}

function setPlaceNamesVisible(page: Page, visible: boolean): Promise<void> {
  return page.evaluate(
    (shown) =>
      new Promise<void>((resolve) => {
        const map = window.gridwatchMap!
        for (const layer of ['place-village', 'place-grid', 'place-county-seat', 'place-county'])
          if (map.getLayer(layer)) map.setLayoutProperty(layer, 'visibility', shown ? 'visible' : 'none')
        map.once('render', () => resolve())
        map.triggerRepaint()
      }),
    visible,
  )
}

async function pointColourUnderNames(page: Page, institutionId: number): Promise<[number, number, number]> {
  const point = await page.evaluate((id) => {
    const map = window.gridwatchMap!
    const position = window.gridwatchInstitutionPoints!.positionOf(id)!
    const projected = map.project(position)
    const box = map.getCanvas().getBoundingClientRect()
    return { x: Math.round(box.left + projected.x), y: Math.round(box.top + projected.y) }
  }, institutionId)
  const png = PNG.sync.read(await page.screenshot({ clip: { x: point.x, y: point.y, width: 1, height: 1 } }))
  return [png.data[0]!, png.data[1]!, png.data[2]!]
}

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/**
 * What axe-core (WCAG 2 A/AA rules) finds serious or critical on the page as it is now, one line
 * per rule with the elements it names: [] when the page passes. Government software is held to
 * WCAG 2 AA / GB/T 37668; moderate findings are left to review.
 */
export async function accessibilityProblems(page: Page, options: { exclude?: string[] } = {}): Promise<string[]> {
  // Evaluated over the DevTools protocol: the app's Content-Security-Policy refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource)
  const violations = await page.evaluate(async (exclude) => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: unknown,
            options: unknown,
          ): Promise<{
            violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[]
          }>
        }
      }
    ).axe
    const result = await axe.run(
      { include: [document], exclude: exclude.map((selector) => [selector]) },
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] },
    )
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')),
    }))
  }, options.exclude ?? [])
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.targets.join(', ')}`)
}
