// shpjs ships no types; the one function we use: a zipped Shapefile to GeoJSON (one
// FeatureCollection, or an array of them when the zip holds several layers).
declare module 'shpjs' {
  export function parseZip(buffer: Uint8Array | ArrayBuffer, whiteList?: string[]): Promise<unknown>
}
