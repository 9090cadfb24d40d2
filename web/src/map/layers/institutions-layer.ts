// Institutions as circles coloured by the chosen theme with a data-driven expression, so switching
// theme changes one paint property and never resends the data. Each value is read from the
// feature-state first (live changes) and from the properties otherwise; time enters as `now`, a
// constant the controller refreshes every minute.
import type { DataDrivenPropertyValueSpecification, ExpressionSpecification, LayerSpecification } from 'maplibre-gl'
import { colorOf, type ThemeName } from '../palette.ts'

export const institutionsSourceId = 'institutions'
export const institutionsLayerId = 'institutions'

const minutesPerDay = 1440
const live = (key: string): ExpressionSpecification => ['coalesce', ['feature-state', key], ['get', key]]

export function institutionColorExpression(theme: ThemeName, nowMinute: number): ExpressionSpecification {
  const color = (key: string) => colorOf(theme, key)
  switch (theme) {
    case 'recency': {
      // recency.ts's rule on each institution's own interval i: whole days since the visit ≤ i
      // ⇔ minutes since < (i + 1) days; late up to twice the interval.
      const minutesSince: ExpressionSpecification = ['-', nowMinute, live('v')]
      const interval = live('i')
      return [
        'case',
        ['<', live('v'), 0],
        color('never'),
        ['<', minutesSince, ['*', ['+', interval, 1], minutesPerDay]],
        color('within'),
        ['<', minutesSince, ['*', ['+', ['*', interval, 2], 1], minutesPerDay]],
        color('late'),
        color('overdue'),
      ]
    }
    case 'ledger':
      return ['case', ['==', live('n'), 0], color('none'), ['<', live('d'), nowMinute], color('overdue'), color('open')]
    case 'credit':
      return ['match', live('c'), 'A', color('A'), 'B', color('B'), 'C', color('C'), 'D', color('D'), color('unrated')]
  }
}

/**
 * Larger for institutions that carry more weight: hospitals and health centres over institutions.
 * `scale` enlarges every circle, e.g. on a 4K wall where screen pixels are small.
 */
export function institutionRadius(scale = 1): DataDrivenPropertyValueSpecification<number> {
  const sized = (large: number, small: number): ExpressionSpecification => [
    'match',
    ['get', 't'],
    ['hospital', 'township_health_centre'],
    large * scale,
    small * scale,
  ]
  return ['interpolate', ['linear'], ['zoom'], 6, sized(2.5, 1.2), 8, sized(5, 3), 13, sized(10, 7)]
}

/** Colour of the ring around the selected institution. */
export const selectedRingColor = '#2563eb'

/**
 * Circles of hidden classes (the legend's toggles) fade out. Class is judged from the colour the
 * theme gives, which reads live feature-state — filters cannot, opacity can.
 */
export function institutionOpacityExpression(
  theme: ThemeName,
  nowMinute: number,
  hiddenClasses: readonly string[],
): DataDrivenPropertyValueSpecification<number> {
  const hiddenColors = [...new Set(hiddenClasses.map((key) => colorOf(theme, key)))]
  if (hiddenColors.length === 0) return 1
  return ['match', institutionColorExpression(theme, nowMinute), hiddenColors, 0, 1]
}

/** Only these grids, types and institutions; null: all of them. */
export function institutionFilter(options: {
  gridIds: readonly number[] | null
  types: readonly string[] | null
  ids?: readonly number[] | null
}): ExpressionSpecification | null {
  const conditions: ExpressionSpecification[] = []
  if (options.ids) conditions.push(['in', ['get', 'id'], ['literal', [...options.ids]]])
  if (options.gridIds) conditions.push(['in', ['get', 'g'], ['literal', [...options.gridIds]]])
  if (options.types) conditions.push(['in', ['get', 't'], ['literal', [...options.types]]])
  return conditions.length === 0 ? null : ['all', ...conditions]
}

export function institutionLayers(
  theme: ThemeName,
  nowMinute: number,
  options: { strokeColor?: string; radiusScale?: number } = {},
): LayerSpecification[] {
  const blacklisted: ExpressionSpecification = ['to-boolean', live('b')]
  const selected: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false]
  return [
    {
      id: institutionsLayerId,
      type: 'circle',
      source: institutionsSourceId,
      paint: {
        'circle-color': institutionColorExpression(theme, nowMinute),
        'circle-radius': institutionRadius(options.radiusScale),
        'circle-stroke-color': [
          'case',
          selected,
          selectedRingColor,
          blacklisted,
          '#000000',
          options.strokeColor ?? '#ffffff',
        ],
        'circle-stroke-width': [
          'interpolate',
          ['linear'],
          ['zoom'],
          6,
          ['case', selected, 3, blacklisted, 1.5, 0],
          9,
          ['case', selected, 4, blacklisted, 2.5, 1],
        ],
      },
    },
  ]
}
