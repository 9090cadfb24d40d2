// The institution layer on the wire: every institution's position and the state the three themes colour
// by, as columns with delta-coded integers and one-letter codes, so that a province of 62,000
// institutions compresses to a few bytes each. Times are absolute minutes since the epoch, so the
// payload stays valid as the clock moves on: the client judges recency and deadlines against its
// own now. Pure TypeScript: the server encodes, the web app decodes.
import { bureauDayOfMinute } from './bureau-calendar.ts'
import type { CreditGrade } from './credit.ts'
import type { InstitutionType } from './institution-types.ts'

export const institutionLayerFormat = 'gridwatch-institutions/2'

export interface InstitutionRecord {
  id: number
  lon: number
  lat: number
  gridId: number | null
  type: InstitutionType
  status: InstitutionStatus
  creditGrade: CreditGrade | null
  blacklisted: boolean
  /** Minute (since the epoch) of the last inspection; null when never inspected. */
  lastVisitMinute: number | null
  /** Minute of the last verified inspection (geofence, stay, poster photo); what coverage counts. */
  lastVerifiedMinute: number | null
  /** Days between inspections this institution needs, by its type, grade and county (inspection-intervals.ts). */
  intervalDays: number
  /** Ledger items not closed. */
  openLedgerItems: number
  /** Minute of the earliest deadline among the open items; null when none is open. */
  firstDeadlineMinute: number | null
  /** Minute the oldest public-opinion risk report still awaiting acknowledgement was sent on; null when none. */
  riskSinceMinute: number | null
}

export type InstitutionStatus = 'active' | 'suspended' | 'closed'

export interface InstitutionLayerPayload {
  format: typeof institutionLayerFormat
  /** Changes whenever any record changes; also the ETag. */
  version: string
  count: number
  /** Minute the relative times below count from. */
  baseMinute: number
  id: number[]
  /** round(lon · 1e5), delta-coded (about a metre). */
  lon: number[]
  lat: number[]
  /** Grid id (0 = none), delta-coded. */
  grid: number[]
  type: string
  status: string
  /** A–D, '-' unrated; lower case (and '_') when blacklisted. */
  credit: string
  /** baseMinute − last visit minute; −1 when never visited. */
  visit: number[]
  /** baseMinute − last verified inspection minute; −1 when none. */
  verified: number[]
  /** Required interval in days. */
  interval: number[]
  issues: number[]
  /** First open deadline − baseMinute (negative when past); 0 when no item is open. */
  deadline: number[]
  /** baseMinute − minute of the oldest unacknowledged risk report; −1 when none. */
  risk: number[]
}

const typeCodes: Record<InstitutionType, string> = {
  village_clinic: 'v',
  township_health_centre: 't',
  hospital: 'h',
  private_clinic: 'p',
  pharmacy: 'd',
}
const statusCodes: Record<InstitutionStatus, string> = { active: 'a', suspended: 's', closed: 'c' }
const typeOfCode = invert(typeCodes)
const statusOfCode = invert(statusCodes)

function invert<K extends string>(codes: Record<K, string>): Map<string, K> {
  return new Map(Object.entries(codes).map(([key, code]) => [code as string, key as K]))
}

const coordinateScale = 1e5

function creditCode(grade: CreditGrade | null, blacklisted: boolean): string {
  const code = grade ?? '-'
  return blacklisted ? (grade ? code.toLowerCase() : '_') : code
}

export function encodeInstitutionLayer(
  records: readonly InstitutionRecord[],
  version: string,
  baseMinute: number,
): InstitutionLayerPayload {
  const payload: InstitutionLayerPayload = {
    format: institutionLayerFormat,
    version,
    count: records.length,
    baseMinute,
    id: [],
    lon: [],
    lat: [],
    grid: [],
    type: '',
    status: '',
    credit: '',
    visit: [],
    verified: [],
    interval: [],
    issues: [],
    deadline: [],
    risk: [],
  }
  let [previousId, previousLon, previousLat, previousGrid] = [0, 0, 0, 0]
  const types: string[] = []
  const statuses: string[] = []
  const credits: string[] = []
  for (const record of records) {
    const lon = Math.round(record.lon * coordinateScale)
    const lat = Math.round(record.lat * coordinateScale)
    const grid = record.gridId ?? 0
    payload.id.push(record.id - previousId)
    payload.lon.push(lon - previousLon)
    payload.lat.push(lat - previousLat)
    payload.grid.push(grid - previousGrid)
    ;[previousId, previousLon, previousLat, previousGrid] = [record.id, lon, lat, grid]
    types.push(typeCodes[record.type])
    statuses.push(statusCodes[record.status])
    credits.push(creditCode(record.creditGrade, record.blacklisted))
    payload.visit.push(record.lastVisitMinute === null ? -1 : baseMinute - record.lastVisitMinute)
    payload.verified.push(record.lastVerifiedMinute === null ? -1 : baseMinute - record.lastVerifiedMinute)
    payload.interval.push(record.intervalDays)
    payload.issues.push(record.openLedgerItems)
    payload.deadline.push(record.firstDeadlineMinute === null ? 0 : record.firstDeadlineMinute - baseMinute)
    payload.risk.push(record.riskSinceMinute === null ? -1 : baseMinute - record.riskSinceMinute)
  }
  payload.type = types.join('')
  payload.status = statuses.join('')
  payload.credit = credits.join('')
  return payload
}

export function decodeInstitutionLayer(payload: InstitutionLayerPayload): InstitutionRecord[] {
  if (payload.format !== institutionLayerFormat)
    throw new Error(`unknown institution layer format ${String(payload.format)}`)
  const records: InstitutionRecord[] = new Array(payload.count)
  let [id, lon, lat, grid] = [0, 0, 0, 0]
  for (let index = 0; index < payload.count; index++) {
    id += payload.id[index]!
    lon += payload.lon[index]!
    lat += payload.lat[index]!
    grid += payload.grid[index]!
    const credit = payload.credit[index]!
    const visit = payload.visit[index]!
    const issues = payload.issues[index]!
    records[index] = {
      id,
      lon: lon / coordinateScale,
      lat: lat / coordinateScale,
      gridId: grid === 0 ? null : grid,
      type: typeOfCode.get(payload.type[index]!)!,
      status: statusOfCode.get(payload.status[index]!)!,
      creditGrade: credit === '-' || credit === '_' ? null : (credit.toUpperCase() as CreditGrade),
      blacklisted: credit === '_' || credit !== credit.toUpperCase(),
      lastVisitMinute: visit < 0 ? null : payload.baseMinute - visit,
      lastVerifiedMinute: payload.verified[index]! < 0 ? null : payload.baseMinute - payload.verified[index]!,
      intervalDays: payload.interval[index]!,
      openLedgerItems: issues,
      firstDeadlineMinute: issues === 0 ? null : payload.baseMinute + payload.deadline[index]!,
      riskSinceMinute: payload.risk[index]! < 0 ? null : payload.baseMinute - payload.risk[index]!,
    }
  }
  return records
}

export const minuteOf = (date: Date): number => Math.floor(date.getTime() / 60_000)

/** Calendar days (the bureau's) from a minute to now, as the server counts them; null when never. */
export function daysSinceMinute(minute: number | null, nowMinute: number): number | null {
  return minute === null ? null : Math.max(0, bureauDayOfMinute(nowMinute) - bureauDayOfMinute(minute))
}
