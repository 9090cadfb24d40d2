// One palette for the map layers and the legend, so the two cannot disagree. Each theme is a list
// of classes; the layer colour expression and the legend are both built from it.
import { recencyClass } from '@gridwatch/domain/recency.ts'
import { daysSinceMinute, type InstitutionRecord } from '@gridwatch/domain/institution-layer-format.ts'

export const themeNames = ['recency', 'ledger', 'credit'] as const
export type ThemeName = (typeof themeNames)[number]

export interface ThemeClass {
  key: string
  color: string
}

export const themeClasses: Record<ThemeName, ThemeClass[]> = {
  recency: [
    { key: 'within', color: '#16a34a' },
    { key: 'late', color: '#f59e0b' },
    { key: 'overdue', color: '#dc2626' },
    { key: 'never', color: '#374151' },
  ],
  ledger: [
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

/** The class of one institution in a theme at `nowMinute` — the same rule the colour expression encodes. */
export function classify(
  theme: ThemeName,
  institution: Pick<
    InstitutionRecord,
    'lastVisitMinute' | 'intervalDays' | 'openLedgerItems' | 'firstDeadlineMinute' | 'creditGrade'
  >,
  nowMinute: number,
): string {
  switch (theme) {
    case 'recency':
      return recencyClass(daysSinceMinute(institution.lastVisitMinute, nowMinute), institution.intervalDays)
    case 'ledger':
      return institution.openLedgerItems === 0
        ? 'none'
        : institution.firstDeadlineMinute !== null && institution.firstDeadlineMinute < nowMinute
          ? 'overdue'
          : 'open'
    case 'credit':
      return institution.creditGrade ?? 'unrated'
  }
}

export function colorOf(theme: ThemeName, key: string): string {
  return themeClasses[theme].find((themeClass) => themeClass.key === key)?.color ?? '#9ca3af'
}

export interface AreaColors {
  background: string
  districtFill: string
  districtOutline: string
  gridOutline: string
  zoneOutline: string
  zoneFills: string[]
  zoneFillOpacity: number
  /** Place names: county and grid names, village names, the halo around both, the grid label's box. */
  labelText: string
  labelMuted: string
  labelHalo: string
  labelBox: string
  labelBoxBorder: string
}

export const areaColors: AreaColors = {
  background: '#eef2f6',
  districtFill: '#ffffff',
  districtOutline: '#0f4c81',
  gridOutline: '#64748b',
  zoneOutline: '#0f4c81',
  zoneFills: ['#dbeafe', '#dcfce7', '#fef3c7', '#fce7f3'],
  zoneFillOpacity: 0.55,
  labelText: '#0f4c81',
  labelMuted: '#334155',
  labelHalo: 'rgba(255, 255, 255, 0.92)',
  labelBox: 'rgba(255, 255, 255, 0.86)',
  labelBoxBorder: 'rgba(15, 76, 129, 0.3)',
}

/** The wall's dark map: deep blue ground, zones as faint tints, bright edges. */
export const wallAreaColors: AreaColors = {
  background: '#050b18',
  districtFill: '#0b1a33',
  districtOutline: '#38bdf8',
  gridOutline: '#1e5a8a',
  zoneOutline: '#38bdf8',
  zoneFills: ['#1d4ed8', '#0f766e', '#a16207', '#9d174d'],
  zoneFillOpacity: 0.16,
  labelText: '#e6f0fa',
  labelMuted: '#a9bdd3',
  labelHalo: 'rgba(5, 11, 24, 0.9)',
  labelBox: 'rgba(5, 11, 24, 0.75)',
  labelBoxBorder: 'rgba(56, 189, 248, 0.4)',
}
