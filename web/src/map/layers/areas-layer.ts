// The district, zones and grids: pale zone fills, grid edges, thick zone and district edges.
import type { LayerSpecification } from 'maplibre-gl'
import { areaColors as lightColors, type AreaColors } from '../palette.ts'

export const districtSourceId = 'district'
export const zonesSourceId = 'zones'
export const gridsSourceId = 'grids'
export const gridFillLayerId = 'grid-fill'

/** Below these zooms (a province on one screen) zones and grids are clutter: counties suffice. */
export const zoneMinimumZoom = 7.5
export const gridMinimumZoom = 8

export function areaLayers(areaColors: AreaColors = lightColors): LayerSpecification[] {
  return [
    { id: 'district-fill', type: 'fill', source: districtSourceId, paint: { 'fill-color': areaColors.districtFill } },
    {
      id: 'zone-fill',
      type: 'fill',
      source: zonesSourceId,
      minzoom: zoneMinimumZoom,
      paint: {
        'fill-color': [
          'match',
          ['%', ['id'], 4],
          0,
          areaColors.zoneFills[0]!,
          1,
          areaColors.zoneFills[1]!,
          2,
          areaColors.zoneFills[2]!,
          areaColors.zoneFills[3]!,
        ],
        'fill-opacity': areaColors.zoneFillOpacity,
      },
    },
    {
      id: 'grid-fill',
      type: 'fill',
      source: gridsSourceId,
      minzoom: gridMinimumZoom,
      paint: {
        'fill-color': '#fde68a',
        'fill-opacity': ['case', ['boolean', ['feature-state', 'selected'], false], 0.35, 0],
      },
    },
    {
      id: 'grid-outline',
      type: 'line',
      source: gridsSourceId,
      minzoom: gridMinimumZoom,
      paint: { 'line-color': areaColors.gridOutline, 'line-width': 1.2, 'line-dasharray': [3, 2] },
    },
    {
      id: 'zone-outline',
      type: 'line',
      source: zonesSourceId,
      minzoom: zoneMinimumZoom,
      paint: { 'line-color': areaColors.zoneOutline, 'line-width': 2.2 },
    },
    {
      id: 'district-outline',
      type: 'line',
      source: districtSourceId,
      paint: { 'line-color': areaColors.districtOutline, 'line-width': 3 },
    },
    // The selected grid: a clear amber edge over every other line, and a light amber wash inside (grid-fill).
    {
      id: 'grid-selected-outline',
      type: 'line',
      source: gridsSourceId,
      minzoom: gridMinimumZoom,
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': '#d97706',
        'line-width': 4,
        'line-opacity': ['case', ['boolean', ['feature-state', 'selected'], false], 1, 0],
      },
    },
  ]
}
