// The grid member's phone as a member meets it all day (390×844, touch, an emulated position, the
// network going and coming): an inspection in progress survives going back, a reload and an
// offline reload, and asks before it is discarded; a one-minute visit says before leaving and after
// sending that it does not count, and why; an ended session is said on the field app and signed in
// again there, after which the outbox sends its record once; overdue and due-today institutions come
// first; the week plan's stops open the institution.
import { sql } from 'drizzle-orm'
import { describe, expect, onTestFailed, test } from 'vitest'
import sharp from 'sharp'
import type { Page } from 'playwright-core'
import { demoPasswords } from '@gridwatch/api/demo/demo-accounts.ts'
import { saveScreenshot } from '../support/browser.ts'
import { apiAs } from '../support/running-server.ts'
import { answerChecklist, browserSuite, browserTestsReady, drawSignature } from '../support/browser-suite.ts'

interface Mine {
  features: { id: number; geometry: { coordinates: [number, number] }; properties: { name: string } }[]
}

describe.skipIf(!browserTestsReady)('field work a grid member trusts', () => {
  const suite = browserSuite()

  /** member3's phone standing at one of their institutions (the `index`th most urgent). */
  async function phoneAt(index: number, options: { clockAt?: Date } = {}) {
    const mine = (await (await apiAs(suite.url, 'member3'))<Mine>('/api/me/institutions')).body.features
    const signedIn = await suite.signedIn('member3', 'field', { phone: true, position: [0, 0], ...options })
    const { page, context, errors } = signedIn
    onTestFailed(async () => {
      if (page.isClosed()) return
      await saveScreenshot(page, 'failed-field-trust.png').catch(() => {})
      console.error(
        'field trust failed:',
        await page.locator('[role="alert"], [role="status"]').allTextContents(),
        errors,
      )
    })
    await page.getByTestId('my-institution').nth(index).waitFor()
    const card = page.getByTestId('my-institution').nth(index)
    const id = Number(await card.getAttribute('data-id'))
    const target = mine.find((feature) => feature.id === id)!
    await context.setGeolocation({
      longitude: target.geometry.coordinates[0] + 0.0002,
      latitude: target.geometry.coordinates[1],
      accuracy: 12,
    })
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true))
    return { ...signedIn, id, name: target.properties.name }
  }

  const cardOf = (page: Page, id: number) => page.locator(`[data-testid="my-institution"][data-id="${id}"]`)

  async function poster(page: Page) {
    const buffer = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#c9302c' } })
      .jpeg()
      .toBuffer()
    const before = await page.getByTestId('photo-preview').count()
    await page.getByTestId('sign-photo').setInputFiles({ name: 'poster.jpg', mimeType: 'image/jpeg', buffer })
    await expect.poll(() => page.getByTestId('photo-preview').count()).toBe(before + 1)
  }

  test('an inspection in progress survives going back, a reload and an offline reload, and asks before it is discarded', async () => {
    const { page, context, id, errors } = await phoneAt(0)
    await cardOf(page, id).getByTestId('inspect').click()
    await page.getByTestId('arrive').click()
    await page.getByTestId('arrived').waitFor()
    await page.getByTestId('institution-checklist').locator('.check').first().locator('button.ok').click()
    await page.getByTestId('finding-category').selectOption({ index: 1 })
    await page.getByTestId('finding-problem').fill('药品进销存账目不清')
    await page.getByTestId('add-finding').click()
    await poster(page)
    await page.getByTestId('note').fill('查阅处方 8 张')
    const answered = await page.getByTestId('institution-checklist').locator('.check[data-answered="true"]').count()
    expect(answered).toBeGreaterThanOrEqual(2)

    // 返回 keeps it: the list says so and offers to continue.
    await page.getByTestId('form-back').click()
    expect(await page.getByTestId('message').textContent()).toContain('已保存在手机上')
    await expect.poll(() => cardOf(page, id).getByTestId('inspect').textContent()).toContain('继续检查')

    // A reload (pull-to-refresh, a killed tab) returns to it: arrival, answers, finding, photo, note.
    const expectRestored = async () => {
      await cardOf(page, id).getByTestId('inspect').click()
      await page.getByTestId('resumed').waitFor()
      expect(await page.getByTestId('findings').locator('li').count()).toBe(1)
      expect(await page.getByTestId('photo-preview').count()).toBe(1)
      expect(await page.getByTestId('note').inputValue()).toBe('查阅处方 8 张')
      expect(await page.getByTestId('institution-checklist').locator('.check[data-answered="true"]').count()).toBe(
        answered,
      )
      expect(await page.getByTestId('arrive').count()).toBe(0)
    }
    await page.reload()
    await expectRestored()
    await saveScreenshot(page, 'field-draft-resumed-390.png')

    // Offline, reloaded from the service worker: still there.
    await context.setOffline(true)
    await page.reload()
    await page.getByTestId('field-app').waitFor()
    await expectRestored()

    // Discarding asks first; once confirmed the draft and its photo are gone, also after a reload.
    await page.getByTestId('discard').click()
    await page.getByTestId('discard-confirm').waitFor()
    await saveScreenshot(page, 'field-draft-discard-390.png')
    await page.getByTestId('discard-confirm').click()
    await expect.poll(() => cardOf(page, id).getByTestId('inspect').textContent()).toBe('检查')
    await page.reload()
    await expect.poll(() => cardOf(page, id).getByTestId('inspect').textContent()).toBe('检查')
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true)
    expect(errors).toEqual([])
    await context.close()
  })

  test('a one-minute visit says before leaving and after sending that it does not count, and why', async () => {
    // The phone's clock starts ten minutes ago, so that the visit lies in the past when it is sent.
    const { page, context, id, name, errors } = await phoneAt(1, { clockAt: new Date(Date.now() - 10 * 60_000) })
    await cardOf(page, id).getByTestId('inspect').click()
    await page.getByTestId('arrive').click()
    const verification = page.getByTestId('visit-verification')
    await verification.waitFor()
    expect(await verification.getAttribute('data-counts')).toBe('false')
    expect(await page.getByTestId('verification-stay').textContent()).toContain('还需停留 10 分钟')
    expect(await page.getByTestId('verification-poster').textContent()).toContain('还没拍')
    expect(await page.getByTestId('verification-distance').textContent()).toMatch(/距机构 \d+ 米/)
    await answerChecklist(page)
    await context.clock.fastForward('01:00')
    await expect.poll(() => page.getByTestId('verification-stay').textContent()).toContain('还需停留 9 分钟')
    await saveScreenshot(page, 'field-visit-will-not-count-390.png')
    await page.getByTestId('depart').click()
    await drawSignature(page, 'sign-inspector')
    await drawSignature(page, 'sign-representative')
    await page.getByTestId('save-inspection').click()

    // Sent: the phone says it did not count and why; the list and the records say so too.
    await expect
      .poll(() => page.getByTestId('sent-outcome').textContent())
      .toMatch(new RegExp(`${name}：已送达，但未核验（.*停留不足 10 分钟.*缺少张贴信息照片`))
    await expect.poll(() => cardOf(page, id).getByTestId('visit-outcome').getAttribute('data-verified')).toBe('false')
    expect(await cardOf(page, id).getByTestId('visit-outcome').textContent()).toContain('未核验')
    await page.getByTestId('tab-outbox').click()
    expect(await page.getByTestId('my-visit').first().textContent()).toContain('停留不足 10 分钟')
    await saveScreenshot(page, 'field-visit-did-not-count-390.png')
    const leader = await apiAs(suite.url, 'leader')
    const listed = await leader<{ inspections: { verified: boolean; verificationGaps: string[] }[] }>(
      `/api/inspections?institutionId=${id}&limit=1`,
    )
    expect(listed.body.inspections[0]).toMatchObject({ verified: false })
    expect(listed.body.inspections[0]!.verificationGaps).toEqual(
      expect.arrayContaining(['short-stay', 'no-sign-photo']),
    )
    expect(errors).toEqual([])
    await context.close()
  })

  test('an ended session is said on the field app and signed in again there; the queued record then goes once', async () => {
    const { page, context, id, name, errors } = await phoneAt(2, { clockAt: new Date(Date.now() - 15 * 60_000) })
    const recordedBefore = async () =>
      (
        await (
          await apiAs(suite.url, 'leader')
        )<{ inspections: unknown[] }>(`/api/inspections?institutionId=${id}&limit=500`)
      ).body.inspections.length
    const before = await recordedBefore()

    // A morning without signal: the visit is recorded and waits on the phone.
    await context.setOffline(true)
    await cardOf(page, id).getByTestId('inspect').click()
    await page.getByTestId('arrive').click()
    await answerChecklist(page)
    await poster(page)
    await context.clock.fastForward('12:00')
    await page.getByTestId('depart').click()
    await drawSignature(page, 'sign-inspector')
    await drawSignature(page, 'sign-representative')
    await page.getByTestId('save-inspection').click()
    await expect.poll(() => page.getByTestId('pending').textContent()).toBe('待发送 2')

    // Meanwhile the server ends the session (the 30-minute idle limit).
    await suite.running.server.database.rows(
      sql`UPDATE sessions SET last_seen_at = now() - interval '2 hours' WHERE user_id = (SELECT id FROM users WHERE username = 'member3')`,
    )
    // Signal returns: the main screen says the session ended and that the records wait; nothing is lost.
    await context.setOffline(false)
    await page.evaluate(() => dispatchEvent(new Event('online')))
    await page.getByTestId('session-expired').waitFor()
    expect(await page.getByTestId('session-expired').textContent()).toContain('2 条记录保存在手机上')
    expect(await page.getByTestId('network').textContent()).toBe('需重新登录')
    expect(await page.getByTestId('pending').textContent()).toBe('待发送 2')
    await saveScreenshot(page, 'field-session-expired-390.png')

    // Signed in again inside /field: still /field, and the outbox goes, once.
    await page.getByTestId('sign-in-again').click()
    await page.getByTestId('field-sign-in').locator('input[name=password]').fill(demoPasswords.member3!)
    await page.getByTestId('sign-in-submit').click()
    await expect.poll(() => page.getByTestId('pending').textContent(), { timeout: 20_000 }).toBe('待发送 0')
    expect(new URL(page.url()).pathname).toBe('/field')
    expect(await page.getByTestId('session-expired').count()).toBe(0)
    await expect.poll(() => page.getByTestId('sent-outcome').textContent()).toContain(`${name}：已送达，已核验`)
    expect(await recordedBefore()).toBe(before + 1)
    expect(errors).toEqual([])
    await context.close()
  })

  test('overdue and due-today institutions come first; a week plan stop opens its institution; the menu reaches the other pages', async () => {
    const { page, context } = await phoneAt(0)
    const dueFlags = await page
      .getByTestId('my-institution')
      .getByTestId('recency')
      .evaluateAll((spans) => spans.map((span) => span.classList.contains('late')))
    // Every red (overdue, due today, never) card comes before every green one.
    expect(dueFlags.indexOf(false) === -1 || dueFlags.lastIndexOf(true) < dueFlags.indexOf(false)).toBe(true)

    await page.getByTestId('tab-plan').click()
    const stop = page.getByTestId('plan-stop').first()
    const stopId = Number(await stop.getAttribute('data-id'))
    await stop.click()
    await expect.poll(() => cardOf(page, stopId).getAttribute('class')).toContain('focused')
    await saveScreenshot(page, 'field-plan-stop-opened-390.png')

    // The map: my institutions and where I stand, drawn from what the phone keeps.
    await page.getByTestId('tab-map').click()
    await page.getByTestId('field-map').waitFor()
    await expect
      .poll(() =>
        page.evaluate(() => window.gridwatchMap?.queryRenderedFeatures({ layers: ['field-institution'] }).length ?? 0),
      )
      .toBeGreaterThan(0)
    await expect
      .poll(() =>
        page.evaluate(() => window.gridwatchMap?.queryRenderedFeatures({ layers: ['field-here'] }).length ?? 0),
      )
      .toBe(1)
    await saveScreenshot(page, 'field-map-390.png')

    // A browser that can install the app announces it once; the menu then offers it.
    await page.evaluate(() => {
      const offer = Object.assign(new Event('beforeinstallprompt', { cancelable: true }), {
        prompt: () => {
          ;(window as unknown as { installPrompted: boolean }).installPrompted = true
          return Promise.resolve()
        },
        userChoice: Promise.resolve({ outcome: 'accepted' }),
      })
      dispatchEvent(offer)
    })
    await page.getByTestId('field-menu').click()
    await page.getByTestId('field-install').click()
    expect(await page.evaluate(() => (window as unknown as { installPrompted?: boolean }).installPrompted)).toBe(true)
    await page.getByTestId('field-menu').click()
    expect(await page.getByTestId('field-install').count()).toBe(0)
    const links = await page
      .getByTestId('field-menu-list')
      .locator('a')
      .evaluateAll((anchors) => anchors.map((anchor) => new URL((anchor as HTMLAnchorElement).href).pathname))
    expect(links).toEqual(['/ledger', '/risks', '/'])
    await saveScreenshot(page, 'field-menu-390.png')
    await page.getByTestId('field-sign-out').click()
    await expect.poll(() => new URL(page.url()).pathname).toBe('/login')
    expect(new URL(page.url()).searchParams.get('next')).toBe('/field')
    await context.close()
  })

  test('a finding’s photo taken on the phone is its ledger item’s 整改前 on the ledger', async () => {
    const { page, context, id, errors } = await phoneAt(3, { clockAt: new Date(Date.now() - 15 * 60_000) })
    await cardOf(page, id).getByTestId('inspect').click()
    await page.getByTestId('arrive').click()
    await answerChecklist(page)
    await page.getByTestId('finding-problem').fill('药柜中发现过期药品')
    const picture = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#2563eb' } })
      .jpeg()
      .toBuffer()
    await page
      .getByTestId('finding-photo-take')
      .setInputFiles({ name: 'finding.jpg', mimeType: 'image/jpeg', buffer: picture })
    await page.getByTestId('add-finding').click()
    await page.getByTestId('finding-photo').waitFor()
    await poster(page)
    await context.clock.fastForward('12:00')
    await page.getByTestId('depart').click()
    await drawSignature(page, 'sign-inspector')
    await drawSignature(page, 'sign-representative')
    await page.getByTestId('save-inspection').click()
    await expect
      .poll(() => page.getByTestId('sent-outcome').textContent(), { timeout: 20_000 })
      .toContain('已送达，已核验')
    expect(await page.getByTestId('pending').textContent()).toBe('待发送 0')
    expect(errors).toEqual([])
    await context.close()

    const leader = await apiAs(suite.url, 'leader')
    const card = await leader<{ ledgerItems: { id: number; problem: string }[] }>(`/api/institutions/${id}`)
    const item = card.body.ledgerItems.find((entry) => entry.problem === '药柜中发现过期药品')!
    const desk = await suite.signedIn('leader', `ledger?item=${item.id}`)
    await desk.page.getByTestId('before-after').waitFor()
    expect(await desk.page.getByTestId('photo-before').count()).toBe(1)
    expect(await desk.page.getByTestId('photo-after').count()).toBe(0)
    await saveScreenshot(desk.page, 'ledger-before-after-1080p.png')
    await desk.context.close()
  })

  test('what waits for me: a 舆情 raised below is in the level-2 member’s inbox on the phone, and a reported rectification reaches a verifier’s desk badge live', async () => {
    const mine = (await (await apiAs(suite.url, 'member3'))<Mine>('/api/me/institutions')).body.features
    const [place] = await suite.running.server.database.rows<{ gridId: number; countyCode: string }>(
      sql`SELECT grid_id AS "gridId", county_code AS "countyCode" FROM institutions WHERE id = ${mine[0]!.id}`,
    )
    const [second] = await suite.running.server.database.rows<{ username: string }>(sql`
      SELECT username FROM users WHERE role = 'grid_member_2' AND scope_kind = 'grid' AND scope_area_id = ${place!.gridId}
      ORDER BY id LIMIT 1`)
    const level2 = second!.username

    // The verifier's desk shows the badge; a rectification reported on a phone raises it without a reload.
    const desk = await suite.signedIn('zone1', '')
    const badge = desk.page.getByTestId('inbox-badge')
    await badge.waitFor()
    const countOf = async () => Number((await badge.textContent())!.replace(/\D/g, '') || 0)
    // What already waits for the verifier (other tests' reports too), as the badge shows it once read.
    const before = (await (await apiAs(suite.url, 'zone1'))<{ entries: unknown[] }>('/api/me/inbox')).body.entries
      .length
    await expect.poll(countOf).toBe(before)
    const member = await apiAs(suite.url, 'member3')
    const raised = await member<{ id: number }>('/api/ledger-items', {
      json: {
        institutionId: mine[0]!.id,
        category: '串换药品',
        problem: '待办测试：处方与结算不一致',
        severity: 'general',
      },
    })
    expect(raised.status).toBe(201)
    const moved = await member(`/api/ledger-items/${raised.body.id}/transitions`, {
      json: { target: 'awaiting-verification', note: '已整改' },
    })
    expect(moved.status).toBe(200)
    await expect.poll(countOf).toBe(before + 1)
    await badge.click()
    await desk.page.getByTestId('inbox').waitFor()
    await saveScreenshot(desk.page, 'inbox-desk-1080p.png')
    await desk.page.getByTestId('inbox-entry').filter({ hasText: '待办测试' }).click()
    await expect.poll(() => new URL(desk.page.url()).searchParams.get('item')).toBe(String(raised.body.id))
    await desk.context.close()

    // A 重大 舆情 raised below waits in the level-2 member's inbox; the entry opens the 舆情 tab.
    const report = await member<{ id: number }>('/api/risk-reports', {
      json: {
        institutionId: mine[0]!.id,
        title: '待办测试舆情',
        description: '群众反映卫生室收费与结算不一致。',
        severity: 'high',
        source: 'short-video',
      },
    })
    expect(report.status).toBe(201)
    const phone = await suite.signedIn(level2, 'field', { phone: true, position: mine[0]!.geometry.coordinates })
    await expect.poll(() => phone.page.getByTestId('field-inbox-count').textContent()).toMatch(/^[1-9]\d*$/)
    await phone.page.getByTestId('field-menu').click()
    const entry = phone.page.getByTestId('inbox-entry').filter({ hasText: '待办测试舆情' })
    expect(await entry.getAttribute('data-kind')).toBe('acknowledge')
    await saveScreenshot(phone.page, 'inbox-phone-390.png')
    await entry.click()
    const card = phone.page.locator(`[data-testid="risk-report"][data-id="${report.body.id}"]`)
    await card.getByTestId('risk-acknowledge').click()
    await expect
      .poll(async () => {
        await phone.page.getByTestId('field-menu').click()
        const left = await phone.page.getByTestId('inbox-entry').filter({ hasText: '待办测试舆情' }).count()
        await phone.page.getByTestId('field-menu').click()
        return left
      })
      .toBe(0)
    await phone.context.close()
  })

  test('a refused location permission asks to turn location on; at 360×800 the list, form and map fit the screen', async () => {
    const { page, context } = await suite.signedIn('member3', 'field', {
      phone: true,
      viewport: { width: 360, height: 800 },
    })
    await page.getByTestId('my-institution').first().waitFor()
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    await saveScreenshot(page, 'field-institutions-360.png')
    await page.getByTestId('inspect').first().click()
    await page.getByTestId('arrive').click()
    // No permission was given to this phone: the form asks for it, in words, instead of waiting.
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('定位权限被拒绝')
    await saveScreenshot(page, 'field-position-denied-360.png')
    await page.getByTestId('form-back').click()
    await page.getByTestId('tab-map').click()
    await page.getByTestId('field-map-no-position').waitFor()
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    await saveScreenshot(page, 'field-map-360.png')
    await context.close()
  })

  test('a 舆情 about a place (a village incident, a video online) is raised on the phone without an institution', async () => {
    const { page, context, errors } = await phoneAt(0)
    await page.getByTestId('tab-risks').click()
    await page.getByTestId('raise-risk-place').click()
    await page.getByTestId('risk-send').click()
    expect(await page.getByRole('alert').textContent()).toContain('请填写标题和详细情况')
    await page.getByTestId('risk-title').fill('短视频称村口有人收集医保卡')
    await page.getByTestId('risk-description').fill('视频称村口有人收集村民医保卡，尚不清楚涉及哪家机构。')
    await page.getByTestId('risk-send').click()
    expect(await page.getByRole('alert').textContent()).toContain('请写明地点')
    await page.getByTestId('risk-place').fill('本村村口')
    await saveScreenshot(page, 'risk-place-390.png')
    await page.getByTestId('risk-send').click()
    const card = page.getByTestId('risk-report').filter({ hasText: '短视频称村口有人收集医保卡' })
    await expect.poll(() => card.count(), { timeout: 20_000 }).toBe(1)
    expect(await card.textContent()).toContain('本村村口')
    expect(await page.getByTestId('pending').textContent()).toBe('待发送 0')
    expect(errors).toEqual([])
    await context.close()
  })
})
