// Risk reports (舆情) as far as the caller's chain reaches (server state of /risks and the overview's
// alarms): the list, when it was read, and the two steps a desk takes on one — acknowledging the
// waiting hop and closing it with the handling recorded.
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { apiRequest } from '../api/client.ts'
import type { ResponseOf } from '../api/types.ts'

export type RiskReport = ResponseOf<'/api/risk-reports', 'get'>['reports'][number]

export const useRiskReportsStore = defineStore('risk-reports', () => {
  const reports = shallowRef<RiskReport[]>([])
  const loading = ref(false)
  const error = ref<string | null>(null)
  const loadedAt = ref<Date | null>(null)

  async function load() {
    loading.value = true
    try {
      reports.value = (await apiRequest<{ reports: RiskReport[] }>('/api/risk-reports?limit=1000')).reports
      loadedAt.value = new Date()
      error.value = null
    } catch (failure) {
      error.value = (failure as Error).message
    } finally {
      loading.value = false
    }
  }

  /**
   * Takes a step on a report with the Idempotency-Key the person's intent carries (a double click or
   * a retry records it once), then reads the list again. The server's reason when it refuses.
   */
  async function step(
    reportId: number,
    action: 'acknowledge' | 'close',
    body: object,
    idempotencyKey: string,
  ): Promise<string | null> {
    try {
      await apiRequest(`/api/risk-reports/${reportId}/${action}`, {
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

  return { reports, loading, error, loadedAt, load, step }
})
