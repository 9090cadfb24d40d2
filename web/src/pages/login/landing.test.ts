import { expect, test } from 'vitest'
import { landingAfterSignIn } from './landing.ts'

const member = { role: 'grid_member_3' as const, secondFactorNeeded: false }
const leader = { role: 'leader' as const, secondFactorNeeded: false }

test('a grid member lands in the field app, everyone else on their home', () => {
  expect(landingAfterSignIn(member, undefined)).toBe('/field')
  expect(landingAfterSignIn(leader, undefined)).toBe('/')
  expect(landingAfterSignIn({ role: 'auditor', secondFactorNeeded: false }, undefined)).toBe('/audit')
})

test('the page one was sent from comes back, view and selection included', () => {
  expect(landingAfterSignIn(leader, '/?institution=12&z=14.2')).toBe('/?institution=12&z=14.2')
  expect(landingAfterSignIn(member, '/field')).toBe('/field')
})

test('the query cannot send anyone off the site, back to sign-in, or past the second-factor set-up', () => {
  for (const next of ['//evil.example/x', 'https://evil.example', '/\\evil.example', '/login?next=/', 42])
    expect(landingAfterSignIn(leader, next)).toBe('/')
  expect(landingAfterSignIn({ ...leader, secondFactorNeeded: true }, '/ledger')).toBe('/password')
  expect(landingAfterSignIn({ role: 'security', secondFactorNeeded: false }, '/ledger')).toBe('/users')
})
