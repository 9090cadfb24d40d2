// The annual assessment (年考核, server state of /assessments): every grid's score for a year with
// its indicators, weights and rank.
import { defineStore } from 'pinia'
import { apiRequest } from '../api/client.ts'
import type { ResponseOf } from '../api/types.ts'

export type Assessment = ResponseOf<'/api/assessments', 'get'>

export const useAssessmentsStore = defineStore('assessments', () => {
  const ofYear = (year: number | string) => apiRequest<Assessment>(`/api/assessments?year=${year}`)
  return { ofYear }
})
