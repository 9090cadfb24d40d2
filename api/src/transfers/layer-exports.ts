// The planner's layers as files: grids (published, or a draft's dissolved shapes), villages
// and institutions as GeoJSON in the coordinate system asked for, and institutions as CSV or XLSX
// with the same column names the importer reads, so an exported file goes back in unchanged.
import { sql } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import Papa from 'papaparse'
import type { Database } from '@gridwatch/db'
import { publishedVersionOf, readDraft } from '../boundaries/drafts.ts'
import { convertCoordinates, positionFromWgs84, type CoordinateSystem } from './upload-files.ts'
import { zippedShapefile } from './shapefile-export.ts'
import { maskPhone } from '@gridwatch/domain/phone-mask.ts'

interface Collection {
  type: 'FeatureCollection'
  features: {
    type: 'Feature'
    properties: Record<string, string | number | boolean | null>
    geometry: { type: string; coordinates: unknown }
  }[]
}

/** GeoJSON property names that do not fit a DBF field name (ten ASCII characters) and what the Shapefile calls them. */
const dbfFieldNames: Record<string, string> = {
  institutions: 'instCount',
  医保编码: 'code',
  机构名称: 'name',
  机构类型: 'type',
  经度: 'lon',
  纬度: 'lat',
  地址: 'address',
  联系人: 'contact',
  联系电话: 'phone',
  状态: 'status',
  网格: 'grid',
}

/** A layer as a zipped Shapefile with the fields of its GeoJSON. */
export function shapefileOf(layer: string, kind: 'polygon' | 'point', collection: Collection): Promise<Uint8Array> {
  return zippedShapefile(
    layer,
    kind,
    collection.features.map((feature) => ({
      geometry: feature.geometry,
      properties: Object.fromEntries(
        Object.entries(feature.properties).map(([key, value]) => [dbfFieldNames[key] ?? key, value]),
      ),
    })),
  )
}

function collection(
  rows: { properties: Collection['features'][number]['properties']; geometry: string }[],
  system: CoordinateSystem,
): Collection {
  return {
    type: 'FeatureCollection',
    features: rows.map((row) => {
      const geometry = JSON.parse(row.geometry) as { type: string; coordinates: unknown }
      if (system !== 'wgs84')
        convertCoordinates(geometry.coordinates, (position) => positionFromWgs84(position, system))
      return { type: 'Feature', properties: row.properties, geometry }
    }),
  }
}

/** Grids with name, zone and counts; from a draft when one is named, else the published ones. */
export async function exportGrids(
  database: Database,
  countyCode: string,
  options: { system: CoordinateSystem; draftId?: number },
): Promise<Collection> {
  if (options.draftId !== undefined) {
    const draft = await readDraft(database, countyCode, options.draftId)
    const shapes = await database.rows<{ key: string; geometry: string }>(sql`
      SELECT key, ST_AsGeoJSON(geom, 7) AS geometry FROM boundary_draft_shapes WHERE draft_id = ${draft.id} AND geom IS NOT NULL ORDER BY key`)
    const zones = new Map(
      (
        await database.rows<{ id: number; name: string }>(
          sql`SELECT id, name FROM areas WHERE level = 'zone' AND county_code = ${countyCode}`,
        )
      ).map((zone) => [zone.id, zone.name]),
    )
    const geometryOf = new Map(shapes.map((shape) => [shape.key, shape.geometry]))
    return collection(
      draft.grids
        .filter((grid) => geometryOf.has(grid.key))
        .map((grid) => ({
          properties: {
            name: grid.name,
            zone: zones.get(grid.zoneId ?? -1) ?? null,
            gridId: grid.gridId,
            villages: grid.villageIds.length,
          },
          geometry: geometryOf.get(grid.key)!,
        })),
      options.system,
    )
  }
  const versionId = await publishedVersionOf(database, countyCode)
  const rows = await database.rows<{
    id: number
    name: string
    zone: string | null
    villages: number
    institutions: number
    geometry: string
  }>(sql`
    SELECT g.id, g.name, z.name AS zone,
      (SELECT count(*)::int FROM areas v WHERE v.parent_id = g.id AND v.level = 'village') AS villages,
      (SELECT count(*)::int FROM institutions i WHERE i.grid_id = g.id AND i.status = 'active') AS institutions,
      ST_AsGeoJSON(g.geom, 7) AS geometry
    FROM areas g LEFT JOIN areas z ON z.id = g.parent_id
    WHERE g.level = 'grid' AND g.boundary_version_id = ${versionId} AND g.geom IS NOT NULL ORDER BY g.sort_order, g.id`)
  return collection(
    rows.map((row) => ({
      properties: {
        name: row.name,
        zone: row.zone,
        gridId: row.id,
        villages: row.villages,
        institutions: row.institutions,
      },
      geometry: row.geometry,
    })),
    options.system,
  )
}

