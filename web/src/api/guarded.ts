// The one way a panel runs an API action: busy while it runs, and a readable message (the
// problem's detail, in the reader's language where it can be) instead of an unhandled rejection
// when it fails.
import { ref } from 'vue'

export function useGuarded() {
  const busy = ref(false)
  const message = ref<string | null>(null)
  async function guarded(action: () => Promise<unknown>): Promise<void> {
    busy.value = true
    message.value = null
    try {
      await action()
    } catch (error) {
      message.value = (error as Error).message
    } finally {
      busy.value = false
    }
  }
  return { busy, message, guarded }
}
