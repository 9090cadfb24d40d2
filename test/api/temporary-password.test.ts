// A temporary password (a new account, a reset by the security administrator) is changed before
// anything else: signed in with it, the account reads only its own session and changes its
// password; every other request is a 403 naming why. Changed by its owner, it works as before.
import { expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { apiSuite } from '../support/api-suite.ts'
import { jsonRequest, loginAs } from '../support/test-app.ts'

const suite = apiSuite()

async function signIn(username: string, password: string): Promise<string> {
  const response = await suite.app.request('/api/auth/login', jsonRequest('POST', { username, password }))
  expect(response.status).toBe(200)
  return response.headers.get('set-cookie')!.split(';')[0]!
}

test('a reset password must be changed at the first sign-in; until then only the session and the change work', async () => {
  const [member] = await suite.database.rows<{ id: number }>(sql`SELECT id FROM users WHERE username = 'member3'`)
  const reset = await suite.app.request(
    `/api/users/${member!.id}/password`,
    jsonRequest('POST', {}, await loginAs(suite.app, 'security')),
  )
  expect(reset.status).toBe(200)
  const { temporaryPassword } = (await reset.json()) as { temporaryPassword: string }

  const login = await suite.app.request(
    '/api/auth/login',
    jsonRequest('POST', { username: 'member3', password: temporaryPassword }),
  )
  expect(((await login.json()) as { passwordChangeNeeded: boolean }).passwordChangeNeeded).toBe(true)
  const cookie = await signIn('member3', temporaryPassword)
  const session = await suite.app.request('/api/auth/session', { headers: { cookie } })
  expect(((await session.json()) as { user: { passwordChangeNeeded: boolean } }).user.passwordChangeNeeded).toBe(true)
  for (const path of ['/api/me/institutions', '/api/ledger-items', '/api/me/inbox']) {
    const refused = await suite.app.request(path, { headers: { cookie } })
    expect(refused.status).toBe(403)
    expect(((await refused.json()) as { type: string }).type).toMatch(/password-change-required$/)
  }

  const changed = await suite.app.request(
    '/api/auth/password',
    jsonRequest('POST', { currentPassword: temporaryPassword, newPassword: 'Wangge-2026-own' }, cookie),
  )
  expect(changed.status).toBe(204)
  expect((await suite.app.request('/api/me/institutions', { headers: { cookie } })).status).toBe(200)
  const again = await signIn('member3', 'Wangge-2026-own')
  const after = await suite.app.request('/api/auth/session', { headers: { cookie: again } })
  expect(((await after.json()) as { user: { passwordChangeNeeded: boolean } }).user.passwordChangeNeeded).toBe(false)
})

test('a new account’s first password is temporary too', async () => {
  const created = await suite.app.request(
    '/api/users',
    jsonRequest(
      'POST',
      { username: 'newmember', displayName: '新网格员', role: 'planner' },
      await loginAs(suite.app, 'admin'),
    ),
  )
  expect(created.status).toBe(201)
  const [row] = await suite.database.rows<{ password_must_change: boolean }>(
    sql`SELECT password_must_change FROM users WHERE username = 'newmember'`,
  )
  expect(row!.password_must_change).toBe(true)
})
