// Oversight in Chromium. A risk report (舆情) climbing its chain: a level-3 member raises one on the phone
// (360×780, emulated position; the level-2 phone 390×844) while the network is down — it waits on the device with its photo —
// and it goes out when the network returns; the wall's risk tile counts it at once; the grid's
// level-2 member sees it waiting on their phone and acknowledges it; the level-1 member lets it
// time out (the hop's clock is moved back 31 minutes and the server's escalation pass, every half
// second here, takes it up), so the wall raises its alarm; the bureau acknowledges and closes it on
// /risks, and the wall's alarm goes out. A complaint clue (举报线索) taken in by the designated
// clue handler with a named complainant, whom only the handler can show (and the look is audited),
// assigned, linked to an inspection and concluded with the reply. A grid's contact posters printed
// as one job, one QR code decoded back to its institution's public page, and a clue sent from there
// landing in the ledger. A wall token issued, used and revoked on /displays. A level-2 member adds a
// level-3 member on /staff and hands them a village clinic; the administrator opens their account
// on /users; they sign in on a phone with the temporary password, see the clinic, change the
// password; disabled, the account is refused at its next request. A supervisor re-scores an
// institution and blacklists it on /credit/manage; the public listing at /credit, opened on a
// phone without an account, shows the entry.
import { sql } from 'drizzle-orm'
import sharp from 'sharp'
import jsQR from 'jsqr'
import { describe, expect, onTestFailed, test } from 'vitest'
import { saveScreenshot } from '../support/browser.ts'
import { apiAs } from '../support/running-server.ts'
import { browserSuite, browserTestsReady } from '../support/browser-suite.ts'

interface Report {
  id: number
  status: string
  alarm: boolean
  waitingAt: number | null
  photoIds: number[]
  hops: { level: number; acknowledgedBy: string | null; timedOutAt: string | null }[]
}

