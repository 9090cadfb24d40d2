// Importing the bureau's list of designated institutions (CSV or XLSX, one row each). Rows are
// matched to existing institutions by their code (医保编码); a row's position, converted to
// WGS84, decides its village and grid under the published boundaries. The report lists new,
// changed (with what changes, including a move to another grid) and unchanged rows, and every
// rejected row with its row number and reasons; nothing is written unless every row is sound and
// the caller applies it, and then all rows in one transaction. Institutions missing from the file
// are left as they are.
import { haversineDistanceMeters } from '@gridwatch/domain/distance.ts'
import { sql } from 'drizzle-orm'
import type { Database } from '@gridwatch/db'
import type { InstitutionType } from '@gridwatch/db/schema'
import { publishedVersionOf } from '../boundaries/drafts.ts'
import { positionToWgs84, type CoordinateSystem, type TableRow } from './upload-files.ts'
import { phrase, type Phrase } from '../platform/phrases.ts'
import type { WritePath } from '../platform/write-path.ts'
import { maskPhone } from '@gridwatch/domain/phone-mask.ts'

/** Column names accepted for each field, Chinese first (as the bureau's own lists have them). */
const columns = {
  code: ['医保编码', '机构编码', '编码', '定点编号', 'code'],
  name: ['机构名称', '名称', 'name'],
  type: ['机构类型', '类型', 'type'],
  lon: ['经度', 'lon', 'lng', 'longitude', 'x'],
  lat: ['纬度', 'lat', 'latitude', 'y'],
  address: ['地址', 'address'],
  contactName: ['联系人', 'contact', 'contactName'],
  contactPhone: ['联系电话', '电话', 'phone', 'contactPhone'],
  status: ['状态', 'status'],
} as const
type Field = keyof typeof columns

const typeWords: [RegExp, InstitutionType][] = [
  [/^(village_clinic|村卫生室|村（社区）卫生室|村\(社区\)卫生室|社区卫生室|村级卫生室|卫生室)$/i, 'village_clinic'],
  [/^(township_health_centre|乡镇卫生院|卫生院|社区卫生服务中心)$/i, 'township_health_centre'],
  [/^(hospital|医院|公立医院|二级医院|三级医院)$/i, 'hospital'],
  [/^(private_clinic|诊所|门诊部|社会办医疗机构|民营医院)$/i, 'private_clinic'],
  [/^(pharmacy|药店|药房|零售药店|定点零售药店)$/i, 'pharmacy'],
]
const statusWords: [RegExp, 'active' | 'suspended' | 'closed'][] = [
  [/^(active|正常|在用|)$/i, 'active'],
  [/^(suspended|暂停|中止|暂停协议)$/i, 'suspended'],
  [/^(closed|关闭|注销|解除协议)$/i, 'closed'],
]

export interface InstitutionRow {
  code: string
  name: string
  type: InstitutionType
  position: [number, number]
  address: string | null
  contactName: string | null
  contactPhone: string | null
  status: 'active' | 'suspended' | 'closed'
}

export interface InstitutionImportReport {
  valid: boolean
  applied: boolean
  rows: number
  created: { row: number; code: string; name: string; grid: string }[]
  changed: { row: number; code: string; name: string; changes: Phrase[] }[]
  unchanged: number
  rejected: { row: number; code: string; reasons: Phrase[] }[]
  /** Existing institutions of the county the file does not list: left unchanged. */
  notInFile: number
  /** Columns the file has that the import does not use. */
  ignoredColumns: string[]
}

const unescapeFormula = (value: string) => (/^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value)

/** Which header of the file holds each field. */
function mapHeader(header: readonly string[]): { fieldColumn: Partial<Record<Field, string>>; ignored: string[] } {
  const fieldColumn: Partial<Record<Field, string>> = {}
  const used = new Set<string>()
  for (const [field, names] of Object.entries(columns) as [Field, readonly string[]][]) {
    const found = header.find((column) => names.some((name) => name.toLowerCase() === column.toLowerCase()))
    if (found) {
      fieldColumn[field] = found
      used.add(found)
    }
  }
  return { fieldColumn, ignored: header.filter((column) => column && !used.has(column)) }
}

