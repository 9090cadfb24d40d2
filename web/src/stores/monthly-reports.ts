// Grids' monthly reports (月上报, server state of /reports): a month's reports of the caller's grids,
// saving a draft, submitting, and the review that accepts or returns it with a note.
import { defineStore } from 'pinia'
import { apiRequest } from '../api/client.ts'
import type { ResponseOf } from '../api/types.ts'

export type MonthlyReport = ResponseOf<'/api/reports/monthly', 'get'>[number]

export const useMonthlyReportsStore = defineStore('monthly-reports', () => {
  const ofMonth = (month: string) => apiRequest<MonthlyReport[]>(`/api/reports/monthly?month=${month}`)
  /** Saves the grid's report for the month as a draft (made on first save). */
  const save = (gridId: number, month: string, narrative: string) =>
    apiRequest<MonthlyReport>('/api/reports/monthly', { method: 'POST', body: { gridId, month, narrative } })
  const submit = (id: number, narrative: string) =>
    apiRequest<MonthlyReport>(`/api/reports/monthly/${id}/submit`, { method: 'POST', body: { narrative } })
  const review = (id: number, decision: 'accept' | 'return', note: string) =>
    apiRequest<MonthlyReport>(`/api/reports/monthly/${id}/review`, {
      method: 'POST',
      body: { decision, ...(note ? { note } : {}) },
    })
  return { ofMonth, save, submit, review }
})
