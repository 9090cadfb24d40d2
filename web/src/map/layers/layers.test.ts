// Every layer the map adds, validated against the MapLibre style specification, with every theme
// and filter the pages can set: a typo in an expression fails here, not on a wall screen.
import { describe, expect, test } from 'vitest'
import { validateStyleMin, type StyleSpecification } from '@maplibre/maplibre-gl-style-spec'
import { areaColors, themeNames, wallAreaColors } from '../palette.ts'
import { areaLayers, districtSourceId, gridsSourceId, zonesSourceId } from './areas-layer.ts'
import {
  institutionColorExpression,
  institutionFilter,
  institutionLayers,
  institutionOpacityExpression,
  institutionsSourceId,
} from './institutions-layer.ts'
import { haloLayers, halosSourceId } from './halos-layer.ts'
import { hexToRgb } from './institution-points-layer.ts'
import { placeLayers, placesSourceId } from './places-layer.ts'

const nowMinute = 29_400_000
const empty = { type: 'geojson' as const, data: { type: 'FeatureCollection' as const, features: [] } }

function style(layers: StyleSpecification['layers']): StyleSpecification {
  return {
    version: 8,
    sources: Object.fromEntries(
      [districtSourceId, zonesSourceId, gridsSourceId, institutionsSourceId, halosSourceId, placesSourceId].map(
        (id) => [id, empty],
      ),
    ),
    layers,
  }
}

describe('layer specifications', () => {
  test.each(themeNames)('areas, halos and institutions on the %s theme are valid, light and dark', (theme) => {
    for (const colors of [areaColors, wallAreaColors]) {
      const layers = [
        ...areaLayers(colors),
        ...haloLayers(nowMinute, 1.5),
        ...institutionLayers(theme, nowMinute, { strokeColor: colors.background, radiusScale: 2 }),
      ]
      expect(validateStyleMin(style(layers))).toEqual([])
    }
  })

  test('place names are valid on both maps, at any scale, without a glyphs URL', () => {
    for (const colors of [areaColors, wallAreaColors])
      for (const options of [{}, { scale: 2 }, { villageMinimumZoom: 10 }])
        expect(validateStyleMin(style(placeLayers(colors, options)))).toEqual([])
  })

  test('filters and class toggles give valid expressions', () => {
    const [institutions] = institutionLayers('recency', nowMinute)
    for (const filter of [
      institutionFilter({ gridIds: [3, 4], types: null }),
      institutionFilter({ gridIds: null, types: ['pharmacy'] }),
      institutionFilter({ gridIds: [3], types: ['hospital'] }),
    ]) {
      expect(filter).not.toBeNull()
      expect(
        validateStyleMin(style([{ ...institutions!, filter: filter! } as StyleSpecification['layers'][number]])),
      ).toEqual([])
    }
    expect(institutionFilter({ gridIds: null, types: null })).toBeNull()
    const opacity = institutionOpacityExpression('recency', nowMinute, ['within', 'never'])
    expect(opacity).toEqual(['match', institutionColorExpression('recency', nowMinute), ['#16a34a', '#374151'], 0, 1])
    expect(
      validateStyleMin(
        style([
          {
            ...institutions!,
            paint: { ...(institutions as { paint: object }).paint, 'circle-opacity': opacity },
          } as StyleSpecification['layers'][number],
        ]),
      ),
    ).toEqual([])
    expect(institutionOpacityExpression('credit', nowMinute, [])).toBe(1)
  })
})

describe('point layer colours', () => {
  test.each([
    ['#16a34a', [22, 163, 74]],
    ['#000000', [0, 0, 0]],
    ['#ffffff', [255, 255, 255]],
  ] as const)('%s → %j', (hex, rgb) => {
    expect(hexToRgb(hex)).toEqual(rgb)
  })
})
