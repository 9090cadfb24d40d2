// Every page through axe-core (WCAG 2 A/AA; issue 19 item 10): government software is expected to
// meet WCAG 2 AA / GB/T 37668. Each page is opened as a role that uses it, at the size it is used
// at, once its content is there; serious and critical findings fail the test, named per page.
import { describe, expect, test } from 'vitest'
import { accessibilityProblems } from '../support/browser.ts'
import { browserSuite, browserTestsReady, desk, phoneViewport } from '../support/browser-suite.ts'

/** Who opens which page, and what shows that its content has arrived. */
const pages: { username: string | null; path: string; ready: string; viewport?: { width: number; height: number } }[] =
  [
    { username: null, path: 'login', ready: '[data-testid="demo-accounts"]' },
    { username: null, path: 'credit', ready: 'main, .public-credit, h1' },
    { username: null, path: 'draws', ready: 'h2' },
    { username: 'leader', path: '', ready: '.maplibregl-canvas' },
    { username: 'leader', path: 'ledger', ready: 'h1' },
    { username: 'leader', path: 'risks', ready: 'h1' },
    { username: 'handler', path: 'clues', ready: 'h1' },
    { username: 'supervisor', path: 'teams', ready: '[data-testid="day-limit"], h2' },
    { username: 'planner', path: 'planner', ready: '.maplibregl-canvas' },
    { username: 'leader', path: 'staff', ready: 'h1' },
    { username: 'admin', path: 'users', ready: '[data-testid="user-row"]' },
    { username: 'auditor', path: 'audit', ready: 'h1' },
    { username: 'leader', path: 'password', ready: 'h1' },
    { username: 'leader', path: 'displays', ready: 'h1' },
    { username: 'leader', path: 'dispatch', ready: 'h1' },
    { username: 'leader', path: 'campaigns', ready: 'h1' },
    { username: 'leader', path: 'circulars', ready: 'h1' },
    { username: 'leader', path: 'cross-checks', ready: 'h1' },
    { username: 'leader', path: 'assessments', ready: 'h1' },
    { username: 'leader', path: 'reports', ready: 'h1' },
    { username: 'supervisor', path: 'credit/manage', ready: 'h1' },
    { username: null, path: 'wall', ready: '.maplibregl-canvas' },
    { username: 'member3', path: 'field', ready: '[data-testid="my-institution"]', viewport: phoneViewport },
  ]

describe.skipIf(!browserTestsReady)('accessibility of every page (axe-core)', () => {
  const suite = browserSuite()

  test('no serious or critical WCAG 2 AA finding on any page', async () => {
    const found: string[] = []
    for (const entry of pages) {
      const { context, page } = await suite.signedIn(entry.username, entry.path, { viewport: entry.viewport ?? desk })
      const arrived = await page
        .locator(entry.ready)
        .first()
        .waitFor({ timeout: 20_000 })
        .then(
          () => true,
          () => false,
        )
      if (!arrived) {
        found.push(`/${entry.path} (${entry.username ?? 'anonymous'}): ${entry.ready} never appeared at ${page.url()}`)
        await context.close()
        continue
      }
      await page.waitForLoadState('networkidle').catch(() => {})
      for (const problem of await accessibilityProblems(page))
        found.push(`/${entry.path} (${entry.username ?? 'anonymous'}): ${problem}`)
      await context.close()
    }
    expect(found).toEqual([])
  }, 300_000)
})
