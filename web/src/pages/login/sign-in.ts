// Signing in, as the login page and the field app's re-sign-in both do it: the username and
// password, then — when the account has a second factor — its code, asked for only after the
// password was right; a refusal is said in words and the code is cleared for a new try.
import { ref } from 'vue'
import { ApiError } from '../../api/problem.ts'
import { useSessionStore } from '../../stores/session.ts'

export function useSignIn(initialUsername = '') {
  const session = useSessionStore()
  const username = ref(initialUsername)
  const password = ref('')
  /** The account has a second factor: its code is asked for after the password. */
  const codeAsked = ref(false)
  const code = ref('')
  const error = ref<string | null>(null)
  const busy = ref(false)

  /** True once signed in; false when refused or when the code is now asked for. */
  async function signIn(): Promise<boolean> {
    busy.value = true
    error.value = null
    try {
      await session.login(username.value, password.value, codeAsked.value ? code.value : undefined)
      return true
    } catch (caught) {
      if (caught instanceof ApiError && caught.problem.type.endsWith('/second-factor-required')) {
        codeAsked.value = true
        return false
      }
      code.value = ''
      error.value = (caught as Error).message
      return false
    } finally {
      busy.value = false
    }
  }

  return { username, password, codeAsked, code, error, busy, signIn }
}
