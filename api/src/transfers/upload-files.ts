// Reading the files planners and administrators upload: GeoJSON, zipped Shapefiles, CSV and
// XLSX tables. Each reader turns bytes into plain features or rows, or fails with a message that
// says what is wrong and where (the JSON position, the zip's contents, the sheet). Coordinates
// are converted to WGS84 from the system the uploader chose: Chinese web maps (Amap, Tencent)
// use GCJ-02 and Baidu BD-09, both offset by a few hundred metres from WGS84.
import gcoord from 'gcoord'
import Papa from 'papaparse'
import ExcelJS from 'exceljs'
import { parseZip } from 'shpjs'
import { Failure } from '../platform/failure.ts'
import { jsonErrorOffset } from './json-error-offset.ts'
import { phrase, type PhraseKey, type PhraseParams } from '../platform/phrases.ts'

export const coordinateSystems = ['wgs84', 'gcj02', 'bd09'] as const
export type CoordinateSystem = (typeof coordinateSystems)[number]

const gcoordSystem = { wgs84: gcoord.WGS84, gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const

const unreadable = (key: PhraseKey, params: PhraseParams = {}) =>
  Failure.phrased('invalid', 'unreadable-file', 'The file cannot be read', phrase(key, params))

/** [lon, lat] from the chosen system to WGS84, rounded to 1e-7° (about a centimetre). */
export function positionToWgs84(position: [number, number], system: CoordinateSystem): [number, number] {
  if (system === 'wgs84') return position
  const [lon, lat] = gcoord.transform(position, gcoordSystem[system], gcoord.WGS84) as [number, number]
  return [Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7]
}

/** WGS84 [lon, lat] to the chosen system, for exports. */
export function positionFromWgs84(position: [number, number], system: CoordinateSystem): [number, number] {
  if (system === 'wgs84') return position
  const [lon, lat] = gcoord.transform(position, gcoord.WGS84, gcoordSystem[system]) as [number, number]
  return [Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7]
}

/**
 * Converts every numeric position in a coordinates array, in place. Anything that is not a
 * position is left as it is, for the structural check to name.
 */
export function convertCoordinates(
  coordinates: unknown,
  convert: (position: [number, number]) => [number, number],
): unknown {
  if (!Array.isArray(coordinates)) return coordinates
  if (coordinates.length >= 2 && typeof coordinates[0] === 'number' && typeof coordinates[1] === 'number') {
    if (
      !Number.isFinite(coordinates[0]) ||
      !Number.isFinite(coordinates[1]) ||
      Math.abs(coordinates[0]) > 180 ||
      Math.abs(coordinates[1]) > 90
    )
      return coordinates
    const [lon, lat] = convert([coordinates[0], coordinates[1]])
    coordinates[0] = lon
    coordinates[1] = lat
    return coordinates
  }
  for (const item of coordinates) convertCoordinates(item, convert)
  return coordinates
}

/** Converts the features' geometries to WGS84, in place. */
export function featuresToWgs84(features: readonly unknown[], system: CoordinateSystem): void {
  if (system === 'wgs84') return
  for (const feature of features) {
    const geometry = (feature as { geometry?: { coordinates?: unknown } } | null)?.geometry
    if (geometry && 'coordinates' in geometry)
      convertCoordinates(geometry.coordinates, (position) => positionToWgs84(position, system))
  }
}

const isZip = (bytes: Uint8Array) =>
  bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04

/** Line and column of a character offset, for JSON errors a person can find in an editor. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset)
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') }
}

/** Bytes as text: UTF-8 (with or without BOM), or GB18030 when they are not UTF-8 (Excel on Chinese Windows). */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    return new TextDecoder('gb18030').decode(bytes)
  }
}

/**
 * The features of a GeoJSON FeatureCollection or of a zipped Shapefile (reprojected to WGS84
 * by its .prj when it has one). Throws a 400 problem naming what is wrong.
 */
