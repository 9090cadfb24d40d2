// A planned visiting route: the line from the bureau through the stops and back. Stop numbers are
// HTML markers (web/src/map/map-controller.ts), which need no glyph files.
import type { LayerSpecification } from 'maplibre-gl'

export const routeSourceId = 'route'
export const routeColor = '#7c3aed'

export function routeLayers(): LayerSpecification[] {
  return [
    { id: 'route-casing', type: 'line', source: routeSourceId, layout: { 'line-join': 'round', 'line-cap': 'round' }, paint: { 'line-color': '#ffffff', 'line-width': 6 } },
    { id: 'route-line', type: 'line', source: routeSourceId, layout: { 'line-join': 'round', 'line-cap': 'round' }, paint: { 'line-color': routeColor, 'line-width': 3 } },
  ]
}
