// The field app's small map: the member's institutions (red when overdue or due today, green when
// not), today's planned stops numbered in route order, and where the member stands with the fix's
// accuracy as a circle. It draws on the offline base style, so it works without signal from the
// lists kept on the phone.
import bbox from '@turf/bbox'
import circle from '@turf/circle'
import type { Feature, FeatureCollection, Point, Polygon } from 'geojson'
import type { GeoJSONSource } from 'maplibre-gl'
import { MapView } from './map-view.ts'
import { exposeForTests, withdrawForTests } from './test-hooks.ts'

export interface FieldMapInstitution {
  id: number
  name: string
  position: [number, number]
  due: boolean
  /** Its place in today's route (1, 2, …), or null when it is not planned today. */
  stop: number | null
}

const font = ['Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'sans-serif']
const empty: FeatureCollection = { type: 'FeatureCollection', features: [] }

export class FieldMap extends MapView {
  #fitted = false

  constructor(container: HTMLElement) {
    super(container)
    exposeForTests('gridwatchMap', this.map)
    this.prepare((map) => {
      map.addSource('field-institutions', { type: 'geojson', data: empty })
      map.addSource('field-here', { type: 'geojson', data: empty })
      map.addLayer({
        id: 'field-here-accuracy',
        type: 'fill',
        source: 'field-here',
        filter: ['==', ['geometry-type'], 'Polygon'],
        paint: { 'fill-color': '#2563eb', 'fill-opacity': 0.12 },
      })
      map.addLayer({
        id: 'field-institution',
        type: 'circle',
        source: 'field-institutions',
        paint: {
          'circle-radius': ['case', ['>', ['get', 'stop'], 0], 11, 7],
          'circle-color': ['case', ['get', 'due'], '#dc2626', '#16a34a'],
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 2,
        },
      })
      map.addLayer({
        id: 'field-stop-number',
        type: 'symbol',
        source: 'field-institutions',
        filter: ['>', ['get', 'stop'], 0],
        layout: {
          'text-field': ['to-string', ['get', 'stop']],
          'text-font': font,
          'text-size': 13,
          'text-allow-overlap': true,
          'text-ignore-placement': true,
        },
        paint: { 'text-color': '#ffffff' },
      })
      map.addLayer({
        id: 'field-institution-name',
        type: 'symbol',
        source: 'field-institutions',
        layout: {
          'text-field': ['get', 'name'],
          'text-font': font,
          'text-size': 12,
          'text-offset': [0, 1.3],
          'text-anchor': 'top',
          'text-optional': true,
        },
        paint: { 'text-color': '#0f172a', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
      })
      map.addLayer({
        id: 'field-here',
        type: 'circle',
        source: 'field-here',
        filter: ['==', ['geometry-type'], 'Point'],
        paint: {
          'circle-radius': 7,
          'circle-color': '#2563eb',
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 3,
        },
      })
    })
  }

  override destroy(): void {
    withdrawForTests('gridwatchMap', this.map)
    super.destroy()
  }

  /** Draws the institutions and the member's position; the first time, fits the view to them. */
  async show(
    institutions: readonly FieldMapInstitution[],
    here: { position: [number, number]; accuracyMeters: number } | null,
  ): Promise<void> {
    if (!(await this.ready())) return
    const points: FeatureCollection<Point> = {
      type: 'FeatureCollection',
      features: institutions.map((institution) => ({
        type: 'Feature',
        id: institution.id,
        geometry: { type: 'Point', coordinates: institution.position },
        properties: { name: institution.name, due: institution.due, stop: institution.stop ?? 0 },
      })),
    }
    ;(this.map.getSource('field-institutions') as GeoJSONSource).setData(points)
    const mine: Feature<Point | Polygon>[] = here
      ? [
          circle(here.position, Math.max(here.accuracyMeters, 5), { units: 'meters', steps: 48 }),
          { type: 'Feature', geometry: { type: 'Point', coordinates: here.position }, properties: {} },
        ]
      : []
    ;(this.map.getSource('field-here') as GeoJSONSource).setData({ type: 'FeatureCollection', features: mine })
    if (this.#fitted || points.features.length + mine.length === 0) return
    this.#fitted = true
    const [west, south, east, north] = bbox({ type: 'FeatureCollection', features: [...points.features, ...mine] })
    this.map.fitBounds(
      [
        [west, south],
        [east, north],
      ],
      { padding: 40, maxZoom: 15, duration: 0 },
    )
  }
}