export async function readFeatureFile(
  bytes: Uint8Array,
): Promise<{ features: unknown[]; format: 'geojson' | 'shapefile' }> {
  if (bytes.length === 0) throw unreadable('file-empty')
  if (isZip(bytes)) {
    let parsed: unknown
    try {
      parsed = await parseZip(bytes)
    } catch (error) {
      throw unreadable('zip-without-shapefile', { reason: (error as Error).message })
    }
    const collections = (Array.isArray(parsed) ? parsed : [parsed]) as { features?: unknown[] }[]
    if (collections.length !== 1) throw unreadable('zip-several-shapefiles', { count: collections.length })
    return { features: collections[0]?.features ?? [], format: 'shapefile' }
  }
  const text = decodeText(bytes)
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    const offset = jsonErrorOffset(text)
    const reason = (error as Error).message.slice(0, 200)
    throw offset < text.length
      ? unreadable('json-invalid-at', { ...lineAndColumn(text, offset), reason })
      : unreadable('json-ends-early', { reason })
  }
  const collection = parsed as { type?: unknown; features?: unknown }
  if (collection?.type !== 'FeatureCollection' || !Array.isArray(collection.features))
    throw unreadable('json-not-collection', { type: JSON.stringify(collection?.type ?? null) })
  return { features: collection.features, format: 'geojson' }
}

/** One row of a table, keyed by its header, with the row number a spreadsheet shows. */
export interface TableRow {
  row: number
  values: Record<string, string>
}

/** Rows of a CSV (UTF-8 or GB18030, comma, semicolon or tab) or of the first sheet of an XLSX file. */
export async function readTableFile(
  bytes: Uint8Array,
): Promise<{ header: string[]; rows: TableRow[]; format: 'csv' | 'xlsx' }> {
  if (bytes.length === 0) throw unreadable('file-empty')
  if (isZip(bytes)) {
    const workbook = new ExcelJS.Workbook()
    try {
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
    } catch (error) {
      throw unreadable('xlsx-unreadable', { reason: (error as Error).message })
    }
    const sheet = workbook.worksheets[0]
    if (!sheet) throw unreadable('xlsx-without-sheet')
    const header: string[] = []
    sheet
      .getRow(1)
      .eachCell({ includeEmpty: true }, (cell, column) => (header[column - 1] = cellText(cell.value).trim()))
    const rows: TableRow[] = []
    sheet.eachRow((row, rowNumber) => {
      if (rowNumber === 1) return
      const values: Record<string, string> = {}
      header.forEach((name, column) => (values[name] = cellText(row.getCell(column + 1).value).trim()))
      if (Object.values(values).some((value) => value !== '')) rows.push({ row: rowNumber, values })
    })
    return { header, rows, format: 'xlsx' }
  }
  const text = decodeText(bytes).replace(/^\uFEFF/, '')
  if (text.includes('\u0000')) throw unreadable('table-binary')
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy', delimitersToGuess: [',', ';', '\t'] })
  const fatal = parsed.errors.find((error) => error.type === 'Quotes')
  if (fatal) throw unreadable('csv-row-error', { row: (fatal.row ?? 0) + 1, reason: fatal.message })
  const [first, ...rest] = parsed.data
  if (!first) throw unreadable('csv-without-header')
  const header = first.map((name) => name.trim())
  const rows = rest.map((cells, index) => ({
    row: index + 2,
    values: Object.fromEntries(header.map((name, column) => [name, (cells[column] ?? '').trim()])),
  }))
  return { header, rows, format: 'csv' }
}

/** A spreadsheet cell's value as the text a person sees (formulas by their result, rich text joined). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'object') {
    if (value instanceof Date) return value.toISOString().slice(0, 10)
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue)
    if ('richText' in value) return value.richText.map((part) => part.text).join('')
    if ('text' in value) return String(value.text)
    return ''
  }
  return String(value)
}
