// Server messages in the reader's language. The API sends `message` in English with a `key` and
// `params` (api/src/platform/phrases.ts); where the current locale has `phrases.<key>`, the sentence is
// worded here from the params, each written the locale's way (a feature, a ring, an area, a list);
// otherwise — the English UI, or a message without a key — `message` is shown as it is.
import { i18n } from './index.ts'

type FeatureRef = { feature: number; name?: string }
type RingRef = { ring: number; polygon?: number }
type AreaRef = { squareMeters: number }
export type PhraseParam = string | number | FeatureRef | RingRef | AreaRef | (string | number | FeatureRef)[]

export interface Phrase {
  message: string
  key?: string
  /** As the API sends them (its schema says only "an object"); read as PhraseParam values. */
  params?: Record<string, unknown>
}

/** Params that name a value the locale has its own word for: which message group to look it up in. */
const wordedParams: Record<string, Record<string, string>> = {
  'polygon-invalid': { reason: 'geosReasons' },
  'changed-type': { before: 'institutionTypes', after: 'institutionTypes' },
  'changed-status': { before: 'institutionStatuses', after: 'institutionStatuses' },
  'draft-closed': { status: 'planner.status' },
  'not-allowed': { role: 'roles', action: 'actions' },
  'not-in-scope': { action: 'actions' },
}

const slug = (text: string) => text.trim().toLowerCase().replace(/\s+/g, '-')

function chineseParam(value: PhraseParam): string {
  if (Array.isArray(value)) return value.map(chineseParam).join('、')
  if (typeof value !== 'object') return String(value)
  if ('squareMeters' in value)
    return value.squareMeters >= 100_000
      ? `${(value.squareMeters / 1_000_000).toFixed(2)} 平方公里`
      : `${Math.round(value.squareMeters)} 平方米`
  if ('feature' in value) return value.name ? `要素 ${value.feature}（${value.name}）` : `要素 ${value.feature}`
  return value.polygon === undefined ? `环 ${value.ring}` : `面 ${value.polygon} 环 ${value.ring}`
}

/** The phrase in the current locale. */
export function phraseText(phrase: Phrase): string {
  const { t, te } = i18n.global
  const path = `phrases.${phrase.key}`
  if (!phrase.key || !te(path)) return phrase.message
  const worded = wordedParams[phrase.key] ?? {}
  const params: Record<string, string> = {}
  for (const [name, value] of Object.entries(phrase.params ?? {})) {
    const group = worded[name]
    const word = group && typeof value === 'string' ? `${group}.${slug(value)}` : null
    params[name] = word && te(word) ? t(word) : chineseParam(value as PhraseParam)
  }
  return t(path, params)
}
