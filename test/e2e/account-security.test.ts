// The second factor in Chromium, on a server where planners must have one (as in production). The
// planner signs in with the password and, whatever page they open, is led to the account page,
// which says why; they scan (here: read) the key, confirm a code from the authenticator, and keep
// the ten recovery codes shown once; the overview then opens. Signing in again asks for the code
// after the password; a wrong code is refused in Chinese, the right one lets them in. A recovery
// code works as well, on a 390 px phone. The audit administrator lands on the audit log, which
// says the hash chain is intact, finds a failed login by filtering, opens it, and downloads the
// filter as .xlsx; any other page leads back to the log.
import { describe, expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { Secret, TOTP } from 'otpauth'
import ExcelJS from 'exceljs'
import { saveScreenshot } from '../support/browser.ts'
import { demoPasswords } from '@gridwatch/api/demo/demo-accounts.ts'
import { browserSuite, browserTestsReady } from '../support/browser-suite.ts'

describe.skipIf(!browserTestsReady)('account security in Chromium', () => {
  const suite = browserSuite({ settings: () => ({ secondFactorRoles: ['planner'] }) })

  async function fillLogin(page: Page, password = demoPasswords.planner!) {
    await page.goto(`${suite.url}login`)
    await page.locator('input[name="username"]').fill('planner')
    await page.locator('input[name="password"]').fill(password)
    await page.locator('form button[type="submit"]').click()
  }

  test('a planner sets up the second factor, then signs in with a code or a recovery code', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' })
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.stack ?? String(error)))

    await fillLogin(page)
    await page.waitForURL(/\/password$/)
    // Any other page leads back here while the second factor is missing.
    await page.goto(`${suite.url}reports`)
    await page.waitForURL(/\/password$/)
    await expect.poll(() => page.getByTestId('second-factor-required').textContent()).toContain('必须启用双因素认证')

    await page.getByTestId('second-factor-start').click()
    await page.getByTestId('second-factor-qr').waitFor()
    const secret = (await page.getByTestId('second-factor-secret').textContent())!.replace(/\s/g, '')
    expect(secret).toMatch(/^[A-Z2-7]{32}$/)
    await saveScreenshot(page, 'second-factor-enrolment-1080p.png')
    const authenticator = new TOTP({ secret: Secret.fromBase32(secret) })
    await page.getByTestId('second-factor-code').fill(authenticator.generate())
    await page.getByTestId('second-factor-confirm').click()
    // allTextContents does not wait: wait for the codes the confirmation shows.
    await expect.poll(() => page.getByTestId('recovery-codes').locator('code').count()).toBe(10)
    const codes = await page.getByTestId('recovery-codes').locator('code').allTextContents()
    expect(codes).toHaveLength(10)
    await saveScreenshot(page, 'second-factor-recovery-codes-1080p.png')
    await expect.poll(() => page.getByTestId('second-factor-status').textContent()).toContain('剩余恢复码 10 个')
    // Now the rest of the app opens.
    await page.goto(`${suite.url}reports`)
    await page.waitForTimeout(500)
    expect(new URL(page.url()).pathname).toBe('/reports')

    await page.getByRole('button', { name: '退出' }).click()
    await page.waitForURL(/\/login$/)
    await fillLogin(page)
    await page.getByTestId('login-code').waitFor()
    await page.getByTestId('login-code').fill('000000' === authenticator.generate() ? '111111' : '000000')
    await page.locator('form button[type="submit"]').click()
    await expect.poll(() => page.locator('[role="alert"]').textContent()).toContain('动态口令错误或已使用')
    await saveScreenshot(page, 'login-second-factor-1080p.png')
    // The code just confirmed was taken at enrolment: the next one (a phone's clock a little ahead is accepted).
    await page.getByTestId('login-code').fill(authenticator.generate({ timestamp: Date.now() + 30_000 }))
    await page.locator('form button[type="submit"]').click()
    await page.waitForURL((url) => url.pathname === '/')
    expect(errors).toEqual([])
    await context.close()

    // On a phone, with a recovery code.
    const phone = await suite.browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    })
    const phonePage = await phone.newPage()
    await fillLogin(phonePage)
    await phonePage.getByTestId('login-code').fill(codes[0]!)
    await phonePage.locator('form button[type="submit"]').click()
    await phonePage.waitForURL((url) => url.pathname === '/')
    await phonePage.goto(`${suite.url}password`)
    await expect.poll(() => phonePage.getByTestId('second-factor-status').textContent()).toContain('剩余恢复码 9 个')
    const overflow = await phonePage.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    )
    expect(overflow).toBeLessThanOrEqual(0)
    await saveScreenshot(phonePage, 'second-factor-phone-390.png')
    await phone.close()
  }, 120_000)

  test('the audit administrator filters the audit log, opens a row and downloads it', async () => {
    await fetch(`${suite.url}api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'leader', password: 'not-the-password' }),
    })
    const context = await suite.browser.newContext({
      viewport: { width: 1920, height: 1080 },
      locale: 'zh-CN',
      acceptDownloads: true,
    })
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.stack ?? String(error)))
    await page.goto(`${suite.url}login`)
    await page.locator('input[name="username"]').fill('auditor')
    await page.locator('input[name="password"]').fill(demoPasswords.auditor!)
    await page.locator('form button[type="submit"]').click()
    await page.waitForURL(/\/audit$/)
    // Intact with more than nine rows: the verifier once sorted chain positions as text ("1", "10", "2").
    await expect
      .poll(() => page.getByTestId('audit-chain').textContent())
      .toMatch(/完整性校验通过：\d+ 条记录的哈希链完整/)
    // The whole chain on demand: the time of the whole check moves on.
    const before = await page.getByTestId('audit-chain').locator('.whole').textContent()
    expect(before).toMatch(/全链复核于 /)
    await page.waitForTimeout(1100)
    await page.getByTestId('audit-chain-whole').click()
    await expect.poll(() => page.getByTestId('audit-chain').locator('.whole').textContent()).not.toBe(before)
    await page.getByTestId('audit-action').selectOption('login-failed')
    // The other test's wrong codes are failed logins too (tests run in any order): the leader's alone.
    await page.getByTestId('audit-username').fill('leader')
    await page.getByTestId('audit-search').click()
    await expect
      .poll(() => page.getByTestId('audit-row').allTextContents())
      .toEqual([expect.stringContaining('登录失败')])
    await page.getByTestId('audit-row').first().click()
    await expect.poll(() => page.locator('.detail pre').nth(1).textContent()).toContain('"username": "leader"')
    await saveScreenshot(page, 'audit-log-1080p.png')
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()])
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile((await download.path())!)
    expect(workbook.getWorksheet('审计日志')!.rowCount).toBe(2)
    // Other pages lead back to the log.
    await page.goto(`${suite.url}reports`)
    await page.waitForURL(/\/audit$/)
    expect(errors).toEqual([])
    await context.close()
  }, 60_000)
})
