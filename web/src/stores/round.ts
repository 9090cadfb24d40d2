// A supervision team member's round (server state of their phone): this month's round in route
// order, kept on the device (offline/outbox.ts cachedRead) so it opens without network.
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { cachedRead } from '../offline/outbox.ts'
import type { ResponseOf } from '../api/types.ts'

export type FieldRound = ResponseOf<'/api/me/round', 'get'>['rounds'][number]
export type RoundStop = FieldRound['stops'][number]

export const useRoundStore = defineStore('round', () => {
  const rounds = shallowRef<FieldRound[] | null>(null)
  /** When the round shown was read from the server, and whether that read was just now. */
  const readAt = ref<string | null>(null)
  const fresh = ref(true)

  /** Reads the round (from the device when there is no network); false when it was never read here. */
  async function load(): Promise<boolean> {
    const read = await cachedRead<{ rounds: FieldRound[] }>('/api/me/round')
    if (!read) return false
    rounds.value = read.body.rounds
    readAt.value = read.at
    fresh.value = read.fresh
    return true
  }

  return { rounds, readAt, fresh, load }
})
