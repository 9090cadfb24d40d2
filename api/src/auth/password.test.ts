import { expect, test } from 'vitest'
import { hashPassword, verifyPassword } from './password.ts'

test('a hash verifies its own password only, and two hashes of one password differ (salted)', async () => {
  const first = await hashPassword('村卫生室-2026')
  const second = await hashPassword('村卫生室-2026')
  expect(first).not.toBe(second)
  expect(await verifyPassword('村卫生室-2026', first)).toBe(true)
  expect(await verifyPassword('村卫生室-2025', first)).toBe(false)
  expect(await verifyPassword('anything', 'plain-text-password')).toBe(false)
})
