// The map on a printed route sheet: the district and grids, place names, and one day's route from
// the bureau through its numbered stops, framed to fit. The canvas keeps its frame so that printing
// (which lays the page out again) has the map to print.
import bbox from '@turf/bbox'
import type { FeatureCollection } from 'geojson'
import type { GeoJSONSource } from 'maplibre-gl'
import { MapView } from './map-view.ts'
import { areaColors } from './palette.ts'
import { areaLayers, districtSourceId, gridsSourceId, zonesSourceId } from './layers/areas-layer.ts'
import {
  addPlaceImages,
  placeFeatureCollection,
  placeLayers,
  placesSourceId,
  type Place,
} from './layers/places-layer.ts'
import { RouteOverlay, type PlannedRoute } from './layers/route-layer.ts'
import { exposeForTests, withdrawForTests } from './test-hooks.ts'

export class RouteSheetMap extends MapView {
  readonly #route: RouteOverlay

  constructor(container: HTMLElement) {
    super(container, { interactive: false, preserveDrawingBuffer: true })
    this.#route = new RouteOverlay(this.map)
    exposeForTests('gridwatchMap', this.map)
    this.prepare((map) => {
      const empty: FeatureCollection = { type: 'FeatureCollection', features: [] }
      for (const id of [districtSourceId, zonesSourceId, gridsSourceId, placesSourceId])
        map.addSource(id, { type: 'geojson', data: empty })
      for (const layer of areaLayers(areaColors)) map.addLayer(layer)
      addPlaceImages(map, areaColors)
      for (const layer of placeLayers(areaColors)) map.addLayer(layer)
    })
  }

  async show(
    areas: { district: FeatureCollection; zones: FeatureCollection; grids: FeatureCollection },
    places: readonly Place[],
    route: PlannedRoute,
  ): Promise<void> {
    if (!(await this.ready())) return
    ;(this.map.getSource(districtSourceId) as GeoJSONSource).setData(areas.district)
    ;(this.map.getSource(zonesSourceId) as GeoJSONSource).setData(areas.zones)
    ;(this.map.getSource(gridsSourceId) as GeoJSONSource).setData(areas.grids)
    ;(this.map.getSource(placesSourceId) as GeoJSONSource).setData(placeFeatureCollection(places))
    this.#route.show(route)
    const line: FeatureCollection = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: {}, geometry: { type: 'MultiPoint', coordinates: route.line } }],
    }
    this.map.fitBounds(bbox(line) as [number, number, number, number], { padding: 40, animate: false, maxZoom: 13 })
  }

  /** Resolves once everything is drawn (for printing). */
  drawn(): Promise<void> {
    return new Promise((resolve) => {
      this.map.once('idle', () => resolve())
      this.map.triggerRepaint()
    })
  }

  override destroy(): void {
    withdrawForTests('gridwatchMap', this.map)
    super.destroy()
  }
}
