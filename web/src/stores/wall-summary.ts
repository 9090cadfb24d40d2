// The figures around the wall's map (GET /api/wall/summary), re-read every minute and shortly
// after activity; a burst of changes costs one read.
import { defineStore } from 'pinia'
import { shallowRef } from 'vue'
import { apiRequest } from '../api/client.ts'
import type { WallSummary } from '@gridwatch/domain/wall-summary.ts'

export const useWallSummaryStore = defineStore('wall-summary', () => {
  const summary = shallowRef<WallSummary | null>(null)
  let soon: ReturnType<typeof setTimeout> | undefined

  async function load() {
    summary.value = await apiRequest<WallSummary>('/api/wall/summary')
  }

  /** Something happened: read again in a moment. */
  function loadSoon() {
    clearTimeout(soon)
    soon = setTimeout(() => void load().catch(() => undefined), 400)
  }

  function dispose() {
    clearTimeout(soon)
  }

  return { summary, load, loadSoon, dispose }
})
