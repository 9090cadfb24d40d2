import { expect, test } from 'vitest'
import {
  deadlineOf,
  isOverdue,
  statusAfter,
  transitionDecision,
  type LedgerItemStatus,
  type LedgerTransitionTarget,
} from './ledger-items.ts'

const raiser = 1
const rectifier = 2
const verifier = 3

test.each([
  ['open', 'rectifying', true],
  ['open', 'awaiting-verification', true],
  ['open', 'closed', false],
  ['open', 'reopened', false],
  ['rectifying', 'awaiting-verification', true],
  ['rectifying', 'closed', false],
  ['awaiting-verification', 'closed', true],
  ['awaiting-verification', 'reopened', true],
  ['closed', 'reopened', true],
  ['closed', 'rectifying', false],
] as const)('%s → %s allowed: %s', (status: LedgerItemStatus, target: LedgerTransitionTarget, allowed: boolean) => {
  expect(transitionDecision({ status, raisedBy: raiser, rectifiedBy: rectifier }, target, verifier).allowed).toBe(
    allowed,
  )
})

test('closing needs a person who neither raised nor rectified the item', () => {
  const item = { status: 'awaiting-verification' as const, raisedBy: raiser, rectifiedBy: rectifier }
  expect(transitionDecision(item, 'closed', raiser)).toMatchObject({ allowed: false, code: 'verifier' })
  expect(transitionDecision(item, 'closed', rectifier)).toMatchObject({ allowed: false, code: 'verifier' })
  expect(transitionDecision(item, 'closed', verifier)).toEqual({ allowed: true })
  expect(transitionDecision(item, 'reopened', raiser)).toEqual({ allowed: true })
})

test('reopening returns the item to open; a deadline follows from the severity; overdue only while not closed', () => {
  expect(statusAfter('reopened')).toBe('open')
  const opened = new Date('2026-11-01T00:00:00Z') // 08:00 on 11-01 in the bureau's zone
  // Due at the end of the bureau's day 7 (30) days on: 11-08 (12-01) until its midnight.
  expect(deadlineOf(opened, 'serious').toISOString()).toBe('2026-11-08T15:59:59.999Z')
  expect(deadlineOf(opened, 'minor').toISOString()).toBe('2026-12-01T15:59:59.999Z')
  const now = new Date('2026-11-10T00:00:00Z')
  expect(isOverdue({ status: 'rectifying', deadlineAt: deadlineOf(opened, 'serious') }, now)).toBe(true)
  expect(isOverdue({ status: 'closed', deadlineAt: deadlineOf(opened, 'serious') }, now)).toBe(false)
})
