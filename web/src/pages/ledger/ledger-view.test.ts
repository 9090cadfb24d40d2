// The ledger page's URL: every filter survives a round trip; nonsense falls back to the default.
import { describe, expect, test } from 'vitest'
import { defaultLedgerView, ledgerQueryFromView, ledgerViewFromQuery } from './ledger-view.ts'

describe('ledger view in the URL', () => {
  test('a round trip keeps every filter', () => {
    const view = {
      zoneId: 3,
      gridId: 7,
      status: 'awaiting-verification' as const,
      category: '串换药品',
      overdueOnly: true,
      itemId: 42,
    }
    expect(ledgerViewFromQuery(ledgerQueryFromView(view))).toEqual(view)
  })

  test('the default view is an empty query, and an empty query the default view', () => {
    expect(ledgerQueryFromView(defaultLedgerView)).toEqual({})
    expect(ledgerViewFromQuery({})).toEqual(defaultLedgerView)
  })

  test('unknown statuses and malformed ids fall back', () => {
    expect(ledgerViewFromQuery({ status: 'deleted', grid: '7; drop', item: '-1' })).toEqual(defaultLedgerView)
    expect(ledgerViewFromQuery({ status: 'all' }).status).toBe('all')
  })
})
