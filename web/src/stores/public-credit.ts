// The public credit listing (信用公示, server state of the public /credit page): every institution's
// grade and blacklisting as anyone may read them.
import { defineStore } from 'pinia'
import { apiRequest } from '../api/client.ts'
import type { ResponseOf } from '../api/types.ts'

export type PublicCreditListing = ResponseOf<'/api/public/credit', 'get'>

export const usePublicCreditStore = defineStore('public-credit', () => {
  const listing = () => apiRequest<PublicCreditListing>('/api/public/credit')
  return { listing }
})