/** One row checked on its own: the institution it describes, or why it cannot be read. */
function readRow(
  row: TableRow,
  fieldColumn: Partial<Record<Field, string>>,
  system: CoordinateSystem,
): { value: InstitutionRow | null; reasons: Phrase[] } {
  // Our CSV export writes a cell beginning with =, +, -, @, tab or CR behind an apostrophe (formula
  // injection); read back, the apostrophe goes again.
  const get = (field: Field) => unescapeFormula(fieldColumn[field] ? (row.values[fieldColumn[field]] ?? '') : '')
  const reasons: Phrase[] = []
  const code = get('code')
  const name = get('name')
  if (!code) reasons.push(phrase('column-empty', { column: fieldColumn.code ?? '医保编码' }))
  if (!name) reasons.push(phrase('column-empty', { column: fieldColumn.name ?? '机构名称' }))
  const typeText = get('type')
  const type = typeWords.find(([pattern]) => pattern.test(typeText))?.[1]
  if (!type) reasons.push(phrase('type-unknown', { column: fieldColumn.type ?? '机构类型', value: typeText }))
  const statusText = get('status')
  const status = statusWords.find(([pattern]) => pattern.test(statusText))?.[1]
  if (!status) reasons.push(phrase('status-unknown', { column: fieldColumn.status ?? '状态', value: statusText }))
  const lon = Number(get('lon'))
  const lat = Number(get('lat'))
  if (!get('lon') || !get('lat') || !Number.isFinite(lon) || !Number.isFinite(lat))
    reasons.push(phrase('position-not-numbers', { lon: get('lon'), lat: get('lat') }))
  else if (Math.abs(lon) > 180 || Math.abs(lat) > 90) reasons.push(phrase('position-out-of-range', { lon, lat }))
  if (reasons.length > 0) return { value: null, reasons }
  const text = (field: Field) => get(field) || null
  return {
    value: {
      code,
      name,
      type: type!,
      position: positionToWgs84([lon, lat], system),
      address: text('address'),
      contactName: text('contactName'),
      contactPhone: text('contactPhone'),
      status: status!,
    },
    reasons,
  }
}

interface Existing {
  id: number
  code: string
  name: string
  type: InstitutionType
  lon: number
  lat: number
  address: string | null
  contact_name: string | null
  contact_phone: string | null
  status: string
  grid_id: number | null
}

