// A browser test file's set-up, once: the real server over a fresh seeded database and one
// Chromium, started before the file's tests and stopped after them, and pages signed in as a demo
// account at a desk, on a phone or a wall. Call `browserSuite()` inside the file's describe.
import fs from 'node:fs'
import { afterAll, beforeAll, expect, vi } from 'vitest'
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core'
import { webDistDirectory, type ServerTimers } from '@gridwatch/api/server.ts'
import { demoPasswords } from '@gridwatch/api/demo/demo-accounts.ts'
import { chromiumAvailable, launchBrowser } from './browser.ts'
import { startTestServer, type TestServer } from './running-server.ts'

/** Chromium is there and the web app is built (`pnpm test` builds it first). */
export const browserTestsReady = chromiumAvailable && fs.existsSync(webDistDirectory)

export const desk = { width: 1920, height: 1080 }
export const phoneViewport = { width: 390, height: 844 }

export interface SignedInPage {
  context: BrowserContext
  page: Page
  /** Uncaught errors of the page, with their stacks. */
  errors: string[]
}

export interface SignedInOptions {
  viewport?: { width: number; height: number }
  /** A phone: touch, a mobile viewport (390×844 unless `viewport` says) at device scale 2. */
  phone?: boolean
  /** Where the device stands (longitude, latitude; a 12 m fix), with permission to read it. */
  position?: [number, number]
  /** The page's clock starts here (Playwright's fake clock, installed before the page opens). */
  clockAt?: Date
  /** Anything else a context takes (downloads, scale). */
  context?: BrowserContextOptions
}

export interface BrowserSuite {
  readonly browser: Browser
  readonly running: TestServer
  /** The server's address, ending in '/'. */
  readonly url: string
  /**
   * A new context in Chinese signed in as `username` through the API (null: signed out), opened at
   * `path`. Each caller closes its context.
   */
  signedIn(username: string | null, path: string, options?: SignedInOptions): Promise<SignedInPage>
}

type Settings = Parameters<typeof startTestServer>[1]

/**
 * Registers the file's beforeAll/afterAll. `settings` is read when the server starts, so a value a
 * beforeAll registered earlier computes (the base map test's tile server address) can go in.
 */
export function browserSuite(options: { timers?: ServerTimers; settings?: () => Settings } = {}): BrowserSuite {
  // A browser journey is many steps, each polling for up to 20 s: on a loaded two-core machine one
  // took 63 s against the tree's 60 s default. Two minutes for this file's tests.
  vi.setConfig({ testTimeout: 120_000 })
  let browser: Browser | undefined
  let running: TestServer | undefined
  beforeAll(async () => {
    running = await startTestServer(options.timers, options.settings?.())
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await running?.stop()
  })
  const suite: BrowserSuite = {
    get browser() {
      return browser!
    },
    get running() {
      return running!
    },
    get url() {
      return running!.server.url
    },
    async signedIn(username, path, { viewport, phone = false, position, clockAt, context: extra = {} } = {}) {
      const context = await suite.browser.newContext({
        viewport: viewport ?? (phone ? phoneViewport : desk),
        locale: 'zh-CN',
        ...(phone ? { deviceScaleFactor: 2, isMobile: true, hasTouch: true } : {}),
        ...(position
          ? {
              geolocation: { longitude: position[0], latitude: position[1], accuracy: 12 },
              permissions: ['geolocation'],
            }
          : {}),
        ...extra,
      })
      if (clockAt) await context.clock.install({ time: clockAt })
      if (username) {
        const login = await context.request.post(`${suite.url}api/auth/login`, {
          headers: { origin: suite.url.replace(/\/$/, '') },
          data: { username, password: demoPasswords[username] },
        })
        expect(login.status(), `${username} signs in`).toBe(200)
      }
      const page = await context.newPage()
      const errors: string[] = []
      page.on('pageerror', (error) => errors.push(error.stack ?? String(error)))
      await page.goto(`${suite.url}${path.replace(/^\//, '')}`)
      return { context, page, errors }
    },
  }
  return suite
}

/** Draws a signature on the phone's signature pad `testid` (a few strokes with the mouse). */
export async function drawSignature(page: Page, testid: string): Promise<void> {
  await page.getByTestId(testid).scrollIntoViewIfNeeded()
  const box = (await page.getByTestId(testid).boundingBox())!
  await page.mouse.move(box.x + 20, box.y + 60)
  await page.mouse.down()
  for (const [dx, dy] of [
    [60, -30],
    [110, 20],
    [170, -25],
    [230, 15],
  ])
    await page.mouse.move(box.x + dx!, box.y + 60 + dy!, { steps: 4 })
  await page.mouse.up()
}

/**
 * Answers every checklist entry of the phone's inspection form `testid` still open with `result`
 * (the form has no default answers); entries answered already (a finding's category) keep theirs.
 */
export async function answerChecklist(
  page: Page,
  testid = 'institution-checklist',
  result: 'ok' | 'problem' | 'not-applicable' = 'ok',
): Promise<void> {
  await page.getByTestId(testid).waitFor()
  const open = page.getByTestId(testid).locator(`.check[data-answered="false"] button.${result}`)
  while ((await open.count()) > 0) await open.first().click()
}
