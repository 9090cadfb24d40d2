// Who is logged in. A setup store: state is read-only outside, changed through its actions.
import { defineStore } from 'pinia'
import { readonly, ref } from 'vue'
import { ApiError, apiRequest } from '../api/client.ts'
import type { DemoAccount, User } from '../api/types.ts'

/** The last user seen, so that the phone app opens with no network (its writes wait in the outbox). */
const rememberedKey = 'gridwatch:user'

function remember(user: User | null) {
  if (user) localStorage.setItem(rememberedKey, JSON.stringify(user))
  else localStorage.removeItem(rememberedKey)
}

export const useSessionStore = defineStore('session', () => {
  const user = ref<User | null>(null)
  const checked = ref(false)

  async function refresh() {
    try {
      user.value = (await apiRequest<{ user: User | null }>('/api/auth/session')).user
      remember(user.value)
    } catch (failure) {
      // No network (not a refusal): carry on as the last user seen.
      if (failure instanceof ApiError) throw failure
      user.value = JSON.parse(localStorage.getItem(rememberedKey) ?? 'null') as User | null
    } finally {
      checked.value = true
    }
  }

  /** Logs in; an account with a second factor answers 401 second-factor-required until `code` is given. */
  async function login(username: string, password: string, code?: string) {
    user.value = await apiRequest<User>('/api/auth/login', {
      method: 'POST',
      body: { username, password, ...(code ? { code } : {}) },
    })
    remember(user.value)
  }

  /** The demo accounts to sign in with one click, listed only in demo mode (the health check says which mode this is, so production never sees a 404). */
  async function demoAccounts(): Promise<DemoAccount[]> {
    const health = await apiRequest<{ mode: string }>('/api/health')
    return health.mode === 'demo' ? apiRequest<DemoAccount[]>('/api/auth/demo-accounts') : []
  }

  /** A wall screen set up with a display token trades it for its cookie; false when the token is refused. */
  async function signInDisplay(token: string): Promise<boolean> {
    return apiRequest('/api/auth/display', { method: 'POST', body: { token } }).then(
      () => true,
      () => false,
    )
  }

  async function logout() {
    await apiRequest('/api/auth/logout', { method: 'POST' })
    user.value = null
    remember(null)
  }

  return { user: readonly(user), checked: readonly(checked), refresh, login, logout, demoAccounts, signInDisplay }
})
