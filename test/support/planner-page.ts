// The planner page in a browser test: logging in and opening /planner, starting a draft, moving
// the map, and clearing what another test left scheduled.
import { expect } from 'vitest'
import type { Page } from 'playwright-core'

export interface Units {
  villages: { features: { properties: { id: number; gridId: number; seat: [number, number] } }[] }
  adjacency: [number, number][]
  institutions: { id: number; name: string; villageId: number | null; gridId: number | null }[]
  assignments: { name: string; institutionId: number | null }[]
  zones: { id: number; name: string }[]
  grids: { id: number; zoneId: number | null }[]
}

/** Centres the planner's map on a point at zoom 13 and waits until it has drawn the new view. */
export async function jumpAndSettle(page: Page, at: [number, number]): Promise<void> {
  await page.evaluate(
    (center) =>
      new Promise<void>((resolve) => {
        const map = window.gridwatchPlannerMap!
        map.once('idle', () => resolve())
        map.jumpTo({ center, zoom: 13 })
      }),
    at,
  )
}

/** Logs in as the planner and opens /planner, by the navigation bar or directly. */
export async function openPlanner(page: Page, serverUrl: string, how: 'nav' | 'url' = 'url'): Promise<void> {
  await page.goto(`${serverUrl}login`)
  await page.locator('[data-account="planner"]').click()
  await expect.poll(() => new URL(page.url()).pathname).toBe('/')
  if (how === 'nav') await page.getByTestId('nav-planner').click()
  else await page.goto(`${serverUrl}planner`)
}

/** A new draft from the grids in force, saved. */
export async function startDraft(page: Page): Promise<void> {
  await page.getByTestId('new-draft').click()
  await page.getByTestId('grid-row').first().waitFor()
  await expect.poll(() => page.getByTestId('save-state').textContent()).toContain('已保存')
}

/**
 * Tests share one server and run in any order: none may start with another's draft waiting for
 * its date (a scheduled draft holds publishing back until it is cancelled).
 */
export async function cancelSchedules(serverUrl: string): Promise<void> {
  const login = await fetch(`${serverUrl}api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'planner', password: 'planner-demo' }),
  })
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!
  const drafts = (await (await fetch(`${serverUrl}api/planner/drafts`, { headers: { cookie } })).json()) as {
    id: number
    status: string
  }[]
  for (const draft of drafts.filter((entry) => entry.status === 'scheduled'))
    expect(
      (
        await fetch(`${serverUrl}api/planner/drafts/${draft.id}/unschedule`, {
          method: 'POST',
          headers: { cookie, 'content-type': 'application/json' },
          body: '{}',
        })
      ).status,
    ).toBe(200)
}
