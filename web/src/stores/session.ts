// Who is logged in. A setup store: state is read-only outside, changed through its actions.
import { defineStore } from 'pinia'
import { computed, readonly, ref } from 'vue'
import { ApiError, apiRequest } from '../api/client.ts'
import type { DemoAccount, User } from '../api/types.ts'

/** The last user seen, so that the phone app opens with no network (its writes wait in the outbox). */
const rememberedKey = 'gridwatch:user'

function remember(user: User | null) {
  if (user) localStorage.setItem(rememberedKey, JSON.stringify(user))
  else localStorage.removeItem(rememberedKey)
}

const remembered = (): User | null => JSON.parse(localStorage.getItem(rememberedKey) ?? 'null') as User | null

export const useSessionStore = defineStore('session', () => {
  const user = ref<User | null>(null)
  const checked = ref(false)
  /**
   * The server ended the session (idle limit, revoked) without the person signing out. The phone
   * keeps working for them (`member`): its drafts and outbox stay theirs until they sign in again.
   */
  const expired = ref(false)
  const lastUser = ref<User | null>(typeof localStorage === 'undefined' ? null : remembered())
  /** Whose work this device holds: the signed-in user, or the one whose session expired. */
  const member = computed(() => user.value ?? (expired.value ? lastUser.value : null))

  async function refresh() {
    try {
      user.value = (await apiRequest<{ user: User | null }>('/api/auth/session')).user
      if (user.value) remember(user.value)
      else if (lastUser.value) expired.value = true
    } catch (failure) {
      // No network (not a refusal): carry on as the last user seen.
      if (failure instanceof ApiError) throw failure
      user.value = remembered()
    } finally {
      checked.value = true
    }
  }

  /** A request was refused for want of a session (401): the person must sign in again. */
  function sessionEnded() {
    if (!user.value && !lastUser.value) return
    lastUser.value = user.value ?? lastUser.value
    user.value = null
    expired.value = true
  }

  /** Logs in; an account with a second factor answers 401 second-factor-required until `code` is given. */
  async function login(username: string, password: string, code?: string) {
    user.value = await apiRequest<User>('/api/auth/login', {
      method: 'POST',
      body: { username, password, ...(code ? { code } : {}) },
    })
    remember(user.value)
    lastUser.value = user.value
    expired.value = false
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
    lastUser.value = null
    expired.value = false
    remember(null)
  }

  return {
    user: readonly(user),
    checked: readonly(checked),
    expired: readonly(expired),
    member,
    refresh,
    sessionEnded,
    login,
    logout,
    demoAccounts,
    signInDisplay,
  }
})
