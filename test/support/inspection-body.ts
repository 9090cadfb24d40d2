// A plausible inspection as a phone sends it: arrived 40 minutes ago, stayed 20, a 12 m fix. Tests
// that only need "an inspection happened" use this; the field-work tests build theirs in full.
export function inspectionBody(
  institutionId: number,
  position: readonly [number, number] | number[],
  overrides: Record<string, unknown> = {},
) {
  const arrivedAt = new Date(Date.now() - 40 * 60_000)
  return {
    institutionId,
    kind: 'weekly-visit',
    arrivedAt: arrivedAt.toISOString(),
    departedAt: new Date(arrivedAt.getTime() + 20 * 60_000).toISOString(),
    position: [position[0], position[1]],
    accuracyMeters: 12,
    ...overrides,
  }
}
