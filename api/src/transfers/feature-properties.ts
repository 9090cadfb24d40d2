// Reading an imported feature's properties: the first non-empty value among the names a file may
// use for a field (English or Chinese, as GIS tools and bureaus name them).
import type { BoundaryProblem } from '../boundaries/validate-grids.ts'
import type { Phrase } from '../platform/phrases.ts'

export interface RejectedFeature {
  feature: number
  name: string
  reasons: Phrase[]
}

export function propertyOf(feature: unknown, keys: readonly string[]): string | null {
  const properties = (feature as { properties?: Record<string, unknown> | null } | null)?.properties
  if (!properties) return null
  for (const key of keys) {
    const value = properties[key]
    if (typeof value === 'string' && value.trim()) return value.trim()
    if (typeof value === 'number') return String(value)
  }
  return null
}

/** Every feature some error is about (either side of an overlap too), with its reasons, in file order. */
export function rejectedFeatures(
  problems: readonly BoundaryProblem[],
  features: readonly unknown[],
  nameKeys: readonly string[],
): RejectedFeature[] {
  const reasons = new Map<number, Map<string, Phrase>>()
  for (const problem of problems) {
    if (problem.severity !== 'error') continue
    for (const index of [problem.feature, problem.otherFeature]) {
      if (index === undefined) continue
      const list = reasons.get(index) ?? new Map<string, Phrase>()
      list.set(problem.message, { message: problem.message, key: problem.key, params: problem.params })
      reasons.set(index, list)
    }
  }
  return [...reasons]
    .sort(([a], [b]) => a - b)
    .map(([feature, list]) => ({
      feature,
      name: propertyOf(features[feature], nameKeys) ?? '',
      reasons: [...list.values()],
    }))
}
