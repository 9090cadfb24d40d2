// A planned visiting route: the line from the bureau through the stops and back. Stop numbers are
// HTML markers (RouteOverlay below), which need no glyph files.
import { Marker, type GeoJSONSource, type LayerSpecification, type Map as MapLibreMap } from 'maplibre-gl'

export const routeSourceId = 'route'
export const routeColor = '#7c3aed'

export function routeLayers(): LayerSpecification[] {
  return [
    {
      id: 'route-casing',
      type: 'line',
      source: routeSourceId,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': '#ffffff', 'line-width': 6 },
    },
    {
      id: 'route-line',
      type: 'line',
      source: routeSourceId,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': routeColor, 'line-width': 3 },
    },
  ]
}

export interface PlannedRoute {
  line: [number, number][]
  stops: { label: string; at: [number, number]; title: string; start?: boolean }[]
}

/** The route on a map: its line in the route source (added on first use) and numbered stop markers. */
export class RouteOverlay {
  #markers: Marker[] = []

  constructor(private readonly map: MapLibreMap) {}

  show(route: PlannedRoute | null): void {
    if (!this.map.getSource(routeSourceId)) {
      this.map.addSource(routeSourceId, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } })
      for (const layer of routeLayers()) this.map.addLayer(layer)
    }
    ;(this.map.getSource(routeSourceId) as GeoJSONSource).setData({
      type: 'FeatureCollection',
      features:
        route && route.line.length > 1
          ? [{ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: route.line } }]
          : [],
    })
    for (const marker of this.#markers) marker.remove()
    this.#markers = (route?.stops ?? []).map(({ label, at, title, start }) => {
      const element = document.createElement('div')
      element.className = start ? 'route-stop start' : 'route-stop'
      element.textContent = label
      element.title = title
      return new Marker({ element }).setLngLat(at).addTo(this.map)
    })
  }
}
