// Clinic-layer records as map features. Properties are short because there may be 62,000 of
// them: t type, v last-visit minute (−1 never), i required interval in days, n open items, d first open deadline minute (0 none),
// c credit grade ('-' unrated), b blacklisted. Live changes arrive as feature-state with the same
// keys, which the colour expressions prefer over the properties.
import { LngLatBounds } from 'maplibre-gl'
import type { FeatureCollection, Point } from 'geojson'
import type { InstitutionRecord } from '@gridwatch/domain/institution-layer-format.ts'

export interface InstitutionLiveState {
  v: number
  i: number
  n: number
  d: number
  c: string
  b: boolean
}

export function liveState(record: InstitutionRecord): InstitutionLiveState {
  return {
    v: record.lastVisitMinute ?? -1,
    i: record.intervalDays,
    n: record.openLedgerItems,
    d: record.firstDeadlineMinute ?? 0,
    c: record.creditGrade ?? '-',
    b: record.blacklisted,
  }
}

export function institutionFeatureCollection(records: readonly InstitutionRecord[]): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: records.map((record) => ({
      type: 'Feature',
      id: record.id,
      geometry: { type: 'Point', coordinates: [record.lon, record.lat] },
      properties: { id: record.id, t: record.type, g: record.gridId ?? 0, ...liveState(record) },
    })),
  }
}

/** What the themes classify by, read back from a rendered feature (live state over properties). */
export function themeFieldsOfFeature(
  properties: Record<string, unknown>,
  state: Record<string, unknown> = {},
): Pick<
  InstitutionRecord,
  'lastVisitMinute' | 'intervalDays' | 'openLedgerItems' | 'firstDeadlineMinute' | 'creditGrade'
> {
  const value = (key: keyof InstitutionLiveState) => (key in state ? state[key] : properties[key])
  const visit = Number(value('v'))
  const issues = Number(value('n'))
  const credit = String(value('c'))
  return {
    lastVisitMinute: visit < 0 ? null : visit,
    intervalDays: Number(value('i')),
    openLedgerItems: issues,
    firstDeadlineMinute: issues === 0 ? null : Number(value('d')),
    creditGrade: credit === '-' ? null : (credit as InstitutionRecord['creditGrade']),
  }
}

/** The box around the institutions, with a small margin that keeps the district outline in view when it arrives. */
export function recordBounds(records: readonly InstitutionRecord[]): LngLatBounds {
  const bounds = new LngLatBounds()
  for (const { lon, lat } of records) bounds.extend([lon, lat])
  const [west, south, east, north] = bounds.toArray().flat()
  const margin = Math.max(east! - west!, north! - south!) * 0.04
  return new LngLatBounds([west! - margin, south! - margin], [east! + margin, north! + margin])
}
