// The county's areas as the map shows them (institutions: see institution-layer.ts).
import { defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import { apiRequest } from '../api/client.ts'
import type { AreaCollection } from '../api/types.ts'

const maxCountiesWithVillages = 2

export const useCountyMapStore = defineStore('county-map', () => {
  const district = shallowRef<AreaCollection | null>(null)
  const zones = shallowRef<AreaCollection | null>(null)
  const grids = shallowRef<AreaCollection | null>(null)
  /** Villages, for their names: only on a screen of one or two counties (a province has tens of thousands). */
  const villages = shallowRef<AreaCollection | null>(null)
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
    await loadVillages()
  }

  async function loadVillages() {
    villages.value =
      district.value && district.value.features.length <= maxCountiesWithVillages
        ? await apiRequest<AreaCollection>('/api/areas?level=village')
        : null
  }

  /**
   * After a publish in some counties: only their areas are fetched and put in place of the old
   * ones (a province screen keeps the other counties as they are).
   */
  async function reloadCounties(countyCodes: readonly string[]) {
    if (!district.value || !zones.value || !grids.value) return load()
    const levels = [
      ['district', district],
      ['zone', zones],
      ['grid', grids],
    ] as const
    const fresh = await Promise.all(
      levels.map(([level]) =>
        Promise.all(
          countyCodes.map((county) => apiRequest<AreaCollection>(`/api/areas?level=${level}&county=${county}`)),
        ),
      ),
    )
    const replaced = new Set(countyCodes)
    // All three levels change in the same turn, so the map never draws new grids in old zones.
    levels.forEach(([, areas], index) => {
      const kept = areas.value!.features.filter((feature) => !replaced.has(feature.properties.countyCode))
      areas.value = {
        ...areas.value!,
        features: [...kept, ...fresh[index]!.flatMap((collection) => collection.features)],
      }
    })
    loadedAt.value = new Date()
    if (villages.value) {
      const freshVillages = await Promise.all(
        countyCodes.map((county) => apiRequest<AreaCollection>(`/api/areas?level=village&county=${county}`)),
      )
      villages.value = {
        ...villages.value,
        features: [
          ...villages.value.features.filter((feature) => !replaced.has(feature.properties.countyCode)),
          ...freshVillages.flatMap((collection) => collection.features),
        ],
      }
    }
  }

  const usesDemoBoundaries = computed(() => grids.value?.features.some((feature) => feature.properties.isDemo) ?? false)

  return { district, zones, grids, villages, loadedAt, usesDemoBoundaries, load, reloadCounties }
})
