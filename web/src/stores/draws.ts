// Double random draws (双随机一公开, server state of the teams page's draws and the public list):
// setting one up (its seed's hash shown before anyone draws), drawing, publishing, and the
// server's verification where the browser cannot hash (plain HTTP on an intranet).
import { defineStore } from 'pinia'
import { apiRequest } from '../api/client.ts'
import type { DrawResult } from '@gridwatch/domain/draw.ts'

export interface DrawSetup {
  title: string
  zoneIds: number[]
  institutionCount: number
  inspectorCount: number
  weighting: 'uniform' | 'risk'
}

export const useDrawsStore = defineStore('draws', () => {
  /** Every draw the caller may see (the public: published ones in full, the others by their hashes). */
  const list = <Draw>() => apiRequest<Draw[]>('/api/draws')
  const commit = (setup: DrawSetup) => apiRequest('/api/draws', { method: 'POST', body: setup })
  const draw = (id: number) => apiRequest(`/api/draws/${id}/draw`, { method: 'POST' })
  const publish = (id: number) => apiRequest(`/api/draws/${id}/publish`, { method: 'POST' })
  const verifyOnServer = (body: { inputs: unknown; seed: string; commitment: string }) =>
    apiRequest<{ commitmentMatches: boolean; inputsDigest: string; result: DrawResult }>('/api/draws/verify', {
      method: 'POST',
      body,
    })
  return { list, commit, draw, publish, verifyOnServer }
})
