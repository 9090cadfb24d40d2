// Double random (双随机一公开): inspection objects and inspectors drawn at random, verifiably. The
// seed is fixed before anyone sees a result and only its SHA-256 is shown (the commitment); after
// the draw the seed is revealed, and anyone holding the frozen inputs can recompute the result
// with this function — or with any SHA-256 tool, since the random numbers are plain hashes of
// `seed:counter`. Institutions may be weighted towards risk; inspectors with a conflict of
// interest (their own grid or assigned clinics among the drawn) are excluded before drawing.
import crypto from 'node:crypto'

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

export interface DrawResult {
  institutionIds: number[]
  inspectorStaffIds: number[]
  /** Inspectors left out for a conflict with a drawn institution. */
  excludedStaffIds: number[]
}

export function newDrawSeed(): string {
  return crypto.randomBytes(32).toString('hex')
}

export function drawCommitment(seed: string): string {
  return crypto.createHash('sha256').update(seed).digest('hex')
}

/** The `counter`-th number in [0, 1) of the seed's stream: the first 52 bits of SHA-256("seed:counter"). */
export function drawNumber(seed: string, counter: number): number {
  const digest = crypto.createHash('sha256').update(`${seed}:${counter}`).digest()
  const high = digest.readUInt32BE(0) >>> 0
  const low = digest.readUInt32BE(4) >>> 12
  return (high * 2 ** 20 + low) / 2 ** 52
}

/** Weighted sampling without replacement (Efraimidis–Spirakis keys u^(1/w)), in a fixed input order. */
function sample<T>(items: readonly T[], weightOf: (item: T) => number, count: number, seed: string, counterBase: number): T[] {
  const keyed = items.map((item, index) => {
    const weight = Math.max(weightOf(item), 1e-9)
    // Keys compared as log(u)/w to stay accurate for large weights; 1 − u avoids log(0).
    return { item, key: Math.log(1 - drawNumber(seed, counterBase + index)) / weight, index }
  })
  keyed.sort((a, b) => b.key - a.key || a.index - b.index)
  return keyed.slice(0, count).map((entry) => entry.item)
}

export function draw(inputs: DrawInputs, seed: string): DrawResult {
  const institutions = [...inputs.institutions].sort((a, b) => a.id - b.id)
  const drawn = sample(institutions, (institution) => institution.weight, inputs.institutionCount, seed, 0)
  const drawnIds = new Set(drawn.map((institution) => institution.id))
  const drawnGrids = new Set(drawn.map((institution) => institution.gridId))
  const inspectors = [...inputs.inspectors].sort((a, b) => a.staffId - b.staffId)
  const conflicted = (inspector: DrawInspector) =>
    inspector.gridIds.some((gridId) => drawnGrids.has(gridId)) || inspector.institutionIds.some((institutionId) => drawnIds.has(institutionId))
  const eligible = inspectors.filter((inspector) => !conflicted(inspector))
  // Inspectors use their own stretch of the stream, after every institution's number.
  const chosen = sample(eligible, () => 1, inputs.inspectorCount, seed, 1_000_000)
  return {
    institutionIds: drawn.map((institution) => institution.id).sort((a, b) => a - b),
    inspectorStaffIds: chosen.map((inspector) => inspector.staffId).sort((a, b) => a - b),
    excludedStaffIds: inspectors.filter(conflicted).map((inspector) => inspector.staffId),
  }
}

/** Risk weighting: a clinic past its visit interval, with an overdue item, or with a low grade is drawn more often. */
export function riskWeight(institution: { daysSinceVisit: number | null; overdueItems: number; creditGrade: string | null; intervalDays: number }): number {
  let weight = 1
  if (institution.daysSinceVisit === null || institution.daysSinceVisit > institution.intervalDays) weight += 1
  if (institution.overdueItems > 0) weight += 2
  if (institution.creditGrade === 'C') weight += 1
  if (institution.creditGrade === 'D') weight += 2
  return weight
}
