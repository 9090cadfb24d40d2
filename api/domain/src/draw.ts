// The rule of a double random draw without the hashing, so that a browser can recompute a
// published draw with its own SHA-256 (Web Crypto) and compare: the random numbers are the first
// 52 bits of SHA-256("seed:counter"), institutions use counters 0…n−1 in id order, inspectors
// 1,000,000 onwards among the eligible in staff-id order.

export interface DrawInstitution {
  id: number
  gridId: number | null
  /** Relative chance of being drawn (1 = uniform); higher for overdue visits, overdue items, low credit. */
  weight: number
}

export interface DrawInspector {
  staffId: number
  /** Grids the inspector is grid staff for (包联). */
  gridIds: number[]
  /** Institutions assigned to the inspector directly. */
  institutionIds: number[]
}

export interface DrawInputs {
  institutions: DrawInstitution[]
  inspectors: DrawInspector[]
  institutionCount: number
  inspectorCount: number
}

/**
 * The inputs as one text with a fixed order, whose SHA-256 is public from the moment of commitment:
 * stored inputs come back from the database with their keys reordered, so the digest is taken
 * over this form, which the server and a browser both produce.
 */
export function canonicalDrawInputs(inputs: DrawInputs): string {
  return JSON.stringify([
    inputs.institutions.map((institution) => [institution.id, institution.gridId, institution.weight]),
    inputs.inspectors.map((inspector) => [inspector.staffId, inspector.gridIds, inspector.institutionIds]),
    inputs.institutionCount,
    inputs.inspectorCount,
  ])
}

export interface DrawResult {
  institutionIds: number[]
  inspectorStaffIds: number[]
  /** Inspectors left out for a conflict with a drawn institution. */
  excludedStaffIds: number[]
}

/** The `counter`-th number in [0, 1) of a seed's stream, from SHA-256("seed:counter"). */
export function numberFromDigest(digest: Uint8Array): number {
  const high = ((digest[0]! << 24) | (digest[1]! << 16) | (digest[2]! << 8) | digest[3]!) >>> 0
  const low = (((digest[4]! << 24) | (digest[5]! << 16) | (digest[6]! << 8) | digest[7]!) >>> 0) >>> 12
  return (high * 2 ** 20 + low) / 2 ** 52
}

const inspectorCounterBase = 1_000_000

/** Every counter a draw of these inputs may use. */
export function drawCounters(inputs: DrawInputs): number[] {
  return [
    ...inputs.institutions.map((_, index) => index),
    ...inputs.inspectors.map((_, index) => inspectorCounterBase + index),
  ]
}

/** Weighted sampling without replacement (Efraimidis–Spirakis keys u^(1/w)), in a fixed input order. */
function sample<T>(
  items: readonly T[],
  weightOf: (item: T) => number,
  count: number,
  numberAt: (counter: number) => number,
  counterBase: number,
): T[] {
  const keyed = items.map((item, index) => {
    const weight = Math.max(weightOf(item), 1e-9)
    // Keys compared as log(u)/w to stay accurate for large weights; 1 − u avoids log(0).
    return { item, key: Math.log(1 - numberAt(counterBase + index)) / weight, index }
  })
  keyed.sort((a, b) => b.key - a.key || a.index - b.index)
  return keyed.slice(0, count).map((entry) => entry.item)
}

export function drawWith(inputs: DrawInputs, numberAt: (counter: number) => number): DrawResult {
  const institutions = [...inputs.institutions].sort((a, b) => a.id - b.id)
  const drawn = sample(institutions, (institution) => institution.weight, inputs.institutionCount, numberAt, 0)
  const drawnIds = new Set(drawn.map((institution) => institution.id))
  const drawnGrids = new Set(drawn.map((institution) => institution.gridId))
  const inspectors = [...inputs.inspectors].sort((a, b) => a.staffId - b.staffId)
  const conflicted = (inspector: DrawInspector) =>
    inspector.gridIds.some((gridId) => drawnGrids.has(gridId)) ||
    inspector.institutionIds.some((institutionId) => drawnIds.has(institutionId))
  const eligible = inspectors.filter((inspector) => !conflicted(inspector))
  // Inspectors use their own stretch of the stream, after every institution's number.
  const chosen = sample(eligible, () => 1, inputs.inspectorCount, numberAt, inspectorCounterBase)
  return {
    institutionIds: drawn.map((institution) => institution.id).sort((a, b) => a - b),
    inspectorStaffIds: chosen.map((inspector) => inspector.staffId).sort((a, b) => a - b),
    excludedStaffIds: inspectors.filter(conflicted).map((inspector) => inspector.staffId),
  }
}

/** Risk weighting: an institution past its visit interval, with an overdue item, with a low grade or blacklisted is drawn more often. */
export function riskWeight(institution: {
  daysSinceVisit: number | null
  overdueItems: number
  creditGrade: string | null
  intervalDays: number
  blacklisted?: boolean
}): number {
  let weight = 1
  if (institution.blacklisted) weight += 3
  if (institution.daysSinceVisit === null || institution.daysSinceVisit > institution.intervalDays) weight += 1
  if (institution.overdueItems > 0) weight += 2
  if (institution.creditGrade === 'C') weight += 1
  if (institution.creditGrade === 'D') weight += 2
  return weight
}
