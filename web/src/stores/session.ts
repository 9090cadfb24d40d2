// Who is logged in. A setup store: state is read-only outside, changed through its actions.
import { defineStore } from 'pinia'
import { readonly, ref } from 'vue'
import { apiRequest } from '../api/client.ts'
import type { User } from '../api/types.ts'

export const useSessionStore = defineStore('session', () => {
  const user = ref<User | null>(null)
  const checked = ref(false)

  async function refresh() {
    user.value = (await apiRequest<{ user: User | null }>('/api/auth/session')).user
    checked.value = true
  }

  async function login(username: string, password: string) {
    user.value = await apiRequest<User>('/api/auth/login', { method: 'POST', body: { username, password } })
  }

  async function logout() {
    await apiRequest('/api/auth/logout', { method: 'POST' })
    user.value = null
  }

  return { user: readonly(user), checked: readonly(checked), refresh, login, logout }
})
