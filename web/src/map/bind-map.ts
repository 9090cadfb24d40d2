// Keeps a page's map in step with the stores: areas and grid labels when they load, the whole
// institution layer when it is (re)loaded, single institutions when live changes arrive, the theme and the
// clock. The overview and the wall share it.
import { watch, type Ref, type ShallowRef } from 'vue'
import type { MapController } from './map-controller.ts'
import type { ThemeName } from './palette.ts'
import { districtSourceId, gridsSourceId, zonesSourceId } from './layers/areas-layer.ts'
import type { Place } from './layers/places-layer.ts'
import type { AreaCollection } from '../api/types.ts'
import { useCountyMapStore } from '../stores/county-map.ts'
import { useInstitutionLayerStore } from '../stores/institution-layer.ts'

export function bindMapToStores(
  controller: ShallowRef<MapController | undefined>,
  theme: Ref<ThemeName>,
  options: { maxLabelledGrids?: number } = {},
) {
  const county = useCountyMapStore()
  const institutions = useInstitutionLayerStore()
  const maxLabelledGrids = options.maxLabelledGrids ?? Infinity
  // Each watch also follows the controller: a page opened by client-side navigation gets a new map
  // while the stores already hold what the previous page loaded (a reload then answers 304).
  watch(
    () => [controller.value, county.district, county.zones, county.grids] as const,
    ([, district, zones, grids]) => {
      const map = controller.value
      if (!map || !district || !zones || !grids) return
      void map.setSourceData(districtSourceId, district)
      void map.setSourceData(zonesSourceId, zones)
      void map.setSourceData(gridsSourceId, grids)
      map.fitOnce(district)
    },
  )
  watch(
    () => [controller.value, county.district, county.grids, county.villages] as const,
    ([map, district, grids, villages]) => {
      if (!map || !district || !grids) return
      void map.setPlaces(placesOf(district, grids, villages, maxLabelledGrids))
    },
  )
  watch(
    () => [controller.value, institutions.records] as const,
    ([map, records]) => {
      if (map && (records.length > 0 || institutions.loadedAt)) void map.setInstitutions(records)
    },
  )
  watch(
    () => institutions.changes,
    () => void controller.value?.updateInstitutions(institutions.lastChanged),
  )
  watch(theme, (value) => void controller.value?.setTheme(value))
  watch(
    () => institutions.nowMinute,
    (minute) => void controller.value?.setNow(minute),
  )
}

/** County seats, grid names (while there are few: a county, not a province) and village names. */
export function placesOf(
  district: AreaCollection,
  grids: AreaCollection,
  villages: AreaCollection | null,
  maxLabelledGrids: number,
): Place[] {
  const places: Place[] = []
  for (const { properties } of district.features)
    if (properties.seat) places.push({ kind: 'county', name: properties.name, at: properties.seat })
  if (grids.features.length <= maxLabelledGrids)
    for (const { properties } of grids.features)
      if (properties.seat)
        places.push({ kind: 'grid', name: properties.name, detail: properties.parentName ?? '', at: properties.seat })
  for (const { properties } of villages?.features ?? [])
    if (properties.seat) places.push({ kind: 'village', name: properties.name, at: properties.seat })
  return places
}