export async function importInstitutions(
  database: Database,
  countyCode: string,
  table: { header: string[]; rows: TableRow[] },
  options: { apply: boolean; system: CoordinateSystem; write: WritePath; auditDetails: Record<string, unknown> },
): Promise<InstitutionImportReport & { changedIds: number[] }> {
  const { fieldColumn, ignored } = mapHeader(table.header)
  const missing = (['code', 'name', 'type', 'lon', 'lat'] as const).filter((field) => !fieldColumn[field])
  const report: InstitutionImportReport = {
    valid: false,
    applied: false,
    rows: table.rows.length,
    created: [],
    changed: [],
    unchanged: 0,
    rejected: [],
    notInFile: 0,
    ignoredColumns: ignored,
  }
  if (missing.length > 0) {
    report.rejected.push({
      row: 1,
      code: '',
      reasons: [
        phrase('header-lacks-columns', {
          missing: missing.map((field) => columns[field][0]),
          accepted: missing.map((field) => columns[field].join('/')),
        }),
      ],
    })
    return { ...report, changedIds: [] }
  }
  if (table.rows.length === 0) {
    report.rejected.push({ row: 2, code: '', reasons: [phrase('header-without-rows')] })
    return { ...report, changedIds: [] }
  }
  const versionId = await publishedVersionOf(database, countyCode)
  const sound: { row: number; value: InstitutionRow }[] = []
  const seenCodes = new Map<string, number>()
  for (const row of table.rows) {
    const { value, reasons } = readRow(row, fieldColumn, options.system)
    if (value && seenCodes.has(value.code))
      reasons.push(phrase('code-twice', { code: value.code, row: seenCodes.get(value.code)! }))
    if (value) seenCodes.set(value.code, row.row)
    if (!value || reasons.length > 0) report.rejected.push({ row: row.row, code: value?.code ?? '', reasons })
    else sound.push({ row: row.row, value })
  }
  // Village and grid of every position under the published boundaries, in one query.
  const positions = JSON.stringify(
    sound.map(({ row, value }) => ({ r: row, x: value.position[0], y: value.position[1] })),
  )
  const placed = await database.rows<{
    r: number
    village_id: number | null
    grid_id: number | null
    grid: string | null
  }>(sql`
    WITH points AS MATERIALIZED (
      SELECT (p->>'r')::int AS r, ST_SetSRID(ST_MakePoint((p->>'x')::float8, (p->>'y')::float8), 4326) AS at FROM jsonb_array_elements(${positions}::jsonb) p)
    SELECT points.r, v.id AS village_id, g.id AS grid_id, g.name AS grid
    FROM points
    LEFT JOIN LATERAL (
      SELECT v.id, v.parent_id FROM areas v
      WHERE v.geom && points.at AND ST_Covers(v.geom, points.at) AND v.level = 'village' AND v.boundary_version_id = ${versionId}
      ORDER BY v.id LIMIT 1) v ON true
    LEFT JOIN areas g ON g.id = v.parent_id`)
  const placeOf = new Map(placed.map((row) => [row.r, row]))
  const existing = await database.rows<Existing>(sql`
    SELECT id, code, name, type, ST_X(position) AS lon, ST_Y(position) AS lat, address, contact_name, contact_phone, status, grid_id
    FROM institutions WHERE county_code = ${countyCode}`)
  const byCode = new Map(existing.map((row) => [row.code, row]))
  const gridNames = new Map(
    (
      await database.rows<{ id: number; name: string }>(
        sql`SELECT id, name FROM areas WHERE level = 'grid' AND county_code = ${countyCode}`,
      )
    ).map((row) => [row.id, row.name]),
  )

  const writes: {
    row: number
    value: InstitutionRow
    existing: Existing | undefined
    villageId: number
    gridId: number
  }[] = []
  for (const { row, value } of sound) {
    const place = placeOf.get(row)
    if (!place?.village_id || !place.grid_id) {
      report.rejected.push({
        row,
        code: value.code,
        reasons: [phrase('position-outside-district', { lon: value.position[0], lat: value.position[1] })],
      })
      continue
    }
    const before = byCode.get(value.code)
    // A phone number masked by an export (for a reader without phone.read) that matches the stored
    // one keeps the stored number: exporting and importing again must not overwrite phones with stars.
    if (before?.contact_phone && value.contactPhone === maskPhone(before.contact_phone))
      value.contactPhone = before.contact_phone
    writes.push({ row, value, existing: before, villageId: place.village_id, gridId: place.grid_id })
    if (!before) {
      report.created.push({ row, code: value.code, name: value.name, grid: place.grid ?? '' })
      continue
    }
    const changes: Phrase[] = []
    if (before.name !== value.name) changes.push(phrase('changed-name', { before: before.name, after: value.name }))
    if (before.type !== value.type) changes.push(phrase('changed-type', { before: before.type, after: value.type }))
    if (before.status !== value.status)
      changes.push(phrase('changed-status', { before: before.status, after: value.status }))
    const distance = haversineDistanceMeters([before.lon, before.lat], value.position)
    if (distance >= 1) changes.push(phrase('changed-position', { meters: Math.round(distance) }))
    if (before.grid_id !== place.grid_id)
      changes.push(
        phrase('changed-grid', { before: gridNames.get(before.grid_id ?? -1) ?? '—', after: place.grid ?? '—' }),
      )
    if ((before.address ?? null) !== value.address) changes.push(phrase('changed-address'))
    if ((before.contact_name ?? null) !== value.contactName || (before.contact_phone ?? null) !== value.contactPhone)
      changes.push(phrase('changed-contact'))
    if (changes.length > 0) report.changed.push({ row, code: value.code, name: value.name, changes })
    else report.unchanged++
  }
  report.notInFile = existing.filter((row) => !seenCodes.has(row.code)).length
  report.valid = report.rejected.length === 0
  report.rejected.sort((a, b) => a.row - b.row)
  const changedRows = new Set([...report.created, ...report.changed].map((entry) => entry.row))
  const toWrite = writes.filter((write) => changedRows.has(write.row))
  if (!options.apply || !report.valid || toWrite.length === 0)
    return { ...report, applied: options.apply && report.valid, changedIds: [] }

  const rows = JSON.stringify(
    toWrite.map(({ value, villageId, gridId }) => ({
      ...value,
      lon: value.position[0],
      lat: value.position[1],
      villageId,
      gridId,
    })),
  )
  const written = await options.write(async (transaction, record) => {
    const result = await database.rows<{ id: number; created: boolean }>(
      sql`INSERT INTO institutions (county_code, code, name, type, position, village_id, grid_id, address, contact_name, contact_phone, status, is_demo, updated_at)
          SELECT ${countyCode}, r->>'code', r->>'name', r->>'type', ST_SetSRID(ST_MakePoint((r->>'lon')::float8, (r->>'lat')::float8), 4326),
            (r->>'villageId')::int, (r->>'gridId')::int, r->>'address', r->>'contactName', r->>'contactPhone', r->>'status', false, now()
          FROM jsonb_array_elements(${rows}::jsonb) r
          ON CONFLICT (county_code, code) DO UPDATE SET name = excluded.name, type = excluded.type, position = excluded.position,
            village_id = excluded.village_id, grid_id = excluded.grid_id, address = excluded.address, contact_name = excluded.contact_name,
            contact_phone = excluded.contact_phone, status = excluded.status, updated_at = now()
          RETURNING id, (xmax = 0) AS created`,
      transaction,
    )
    const ids = {
      created: result.filter((row) => row.created).map((row) => row.id),
      changed: result.filter((row) => !row.created).map((row) => row.id),
    }
    await record.audit({
      action: 'import',
      entity: 'institution',
      entityId: null,
      after: { ...options.auditDetails, ...ids },
      changes: [{ kind: 'layout' }],
    })
    return result.map((row) => row.id)
  })
  return { ...report, applied: true, changedIds: written }
}
