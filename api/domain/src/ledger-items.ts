// Ledger items (问题台账条目): the states an item passes through until it is verified and closed
// (销号), and where items come from.
export const ledgerItemStatuses = ['open', 'rectifying', 'closed'] as const
export type LedgerItemStatus = (typeof ledgerItemStatuses)[number]

export const ledgerItemSources = ['weekly-visit', 'cross-check', 'special', 'clue', 'risk-report'] as const
export type LedgerItemSource = (typeof ledgerItemSources)[number]
