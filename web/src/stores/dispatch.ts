// This week's dispatch (常调度, server state of /dispatch) and a month's cross-check results (推磨互查
// 结果, /cross-checks): read-only views the desk opens.
import { defineStore } from 'pinia'
import { apiRequest } from '../api/client.ts'
import type { ResponseOf } from '../api/types.ts'

export type Dispatch = ResponseOf<'/api/dispatch', 'get'>
export type CrossCheckResults = ResponseOf<'/api/cross-checks', 'get'>

export const useDispatchStore = defineStore('dispatch', () => {
  const dispatch = () => apiRequest<Dispatch>('/api/dispatch')
  const crossChecks = (month: string) => apiRequest<CrossCheckResults>(`/api/cross-checks?month=${month}`)
  return { dispatch, crossChecks }
})
