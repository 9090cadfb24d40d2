// The supervision teams' page in a real Chromium: a supervisor draws an area on the map, its
// institutions become the team's round, the route is planned and drawn with numbered stops, and
// the GPX file holds every stop, and a day's A4 route sheet prints (Chromium's print-to-PDF).
import { execFileSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { PNG } from 'pngjs'
import { describe, expect, test } from 'vitest'
import { artifactsDirectory, openPage, saveScreenshot, type WatchedPage } from '../support/browser.ts'
import { answerChecklist, browserSuite, browserTestsReady, drawSignature } from '../support/browser-suite.ts'

describe.skipIf(!browserTestsReady)('supervision teams in Chromium', () => {
  const suite = browserSuite()

  /** A page logged in through the login page's demo account list. */
  async function openAsSupervisor(): Promise<WatchedPage> {
    const watched = await openPage(suite.browser)
    await watched.page.goto(`${suite.url}login`)
    await watched.page.locator('[data-account="supervisor"]').click()
    await expect.poll(() => new URL(watched.page.url()).pathname).toBe('/')
    return watched
  }

  test('lasso an area, assign it to the team, plan the route, export GPX, print a day’s A4 sheet, record the first stop on the phone', async () => {
    const watched = await openAsSupervisor()
    const { page } = watched
    await page.getByTestId('nav-teams').click()
    await page.getByTestId('rotation-matrix').waitFor()
    // One row per team (another test may have formed a fifth).
    const teams = (await page.evaluate(async () => (await fetch('/api/teams')).json())) as unknown[]
    expect(teams.length).toBeGreaterThanOrEqual(4)
    expect(await page.locator('[data-testid="rotation-matrix"] tbody tr').count()).toBe(teams.length)
    await page.waitForFunction(
      () =>
        window.gridwatchMap?.loaded() &&
        window.gridwatchMap.queryRenderedFeatures({ layers: ['institutions'] }).length > 300 &&
        window.gridwatchMap.queryRenderedFeatures({ layers: ['zone-outline'] }).length > 0,
      undefined,
      { timeout: 30_000 },
    )

    await page.locator('td[data-team]').first().click()
    await page.getByTestId('round').waitFor()
    // Another test (the balanced split) may have given the teams their rounds, and an institution
    // goes to one team only: the month starts with no rounds.
    await page.evaluate(async () => {
      const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7)
      const plan = (await (await fetch(`/api/rotations?from=${month}&months=1`)).json()) as {
        entries: { teamId: number }[]
      }
      for (const { teamId } of plan.entries)
        await fetch(`/api/rotations/${teamId}/${month}/institutions`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ institutionIds: [] }),
        })
    })
    // With no institutions yet, the member's phone says so (it once said every stop was checked, 0 of 0).
    const emptyPhone = await suite.browser.newPage({
      viewport: { width: 390, height: 844 },
      storageState: await page.context().storageState(),
    })
    await emptyPhone.goto(`${suite.url}field`)
    await emptyPhone.getByTestId('field-empty').waitFor()
    expect(await emptyPhone.getByTestId('field-done').count()).toBe(0)
    await emptyPhone.close()
    await page.getByTestId('assigned-count').waitFor()
    if (await page.getByTestId('clear-round').isEnabled()) await page.getByTestId('clear-round').click()
    await expect.poll(() => page.getByTestId('assigned-count').textContent()).toMatch(/\D0\D/)

    // A square in the middle of the map, drawn corner by corner and closed with a double click.
    const box = (await page.getByTestId('map').boundingBox())!
    const [cx, cy, half] = [box.x + box.width / 2, box.y + box.height / 2, Math.min(box.width, box.height) / 8]
    const corners = [
      [cx - half, cy - half],
      [cx + half, cy - half],
      [cx + half, cy + half],
      [cx - half, cy + half],
    ] as const
    const expectedCorners = (await page.evaluate(
      ({ points, left, top }) =>
        points.map(([x, y]) => window.gridwatchMap!.unproject([x - left, y - top])).map(({ lng, lat }) => [lng, lat]),
      { points: corners.map(([x, y]) => [x, y] as [number, number]), left: box.x, top: box.y },
    )) as [number, number][]
    await page.getByTestId('draw-area').click()
    const sent = page.waitForRequest((request) => request.url().endsWith('/api/institutions/within'))
    for (const [x, y] of corners.slice(0, 3)) await page.mouse.click(x, y)
    await page.mouse.dblclick(corners[3][0], corners[3][1])
    const body = (await sent).postDataJSON() as { polygon: { coordinates: [number, number][][] } }
    // The page sent the square that was drawn (to within a pixel or so; Terra Draw winds the ring
    // anticlockwise, so the corners are matched whatever their order)…
    const drawn = body.polygon.coordinates[0]!
    expect(drawn).toHaveLength(5)
    for (const [lon, lat] of expectedCorners)
      expect(Math.min(...drawn.map(([x, y]) => Math.max(Math.abs(x - lon), Math.abs(y - lat))))).toBeLessThan(0.002)
    // …and the round holds exactly what the server finds inside it.
    const inside = (await page.evaluate(
      async (polygon) =>
        (
          await fetch('/api/institutions/within', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ polygon }),
          })
        ).json(),
      body.polygon,
    )) as unknown[]
    expect(inside.length).toBeGreaterThan(3)
    await expect.poll(() => page.getByTestId('assigned-count').textContent()).toContain(String(inside.length))

    // Looking elsewhere when the route is planned: the map brings the whole route into view.
    await page.evaluate(() => window.gridwatchMap!.jumpTo({ center: [116.4, 35.9], zoom: 12 }))
    await page.getByTestId('plan-route').click()
    await page.getByTestId('route-sheet').waitFor()
    expect(await page.getByTestId('route-stop').count()).toBe(inside.length)
    // The numbered markers follow the sheet once the map has drawn the route.
    await expect.poll(() => page.locator('.route-stop:not(.start)').count()).toBe(inside.length)
    expect(await page.locator('.route-stop.start').count()).toBe(1)
    // The list numbers its stops as the map does, so the two can be matched (name for name).
    const onMap = await page
      .locator('.route-stop:not(.start)')
      .evaluateAll((markers) =>
        markers.map((marker) => [(marker as HTMLElement).title, marker.textContent!.trim()] as [string, string]),
      )
    const listed = await page
      .getByTestId('route-stop')
      .evaluateAll((rows) =>
        rows.map(
          (row) =>
            [
              row.querySelector('.name')!.textContent!.trim(),
              row.querySelector('[data-testid="route-stop-number"]')!.textContent!.trim(),
            ] as [string, string],
        ),
      )
    expect(listed.map(([, number]) => number)).toEqual(listed.map((_, index) => String(index + 1)))
    expect(listed).toEqual(onMap)
    await page.waitForFunction(() => window.gridwatchMap!.queryRenderedFeatures({ layers: ['route-line'] }).length > 0)
    const outside = () =>
      page.evaluate(() => {
        const map = document.querySelector('[data-testid="map"]')!.getBoundingClientRect()
        return [...document.querySelectorAll('.route-stop')].filter((marker) => {
          const box = marker.getBoundingClientRect()
          return box.left < map.left || box.right > map.right || box.top < map.top || box.bottom > map.bottom
        }).length
      })
    await expect.poll(outside).toBe(0)
    const amap = await page.getByTestId('route-stop').first().locator('a').getAttribute('href')
    expect(amap).toMatch(/^https:\/\/uri\.amap\.com\/marker\?position=[\d.]+,[\d.]+&name=.+&coordinate=gaode/)
    await saveScreenshot(page, 'teams-route-1080p.png')

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-gpx').click()])
    const gpx = fs.readFileSync((await download.path())!, 'utf8')
    const days = gpx.match(/<rte>/g)!.length
    expect(gpx.match(/<rtept /g)).toHaveLength(inside.length + 2 * days)

    // The A4 route sheet of day 1, printed through Chromium's print-to-PDF: the team, the stops
    // numbered as on the map with their addresses, and the columns filled in on the road.
    const dayOne = listed.slice(0, await page.locator('.day').first().getByTestId('route-stop').count())
    const sheet = await suite.browser.newPage({
      viewport: { width: 1100, height: 1300 },
      storageState: await page.context().storageState(),
    })
    await sheet.goto(new URL((await page.getByTestId('print-day').first().getAttribute('href'))!, suite.url).href)
    await expect.poll(() => sheet.getByTestId('printed-sheet').getAttribute('data-drawn')).toBe('true')
    expect(await sheet.getByTestId('sheet-stop').count()).toBe(dayOne.length)
    await sheet.getByTestId('sheet-date').fill('2026-12-03')
    await expect.poll(() => sheet.getByTestId('sheet-date-text').textContent()).toBe('2026年12月3日 星期四')
    await saveScreenshot(sheet, 'route-sheet.png')
    const pdfPath = path.join(artifactsDirectory, 'route-sheet.pdf')
    await sheet.emulateMedia({ media: 'print' })
    expect(await sheet.locator('.no-print').isVisible()).toBe(false)
    await sheet.pdf({ path: pdfPath, format: 'A4', printBackground: true, preferCSSPageSize: true })
    await sheet.emulateMedia({ media: 'screen' })
    const pdfText = execFileSync('pdftotext', ['-raw', pdfPath, '-'], { encoding: 'utf8' })
    const pdfInfo = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' })
    expect(pdfInfo).toMatch(/Pages:\s+1\n/)
    expect(pdfInfo).toMatch(/Page size:.*\(A4\)/)
    for (const heading of [
      '推磨互查路线单',
      '序号',
      '地址',
      '联系人',
      '计划时间',
      '到达',
      '离开',
      '机构签字',
      '组长签字',
    ])
      expect(pdfText).toContain(heading)
    for (const [name] of dayOne) expect(pdfText.replace(/\s+/g, '')).toContain(name)
    expect(pdfText).toContain('2026年12月3日')
    // The printed map: the page's canvas keeps its frame, so the PDF has the map, not a blank box.
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-singlefile',
      pdfPath,
      path.join(artifactsDirectory, 'route-sheet-pdf'),
    ])
    const printed = PNG.sync.read(fs.readFileSync(path.join(artifactsDirectory, 'route-sheet-pdf.png')))
    const mapBox = await sheet.getByTestId('sheet-map').boundingBox()
    const sheetBox = await sheet.getByTestId('printed-sheet').boundingBox()
    // The map's area of the printed page (scaled from the sheet's on-screen box to the PDF's pixels).
    const scale = printed.width / sheetBox!.width
    let coloured = 0
    let total = 0
    for (
      let y = Math.round((mapBox!.y - sheetBox!.y) * scale) + 4;
      y < Math.round((mapBox!.y - sheetBox!.y + mapBox!.height) * scale) - 4;
      y++
    )
      for (
        let x = Math.round((mapBox!.x - sheetBox!.x) * scale) + 4;
        x < Math.round((mapBox!.x - sheetBox!.x + mapBox!.width) * scale) - 4;
        x++
      ) {
        const at = (y * printed.width + x) * 4
        total++
        if (printed.data[at]! < 235 || printed.data[at + 1]! < 235 || printed.data[at + 2]! < 235) coloured++
      }
    expect(coloured / total).toBeGreaterThan(0.3)
    await sheet.close()

    // The team member's phone: the round in route order, the next stop, a cross-check recorded there.
    // The demo history has this month's cross-checks: a stop of the drawn round may count as checked
    // already. The phone's next stop is the first one in route order that is not.
    const phone = await suite.browser.newPage({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      storageState: await page.context().storageState(),
    })
    await phone.goto(`${suite.url}field`)
    const stops = await phone.evaluate(
      async () =>
        (await (await fetch('/api/me/round')).json()).rounds[0].stops as {
          name: string
          position: [number, number]
          checkedAt: string | null
        }[],
    )
    expect(stops.map((stop) => stop.name)).toEqual(
      await page.getByTestId('route-stop').locator('.name').allTextContents(),
    )
    const firstStop = stops.find((stop) => stop.checkedAt === null)!.name
    const checkedBefore = stops.filter((stop) => stop.checkedAt !== null).length
    // The phone stands at that stop's door (emulated position, 15 m fix).
    const [longitude, latitude] = stops.find((stop) => stop.name === firstStop)!.position
    await phone.context().grantPermissions(['geolocation'])
    await phone.context().setGeolocation({ longitude, latitude, accuracy: 15 })
    await phone.getByTestId('next-stop').waitFor()
    expect(await phone.getByTestId('next-stop').locator('strong').textContent()).toBe(firstStop)
    expect(await phone.getByTestId('field-progress').textContent()).toContain(`${checkedBefore} / ${inside.length}`)
    const storedChecks = () =>
      phone.evaluate(async () => {
        const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7)
        const results = (await (await fetch(`/api/cross-checks?month=${month}`)).json()) as {
          grids: {
            crossChecks: {
              inspectionId: number
              institutionName: string
              staffWorkProblems: string[]
              ledgerItemIds: number[]
            }[]
          }[]
        }
        return results.grids.flatMap((grid) => grid.crossChecks)
      })
    const checksBefore = new Set((await storedChecks()).map((check) => check.inspectionId))
    // The structured result: the institution's checklist, the grid staff's work, a finding.
    // The team's phone records with the same inspection form as a grid member's: arrival, checklists,
    // findings, departure and both signatures.
    await phone.getByTestId('record').click()
    await phone.getByTestId('inspection-form').waitFor()
    await phone.getByTestId('arrive').click()
    await phone.getByTestId('staff-work').locator('[data-item="ledger-current"] button.problem').click()
    await phone.getByTestId('finding-problem').fill('处方药品与结算药品不一致')
    await phone.getByTestId('add-finding').click()
    expect(await phone.getByTestId('findings').locator('li').count()).toBe(1)
    await saveScreenshot(phone, 'field-cross-check-form.png')
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true)
    // Nothing is answered in advance: leaving with items open is refused and the open ones are marked.
    await phone.getByTestId('depart').click()
    expect(await phone.getByRole('alert').textContent()).toContain('未选择')
    expect(await phone.getByTestId('institution-checklist').locator('.check.missing').count()).toBeGreaterThan(0)
    await answerChecklist(phone)
    await answerChecklist(phone, 'staff-work')
    await phone.getByTestId('depart').click()
    await drawSignature(phone, 'sign-inspector')
    await drawSignature(phone, 'sign-representative')
    await phone.getByTestId('save-inspection').click()
    await expect
      .poll(() => phone.getByTestId('field-progress').textContent())
      .toContain(`${checkedBefore + 1} / ${inside.length}`)
    await expect.poll(() => phone.getByTestId('next-stop').locator('strong').textContent()).not.toBe(firstStop)
    // The phone counts the check as soon as it is in its outbox; the server has it once the outbox has sent it.
    // The demo history has this month's other cross-checks too, some of the first stop itself made
    // outside any round: this one is the check that was not there before.
    const newChecks = async () => (await storedChecks()).filter((check) => !checksBefore.has(check.inspectionId))
    await expect.poll(async () => (await newChecks()).length).toBe(1)
    const [stored] = await newChecks()
    expect(stored).toMatchObject({ institutionName: firstStop, staffWorkProblems: ['ledger-current'] })
    expect(stored!.ledgerItemIds).toHaveLength(1)

    // Without signal: the next result waits on the phone, counts as checked there, and goes when the network returns.
    const secondStop = await phone.getByTestId('next-stop').locator('strong').textContent()
    await phone.context().setOffline(true)
    await phone.getByTestId('record').click()
    await phone.getByTestId('arrive').click()
    await answerChecklist(phone)
    await answerChecklist(phone, 'staff-work')
    await phone.getByTestId('depart').click()
    await drawSignature(phone, 'sign-inspector')
    await drawSignature(phone, 'sign-representative')
    await phone.getByTestId('save-inspection').click()
    await expect.poll(() => phone.getByTestId('field-pending').textContent()).toContain('1')
    expect(await phone.getByTestId('field-progress').textContent()).toContain(`${checkedBefore + 2} / ${inside.length}`)
    await saveScreenshot(phone, 'field-phone-offline.png')
    await phone.context().setOffline(false)
    await expect.poll(() => phone.getByTestId('field-pending').count()).toBe(0)
    const checkedNames = await phone.evaluate(async () =>
      ((await (await fetch('/api/me/round')).json()).rounds[0].stops as { name: string; checkedAt: string | null }[])
        .filter((stop) => stop.checkedAt)
        .map((stop) => stop.name),
    )
    expect(checkedNames).toEqual(expect.arrayContaining([firstStop, secondStop]))
    await saveScreenshot(phone, 'field-phone.png')
    await phone.close()

    // A manual change that sends the team to its home zone is saved, and the table shows the broken rule.
    const homeZoneId = await page.evaluate(async () => {
      const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7)
      const plan = await (await fetch(`/api/rotations?from=${month}&months=1`)).json()
      return plan.teams[0].homeZoneId as number
    })
    await page.getByTestId('change-zone').click()
    await page.getByTestId('zone-select').selectOption(String(homeZoneId))
    await expect.poll(() => page.locator('td[data-team]').first().locator('[data-rule="home-zone"]').count()).toBe(1)
    expect(watched.consoleErrors).toEqual([])
    expect(watched.offMachineRequests).toEqual([])
    await page.close()
  }, 120_000)

  test('a double random draw: the seed’s hash is shown first, the drawn seed matches it, the result is listed', async () => {
    const watched = await openAsSupervisor()
    const { page } = watched
    await page.goto(`${suite.url}teams`)
    await page.getByTestId('draws').waitFor()
    await page.getByTestId('commit-draw').click()
    const draw = page.getByTestId('draw').first()
    await expect.poll(() => draw.getAttribute('data-status')).toBe('committed')
    const commitment = (await draw.getByTestId('commitment').textContent())!
    expect(commitment).toMatch(/^[0-9a-f]{64}$/)
    expect(await draw.getByTestId('seed').count()).toBe(0)
    await draw.getByTestId('run-draw').click()
    await expect.poll(() => draw.getAttribute('data-status')).toBe('drawn')
    const seed = (await draw.getByTestId('seed').textContent())!
    expect(crypto.createHash('sha256').update(seed).digest('hex')).toBe(commitment)
    expect((await draw.getByTestId('draw-result').textContent())!.split('、').length).toBeGreaterThanOrEqual(10)
    expect(watched.consoleErrors).toEqual([])

    // Published after the check: on the public list, for anyone without signing in, and it verifies in the browser.
    await draw.getByTestId('publish-draw').click()
    await expect.poll(() => draw.getAttribute('data-status')).toBe('published')
    // A next draw, committed only: public at once by its hashes, nothing more.
    await page.getByTestId('commit-draw').click()
    await expect
      .poll(() => page.getByTestId('draw').first().getByTestId('commitment').textContent())
      .not.toBe(commitment)
    const nextCommitment = (await page.getByTestId('draw').first().getByTestId('commitment').textContent())!
    const visitor = await suite.browser.newContext({ viewport: { width: 1920, height: 1080 }, acceptDownloads: true })
    const open = await visitor.newPage()
    await open.goto(`${suite.url}draws`)
    const listed = open.getByTestId('public-draw').first()
    await listed.waitFor()
    expect(await listed.getByTestId('public-seed').textContent()).toBe(seed)
    expect(await listed.getByTestId('public-institutions').locator('li').count()).toBe(10)
    await listed.getByTestId('verify-draw').click()
    await expect.poll(() => listed.getByTestId('result-check').getAttribute('class')).toBe('ok')
    expect(await listed.getByTestId('commitment-check').getAttribute('class')).toBe('ok')
    expect(await listed.getByTestId('inputs-check').getAttribute('class')).toBe('ok')
    const pending = open.getByTestId('pending-draw').filter({ hasText: nextCommitment })
    expect(await pending.count()).toBe(1)
    expect(await pending.textContent()).toContain('已锁定，待抽取')
    expect(await listed.textContent()).toContain('在本浏览器中独立计算')
    const [file] = await Promise.all([open.waitForEvent('download'), listed.getByTestId('download-draw').click()])
    const saved = JSON.parse(fs.readFileSync((await file.path())!, 'utf8')) as {
      seed: string
      commitment: string
      inputs: { institutions: unknown[] }
    }
    expect(saved.seed).toBe(seed)
    expect(saved.commitment).toBe(commitment)
    expect(saved.inputs.institutions.length).toBeGreaterThan(10)
    await saveScreenshot(open, 'public-draws-1080p.png')
    await visitor.close()
    await page.close()
  })

  test('the month’s workload side by side; a suggested balanced split is adopted for every team at once', async () => {
    const watched = await openAsSupervisor()
    const { page } = watched
    await page.goto(`${suite.url}teams`)
    await page.locator('td[data-team]').first().click()
    await page.getByTestId('workload-panel').waitFor()
    await page.getByTestId('suggest-split').click()
    await page.getByTestId('split-summary').waitFor()
    type Suggestion = {
      teams: { teamId: number; institutionIds: number[] }[]
      moves: unknown[]
      largestHoursBefore: number
      largestHoursAfter: number
    }
    const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7)
    // The same question again gives the same split (the search is deterministic); the page lists its moves.
    const suggestion = (await page.evaluate(
      async (body) =>
        (
          await fetch('/api/rotations/split/suggest', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
          })
        ).json(),
      { month },
    )) as Suggestion
    expect(suggestion.moves.length).toBeGreaterThan(0)
    expect(suggestion.largestHoursAfter).toBeLessThan(suggestion.largestHoursBefore)
    expect(await page.getByTestId('split-move').count()).toBe(suggestion.moves.length)
    // A proposed load beside every team's current one (a team formed by another test, with no rotation this month, proposes none).
    expect(await page.getByTestId('proposed-hours').count()).toBe(
      await page.getByTestId('workload-panel').locator('tbody tr').count(),
    )
    expect(await page.getByTestId('proposed-hours').count()).toBeGreaterThanOrEqual(suggestion.teams.length)
    await saveScreenshot(page, 'teams-split-1080p.png')

    await page.getByTestId('adopt-split').click()
    await page.getByTestId('split-summary').waitFor({ state: 'detached' })
    const workload = (await page.evaluate(
      async (month) => (await fetch(`/api/rotations/workload?month=${month}`)).json(),
      month,
    )) as { teams: { teamId: number; institutions: number }[] }
    for (const team of suggestion.teams)
      expect(workload.teams.find((entry) => entry.teamId === team.teamId)!.institutions).toBe(
        team.institutionIds.length,
      )
    // The selected team's round on the page is the adopted one.
    const selectedTeam = Number(await page.locator('td[data-team]').first().getAttribute('data-team'))
    const mine = suggestion.teams.find((team) => team.teamId === selectedTeam)!
    await expect
      .poll(() => page.getByTestId('assigned-count').textContent())
      .toContain(String(mine.institutionIds.length))
    expect(watched.consoleErrors).toEqual([])
    await page.close()
  })

  test('a new team formed from staff joins the rotation table', async () => {
    const watched = await openAsSupervisor()
    const { page } = watched
    await page.goto(`${suite.url}teams`)
    await page.getByTestId('team-editor').waitFor()
    const rowsBefore = await page.locator('[data-testid="rotation-matrix"] tbody tr').count()
    await page.getByTestId('new-team').click()
    await page.getByTestId('team-name').fill('第五督导组')
    await page.getByTestId('team-zone').selectOption({ index: 1 })
    const boxes = page.getByTestId('team-editor').locator('input[type="checkbox"]')
    await boxes.nth(0).check()
    await boxes.nth(1).check()
    await page.getByTestId('team-leader').selectOption({ index: 1 })
    await page.getByTestId('save-team').click()
    await expect.poll(() => page.locator('[data-testid="rotation-matrix"] tbody tr').count()).toBe(rowsBefore + 1)
    expect(await page.getByTestId('rotation-matrix').textContent()).toContain('第五督导组')
    expect(watched.consoleErrors).toEqual([])
    await page.close()
  })
})
