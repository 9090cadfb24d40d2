// Inspections as the desk sees them (server state of the overview's anomaly list): the newest
// flagged ones in the caller's scope (impossible travel, a repeated position, outside working
// hours, an accuracy no phone reports).
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { apiRequest } from '../api/client.ts'
import type { ResponseOf } from '../api/types.ts'

export type FlaggedInspection = ResponseOf<'/api/inspections', 'get'>['inspections'][number]

export const useInspectionsStore = defineStore('inspections', () => {
  const flagged = shallowRef<FlaggedInspection[]>([])
  const error = ref<string | null>(null)

  async function loadFlagged() {
    try {
      flagged.value = (
        await apiRequest<{ inspections: FlaggedInspection[] }>('/api/inspections?flagged=true&limit=20')
      ).inspections
      error.value = null
    } catch (failure) {
      error.value = (failure as Error).message
    }
  }

  return { flagged, error, loadFlagged }
})
