// The offline base style: our own data only, no tiles, fonts or sprites from anywhere else.
import type { StyleSpecification } from 'maplibre-gl'
import { areaColors } from './palette.ts'

export function baseStyle(): StyleSpecification {
  return {
    version: 8,
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': areaColors.background } }],
  }
}
