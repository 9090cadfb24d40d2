// Wall screens' display tokens (大屏令牌, server state of /displays): the tokens, issuing one (its
// address shown once) and revoking one (its screens lose access at once).
import { defineStore } from 'pinia'
import { shallowRef } from 'vue'
import { apiRequest } from '../api/client.ts'
import type { ResponseOf } from '../api/types.ts'

export type DisplayToken = ResponseOf<'/api/display-tokens', 'get'>[number]
export type IssuedDisplayToken = ResponseOf<'/api/display-tokens', 'post'>

export const useDisplayTokensStore = defineStore('display-tokens', () => {
  const tokens = shallowRef<DisplayToken[]>([])

  async function load() {
    tokens.value = await apiRequest<DisplayToken[]>('/api/display-tokens')
  }

  async function issue(name: string): Promise<IssuedDisplayToken> {
    const answer = await apiRequest<IssuedDisplayToken>('/api/display-tokens', { method: 'POST', body: { name } })
    await load()
    return answer
  }

  async function revoke(id: number) {
    await apiRequest(`/api/display-tokens/${id}`, { method: 'DELETE' })
    await load()
  }

  return { tokens, load, issue, revoke }
})
