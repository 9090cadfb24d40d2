// Complaint clues (举报线索, server state of /clues): the list, taking one in, each step of its
// handling (assign, link the investigation's records, conclude) with the Idempotency-Key the
// person's intent carries, the complainant (read by the designated handler only, each read
// audited), and what a clue can be assigned to or linked with.
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { apiRequest } from '../api/client.ts'
import type { ResponseOf } from '../api/types.ts'

export type Clue = ResponseOf<'/api/clues', 'get'>['clues'][number]
export type Complainant = ResponseOf<'/api/clues/{id}/complainant', 'get'>
export type ClueInspection = ResponseOf<'/api/inspections', 'get'>['inspections'][number]
export type ClueLedgerItem = ResponseOf<'/api/ledger-items', 'get'>['items'][number]
export interface ClueAssignees {
  staff: { id: number; name: string; level: number; organisation: string }[]
  teams: { id: number; name: string }[]
}

export const useCluesStore = defineStore('clues', () => {
  const clues = shallowRef<Clue[]>([])
  const loading = ref(false)
  const error = ref<string | null>(null)

  async function load() {
    loading.value = true
    try {
      clues.value = (await apiRequest<{ clues: Clue[] }>('/api/clues?limit=2000')).clues
      error.value = null
    } catch (failure) {
      error.value = (failure as Error).message
    } finally {
      loading.value = false
    }
  }

  /** Takes a clue in; the list is read again. */
  async function take(body: object, idempotencyKey: string): Promise<Clue> {
    const clue = await apiRequest<Clue>('/api/clues', {
      method: 'POST',
      headers: { 'idempotency-key': idempotencyKey },
      body,
    })
    await load()
    return clue
  }

  /** One step of a clue's handling; null when done (the list read again), else the server's reason. */
  async function step(
    clueId: number,
    action: 'assign' | 'links' | 'conclude',
    body: object,
    idempotencyKey: string,
  ): Promise<string | null> {
    try {
      await apiRequest(`/api/clues/${clueId}/${action}`, {
        method: 'POST',
        body,
        headers: { 'idempotency-key': idempotencyKey },
      })
    } catch (failure) {
      return (failure as Error).message
    }
    await load()
    return null
  }

  const complainant = (clueId: number) => apiRequest<Complainant>(`/api/clues/${clueId}/complainant`)

  /** Level-1 and level-2 members and the teams a clue can be assigned to (none when they cannot be read). */
  async function assignees(): Promise<ClueAssignees> {
    const [staff, teams] = await Promise.all([
      apiRequest<ClueAssignees['staff']>('/api/staff'),
      apiRequest<ClueAssignees['teams']>('/api/teams'),
    ]).catch(() => [[], []] as const)
    return { staff: [...staff], teams: [...teams] }
  }

  /** The institution's recent inspections and ledger items, to link as the investigation's records. */
  async function linkable(institutionId: number) {
    const [found, items] = await Promise.all([
      apiRequest<{ inspections: ClueInspection[] }>(`/api/inspections?institutionId=${institutionId}&limit=20`).catch(
        () => ({ inspections: [] }),
      ),
      apiRequest<{ items: ClueLedgerItem[] }>(`/api/ledger-items?institutionId=${institutionId}&limit=50`).catch(
        () => ({ items: [] }),
      ),
    ])
    return { inspections: found.inspections, ledgerItems: items.items }
  }

  return { clues, loading, error, load, take, step, complainant, assignees, linkable }
})
