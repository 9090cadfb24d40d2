// Clinic-layer records as map features. Properties are short because there may be 62,000 of
// them: t type, v last-visit minute (−1 never), n open items, d first open deadline minute (0 none),
// c credit grade ('-' unrated), b blacklisted. Live changes arrive as feature-state with the same
// keys, which the colour expressions prefer over the properties.
import type { FeatureCollection, Point } from 'geojson'
import type { ClinicRecord } from '@gridwatch/api/map-layer/clinic-layer-format.ts'

export interface ClinicLiveState {
  v: number
  n: number
  d: number
  c: string
  b: boolean
}

export function liveState(record: ClinicRecord): ClinicLiveState {
  return {
    v: record.lastVisitMinute ?? -1,
    n: record.openIssues,
    d: record.firstDeadlineMinute ?? 0,
    c: record.creditGrade ?? '-',
    b: record.blacklisted,
  }
}

export function clinicFeatureCollection(records: readonly ClinicRecord[]): FeatureCollection<Point> {
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
