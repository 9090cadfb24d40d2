// Circulars (通报, server state of /circulars and the overview's latest circular): the county's
// circulars newest first, drafting a month's, editing its text and a leader's approval (publishing),
// and the latest published one.
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { apiRequest } from '../api/client.ts'
import type { ResponseOf } from '../api/types.ts'

export type Circular = ResponseOf<'/api/circulars', 'get'>[number]
export type PublishedCircular = NonNullable<ResponseOf<'/api/circulars/latest', 'get'>>

export const useCircularsStore = defineStore('circulars', () => {
  const circulars = shallowRef<Circular[]>([])
  const latest = shallowRef<PublishedCircular | null>(null)
  const error = ref<string | null>(null)
  const busy = ref(false)

  async function load() {
    try {
      circulars.value = await apiRequest<Circular[]>('/api/circulars')
      error.value = null
    } catch (failure) {
      error.value = (failure as Error).message
    }
  }

  /** The latest published circular, or none (the overview shows nothing then). */
  async function loadLatest() {
    latest.value = await apiRequest<PublishedCircular | null>('/api/circulars/latest').catch(() => null)
  }

  /** Runs a change and keeps its answer in the list; the answer, or null with the reason in `error`. */
  async function change(work: () => Promise<Circular>): Promise<Circular | null> {
    busy.value = true
    try {
      const answer = await work()
      circulars.value = [answer, ...circulars.value.filter((entry) => entry.id !== answer.id)].sort((a, b) =>
        b.month.localeCompare(a.month),
      )
      error.value = null
      return answer
    } catch (failure) {
      error.value = (failure as Error).message
      return null
    } finally {
      busy.value = false
    }
  }

  /** Drafts the month's circular from its figures (again: recomputed). */
  const draft = (month: string) =>
    change(() => apiRequest<Circular>('/api/circulars', { method: 'POST', body: { month } }))
  const save = (id: number, text: { title: string; body: string }) =>
    change(() => apiRequest<Circular>(`/api/circulars/${id}`, { method: 'PATCH', body: text }))
  const approve = (id: number) => change(() => apiRequest<Circular>(`/api/circulars/${id}/approve`, { method: 'POST' }))

  return { circulars, latest, error, busy, load, loadLatest, draft, save, approve }
})
