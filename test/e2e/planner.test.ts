// The grid boundary planner in a real Chromium: a planner lassoes a village of a neighbouring
// grid into the selected grid, sees the metrics change, previews the impact, publishes, and the
// dashboard shows the village's institution in its new grid.
import fs from 'node:fs'
import { beforeEach, describe, expect, test } from 'vitest'
import { openPage, placedNames, saveScreenshot } from '../support/browser.ts'
import { cancelSchedules, jumpAndSettle, openPlanner, startDraft, type Units } from '../support/planner-page.ts'
import { browserSuite, browserTestsReady } from '../support/browser-suite.ts'

describe.skipIf(!browserTestsReady)('grid planner in Chromium', () => {
  const suite = browserSuite()

  beforeEach(() => cancelSchedules(suite.url))

  test('lasso a village into the neighbouring grid, see the metrics follow, publish, and find its institution in the new grid on the dashboard', async () => {
    const watched = await openPage(suite.browser)
    const { page } = watched
    await openPlanner(page, suite.url, 'nav')
    await startDraft(page)
    // The planner paints with names: every grid's, and the villages' wherever they have room.
    await expect
      .poll(async () => (await placedNames(page, 'place-grid', 'gridwatchPlannerMap')).length)
      .toBeGreaterThanOrEqual(10)
    await expect
      .poll(async () => (await placedNames(page, 'place-village', 'gridwatchPlannerMap')).length)
      .toBeGreaterThan(60)

    // A village with institutions on the border of two grids, found from the same data the page has.
    const units = (await page.evaluate(async () => (await fetch('/api/planner/villages')).json())) as Units
    const gridOf = new Map(units.villages.features.map((feature) => [feature.properties.id, feature.properties.gridId]))
    // …whose institution a level-3 member looks after, so the staff impact has something to name.
    const lookedAfter = new Set(units.assignments.map((assignment) => assignment.institutionId))
    const withInstitutions = new Set(
      units.institutions
        .filter((institution) => lookedAfter.has(institution.id))
        .map((institution) => institution.villageId),
    )
    // …across two zones where there is such a pair, so the zone table has something to show.
    const zoneOf = (villageId: number) => units.grids.find((grid) => grid.id === gridOf.get(villageId))?.zoneId
    const pairs = units.adjacency.filter(([a, b]) => gridOf.get(a) !== gridOf.get(b) && withInstitutions.has(a))
    const [villageId, targetVillage] = pairs.find(([a, b]) => zoneOf(a) !== zoneOf(b)) ?? pairs[0]!
    const fromGrid = gridOf.get(villageId)!
    const toGrid = gridOf.get(targetVillage)!
    const seat = units.villages.features.find((feature) => feature.properties.id === villageId)!.properties.seat
    const movingInstitutions = units.institutions.filter((institution) => institution.villageId === villageId)

    const targetRow = page.locator(`[data-testid="grid-row"][data-grid-key="g${toGrid}"]`)
    const sourceRow = page.locator(`[data-testid="grid-row"][data-grid-key="g${fromGrid}"]`)
    const count = async (row: typeof targetRow) => Number(await row.getByTestId('grid-institutions').textContent())
    const [targetBefore, sourceBefore] = [await count(targetRow), await count(sourceRow)]
    // Institutions per zone, as the zone table shows them.
    const perZone = async () => {
      const rows = await page.getByTestId('zone-row').all()
      return new Map(
        await Promise.all(
          rows.map(
            async (row) =>
              [
                (await row.locator('td.name').textContent())!.trim(),
                Number(await row.getByTestId('zone-institutions').textContent()),
              ] as const,
          ),
        ),
      )
    }
    const zoneNameOf = (gridId: number) =>
      units.zones.find((zone) => zone.id === units.grids.find((grid) => grid.id === gridId)!.zoneId)!.name
    const zonesBefore = await perZone()
    expect(zonesBefore.size).toBe(units.zones.length)
    expect([...zonesBefore.values()].reduce((sum, n) => sum + n, 0)).toBe(units.institutions.length)
    await targetRow.click()

    // Zoom to the village so that a small square around its seat holds no other seat.
    await jumpAndSettle(page, seat)
    const box = (await page.getByTestId('planner-map').boundingBox())!
    const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2]
    await page.getByTestId('tool-lasso').click()
    for (const [dx, dy] of [
      [-14, -14],
      [14, -14],
      [14, 14],
    ] as const)
      await page.mouse.click(cx + dx, cy + dy)
    await page.mouse.dblclick(cx - 14, cy + 14)

    // The metrics follow at once; the save lands as revision 2 and the server's check passes.
    await expect.poll(() => count(targetRow)).toBe(targetBefore + movingInstitutions.length)
    expect(await count(sourceRow)).toBe(sourceBefore - movingInstitutions.length)
    const zonesAfter = await perZone()
    const [fromZone, toZone] = [zoneNameOf(fromGrid), zoneNameOf(toGrid)]
    const shift = fromZone === toZone ? 0 : movingInstitutions.length
    expect(zonesAfter.get(toZone)).toBe(zonesBefore.get(toZone)! + shift)
    expect(zonesAfter.get(fromZone)).toBe(zonesBefore.get(fromZone)! - shift)
    await expect.poll(() => page.getByTestId('save-state').textContent()).toContain('第 2 版')
    await expect.poll(() => page.getByTestId('problems').locator('h3').textContent()).toContain('校验通过')

    await page.getByTestId('preview-impact').click()
    expect(await page.getByTestId('impact-row').count()).toBe(movingInstitutions.length)
    expect(await page.getByTestId('impact-row').first().textContent()).toContain(movingInstitutions[0]!.name)
    // Members who look after a moving institution are named with it.
    const movingIds = new Set(movingInstitutions.map((institution) => institution.id))
    const affectedStaff = units.assignments.filter(
      (assignment) => assignment.institutionId !== null && movingIds.has(assignment.institutionId),
    )
    expect(affectedStaff.length).toBeGreaterThan(0)
    expect(await page.getByTestId('staff-impact-row').count()).toBe(affectedStaff.length)
    expect(await page.getByTestId('staff-impact-row').first().textContent()).toContain(affectedStaff[0]!.name)
    await saveScreenshot(page, 'planner-1080p.png')

    // A dashboard already open in another tab: after the publish it re-reads this county's areas
    // only and draws the target grid's new outline without a reload.
    const dashboard = await openPage(suite.browser)
    await dashboard.page.goto(suite.url)
    const outlineOf = (gridId: number) =>
      dashboard.page.evaluate((id) => {
        const feature = window.gridwatchMap
          ?.getSource('grids')
          ?.serialize()
          .data.features?.find((candidate) => candidate.id === id)
        return feature ? JSON.stringify(feature.geometry) : null
      }, gridId)
    await expect.poll(() => outlineOf(toGrid)).not.toBeNull()
    const outlineBefore = await outlineOf(toGrid)
    const areaRequests: string[] = []
    dashboard.page.on('request', (request) => {
      if (request.url().includes('/api/areas')) areaRequests.push(new URL(request.url()).search)
    })

    // Publishing asks first, saying what moves; declined, nothing is published.
    let question = ''
    const versionsBefore = await page.getByTestId('version').count()
    page.once('dialog', (dialog) => {
      question = dialog.message()
      void dialog.dismiss()
    })
    await page.getByTestId('publish').click()
    await expect.poll(() => question).toMatch(/现在发布这一版网格边界？[\s\S]*\d+ 家机构将换到新网格/)
    expect(await page.getByTestId('version').count()).toBe(versionsBefore)
    page.once('dialog', (dialog) => void dialog.accept())
    await page.getByTestId('publish').click()
    await expect
      .poll(() => page.getByTestId('planner-message').textContent())
      .toMatch(/已发布第 \d+ 版，自 \d{4}-\d{2}-\d{2} 起生效/)
    // The published draft no longer offers itself for publishing; the page names the version in force.
    await expect
      .poll(() => page.getByTestId('published-note').textContent())
      .toMatch(/此草稿已发布。现行版本：.+，自 \d{4}-\d{2}-\d{2} 起生效/)
    expect(await page.getByText('校验通过，可以发布').count()).toBe(0)
    expect(await page.getByTestId('publish').count()).toBe(0)
    await saveScreenshot(page, 'planner-published-1080p.png')
    await expect.poll(() => outlineOf(toGrid)).not.toBe(outlineBefore)
    await expect.poll(() => areaRequests.length).toBe(4)
    expect(areaRequests.sort()).toEqual([
      '?level=district&county=371703',
      '?level=grid&county=371703',
      '?level=village&county=371703',
      '?level=zone&county=371703',
    ])
    expect(dashboard.consoleErrors).toEqual([])
    await dashboard.page.close()
    await expect.poll(() => page.getByTestId('version').count()).toBe(2)

    // The dashboard: the institution's card names its new grid.
    const toName = (await targetRow.locator('td.name').textContent())!.trim().split(/\s/)[0]!
    await page.goto(`${suite.url}?select=institution:${movingInstitutions[0]!.id}`)
    const card = page.getByTestId('institution-card')
    await card.waitFor()
    await expect.poll(() => card.locator('dd').first().textContent()).toContain(toName)
    expect(watched.consoleErrors).toEqual([])
    expect(watched.offMachineRequests).toEqual([])
    await page.close()
  }, 120_000)

  test('split a grid by drawing around one of its villages; compare the draft with the grids in force', async () => {
    const watched = await openPage(suite.browser)
    const { page } = watched
    await openPlanner(page, suite.url)
    await startDraft(page)
    const rowsBefore = await page.getByTestId('grid-row').count()

    const units = (await page.evaluate(async () => (await fetch('/api/planner/villages')).json())) as Units
    const first = units.villages.features.find(
      (feature) =>
        feature.properties.gridId === units.villages.features[0]!.properties.gridId &&
        units.institutions.some((institution) => institution.villageId === feature.properties.id),
    )!
    const grid = page.locator(`[data-testid="grid-row"][data-grid-key="g${first.properties.gridId}"]`)
    await grid.click()
    await jumpAndSettle(page, first.properties.seat)
    const box = (await page.getByTestId('planner-map').boundingBox())!
    const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2]
    await page.getByTestId('tool-split').click()
    for (const [dx, dy] of [
      [-14, -14],
      [14, -14],
      [14, 14],
    ] as const)
      await page.mouse.click(cx + dx, cy + dy)
    await page.mouse.dblclick(cx - 14, cy + 14)
    await expect.poll(() => page.getByTestId('grid-row').count()).toBe(rowsBefore + 1)
    const created = page.getByTestId('grid-row').last()
    expect(await created.locator('td').nth(3).textContent()).toBe('1')
    expect(await created.locator('td.name').textContent()).toContain('（拆分）')
    await expect.poll(() => page.getByTestId('save-state').textContent()).toContain('第 2 版')

    await page.getByTestId('compare').click()
    await page.waitForFunction(
      () => window.gridwatchPlannerMap!.queryRenderedFeatures({ layers: ['planner-published'] }).length > 0,
      undefined,
      { timeout: 10_000 },
    )
    await saveScreenshot(page, 'planner-split-1080p.png')
    expect(watched.consoleErrors).toEqual([])
    await page.close()
  })

  test('import grids drawn in GCJ-02: a broken file gets a readable message, a good one a report and then a new draft', async () => {
    const watched = await openPage(suite.browser)
    const { page } = watched
    await openPlanner(page, suite.url)
    await page.getByTestId('transfer').locator('summary').click()
    await page.getByTestId('import-crs').selectOption('gcj02')

    // A file that is not JSON: the server's message, worded in Chinese with the line, is shown.
    await page.getByTestId('import-file').setInputFiles({
      name: 'broken.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from('{"type": "FeatureCollection",\n "features": [ }'),
    })
    await page.getByTestId('import-check').click()
    await expect.poll(() => page.getByTestId('import-error').textContent()).toContain('第 2 行')

    // A grid drawn as a bow tie: rejected, the reason in Chinese (feature, GEOS reason).
    const exported = (await page.evaluate(async () => (await fetch('/api/planner/export/grids?crs=gcj02')).json())) as {
      features: { properties: Record<string, unknown>; geometry: unknown }[]
    }
    const bowTie = structuredClone(exported)
    bowTie.features[0]!.geometry = {
      type: 'Polygon',
      coordinates: [
        [
          [115.5, 35.05],
          [115.52, 35.07],
          [115.52, 35.05],
          [115.5, 35.07],
          [115.5, 35.05],
        ],
      ],
    }
    await page.getByTestId('import-file').setInputFiles({
      name: 'bow-tie.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify(bowTie)),
    })
    await page.getByTestId('import-check').click()
    const rejected = page.getByTestId('import-rejected').first()
    await expect
      .poll(() => rejected.textContent())
      .toContain(`要素 0（${exported.features[0]!.properties.name as string}）不是有效的面：自相交。`)
    await rejected.scrollIntoViewIfNeeded()
    await saveScreenshot(page, 'planner-import-rejected-1080p.png')

    // The panel's village link downloads the villages (every export link of the panel answers).
    const [villages] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-villages').click()])
    const villageFile = JSON.parse(fs.readFileSync(await villages.path(), 'utf8')) as {
      type: string
      features: unknown[]
    }
    expect(villageFile.type).toBe('FeatureCollection')
    expect(villageFile.features).toHaveLength(341)
    for (const href of await page
      .getByTestId('transfer')
      .locator('a[download]')
      .evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href)))
      expect((await page.request.get(href)).status(), href).toBe(200)

    // The grids in force from the panel's Shapefile link (GCJ-02, as chosen) go back in unchanged.
    const [shapefile] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-grids-shapefile').click(),
    ])
    expect(shapefile.suggestedFilename()).toBe('grids-published-gcj02.zip')
    await page.getByTestId('import-file').setInputFiles({
      name: 'grids-published-gcj02.zip',
      mimeType: 'application/zip',
      buffer: fs.readFileSync(await shapefile.path()),
    })
    await page.getByTestId('import-check').click()
    await expect.poll(() => page.locator('[data-testid="import-grid"].unchanged').count()).toBe(11)
    expect(await page.getByTestId('import-rejected').count()).toBe(0)

    // The grids in force as Amap coordinates, one renamed: one new grid, one retired, ten unchanged.
    const oldName = exported.features[0]!.properties.name as string
    exported.features[0]!.properties.name = '新建网格甲'
    await page.getByTestId('import-file').setInputFiles({
      name: 'amap-grids.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify(exported)),
    })
    await page.getByTestId('import-check').click()
    await page.getByTestId('import-report').waitFor()
    expect(await page.getByTestId('import-grid').count()).toBe(11)
    expect(await page.locator('[data-testid="import-grid"].new').count()).toBe(1)
    expect(await page.locator('[data-testid="import-grid"].unchanged').count()).toBe(10)
    expect(await page.getByTestId('import-report').textContent()).toContain(oldName)
    await saveScreenshot(page, 'planner-import-1080p.png')
    await page.getByTestId('import-apply').click()
    await page.getByTestId('import-done').waitFor()
    await expect
      .poll(() => page.getByTestId('draft-select').locator('option:checked').textContent())
      .toContain('导入 amap-grids.geojson')
    await expect
      .poll(() => page.locator('[data-testid="grid-row"] td.name').allTextContents())
      .toEqual(expect.arrayContaining([expect.stringContaining('新建网格甲')]))
    expect(watched.consoleErrors.filter((line) => !line.includes('400'))).toEqual([])
    expect(watched.offMachineRequests).toEqual([])
    await page.close()
  })

  test('brush over a village and draw freehand round it: each moves it into the selected grid in one undoable step', async () => {
    const watched = await openPage(suite.browser)
    const { page } = watched
    await openPlanner(page, suite.url)
    await startDraft(page)

    const units = (await page.evaluate(async () => (await fetch('/api/planner/villages')).json())) as Units
    const gridOf = new Map(units.villages.features.map((feature) => [feature.properties.id, feature.properties.gridId]))
    const [villageId, neighbour] = units.adjacency.find(([a, b]) => gridOf.get(a) !== gridOf.get(b))!
    const village = units.villages.features.find((feature) => feature.properties.id === villageId)!
    const villagesOf = (gridId: number) =>
      page.locator(`[data-testid="grid-row"][data-grid-key="g${gridId}"] td`).nth(3).textContent()
    const [from, to] = [gridOf.get(villageId)!, gridOf.get(neighbour)!]
    const before = [await villagesOf(from), await villagesOf(to)]
    await page.locator(`[data-testid="grid-row"][data-grid-key="g${to}"]`).click()
    await jumpAndSettle(page, village.properties.seat)
    const box = (await page.getByTestId('planner-map').boundingBox())!
    const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2]

    // Brush: one short stroke over the village's seat.
    await page.keyboard.press('b')
    await page.mouse.move(cx - 3, cy)
    await page.mouse.down()
    await page.mouse.move(cx + 3, cy, { steps: 3 })
    await page.mouse.up()
    await expect.poll(() => villagesOf(to)).toBe(String(Number(before[1]) + 1))
    await expect.poll(() => villagesOf(from)).toBe(String(Number(before[0]) - 1))
    await page.getByTestId('undo').click()
    await expect.poll(() => villagesOf(to)).toBe(before[1])
    await expect.poll(() => villagesOf(from)).toBe(before[0])

    // Freehand: a circle of 25 px round the seat, drawn while the button is held.
    await page.getByTestId('tool-freehand').click()
    await page.mouse.move(cx + 25, cy)
    await page.mouse.down()
    for (let step = 1; step <= 24; step++)
      await page.mouse.move(cx + 25 * Math.cos((step * Math.PI) / 12), cy + 25 * Math.sin((step * Math.PI) / 12))
    await page.mouse.up()
    await expect.poll(() => villagesOf(to)).toBe(String(Number(before[1]) + 1))
    await expect.poll(() => villagesOf(from)).toBe(String(Number(before[0]) - 1))
    await expect.poll(() => page.getByTestId('save-state').textContent()).toContain('已保存')
    await saveScreenshot(page, 'planner-brush-1080p.png')
    expect(watched.consoleErrors).toEqual([])
    await page.close()
  })
})
