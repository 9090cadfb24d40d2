// The overview's view state — theme, filters, selection, map position — and its form in the URL,
// so that a link reproduces what its sender saw. Pure functions over plain data.
import { themeNames, type ThemeName } from '../../map/palette.ts'
import type { InstitutionType } from '../../api/types.ts'

export const institutionTypeNames: readonly InstitutionType[] = [
  'village_clinic',
  'township_health_centre',
  'hospital',
  'private_clinic',
  'pharmacy',
]

export type Selection = { kind: 'institution'; id: number } | { kind: 'grid'; id: number } | null

export interface OverviewView {
  theme: ThemeName
  zoneId: number | null
  gridId: number | null
  /** Empty: every type. */
  types: InstitutionType[]
  /** Classes of the current theme left off the map. */
  hiddenClasses: string[]
  selection: Selection
  /** [longitude, latitude, zoom]; null: frame the district. */
  camera: [number, number, number] | null
}

export const defaultView: OverviewView = {
  theme: 'recency',
  zoneId: null,
  gridId: null,
  types: [],
  hiddenClasses: [],
  selection: null,
  camera: null,
}

type Query = Record<string, string | null | (string | null)[] | undefined>

const first = (value: Query[string]): string | undefined =>
  Array.isArray(value) ? (value[0] ?? undefined) : (value ?? undefined)
const positiveInteger = (text: string | undefined): number | null =>
  text && /^\d{1,9}$/.test(text) && Number(text) > 0 ? Number(text) : null
const list = (text: string | undefined): string[] => (text ? text.split(',').filter(Boolean) : [])

/** Reads a URL query; anything malformed falls back to the default rather than failing. */
export function viewFromQuery(query: Query): OverviewView {
  const theme = themeNames.find((name) => name === first(query.theme)) ?? defaultView.theme
  const selectionMatch = /^(institution|grid):(\d{1,9})$/.exec(first(query.select) ?? '')
  const camera = (first(query.at) ?? '').split(',').map(Number)
  const cameraValid =
    camera.length === 3 &&
    camera.every(Number.isFinite) &&
    Math.abs(camera[0]!) <= 180 &&
    Math.abs(camera[1]!) <= 90 &&
    camera[2]! >= 0 &&
    camera[2]! <= 22
  return {
    theme,
    zoneId: positiveInteger(first(query.zone)),
    gridId: positiveInteger(first(query.grid)),
    types: list(first(query.types)).filter((type): type is InstitutionType =>
      institutionTypeNames.includes(type as InstitutionType),
    ),
    hiddenClasses: list(first(query.hide)),
    selection: selectionMatch
      ? { kind: selectionMatch[1] as 'institution' | 'grid', id: Number(selectionMatch[2]) }
      : null,
    camera: cameraValid ? (camera as [number, number, number]) : null,
  }
}

/** The shortest query that reproduces the view: defaults are left out. */
export function queryFromView(view: OverviewView): Record<string, string> {
  const query: Record<string, string> = {}
  if (view.theme !== defaultView.theme) query.theme = view.theme
  if (view.zoneId !== null) query.zone = String(view.zoneId)
  if (view.gridId !== null) query.grid = String(view.gridId)
  if (view.types.length > 0) query.types = view.types.join(',')
  if (view.hiddenClasses.length > 0) query.hide = view.hiddenClasses.join(',')
  if (view.selection) query.select = `${view.selection.kind}:${view.selection.id}`
  if (view.camera) query.at = `${view.camera[0].toFixed(5)},${view.camera[1].toFixed(5)},${view.camera[2].toFixed(2)}`
  return query
}
