// Reading an imported feature's properties: the first non-empty value among the names a file may
// use for a field (English or Chinese, as GIS tools and bureaus name them).

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
