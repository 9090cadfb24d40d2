// The ledger page's view — place, status, category, overdue, the chosen item — and its form in
// the URL, so a link to "overdue items of grid 7" can be sent to the person who must act on them.
import type { LocationQuery } from 'vue-router'
import { ledgerItemStatuses, type LedgerItemStatus } from '@gridwatch/domain/ledger-items.ts'

export interface LedgerView {
  zoneId: number | null
  gridId: number | null
  /** One status, every item not yet closed (the default), or all. */
  status: LedgerItemStatus | 'unclosed' | 'all'
  category: string
  overdueOnly: boolean
  itemId: number | null
}

export const defaultLedgerView: LedgerView = {
  zoneId: null,
  gridId: null,
  status: 'unclosed',
  category: '',
  overdueOnly: false,
  itemId: null,
}

const first = (value: LocationQuery[string] | undefined) => (Array.isArray(value) ? value[0] : value) ?? undefined
const id = (value: LocationQuery[string] | undefined) => {
  const text = first(value)
  return text && /^\d{1,9}$/.test(text) ? Number(text) : null
}

export function ledgerViewFromQuery(query: LocationQuery): LedgerView {
  const status = first(query.status)
  return {
    zoneId: id(query.zone),
    gridId: id(query.grid),
    status:
      status === 'all' || (ledgerItemStatuses as readonly string[]).includes(status ?? '')
        ? (status as LedgerView['status'])
        : 'unclosed',
    category: (first(query.category) ?? '').slice(0, 50),
    overdueOnly: first(query.overdue) === '1',
    itemId: id(query.item),
  }
}

export function ledgerQueryFromView(view: LedgerView): Record<string, string> {
  const query: Record<string, string> = {}
  if (view.zoneId !== null) query.zone = String(view.zoneId)
  if (view.gridId !== null) query.grid = String(view.gridId)
  if (view.status !== defaultLedgerView.status) query.status = view.status
  if (view.category) query.category = view.category
  if (view.overdueOnly) query.overdue = '1'
  if (view.itemId !== null) query.item = String(view.itemId)
  return query
}
