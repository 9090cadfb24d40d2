// Institutions as circles coloured by the chosen theme with a data-driven expression, so switching
// theme changes one paint property and never resends the data.
import type { DataDrivenPropertyValueSpecification, ExpressionSpecification, LayerSpecification } from 'maplibre-gl'
import { defaultVisitIntervalDays } from '@gridwatch/api/domain/recency.ts'
import { colorOf, type ThemeName } from '../palette.ts'

export const clinicsSourceId = 'clinics'
export const clinicsLayerId = 'clinics'

export function clinicColorExpression(theme: ThemeName): ExpressionSpecification {
  const color = (key: string) => colorOf(theme, key)
  switch (theme) {
    case 'recency': {
      const days: ExpressionSpecification = ['get', 'daysSinceVisit']
      return [
        'case',
        ['==', days, null], color('never'),
        ['<=', days, defaultVisitIntervalDays], color('within'),
        ['<=', days, 2 * defaultVisitIntervalDays], color('late'),
        color('overdue'),
      ]
    }
    case 'issues':
      return ['case', ['>', ['get', 'overdueIssues'], 0], color('overdue'), ['>', ['get', 'openIssues'], 0], color('open'), color('none')]
    case 'credit':
      return ['match', ['coalesce', ['get', 'creditGrade'], 'unrated'], 'A', color('A'), 'B', color('B'), 'C', color('C'), 'D', color('D'), color('unrated')]
  }
}

/** Larger for institutions that carry more weight: hospitals and health centres over clinics. */
const radius: DataDrivenPropertyValueSpecification<number> = [
  'interpolate', ['linear'], ['zoom'],
  8, ['match', ['get', 'type'], ['hospital', 'township_health_centre'], 5, 3],
  13, ['match', ['get', 'type'], ['hospital', 'township_health_centre'], 10, 7],
]

export function clinicLayers(theme: ThemeName): LayerSpecification[] {
  return [
    {
      id: clinicsLayerId,
      type: 'circle',
      source: clinicsSourceId,
      paint: {
        'circle-color': clinicColorExpression(theme),
        'circle-radius': radius,
        'circle-stroke-color': ['case', ['get', 'blacklisted'], '#000000', '#ffffff'],
        'circle-stroke-width': ['case', ['get', 'blacklisted'], 2.5, 1],
      },
    },
  ]
}
