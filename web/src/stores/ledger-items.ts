// Ledger items (问题台账, server state of /ledger): the items of a grid, zone or category, one
// item's history of steps, and moving an item on (rectifying, awaiting verification, closed by a
// second person, reopened) with the Idempotency-Key the person's intent carries.
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { LedgerTransitionTarget } from '@gridwatch/domain/ledger-items.ts'
import { apiRequest } from '../api/client.ts'
import type { ResponseOf } from '../api/types.ts'

export type LedgerItem = ResponseOf<'/api/ledger-items', 'get'>['items'][number]
export type LedgerItemWithSteps = ResponseOf<'/api/ledger-items/{id}', 'get'>
export interface LedgerFilter {
  gridId: number | null
  zoneId: number | null
  category: string
}

export const useLedgerItemsStore = defineStore('ledger-items', () => {
  const items = shallowRef<LedgerItem[]>([])
  const loading = ref(false)
  const error = ref<string | null>(null)
  const loadedAt = ref<Date | null>(null)

  async function load(filter: LedgerFilter) {
    loading.value = true
    const query = new URLSearchParams({ limit: '2000' })
    if (filter.gridId !== null) query.set('gridId', String(filter.gridId))
    else if (filter.zoneId !== null) query.set('zoneId', String(filter.zoneId))
    if (filter.category) query.set('category', filter.category)
    try {
      items.value = (await apiRequest<{ items: LedgerItem[] }>(`/api/ledger-items?${query}`)).items
      loadedAt.value = new Date()
      error.value = null
    } catch (failure) {
      error.value = (failure as Error).message
    } finally {
      loading.value = false
    }
  }

  const withSteps = (itemId: number) => apiRequest<LedgerItemWithSteps>(`/api/ledger-items/${itemId}`)

  const transition = (itemId: number, target: LedgerTransitionTarget, note: string, idempotencyKey: string) =>
    apiRequest(`/api/ledger-items/${itemId}/transitions`, {
      method: 'POST',
      body: { target, note },
      headers: { 'idempotency-key': idempotencyKey },
    })

  return { items, loading, error, loadedAt, load, withSteps, transition }
})
