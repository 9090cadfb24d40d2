// The contact poster (包联人员信息统一张贴, seed 000): every designated institution shows who answers
// for it — its level-3, level-2 and level-1 grid members with their phone numbers — and the
// bureau's hotline, with a QR code to a public page of the same contacts and a form for a clue.

/** The national medical-insurance service hotline (12393), printed when a county names no other. */
export const defaultHotline = '12393'

/** The public page a poster's QR code opens, under the server's own address. */
export function contactPagePath(institutionId: number): string {
  return `/contact/${institutionId}`
}

export interface PosterContact {
  name: string
  phone: string | null
}

export interface Poster {
  institutionId: number
  institutionName: string
  institutionType: string
  gridName: string | null
  zoneName: string | null
  /** Who answers for the institution, by level: 3 (包联, direct), 2 and 1 (through its grid). */
  level3: PosterContact[]
  level2: PosterContact[]
  level1: PosterContact[]
  hotline: string
}
