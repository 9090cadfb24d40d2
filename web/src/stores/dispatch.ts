// This week's dispatch (常调度, server state of /dispatch): what needs someone, per grid and person.
import { defineStore } from 'pinia'
import { apiRequest } from '../api/client.ts'
import type { ResponseOf } from '../api/types.ts'

export type Dispatch = ResponseOf<'/api/dispatch', 'get'>

export const useDispatchStore = defineStore('dispatch', () => {
  const dispatch = () => apiRequest<Dispatch>('/api/dispatch')
  return { dispatch }
})
