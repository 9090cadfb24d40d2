// One palette for the map layers and the legend, so the two cannot disagree. Each theme is a list
// of classes; the layer colour expression and the legend are both built from it.
import { defaultVisitIntervalDays, recencyClass } from '@gridwatch/api/domain/recency.ts'

export const themeNames = ['recency', 'issues', 'credit'] as const
export type ThemeName = (typeof themeNames)[number]

export interface ThemeClass {
  key: string
  color: string
}

export interface ClinicThemeInput {
  daysSinceVisit: number | null
  openIssues: number
  overdueIssues: number
  creditGrade: string | null
  blacklisted: boolean
}

export const themeClasses: Record<ThemeName, ThemeClass[]> = {
  recency: [
    { key: 'within', color: '#16a34a' },
    { key: 'late', color: '#f59e0b' },
    { key: 'overdue', color: '#dc2626' },
    { key: 'never', color: '#374151' },
  ],
  issues: [
    { key: 'none', color: '#16a34a' },
    { key: 'open', color: '#f59e0b' },
    { key: 'overdue', color: '#dc2626' },
  ],
  credit: [
    { key: 'A', color: '#1d4ed8' },
    { key: 'B', color: '#0891b2' },
    { key: 'C', color: '#f59e0b' },
    { key: 'D', color: '#dc2626' },
    { key: 'unrated', color: '#9ca3af' },
  ],
}

/** The class of one clinic in a theme — the same rule the colour expression encodes. */
export function classify(theme: ThemeName, clinic: ClinicThemeInput): string {
  switch (theme) {
    case 'recency':
      return recencyClass(clinic.daysSinceVisit, defaultVisitIntervalDays)
    case 'issues':
      return clinic.overdueIssues > 0 ? 'overdue' : clinic.openIssues > 0 ? 'open' : 'none'
    case 'credit':
      return clinic.creditGrade ?? 'unrated'
  }
}

export function colorOf(theme: ThemeName, key: string): string {
  return themeClasses[theme].find((themeClass) => themeClass.key === key)?.color ?? '#9ca3af'
}

export const areaColors = {
  background: '#eef2f6',
  districtFill: '#ffffff',
  districtOutline: '#0f4c81',
  gridOutline: '#64748b',
  zoneOutline: '#0f4c81',
  zoneFills: ['#dbeafe', '#dcfce7', '#fef3c7', '#fce7f3'],
}
