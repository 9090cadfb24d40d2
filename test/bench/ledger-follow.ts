// How fast the screens follow a ledger change (issue: "the map, the card and the wall follow a
// change within 2 s"): the real server over PostgreSQL, three screens open in one Chromium — a
// level-1 member's ledger list, a supervisor's overview with the institution's card open, the
// wall — and a level-3 member's item closed through the API, ten times. Each figure is the time
// from the close request's start until that screen shows the change, without a reload.
import { chromium, type Page } from 'playwright-core'
import { startServer } from '@gridwatch/api/server.ts'
import { demoPasswords } from '@gridwatch/api/demo/demo-accounts.ts'
import { chromiumPath } from '../support/browser.ts'
import { apiAs } from '../support/running-server.ts'
import { percentile, report, withServerDatabase } from './bench-support.ts'

/** A demo account's JSON requests; a refused one stops the bench. */
async function signedIn(base: string, username: string) {
  const request = await apiAs(base, username)
  return async <T>(path: string, body?: unknown): Promise<T> => {
    const answer = await request<T>(path, body === undefined ? {} : { json: body })
    if (answer.status >= 300) throw new Error(`${path}: ${answer.status} ${JSON.stringify(answer.body)}`)
    return answer.body
  }
}

/** Resolves with the milliseconds since `since` once `check` holds, polled every 25 ms. */
async function followed(page: Page, since: number, check: string, argument: string): Promise<number> {
  await page.waitForFunction(new Function('text', check) as (text: string) => boolean, argument, {
    timeout: 30_000,
    polling: 25,
  })
  return Date.now() - since
}

export async function ledgerFollowFigures() {
  await withServerDatabase('gridwatch_bench_follow', async (databaseUrl) => {
    const server = await startServer({
      port: 0,
      host: '127.0.0.1',
      mode: 'demo',
      cookieSecure: false,
      wallFrameOrigins: [],
      sessionIdleMinutes: 30,
      statementTimeoutSeconds: 30,
      secondFactorRoles: [],
      databaseUrl,
      dataDirectory: '',
    })
    const browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--use-gl=swiftshader',
        '--enable-unsafe-swiftshader',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    })
    try {
      const base = server.url
      const member = await signedIn(base, 'member3')
      const zone1 = await signedIn(base, 'zone1')
      const institutionId = (await member<{ features: { id: number }[] }>('/api/me/institutions')).features[0]!.id
      const open = async (username: string | null, path: string) => {
        const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' })
        if (username)
          await context.request.post(`${base}api/auth/login`, { data: { username, password: demoPasswords[username] } })
        const page = await context.newPage()
        await page.goto(`${base}${path.slice(1)}`)
        return page
      }
      const list = await open('zone1', '/ledger?status=all')
      const overview = await open('supervisor', `/?select=institution:${institutionId}`)
      const wall = await open(null, '/wall?cycle=0')
      await list.getByTestId('ledger-table').waitFor({ timeout: 60_000 })
      await overview
        .getByTestId('ledger-items')
        .waitFor({ timeout: 60_000 })
        .catch(() => overview.waitForTimeout(5000))
      await wall.locator('[data-kpi="open-items"] .figure').filter({ hasText: /^\d+$/ }).waitFor({ timeout: 60_000 })
      const times = { list: [] as number[], card: [] as number[], wall: [] as number[] }
      for (let run = 0; run < 10; run++) {
        const problem = `bench-follow-${run}`
        const item = await member<{ id: number }>('/api/ledger-items', {
          institutionId,
          category: '其他',
          problem,
          severity: 'minor',
        })
        for (const target of ['rectifying', 'awaiting-verification'])
          await member(`/api/ledger-items/${item.id}/transitions`, { target, note: '已整改' })
        // Every screen shows the item open before the close.
        await list.waitForFunction(
          (id) =>
            document.querySelector(`[data-item="${id}"] [data-testid="ledger-row-status"]`)?.textContent === '待核验',
          item.id,
          { timeout: 30_000 },
        )
        await overview.waitForFunction(
          (text) =>
            [...document.querySelectorAll('[data-testid="ledger-items"] li')].some(
              (li) => li.textContent!.includes(text) && li.querySelector('.status')?.textContent === '待核验',
            ),
          problem,
          { timeout: 30_000 },
        )
        // The wall has caught up with the raise when its figure is the summary's.
        let openBefore = -1
        for (let waited = 0; openBefore < 0 && waited < 300; waited++) {
          const summary = await wall.evaluate(() =>
            fetch('/api/wall/summary').then((response) => response.json() as Promise<{ ledger: { open: number } }>),
          )
          if ((await wall.locator('[data-kpi="open-items"] .figure').textContent()) === String(summary.ledger.open))
            openBefore = summary.ledger.open
          else await wall.waitForTimeout(100)
        }
        const started = Date.now()
        const closing = zone1(`/api/ledger-items/${item.id}/transitions`, { target: 'closed', note: '现场复核' })
        const [listMs, cardMs, wallMs] = await Promise.all([
          followed(
            list,
            started,
            `return document.querySelector('[data-item="${item.id}"] [data-testid="ledger-row-status"]')?.textContent === '已销号'`,
            '',
          ),
          followed(
            overview,
            started,
            "return [...document.querySelectorAll('[data-testid=\"ledger-items\"] li')].some((li) => li.textContent.includes(text) && li.querySelector('.status')?.textContent === '已销号')",
            problem,
          ),
          followed(
            wall,
            started,
            'return document.querySelector(\'[data-kpi="open-items"] .figure\')?.textContent === text',
            String(Number(openBefore) - 1),
          ),
          closing,
        ])
        times.list.push(listMs)
        times.card.push(cardMs)
        times.wall.push(wallMs)
      }
      for (const [screen, values] of Object.entries(times))
        report(
          `a ledger item closed: the ${screen} shows it (API close to screen), median of 10`,
          percentile(values, 50),
          'ms',
          {
            runtime: 'postgres',
            max: Math.max(...values),
            screens: 'ledger list, overview card and wall open in one Chromium',
          },
        )
    } finally {
      await browser.close()
      await server.close()
    }
  })
}
