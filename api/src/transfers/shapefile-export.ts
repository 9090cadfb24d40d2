// Layers as zipped Shapefiles, for the GIS tools bureaus use besides QGIS (ArcGIS, the provincial
// platforms' uploaders). Written with @mapbox/shp-write; what it leaves to the caller is done here:
// - polygons as one MultiPolygon layer, outer rings clockwise and holes anticlockwise, as the
//   Shapefile specification requires (GeoJSON has them the other way round);
// - text in UTF-8 with a .cpg saying so: the DBF writer stores one byte per character, so each
//   string is handed over as its UTF-8 bytes (Chinese names would otherwise lose their high byte);
// - field names of at most ten ASCII characters (the DBF limit), which the callers choose.
import shpwrite from '@mapbox/shp-write'
import JSZip from 'jszip'

type Position = number[]
type Ring = Position[]
type Properties = Record<string, string | number | boolean | null>

export interface ShapefileFeature {
  geometry: { type: string; coordinates: unknown }
  properties: Properties
}

/** Twice the signed area of a ring (positive: anticlockwise). */
function signedArea(ring: Ring): number {
  let sum = 0
  for (let index = 0; index + 1 < ring.length; index++)
    sum += ring[index]![0]! * ring[index + 1]![1]! - ring[index + 1]![0]! * ring[index]![1]!
  return sum
}

const oriented = (ring: Ring, clockwise: boolean) => (signedArea(ring) < 0 === clockwise ? ring : [...ring].reverse())

function shapefilePolygons(geometry: ShapefileFeature['geometry']): Ring[][] {
  const polygons =
    geometry.type === 'Polygon'
      ? [geometry.coordinates as Ring[]]
      : geometry.type === 'MultiPolygon'
        ? (geometry.coordinates as Ring[][])
        : null
  if (!polygons) throw new Error(`a polygon layer cannot hold a ${geometry.type}`)
  return polygons.map((rings) => rings.map((ring, index) => oriented(ring, index === 0)))
}

/** Strings as their UTF-8 bytes, one character per byte, which is what the DBF writer stores. */
const dbfValue = (value: Properties[string]) =>
  typeof value === 'string' ? Buffer.from(value, 'utf8').toString('latin1') : value

/** A zip holding `<layer>.shp/.shx/.dbf/.prj/.cpg`: polygons or points, coordinates as given (the .prj says WGS84). */
export async function zippedShapefile(
  layer: string,
  kind: 'polygon' | 'point',
  features: readonly ShapefileFeature[],
): Promise<Uint8Array> {
  const collection = {
    type: 'FeatureCollection' as const,
    features: features.map((feature) => ({
      type: 'Feature' as const,
      properties: Object.fromEntries(Object.entries(feature.properties).map(([key, value]) => [key, dbfValue(value)])),
      geometry:
        kind === 'polygon'
          ? { type: 'MultiPolygon' as const, coordinates: shapefilePolygons(feature.geometry) }
          : { type: 'Point' as const, coordinates: feature.geometry.coordinates as Position },
    })),
  }
  const written = await shpwrite.zip<'nodebuffer'>(collection, {
    outputType: 'nodebuffer',
    compression: 'DEFLATE',
    types: { polygon: layer, point: layer },
  })
  const zip = await JSZip.loadAsync(written)
  zip.file(`${layer}.cpg`, 'UTF-8')
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' })
}
