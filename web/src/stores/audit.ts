// The audit log as the audit administrator reads it (server state of /audit): a page of entries by
// filter, the actions and entities to filter by, and the hash chain's check (from the last intact
// link, or the whole chain).
import { defineStore } from 'pinia'
import { apiRequest } from '../api/client.ts'
import type { ResponseOf } from '../api/types.ts'

export type AuditPage = ResponseOf<'/api/audit', 'get'>
export type AuditEntry = AuditPage['entries'][number]
export type AuditChain = ResponseOf<'/api/audit/chain', 'get'>

export const useAuditStore = defineStore('audit', () => {
  const page = (parameters: URLSearchParams) => apiRequest<AuditPage>(`/api/audit?${parameters}`)
  const choices = () => apiRequest<{ actions: string[]; entities: string[] }>('/api/audit/choices')
  const chain = (whole = false) => apiRequest<AuditChain>(`/api/audit/chain${whole ? '?whole=true' : ''}`)
  return { page, choices, chain }
})
