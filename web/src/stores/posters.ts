// Contact posters (公示牌) and what the public does with them (server state of /posters and the
// public contact page a poster's QR code opens): a grid's posters, one institution's public card,
// and a member of the public's clue sent from it.
import { defineStore } from 'pinia'
import { apiRequest } from '../api/client.ts'
import type { ResponseOf } from '../api/types.ts'

export type GridPosters = ResponseOf<'/api/grids/{id}/posters', 'get'>
export type PublicContact = ResponseOf<'/api/public/contacts/{id}', 'get'>

export const usePostersStore = defineStore('posters', () => {
  const ofGrid = (gridId: number) => apiRequest<GridPosters>(`/api/grids/${gridId}/posters`)
  const contact = (institutionId: number) => apiRequest<PublicContact>(`/api/public/contacts/${institutionId}`)
  /** A clue from the public page; the reference number is what the person is told. */
  const sendClue = (
    body: { institutionId: number; summary: string; name?: string; phone?: string },
    idempotencyKey: string,
  ) =>
    apiRequest<{ reference: number }>('/api/public/clues', {
      method: 'POST',
      headers: { 'idempotency-key': idempotencyKey },
      body,
    })
  return { ofGrid, contact, sendClue }
})
