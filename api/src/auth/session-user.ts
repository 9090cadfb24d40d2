// The logged-in user as handlers see it: role, scope and the institutions they are assigned to.
import type { schema } from '@gridwatch/db'

export interface SessionUser {
  id: number
  username: string
  displayName: string
  countyCode: string
  role: schema.Role
  scopeKind: schema.ScopeKind
  scopeAreaId: number | null
  staffId: number | null
  /** Institutions assigned (包联) to the user's staff record, directly or through their grids. */
  assignedInstitutionIds: ReadonlySet<number>
  /** Designated to handle complaint clues: may read who a complainant is (each read audited). */
  clueHandler: boolean
  /** A second factor is on for the account (people only; absent for wall screens). */
  secondFactor?: boolean
  /** The password is a temporary one an administrator set: only changing it works until then. */
  passwordMustChange?: boolean
  /** Set when the reader is a wall screen holding a display token, not a person. */
  displayTokenId?: number
}