/** The villages with their statistical code and grid. */
export async function exportVillages(
  database: Database,
  countyCode: string,
  options: { system: CoordinateSystem },
): Promise<Collection> {
  const versionId = await publishedVersionOf(database, countyCode)
  const rows = await database.rows<{
    id: number
    name: string
    code: string | null
    grid: string | null
    is_demo: boolean
    geometry: string
  }>(sql`
    SELECT v.id, v.name, v.statistical_code AS code, g.name AS grid, v.is_demo, ST_AsGeoJSON(v.geom, 7) AS geometry
    FROM areas v LEFT JOIN areas g ON g.id = v.parent_id
    WHERE v.level = 'village' AND v.boundary_version_id = ${versionId} AND v.geom IS NOT NULL ORDER BY v.id`)
  return collection(
    rows.map((row) => ({
      properties: { name: row.name, code: row.code, grid: row.grid, villageId: row.id, demo: row.is_demo },
      geometry: row.geometry,
    })),
    options.system,
  )
}

const typeLabel = {
  village_clinic: '村（社区）卫生室',
  township_health_centre: '卫生院',
  hospital: '医院',
  private_clinic: '诊所',
  pharmacy: '药店',
} as const
const statusLabel = { active: '正常', suspended: '暂停', closed: '关闭' } as const
/** The importer's column names, in order. */
export const institutionColumns = [
  '医保编码',
  '机构名称',
  '机构类型',
  '经度',
  '纬度',
  '地址',
  '联系人',
  '联系电话',
  '状态',
  '网格',
] as const

async function institutionRows(database: Database, countyCode: string) {
  return database.rows<{
    code: string
    name: string
    type: keyof typeof typeLabel
    lon: number
    lat: number
    address: string | null
    contact_name: string | null
    contact_phone: string | null
    status: keyof typeof statusLabel
    grid: string | null
  }>(sql`
    SELECT i.code, i.name, i.type, ST_X(i.position) AS lon, ST_Y(i.position) AS lat, i.address, i.contact_name, i.contact_phone, i.status, g.name AS grid
    FROM institutions i LEFT JOIN areas g ON g.id = i.grid_id WHERE i.county_code = ${countyCode} ORDER BY i.code`)
}

/** How an institution export is made: positions in `system`; phone numbers masked unless the reader may read them (phone.read). */
export interface InstitutionExportOptions {
  system: CoordinateSystem
  maskPhones: boolean
}

/** Institutions as table rows, positions in the chosen system. */
export async function institutionTable(
  database: Database,
  countyCode: string,
  { system, maskPhones }: InstitutionExportOptions,
): Promise<string[][]> {
  const rows = await institutionRows(database, countyCode)
  return rows.map((row) => {
    const [lon, lat] = positionFromWgs84([row.lon, row.lat], system)
    const phone = row.contact_phone ?? ''
    return [
      row.code,
      row.name,
      typeLabel[row.type],
      lon.toFixed(7),
      lat.toFixed(7),
      row.address ?? '',
      row.contact_name ?? '',
      maskPhones && phone ? maskPhone(phone) : phone,
      statusLabel[row.status],
      row.grid ?? '',
    ]
  })
}

/** Positions stay in the properties as the table writes them (7 decimals; a DBF number keeps 3). */
export function institutionCollection(rows: readonly string[][]): Collection {
  return {
    type: 'FeatureCollection',
    features: rows.map((row) => ({
      type: 'Feature',
      properties: Object.fromEntries(institutionColumns.map((column, index) => [column, row[index] ?? null])),
      geometry: { type: 'Point', coordinates: [Number(row[3]), Number(row[4])] },
    })),
  }
}

/**
 * CSV with a byte-order mark, so Excel on Chinese Windows opens it as UTF-8. A cell that begins with
 * =, +, -, @, a tab or a carriage return is quoted with a leading apostrophe (Papa Parse's
 * escapeFormulae), so a name typed as a formula stays text in a spreadsheet.
 */
export function institutionsCsv(rows: readonly string[][]): string {
  return '\uFEFF' + Papa.unparse([[...institutionColumns], ...rows], { newline: '\r\n', escapeFormulae: true })
}

/** XLSX keeps every value as a text cell (never a formula), whatever it begins with. */
export async function institutionsXlsx(rows: readonly string[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('定点医药机构')
  sheet.addRow([...institutionColumns]).font = { bold: true }
  for (const row of rows) sheet.addRow(row)
  sheet.columns.forEach((column, index) => (column.width = [16, 28, 10, 13, 13, 30, 10, 14, 6, 14][index] ?? 12))
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}
