// What waits for the signed-in person (server state of GET /api/me/inbox): rectifications to
// verify, items sent back to them, 舆情 to 签收. Read again on every ledger or 舆情 event (InboxBadge
// listens), and kept on the device so that the phone shows it without signal.
import { defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import { cachedRead } from '../offline/outbox.ts'
import type { ResponseOf } from '../api/types.ts'

export type InboxEntry = ResponseOf<'/api/me/inbox', 'get'>['entries'][number]

export const useInboxStore = defineStore('inbox', () => {
  const entries = shallowRef<InboxEntry[]>([])
  const count = computed(() => entries.value.length)
  const urgent = computed(() => entries.value.filter((entry) => entry.urgent).length)

  async function load() {
    const read = await cachedRead<{ entries: InboxEntry[] }>('/api/me/inbox')
    if (read) entries.value = read.body.entries
  }

  return { entries, count, urgent, load }
})
