// The offline base style: our own data only, no tiles, fonts or sprites from anywhere else.
import type { StyleSpecification } from 'maplibre-gl'
import { areaColors, type AreaColors } from './palette.ts'

export function baseStyle(colors: AreaColors = areaColors): StyleSpecification {
  return {
    version: 8,
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': colors.background } }],
  }
}