describe.skipIf(!browserTestsReady)('oversight in Chromium', () => {
  const suite = browserSuite({ timers: { riskEscalationEveryMilliseconds: 500 } })

  /** A phone stands at the bureau (115.57, 35.07). */
  const signedIn = (username: string, viewport: { width: number; height: number }, path: string, phone = false) =>
    suite.signedIn(username, path, {
      viewport,
      ...(phone ? { phone, position: [115.57, 35.07] as [number, number] } : {}),
    })

  test('raised offline on a level-3 phone, acknowledged on the level-2 phone, timed out at level 1 into a wall alarm, closed by the bureau', async () => {
    const leader = await apiAs(suite.url, 'leader')
    const before = (await leader<{ risks: { unacknowledged: number; timedOut: number } }>('/api/wall/summary')).body
      .risks

    const wall = await suite.browser.newPage({ viewport: { width: 1920, height: 1080 } })
    await wall.goto(`${suite.url}wall?cycle=0`)
    const riskFigure = wall.locator('[data-kpi="risks"] .figure')
    await expect.poll(() => riskFigure.textContent(), { timeout: 30_000 }).toBe(String(before.unacknowledged))

    // Level 3 (member3, 天中街道): the report is written with no network and waits on the phone.
    const reporter = await signedIn('member3', { width: 360, height: 780 }, 'field', true)
    onTestFailed(async () => {
      for (const [name, page] of [
        ['reporter', reporter.page],
        ['wall', wall],
      ] as const)
        if (!page.isClosed()) await saveScreenshot(page, `failed-risk-${name}.png`).catch(() => {})
      console.error('risk report test failed:', reporter.errors)
    })
    await reporter.page.getByTestId('my-institution').first().waitFor()
    const institutionId = Number(await reporter.page.getByTestId('my-institution').first().getAttribute('data-id'))
    await reporter.context.setOffline(true)
    // At 360 px the card's three actions fit on one line, nothing runs off the screen.
    expect(await reporter.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    await saveScreenshot(reporter.page, 'risk-phone-360.png')
    await reporter.page.getByTestId('my-institution').first().getByTestId('raise-risk').click()
    await reporter.page.getByTestId('risk-send').click()
    expect(await reporter.page.getByRole('alert').textContent()).toContain('请填写标题和详细情况')
    await reporter.page.getByTestId('risk-title').fill('短视频称该村卫生室串换药品')
    await reporter.page
      .getByTestId('risk-description')
      .fill('抖音账号发布视频，称村民在该卫生室用医保卡换购生活用品，播放量约两万。')
    await reporter.page.getByTestId('risk-severity').selectOption('medium')
    await reporter.page.getByTestId('risk-source').selectOption('short-video')
    const photo = await sharp({ create: { width: 1400, height: 1000, channels: 3, background: '#334155' } })
      .jpeg()
      .toBuffer()
    await reporter.page
      .getByTestId('risk-photo')
      .setInputFiles({ name: 'screen.jpg', mimeType: 'image/jpeg', buffer: photo })
    await reporter.page.locator('[data-testid="risk-form"] .previews img').waitFor()
    await reporter.page.getByTestId('risk-send').click()
    await expect.poll(() => reporter.page.getByTestId('pending').textContent()).toContain('待发送 2')
    expect(await reporter.page.getByTestId('message').textContent()).toContain('联网后立即上报')
    // Nothing reached the server yet.
    expect((await leader<{ risks: { unacknowledged: number } }>('/api/wall/summary')).body.risks.unacknowledged).toBe(
      before.unacknowledged,
    )
    await reporter.context.setOffline(false)
    await reporter.page.getByTestId('pending').click()
    await reporter.page.getByTestId('sync').click()
    await expect
      .poll(() => reporter.page.getByTestId('pending').textContent(), { timeout: 15_000 })
      .toContain('待发送 0')
    await saveScreenshot(reporter.page, 'risk-phone-raised.png')

    // The wall counts it at once (live), with no reload.
    await expect.poll(() => riskFigure.textContent(), { timeout: 10_000 }).toBe(String(before.unacknowledged + 1))
    const mine = (
      await (
        await apiAs(suite.url, 'member3')
      )<{ reports: (Report & { institutionId: number; title: string })[] }>('/api/risk-reports')
    ).body.reports
    const report = mine.find((each) => each.institutionId === institutionId && each.title.startsWith('短视频称'))!
    expect(report.waitingAt).toBe(2)
    expect(report.photoIds).toHaveLength(1)

    // Level 2 (grid2b, the 天中街道 grid): the phone shows it waiting, and acknowledging sends it on.
    const second = await signedIn('grid2b', { width: 390, height: 844 }, 'field', true)
    await expect.poll(() => second.page.getByTestId('risks-waiting').textContent(), { timeout: 15_000 }).toBe('1')
    await second.page.getByTestId('tab-risks').click()
    const card = second.page.locator(`[data-testid="risk-report"][data-id="${report.id}"]`)
    expect(await card.getByTestId('risk-state').textContent()).toContain('等待二级网格员签收')
    // What is acknowledged is read first: the description and the photo are on the card.
    expect(await card.getByTestId('risk-description').textContent()).toContain('抖音账号发布视频')
    expect(await card.getByTestId('risk-photo').count()).toBe(1)
    await saveScreenshot(second.page, 'risk-phone-level2.png')
    await card.getByTestId('risk-acknowledge').click()
    await expect
      .poll(async () => (await leader<Report>(`/api/risk-reports/${report.id}`)).body.waitingAt, { timeout: 15_000 })
      .toBe(1)
    await expect
      .poll(() => card.getByTestId('risk-state').textContent(), { timeout: 15_000 })
      .toContain('等待一级网格员签收')
    await expect.poll(() => second.page.getByTestId('risks-waiting').count()).toBe(0)

    // Level 1 does nothing for 31 minutes: the server's pass times the hop out, the report climbs
    // to the bureau by itself, and the wall raises its alarm live.
    await suite.running.server.database.rows(
      sql`UPDATE risk_report_hops SET sent_at = sent_at - interval '31 minutes', acknowledged_at = acknowledged_at - interval '31 minutes' WHERE risk_report_id = ${report.id}`,
    )
    await suite.running.server.database.rows(
      sql`UPDATE risk_reports SET reported_at = reported_at - interval '31 minutes' WHERE id = ${report.id}`,
    )
    await expect
      .poll(async () => (await leader<Report>(`/api/risk-reports/${report.id}`)).body.waitingAt, { timeout: 10_000 })
      .toBe(0)
    await expect
      .poll(() => wall.getByTestId('risks-timed-out').textContent(), { timeout: 10_000 })
      .toContain(`${before.timedOut + 1} 条超时未签收`)
    expect(await wall.locator('[data-kpi="risks"]').getAttribute('class')).toContain('alarm')
    await saveScreenshot(wall, 'risk-wall-alarm.png')

    // The bureau (a supervisor) on /risks: the alarm first, acknowledged, closed with its handling.
    const bureau = await signedIn('supervisor', { width: 1920, height: 1080 }, 'risks')
    const row = bureau.page.locator(`[data-testid="risk-row"][data-report="${report.id}"]`)
    await row.waitFor()
    expect(await bureau.page.getByTestId('risk-row').first().getAttribute('data-report')).toBe(String(report.id))
    expect(await row.getByTestId('risk-row-state').textContent()).toContain('超时告警')
    await row.click()
    const panel = bureau.page.getByTestId('risk-panel')
    expect(await panel.getByTestId('panel-alarm').isVisible()).toBe(true)
    expect(await panel.getByTestId('risk-hops').locator('li').count()).toBe(3)
    expect(await panel.getByTestId('risk-hops').textContent()).toContain('超时，自动上报')
    await panel.getByTestId('risk-photo').waitFor()
    await saveScreenshot(bureau.page, 'risk-page-alarm.png')
    await panel.getByTestId('risk-acknowledge').click()
    await expect.poll(() => panel.getByTestId('panel-status').textContent(), { timeout: 10_000 }).toBe('医保局已签收')
    if (before.timedOut > 0)
      await expect
        .poll(() => wall.getByTestId('risks-timed-out').textContent(), { timeout: 10_000 })
        .toContain(`${before.timedOut} 条超时未签收`)
    else await wall.getByTestId('risks-timed-out').waitFor({ state: 'detached', timeout: 10_000 })
    await expect.poll(() => riskFigure.textContent(), { timeout: 10_000 }).toBe(String(before.unacknowledged))

    await panel.getByTestId('risk-close').click()
    await panel.getByTestId('risk-close-send').click()
    expect(await panel.getByTestId('risk-error').textContent()).toContain('办结须填写处置情况')
    await panel
      .getByTestId('risk-handling')
      .fill('已约谈卫生室负责人，调取医保结算记录核查，未发现串换药品；视频发布者已删除视频。')
    await panel.getByTestId('risk-close-send').click()
    await expect.poll(() => panel.getByTestId('panel-status').textContent(), { timeout: 10_000 }).toBe('已办结')
    const closed = (await leader<Report>(`/api/risk-reports/${report.id}`)).body
    expect(closed.status).toBe('closed')
    expect(closed.hops.map((hop) => [hop.level, hop.acknowledgedBy !== null, hop.timedOutAt !== null])).toEqual([
      [2, true, false],
      [1, false, true],
      [0, true, false],
    ])
    await saveScreenshot(bureau.page, 'risk-page-closed.png')
    expect([...reporter.errors, ...second.errors, ...bureau.errors]).toEqual([])
    for (const context of [reporter.context, second.context, bureau.context]) await context.close()
    await wall.close()
  })
  test('a clue taken in by the handler with a named complainant: only the handler shows who it was; assigned, linked, concluded with the reply', async () => {
    const handler = await signedIn('handler', { width: 1920, height: 1080 }, 'clues')
    const { page } = handler
    await page.getByTestId('clue-table').waitFor()
    await page.getByTestId('clue-take').click()
    const intake = page.getByTestId('clue-intake')
    await intake.getByTestId('intake-save').click()
    expect(await intake.getByRole('alert').textContent()).toContain('请填写举报内容')
    await intake.getByTestId('intake-channel').selectOption('hotline')
    await intake.getByTestId('intake-institution').fill('东城')
    await intake.getByTestId('intake-hit').first().click()
    await intake.getByTestId('intake-summary').fill('来电反映东城社区卫生室为未住院的村民办理住院结算（挂床住院）。')
    await intake.getByTestId('intake-anonymous').uncheck()
    await intake.getByTestId('intake-name').fill('王举报')
    await intake.getByTestId('intake-phone').fill('13800001111')
    await intake.getByTestId('intake-save').click()
    const panel = page.getByTestId('clue-panel')
    await panel.waitFor()
    expect(await panel.getByTestId('clue-status').textContent()).toBe('待分办')
    // Nowhere on the page until asked for; then shown, and the look recorded.
    expect(await page.content()).not.toContain('王举报')
    await saveScreenshot(page, 'clue-taken.png')
    await panel.getByTestId('show-complainant').click()
    await expect.poll(() => panel.getByTestId('complainant').textContent()).toContain('王举报')
    expect(await panel.getByTestId('complainant').textContent()).toContain('13800001111')
    const clueId = Number(new URL(page.url()).searchParams.get('clue'))
    const audit = await suite.running.server.database.rows<{ username: string }>(
      sql`SELECT username FROM audit_log WHERE action = 'read-complainant' AND entity_id = ${String(clueId)}`,
    )
    expect(audit.map((row) => row.username)).toEqual(['handler'])

    // Assigned to the 天中街道 level-2 member, who links the institution's inspection.
    const [grid2b] = await suite.running.server.database.rows<{ staff_id: number }>(
      sql`SELECT staff_id FROM users WHERE username = 'grid2b'`,
    )
    await panel.getByTestId('clue-assignee-choice').selectOption(`staff:${grid2b!.staff_id}`)
    await panel.getByTestId('clue-assign').click()
    await expect.poll(() => panel.getByTestId('clue-status').textContent()).toBe('核查中')

    // A supervisor who is not the designated handler sees the clue, not the complainant.
    const supervisor = await signedIn('supervisor', { width: 1920, height: 1080 }, `clues?clue=${clueId}`)
    await supervisor.page.getByTestId('clue-panel').waitFor()
    expect(await supervisor.page.getByTestId('show-complainant').count()).toBe(0)
    expect(await supervisor.page.content()).not.toContain('王举报')

    const member = await signedIn('grid2b', { width: 1920, height: 1080 }, `clues?clue=${clueId}`)
    const memberPanel = member.page.getByTestId('clue-panel')
    await memberPanel.getByTestId('clue-link-choice').waitFor()
    const option = await memberPanel
      .getByTestId('clue-link-choice')
      .locator('option[value^="inspection:"]')
      .first()
      .getAttribute('value')
    await memberPanel.getByTestId('clue-link-choice').selectOption(option!)
    await memberPanel.getByTestId('clue-link').click()
    await expect.poll(() => memberPanel.getByTestId('clue-links').locator('li').count()).toBe(1)
    expect(await memberPanel.getByTestId('clue-conclude').count()).toBe(0)

    // The bureau concludes: a named complainant is owed a reply.
    await page.reload()
    await panel.getByTestId('clue-conclude').click()
    await panel.getByTestId('clue-finding').selectOption('partly-substantiated')
    await panel.getByTestId('clue-conclusion').fill('核查住院记录，2 人次挂床住院属实，已追回基金并责令整改。')
    await panel.getByTestId('clue-conclude-send').click()
    expect(await panel.getByTestId('clue-error').textContent()).toContain('实名举报须填写答复情况')
    await panel.getByTestId('clue-reply').fill('已电话告知举报人核查结果。')
    await panel.getByTestId('clue-conclude-send').click()
    await expect.poll(() => panel.getByTestId('clue-status').textContent()).toBe('已办结')
    expect(await panel.getByTestId('clue-conclusion-text').textContent()).toContain('挂床住院属实')
    await saveScreenshot(page, 'clue-concluded.png')
    expect([...handler.errors, ...supervisor.errors, ...member.errors]).toEqual([])
    for (const context of [handler.context, supervisor.context, member.context]) await context.close()
  })
  test('a grid’s posters print as one job; a poster’s QR code opens its institution’s public page, whose clue lands in the ledger', async () => {
    const [grid] = await suite.running.server.database.rows<{ id: number }>(
      sql`SELECT id FROM areas WHERE level = 'grid' AND name = '天中街道'`,
    )
    const expected = (
      await (
        await apiAs(suite.url, 'grid2b')
      )<{ posters: { institutionId: number; institutionName: string; level3: { name: string }[] }[] }>(
        `/api/grids/${grid!.id}/posters`,
      )
    ).body.posters
    const clerk = await signedIn('grid2b', { width: 1400, height: 1000 }, `posters?grid=${grid!.id}`)
    const { page } = clerk
    await expect.poll(() => page.getByTestId('poster-qr').count(), { timeout: 15_000 }).toBe(expected.length)
    expect(await page.getByTestId('poster').count()).toBe(expected.length)
    // One print job: every poster an A4 page of its own.
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true })
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length).toBe(expected.length)
    // A poster further down the job, of an institution with its own level-3 member.
    const wanted = expected.filter((poster) => poster.level3.length > 0)[2]!
    const institutionId = wanted.institutionId
    const third = page.locator(`[data-testid="poster"][data-institution="${institutionId}"]`)
    expect(await third.textContent()).toContain(wanted.level3[0]!.name)
    await third.scrollIntoViewIfNeeded()
    await saveScreenshot(page, 'posters.png')
    const image = await third.getByTestId('poster-qr').screenshot()
    const { data, info } = await sharp(image).ensureAlpha().raw().toBuffer({ resolveWithObject: true })
    const decoded = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), info.width, info.height)
    expect(decoded?.data).toBe(`${suite.url}contact/${institutionId}`)

    // The public page, on a phone with no sign-in.
    const visitor = await suite.browser.newContext({
      viewport: { width: 375, height: 760 },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    })
    const phone = await visitor.newPage()
    await phone.goto(decoded!.data)
    await expect.poll(() => phone.getByTestId('contact-institution').textContent()).toBe(wanted.institutionName)
    expect(await phone.getByTestId('contact-person').count()).toBeGreaterThanOrEqual(3)
    await phone.getByTestId('contact-send').click()
    expect(await phone.getByRole('alert').textContent()).toContain('请填写要反映的情况')
    await phone.getByTestId('contact-summary').fill('卫生室让村民用医保卡买洗衣粉。')
    await phone.getByTestId('contact-send').click()
    await phone.getByTestId('contact-sent').waitFor()
    const reference = Number((await phone.getByTestId('contact-sent').textContent())!.match(/编号 (\d+)/)![1])
    await saveScreenshot(phone, 'contact-page.png')
    const clue = (
      await (
        await apiAs(suite.url, 'supervisor')
      )<{ institutionId: number; channel: string; anonymous: boolean; status: string }>(`/api/clues/${reference}`)
    ).body
    expect(clue).toMatchObject({ institutionId, channel: 'online', anonymous: true, status: 'received' })
    expect(clerk.errors).toEqual([])
    await visitor.close()
    await clerk.context.close()
  })
  test('an administrator issues a wall token, the screen opens with it, and revoking it shows at once', async () => {
    const admin = await signedIn('admin', { width: 1920, height: 1080 }, 'displays')
    const { page } = admin
    // The page is the administrator's once the header names them (a click before that can land on a page still starting).
    await page.getByTestId('current-user').waitFor()
    // Under load the first click can land while the page is still settling (a CI run once saw no
    // message after it): the empty form is submitted until the page answers, then the answer is read.
    await expect
      .poll(async () => {
        await page.getByTestId('display-issue').click()
        return page.getByRole('alert').count()
      })
      .toBeGreaterThan(0)
    expect(await page.getByRole('alert').textContent()).toContain('请填写大屏名称')
    await page.getByTestId('display-name').fill('局三楼调度大厅')
    await page.getByTestId('display-issue').click()
    const url = (await page.getByTestId('display-url').textContent())!
    expect(url).toMatch(new RegExp(`^${suite.url}wall\\?display=`))
    const row = page.getByTestId('display-row').filter({ hasText: '局三楼调度大厅' })
    expect(await row.getByTestId('display-status').textContent()).toBe('使用中')
    await saveScreenshot(page, 'displays.png')

    // The screen: no account, only the address; it keeps the token as its cookie.
    const screen = await suite.browser.newContext({ viewport: { width: 1920, height: 1080 } })
    const wall = await screen.newPage()
    await wall.goto(url)
    await expect
      .poll(async () => (await screen.cookies()).some((cookie) => cookie.name === 'gridwatch_display'), {
        timeout: 15_000,
      })
      .toBe(true)

    page.once('dialog', (dialog) => void dialog.accept())
    await row.getByTestId('display-revoke').click()
    await expect.poll(() => row.getByTestId('display-status').textContent()).toContain('已吊销')
    const tokens = (
      await (
        await apiAs(suite.url, 'admin')
      )<{ name: string; revokedAt: string | null }[]>('/api/display-tokens')
    ).body
    expect(tokens.find((token) => token.name === '局三楼调度大厅')?.revokedAt).not.toBeNull()
    expect(admin.errors).toEqual([])
    await screen.close()
    await admin.context.close()
  })

  test('a level-2 member adds a level-3 member and hands them a clinic; the administrator opens their account and the security administrator grants it; they sign in on a phone and see it; disabled, they are refused', async () => {
    const keeper = await signedIn('grid2', { width: 1920, height: 1080 }, 'staff')
    const { page } = keeper
    await page.getByTestId('staff-row').first().waitFor()
    await page.getByTestId('staff-new').click()
    await page.getByTestId('staff-create-name').fill('王新')
    await page.getByTestId('staff-create-organisation').fill('张湾镇村两委')
    await page.getByTestId('staff-create-phone').fill('13800001111')
    await page.getByTestId('staff-create-save').click()
    const row = page.getByTestId('staff-row').filter({ hasText: '王新' })
    await row.waitFor()
    expect(await row.textContent()).toContain('三级网格员')
    // A village clinic another level-3 member of the grid answers for.
    const staff = (
      await (
        await apiAs(suite.url, 'grid2')
      )<
        {
          name: string
          level: number
          assignments: { institutionName: string | null; institutionId: number | null }[]
        }[]
      >('/api/staff')
    ).body
    const giver = staff.find(
      (member) =>
        member.level === 3 &&
        member.name !== '王新' &&
        member.assignments.some((entry) => entry.institutionName?.endsWith('村卫生室')),
    )!
    const clinic = giver.assignments.find((entry) => entry.institutionName?.endsWith('村卫生室'))!
    await row.getByTestId('staff-assign').click()
    await page.getByTestId('assign-search').fill(clinic.institutionName!)
    await page.getByTestId('assign-hit').filter({ hasText: clinic.institutionName! }).first().click()
    await expect
      .poll(() => row.getByTestId('assignment-chip').allTextContents())
      .toEqual([expect.stringContaining(clinic.institutionName!)])
    // The giver's chip for it is gone: one level-3 member per institution.
    expect(await page.getByTestId('staff-row').filter({ hasText: giver.name }).textContent()).not.toContain(
      clinic.institutionName!,
    )
    await saveScreenshot(page, 'staff.png')
    expect(keeper.errors).toEqual([])
    await keeper.context.close()

    const admin = await signedIn('admin', { width: 1920, height: 1080 }, 'users')
    await admin.page.getByTestId('user-row').first().waitFor()
    await admin.page.getByTestId('user-new').click()
    await admin.page.getByTestId('user-username').fill('wangxin')
    await admin.page.getByTestId('user-display-name').fill('王新')
    await admin.page.getByTestId('user-role').selectOption('grid_member_3')
    const option = admin.page.getByTestId('user-staff').locator('option', { hasText: '王新' })
    await admin.page.getByTestId('user-staff').selectOption((await option.getAttribute('value'))!)
    await admin.page.getByTestId('user-save').click()
    const password = (await admin.page.getByTestId('user-password-value').textContent())!.trim()
    expect(password).toMatch(/^\w{4}-\w{4}-\w{4}-\w{4}$/)
    // 三员分立: the new account waits for the security administrator, who grants it.
    await expect
      .poll(() =>
        admin.page.getByTestId('user-row').filter({ hasText: 'wangxin' }).getByTestId('user-status').textContent(),
      )
      .toBe('待授权')
    expect(
      await admin.page.getByTestId('user-row').filter({ hasText: 'wangxin' }).getByTestId('user-toggle').count(),
    ).toBe(0)
    await saveScreenshot(admin.page, 'users.png')
    const security = await signedIn('security', { width: 1920, height: 1080 }, 'users')
    const pending = security.page.getByTestId('user-row').filter({ hasText: 'wangxin' })
    await pending.waitFor()
    expect(await security.page.getByTestId('user-new').count()).toBe(0)
    expect(await pending.getByTestId('user-toggle').textContent()).toContain('授权启用')
    await saveScreenshot(security.page, 'users-security.png')
    await pending.getByTestId('user-toggle').click()
    await expect.poll(() => pending.getByTestId('user-status').textContent()).toBe('启用')
    expect(security.errors).toEqual([])
    await security.context.close()

    // The new member on a phone, through the login form.
    const phone = await suite.browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'zh-CN',
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    })
    const mobile = await phone.newPage()
    await mobile.goto(`${suite.url}login`)
    await mobile.locator('input[name=username]').fill('wangxin')
    await mobile.locator('input[name=password]').fill(password)
    await mobile.locator('form button[type=submit]').click()
    // The first password is a temporary one: it is changed before anything else, on the phone too.
    await expect.poll(() => new URL(mobile.url()).pathname).toBe('/password')
    await mobile.getByTestId('password-must-change').waitFor()
    await saveScreenshot(mobile, 'password-must-change-390.png')
    await mobile.getByTestId('password-current').fill(password)
    await mobile.getByTestId('password-next').fill('short')
    await mobile.getByTestId('password-repeat').fill('short')
    await mobile.getByTestId('password-save').click()
    expect(await mobile.getByRole('alert').textContent()).toContain('至少 10 个字符')
    await mobile.getByTestId('password-next').fill('Zhangwan-2026')
    await mobile.getByTestId('password-repeat').fill('Zhangwan-2026')
    await mobile.getByTestId('password-save').click()
    // Then a grid member goes on to the field app.
    await expect.poll(() => new URL(mobile.url()).pathname).toBe('/field')
    await expect
      .poll(() => mobile.getByTestId('my-institution').allTextContents(), { timeout: 20_000 })
      .toEqual([expect.stringContaining(clinic.institutionName!)])

    // Disabled by the system administrator: the phone's next request is refused.
    await admin.page.reload()
    const account = admin.page.getByTestId('user-row').filter({ hasText: 'wangxin' })
    admin.page.once('dialog', (dialog) => void dialog.accept())
    await account.getByTestId('user-toggle').click()
    await expect.poll(() => account.getByTestId('user-status').textContent()).toBe('已停用')
    expect((await phone.request.get(`${suite.url}api/auth/me`)).status()).toBe(401)
    expect(admin.errors).toEqual([])
    await phone.close()
    await admin.context.close()
  })

  test('a supervisor re-scores and blacklists an institution; the public listing shows it to anyone', async () => {
    const desk = await signedIn('supervisor', { width: 1920, height: 1080 }, 'credit/manage')
    const { page } = desk
    const row = page.getByTestId('credit-row').filter({ hasNotText: '黑名单' }).first()
    await row.waitFor()
    const institutionId = Number(await row.getAttribute('data-id'))
    const name = (await row.locator('td').first().textContent())!.trim()
    await row.click()
    await page.getByTestId('credit-panel').waitFor()
    await page.getByTestId('credit-score').fill('62')
    await page.getByTestId('credit-reason').fill('飞行检查发现串换药品')
    await page.getByTestId('credit-evidence').fill('定医保稽〔2026〕27号检查记录')
    await page.getByTestId('credit-evaluate-save').click()
    await expect.poll(() => page.getByRole('status').textContent()).toContain('D 级')
    await page.getByTestId('entry-reason').fill('伪造票据骗取医保基金')
    await page.getByTestId('entry-basis').fill('定医保处〔2026〕31号')
    await page.getByTestId('entry-save').click()
    await expect.poll(() => page.getByTestId('credit-entry').first().textContent()).toContain('生效中')
    await saveScreenshot(page, 'credit.png')
    const history = (
      await (
        await apiAs(suite.url, 'supervisor')
      )<{ grade: string; blacklisted: boolean; evaluations: { reason: string }[] }>(`/api/credit/${institutionId}`)
    ).body
    expect(history).toMatchObject({ grade: 'D', blacklisted: true })
    expect(history.evaluations[0]!.reason).toBe('飞行检查发现串换药品')
    expect(desk.errors).toEqual([])
    await desk.context.close()

    const visitor = await suite.browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'zh-CN',
      isMobile: true,
      hasTouch: true,
    })
    const phone = await visitor.newPage()
    await phone.goto(`${suite.url}credit`)
    await expect
      .poll(() => phone.getByTestId('public-entry').allTextContents())
      .toContainEqual(expect.stringContaining(name))
    expect(await phone.getByTestId('public-entry').filter({ hasText: name }).textContent()).toContain(
      '定医保处〔2026〕31号',
    )
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await saveScreenshot(phone, 'public-credit-phone.png')
    await visitor.close()
  })
})
