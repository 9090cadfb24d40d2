// Time made visible: a halo around each institution with an overdue ledger item or an unacknowledged
// public-opinion risk report, growing with how late it is. Halos have their own small source —
// only institutions with open items or risks — so live changes re-send a few hundred points, never
// the whole institution layer.
import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl'
import type { FeatureCollection, Point } from 'geojson'
import type { InstitutionRecord } from '@gridwatch/domain/institution-layer-format.ts'

export const halosSourceId = 'institution-halos'
export const itemHaloLayerId = 'halo-overdue-items'
export const riskHaloLayerId = 'halo-risks'
export const itemHaloColor = '#ef4444'
export const riskHaloColor = '#d946ef'

/** Institutions that may carry a halo: an open item (it may fall overdue while the screen runs) or a risk. */
export function haloFeatureCollection(records: Iterable<InstitutionRecord>): FeatureCollection<Point> {
  const features: FeatureCollection<Point>['features'] = []
  for (const record of records) {
    if (record.openLedgerItems === 0 && record.riskSinceMinute === null) continue
    features.push({
      type: 'Feature',
      id: record.id,
      geometry: { type: 'Point', coordinates: [record.lon, record.lat] },
      properties: {
        id: record.id,
        d: record.firstDeadlineMinute ?? 0,
        n: record.openLedgerItems,
        r: record.riskSinceMinute ?? -1,
      },
    })
  }
  return { type: 'FeatureCollection', features }
}

/** Radius in pixels: from `small` when just late to `large` at `fullAfter` units of lateness. */
function growing(
  lateness: ExpressionSpecification,
  small: number,
  large: number,
  fullAfter: number,
): ExpressionSpecification {
  return ['interpolate', ['linear'], lateness, 0, small, fullAfter, large]
}

const itemOverdue = (nowMinute: number): ExpressionSpecification => [
  'all',
  ['>', ['get', 'n'], 0],
  ['<', ['get', 'd'], nowMinute],
]
const riskWaiting: ExpressionSpecification = ['>=', ['get', 'r'], 0]

export function itemHaloRadius(nowMinute: number, scale = 1): ExpressionSpecification {
  const daysLate: ExpressionSpecification = ['/', ['-', nowMinute, ['get', 'd']], 1440]
  return ['case', itemOverdue(nowMinute), growing(daysLate, 7 * scale, 22 * scale, 30), 0]
}

export function riskHaloRadius(nowMinute: number, scale = 1): ExpressionSpecification {
  const hoursWaiting: ExpressionSpecification = ['/', ['-', nowMinute, ['get', 'r']], 60]
  return ['case', riskWaiting, growing(hoursWaiting, 9 * scale, 26 * scale, 24), 0]
}

/** No ring where there is no halo: a zero radius alone would still draw the stroke as a dot. */
export function itemHaloStrokeWidth(nowMinute: number, scale = 1): ExpressionSpecification {
  return ['case', itemOverdue(nowMinute), 1.5 * scale, 0]
}

export function riskHaloStrokeWidth(scale = 1): ExpressionSpecification {
  return ['case', riskWaiting, 1.5 * scale, 0]
}

export function haloLayers(nowMinute: number, scale = 1): LayerSpecification[] {
  const halo = (
    id: string,
    color: string,
    radius: ExpressionSpecification,
    strokeWidth: ExpressionSpecification,
  ): LayerSpecification => ({
    id,
    type: 'circle',
    source: halosSourceId,
    paint: {
      'circle-radius': radius,
      'circle-color': color,
      'circle-opacity': 0.22,
      'circle-stroke-color': color,
      'circle-stroke-width': strokeWidth,
      'circle-stroke-opacity': 0.75,
    },
  })
  return [
    halo(itemHaloLayerId, itemHaloColor, itemHaloRadius(nowMinute, scale), itemHaloStrokeWidth(nowMinute, scale)),
    halo(riskHaloLayerId, riskHaloColor, riskHaloRadius(nowMinute, scale), riskHaloStrokeWidth(scale)),
  ]
}
