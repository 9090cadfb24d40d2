// A month's cross-check results (推磨互查结果, server state of /cross-checks): per grid, each check with
// its institution, the grid staff's work found wanting and the ledger items it opened.
import { defineStore } from 'pinia'
import { apiRequest } from '../api/client.ts'
import type { ResponseOf } from '../api/types.ts'

export type CrossCheckResults = ResponseOf<'/api/cross-checks', 'get'>

export const useCrossChecksStore = defineStore('cross-checks', () => {
  const ofMonth = (month: string) => apiRequest<CrossCheckResults>(`/api/cross-checks?month=${month}`)
  return { ofMonth }
})
