// The county's areas as the map shows them (institutions: see clinic-layer.ts).
import { defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import { apiRequest } from '../api/client.ts'
import type { AreaCollection } from '../api/types.ts'

export const useCountyMapStore = defineStore('county-map', () => {
  const district = shallowRef<AreaCollection | null>(null)
  const zones = shallowRef<AreaCollection | null>(null)
  const grids = shallowRef<AreaCollection | null>(null)
  const loadedAt = shallowRef<Date | null>(null)

  async function load() {
    const [districtData, zoneData, gridData] = await Promise.all([
      apiRequest<AreaCollection>('/api/areas?level=district'),
      apiRequest<AreaCollection>('/api/areas?level=zone'),
      apiRequest<AreaCollection>('/api/areas?level=grid'),
    ])
    district.value = districtData
    zones.value = zoneData
    grids.value = gridData
    loadedAt.value = new Date()
  }

  const usesDemoBoundaries = computed(() => grids.value?.features.some((feature) => feature.properties.isDemo) ?? false)

  return { district, zones, grids, loadedAt, usesDemoBoundaries, load }
})
