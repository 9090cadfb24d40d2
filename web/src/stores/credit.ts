// Credit and blacklist (server state of /credit/manage): the scope's institutions with their
// grade, one institution's evaluations and blacklist entries, and the three decisions on it
// (re-score, add an entry, lift one). After a decision the list and the open history are read
// again, so the grade and the flags beside a name are the server's.
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { apiRequest } from '../api/client.ts'
import type { ResponseOf } from '../api/types.ts'

export type CreditRow = ResponseOf<'/api/credit', 'get'>[number]
export type CreditHistory = ResponseOf<'/api/credit/{institutionId}', 'get'>
export interface Evaluation {
  score: number
  reason: string
  evidence: string
}
export interface BlacklistEntryDraft {
  institutionId: number
  subject: 'institution' | 'physician' | 'legal_representative'
  personName: string | null
  reason: string
  basis: string
  startsOn: string
  endsOn: string | null
}

export const useCreditStore = defineStore('credit', () => {
  const rows = shallowRef<CreditRow[]>([])
  const selected = ref<number | null>(null)
  const history = shallowRef<CreditHistory | null>(null)
  const error = ref<string | null>(null)

  async function load() {
    try {
      rows.value = await apiRequest<CreditRow[]>('/api/credit')
      error.value = null
    } catch (failure) {
      error.value = (failure as Error).message
    }
  }

  async function open(institutionId: number) {
    selected.value = institutionId
    try {
      history.value = await apiRequest<CreditHistory>(`/api/credit/${institutionId}`)
    } catch (failure) {
      error.value = (failure as Error).message
    }
  }

  function close() {
    selected.value = null
    history.value = null
  }

  /** Runs a decision, then reads the list and the open history again; throws the server's reason. */
  async function decide(work: () => Promise<unknown>) {
    await work()
    await Promise.all([load(), selected.value === null ? undefined : open(selected.value)])
  }

  const evaluate = (institutionId: number, evaluation: Evaluation) =>
    decide(() => apiRequest(`/api/credit/${institutionId}/evaluations`, { method: 'POST', body: evaluation }))
  const addEntry = (draft: BlacklistEntryDraft) =>
    decide(() => apiRequest('/api/blacklist-entries', { method: 'POST', body: draft }))
  const lift = (entryId: number, reason: string) =>
    decide(() => apiRequest(`/api/blacklist-entries/${entryId}/lift`, { method: 'POST', body: { reason } }))

  return { rows, selected, history, error, load, open, close, evaluate, addEntry, lift }
})
