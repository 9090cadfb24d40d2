// Every institution the caller may see, as compact records (GET /api/map/institutions), kept current by
// the live stream: changed records replace their predecessors in place and `changes` counts them,
// so the map updates single features and the legend recounts without reloading the layer.
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import {
  decodeInstitutionLayer,
  type InstitutionLayerPayload,
  type InstitutionRecord,
} from '@gridwatch/domain/institution-layer-format.ts'
import { ApiError, type Problem } from '../api/client.ts'
import { fetchOnce } from '../api/prefetch.ts'

const currentMinute = () => Math.floor(Date.now() / 60_000)

export const useInstitutionLayerStore = defineStore('institution-layer', () => {
  const records = shallowRef<InstitutionRecord[]>([])
  /** Bumped whenever records change in place (live updates). */
  const changes = ref(0)
  /** Records changed by the latest live update. */
  const lastChanged = shallowRef<InstitutionRecord[]>([])
  const nowMinute = ref(currentMinute())
  const loadedAt = shallowRef<Date | null>(null)
  let etag: string | null = null
  let indexById = new Map<number, number>()

  setInterval(() => (nowMinute.value = currentMinute()), 30_000)

  async function load(): Promise<void> {
    const response = await fetchOnce('/api/map/institutions', {
      headers: etag ? { 'if-none-match': etag } : {},
      credentials: 'same-origin',
    })
    if (response.status === 304) {
      loadedAt.value = new Date()
      return
    }
    if (!response.ok)
      throw new ApiError(
        (await response
          .json()
          .catch(() => ({ title: response.statusText, status: response.status, detail: '' }))) as Problem,
      )
    const payload = (await response.json()) as InstitutionLayerPayload
    etag = response.headers.get('etag')
    const decoded = decodeInstitutionLayer(payload)
    indexById = new Map(decoded.map((record, index) => [record.id, index]))
    records.value = decoded
    loadedAt.value = new Date()
  }

  function apply(changed: InstitutionRecord[]): void {
    const current = records.value
    const applied = changed.filter((record) => {
      const index = indexById.get(record.id)
      if (index === undefined) return false
      current[index] = record
      return true
    })
    if (applied.length === 0) return
    // The layer's ETag no longer matches what we hold.
    etag = null
    lastChanged.value = applied
    loadedAt.value = new Date()
    changes.value++
  }

  return { records, changes, lastChanged, nowMinute, loadedAt, load, apply }
})
