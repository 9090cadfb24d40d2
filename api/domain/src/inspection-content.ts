// What a signature on an inspection vouches for (谁检查谁签字、谁签字谁负责): the record's content as one
// canonical text, hashed (SHA-256) by the phone before signing and again by the server on receipt.
// A signature carries the hash it was made over, so it cannot be moved to another record or
// survive a change of this one. Hashing itself is left to the caller (Web Crypto on the phone,
// node:crypto on the server); this module only fixes the text.
import type { InspectionKind } from './inspection-kinds.ts'
import type { LedgerSeverity } from './ledger-items.ts'
import type { StaffWorkEntry } from './cross-checks.ts'

export const checklistResults = ['ok', 'problem', 'not-applicable'] as const
export type ChecklistResult = (typeof checklistResults)[number]

export interface InspectionContent {
  institutionId: number
  kind: InspectionKind
  arrivedAt: string
  departedAt: string | null
  position: [number, number]
  accuracyMeters: number
  checklist: { category: string; result: ChecklistResult }[]
  /** A cross-check's check of the grid staff's work; absent or empty on other kinds. */
  staffWork?: StaffWorkEntry[] | undefined
  /** `photoDigests`: the finding's own photos (also among the record's), its ledger item's 整改前. */
  findings: { category: string; problem: string; severity: LedgerSeverity; photoDigests?: string[] | undefined }[]
  note: string
  /** SHA-256 (hex) of each photo as the phone took it, in any order. */
  photoDigests: string[]
}

export const signerRoles = ['inspector', 'representative'] as const
export type SignerRole = (typeof signerRoles)[number]

/**
 * One canonical text for the content: fixed key order, times as UTC ISO, photo digests sorted; the
 * staff-work entries last and a finding's photo digests only when there are any (so records from
 * before they existed keep their hash).
 */
export function inspectionContentText(content: InspectionContent): string {
  const staffWork = content.staffWork ?? []
  return JSON.stringify([
    'gridwatch-inspection/1',
    content.institutionId,
    content.kind,
    new Date(content.arrivedAt).toISOString(),
    content.departedAt === null ? null : new Date(content.departedAt).toISOString(),
    content.position,
    content.accuracyMeters,
    content.checklist.map((entry) => [entry.category, entry.result]),
    content.findings.map((finding) => [
      finding.category,
      finding.problem,
      finding.severity,
      ...(finding.photoDigests?.length ? [[...finding.photoDigests].sort()] : []),
    ]),
    content.note,
    [...content.photoDigests].sort(),
    ...(staffWork.length === 0 ? [] : [staffWork.map((entry) => [entry.item, entry.result])]),
  ])
}

/** The text a signature seals: the content hash, who signed in which role, and when. */
export function signatureSealText(contentHash: string, role: SignerRole, signerName: string, signedAt: string): string {
  return JSON.stringify(['gridwatch-signature/1', contentHash, role, signerName, new Date(signedAt).toISOString()])
}
