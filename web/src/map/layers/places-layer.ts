// Place names on the map as MapLibre symbol layers: the county seat always, each grid's name (with
// its zone) at its seat, village names from zoom 11. MapLibre places them against each other —
// higher layers first (county, grids, villages), a name that would overlap another waits for a zoom
// that gives it room — so nothing prints over anything else.
//
// Offline: the style has no `glyphs` URL. Since MapLibre GL JS 5.11 a style without one draws every
// glyph in the browser from the fonts named in `text-font` (TinySDF), Chinese included, so no glyph
// files are fetched or shipped.
import type { FeatureCollection, Point } from 'geojson'
import type { ExpressionSpecification, LayerSpecification, Map as MapLibreMap } from 'maplibre-gl'
import type { AreaColors } from '../palette.ts'
import { gridMinimumZoom } from './areas-layer.ts'

export const placesSourceId = 'places'
export const countyPlaceLayerId = 'place-county'
export const countySeatLayerId = 'place-county-seat'
export const gridPlaceLayerId = 'place-grid'
export const villagePlaceLayerId = 'place-village'
export const placeLayerIds = [villagePlaceLayerId, gridPlaceLayerId, countyPlaceLayerId] as const

/** Village names appear from this zoom (a township fills the screen). */
export const villageLabelMinimumZoom = 11

const pillImage = 'place-pill'

export type PlaceKind = 'county' | 'grid' | 'village'

export interface Place {
  kind: PlaceKind
  name: string
  /** A second, smaller line (a grid's zone). */
  detail?: string
  at: [number, number]
}

export function placeFeatureCollection(places: readonly Place[]): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: places.map((place) => ({
      type: 'Feature',
      properties: { kind: place.kind, name: place.name, detail: place.detail ?? '' },
      geometry: { type: 'Point', coordinates: place.at },
    })),
  }
}

const regular = ['Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', 'sans-serif']
const bold = ['Noto Sans CJK SC Bold', ...regular]
const isKind = (kind: PlaceKind): ExpressionSpecification => ['==', ['get', 'kind'], kind]

/**
 * The layers, in drawing order (the last wins a collision). `scale` enlarges them (the wall); the
 * planner, who paints villages, wants their names a little earlier.
 */
export function placeLayers(
  colors: AreaColors,
  options: { scale?: number; villageMinimumZoom?: number } = {},
): LayerSpecification[] {
  const scale = options.scale ?? 1
  const halo = { 'text-halo-color': colors.labelHalo, 'text-halo-width': 1.6 * scale, 'text-halo-blur': 0.4 }
  return [
    {
      id: villagePlaceLayerId,
      type: 'symbol',
      source: placesSourceId,
      minzoom: options.villageMinimumZoom ?? villageLabelMinimumZoom,
      filter: isKind('village'),
      // Beside the seat, not on it: the village's clinic usually stands there.
      layout: {
        'text-field': ['get', 'name'],
        'text-font': regular,
        'text-size': 12.5 * scale,
        'text-padding': 3,
        'text-max-width': 8,
        'text-variable-anchor': ['top', 'bottom', 'left', 'right'],
        'text-radial-offset': 0.7,
      },
      paint: { 'text-color': colors.labelMuted, ...halo },
    },
    {
      id: gridPlaceLayerId,
      type: 'symbol',
      source: placesSourceId,
      minzoom: gridMinimumZoom,
      filter: isKind('grid'),
      layout: {
        'text-field': [
          'case',
          ['==', ['get', 'detail'], ''],
          ['format', ['get', 'name'], { 'text-font': ['literal', bold] }],
          [
            'format',
            ['get', 'name'],
            { 'text-font': ['literal', bold] },
            '\n',
            {},
            ['get', 'detail'],
            { 'font-scale': 0.9 },
          ],
        ],
        'text-font': regular,
        'text-size': 14 * scale,
        'text-line-height': 1.25,
        'text-padding': 2,
        'icon-image': pillImage,
        'icon-text-fit': 'both',
        'icon-text-fit-padding': [3 * scale, 8 * scale, 3 * scale, 8 * scale],
        // A grid's name may move off its seat rather than vanish.
        'text-variable-anchor': [
          'center',
          'top',
          'bottom',
          'left',
          'right',
          'top-left',
          'top-right',
          'bottom-left',
          'bottom-right',
        ],
        'text-radial-offset': 1.2,
      },
      paint: { 'text-color': colors.labelText },
    },
    {
      id: countySeatLayerId,
      type: 'circle',
      source: placesSourceId,
      filter: isKind('county'),
      paint: {
        'circle-radius': 4.5 * scale,
        'circle-color': colors.labelText,
        'circle-stroke-color': colors.labelHalo,
        'circle-stroke-width': 2 * scale,
      },
    },
    {
      id: countyPlaceLayerId,
      type: 'symbol',
      source: placesSourceId,
      filter: isKind('county'),
      layout: {
        'text-field': ['get', 'name'],
        'text-font': bold,
        'text-size': 17 * scale,
        'text-allow-overlap': true,
        'text-ignore-placement': false,
        'text-anchor': 'bottom',
        'text-offset': [0, -0.4],
      },
      paint: { 'text-color': colors.labelText, ...halo },
    },
  ]
}

/** The grid labels' rounded box, drawn once per map (9-slice: only its middle stretches). */
export function addPlaceImages(map: MapLibreMap, colors: AreaColors): void {
  const ratio = 2
  const size = 24 * ratio
  const radius = 7 * ratio
  const canvas = document.createElement('canvas')
  canvas.width = canvas.height = size
  const context = canvas.getContext('2d')!
  context.fillStyle = colors.labelBox
  context.strokeStyle = colors.labelBoxBorder
  context.lineWidth = ratio
  context.beginPath()
  context.roundRect(ratio, ratio, size - 2 * ratio, size - 2 * ratio, radius)
  context.fill()
  context.stroke()
  const image = context.getImageData(0, 0, size, size)
  map.addImage(
    pillImage,
    { width: size, height: size, data: new Uint8Array(image.data.buffer) },
    {
      pixelRatio: ratio,
      stretchX: [[radius, size - radius]],
      stretchY: [[radius, size - radius]],
      content: [radius, radius, size - radius, size - radius],
    },
  )
}
