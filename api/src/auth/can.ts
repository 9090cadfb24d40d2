// Authorisation in one place: can(user, action, resource). Every handler asks it; the UI only
// hides what this refuses.
import type { InspectionKind } from '@gridwatch/db/schema'
import type { SessionUser } from './session-user.ts'
import { coversCounty } from '@gridwatch/domain/county-scope.ts'
import type { LedgerTransitionTarget } from '@gridwatch/domain/ledger-items.ts'
import { riskHopRoles } from '@gridwatch/domain/risk-reports.ts'

/** Where an institution sits, which is all a scope check needs. */
export interface InstitutionPlace {
  id: number
  countyCode: string
  gridId: number | null
  zoneId: number | null
}

export type Action =
  | { kind: 'map.read' }
  | { kind: 'institution.read'; institution: InstitutionPlace }
  | { kind: 'inspection.create'; institution: InstitutionPlace; inspectionKind: InspectionKind }
  /** Record field work at all (inspections, photos, ledger items): the role alone, before the institution is known. */
  | { kind: 'field.record' }
  /** Work on ledger items at all: report progress or verify. */
  | { kind: 'ledger.work' }
  /** Upload a photo taken at an institution. */
  | { kind: 'photo.create'; institution: InstitutionPlace }
  /** Open a ledger item at an institution (an inspection's findings open theirs through inspection.create). */
  | { kind: 'ledger-item.raise'; institution: InstitutionPlace }
  /** Move a ledger item: report progress (rectifying, awaiting verification) or verify (closed, reopened). */
  | { kind: 'ledger-item.move'; institution: InstitutionPlace; target: LedgerTransitionTarget }
  /** Read risk reports at all: their chain and leadership (which reports, the scope decides). */
  | { kind: 'risk-report.read' }
  /** Raise risk reports at all: the role alone, before the institution is known. */
  | { kind: 'risk.raise' }
  /** Acknowledge or close risk reports at all: the role alone. */
  | { kind: 'risk.handle' }
  /** Raise a risk report (舆情) at an institution: grid members, who hear of it first. */
  | { kind: 'risk-report.raise'; institution: InstitutionPlace }
  /** Acknowledge or close a risk report: its chain above the reporter and the bureau (the domain rule decides which step). */
  | { kind: 'risk-report.handle'; institution: InstitutionPlace }
  /** Raise a risk report about a place (no institution) in a grid: the member's own grid (a level-3 member's: their institutions' grids). */
  | { kind: 'risk-report.raise-at'; grid: GridPlace; ownGridIds: ReadonlySet<number> }
  /** Acknowledge or close a risk report about a place: the chain of its grid and the bureau. */
  | { kind: 'risk-report.handle-at'; grid: GridPlace }
  /** Read complaint clues at all: the bureau (all of the county's), level-1/2 members (those assigned to them). */
  | { kind: 'clue.read' }
  /** Take a clue in, assign it, conclude it: the bureau. */
  | { kind: 'clue.handle' }
  /** Link the records of an investigation to a clue: the bureau and the members clues are assigned to. */
  | { kind: 'clue.investigate' }
  /** Read who a complainant is: a designated clue handler only (医保办发〔2022〕22号). */
  | { kind: 'clue-complainant.read' }
  /** Export a grid's ledger and inspection records (资料员's work). */
  | { kind: 'grid-records.read'; grid: GridPlace; callerIsClerk: boolean }
  /** Print a grid's contact posters: the same people who keep its records. */
  | { kind: 'posters.print'; grid: GridPlace; callerIsClerk: boolean }
  /** Name a grid's materials clerk (资料员). */
  | { kind: 'materials-clerk.name'; grid: GridPlace }
  /** Change the county's field-work settings (intervals, geofence, limits). */
  | { kind: 'settings.edit' }
  | { kind: 'audit.read' }
  /** Full phone numbers of staff and contacts; everyone else sees them masked. */
  | { kind: 'phone.read' }
  /**
   * One staff member's full number: as phone.read, and besides, a level-3 member sees the level-1
   * and level-2 members answering for their own institutions (they must report to them at once).
   */
  | { kind: 'staff-phone.read'; staffLevel: number; answersForCallersInstitution: boolean }
  /** Generate or edit the supervision teams' monthly rotation. */
  | { kind: 'rotation.plan' }
  /**
   * See one team's plan for a month. Unannounced (四不两直): before its check date only the team
   * itself, supervisors and leadership may see it.
   */
  | { kind: 'rotation.read'; memberOfTeam: boolean; checked: boolean }
  /** Issue, list and revoke wall-screen display tokens. */
  | { kind: 'display-token.manage' }
  /** Draw, validate, import and publish grid boundaries. */
  | { kind: 'boundary.edit' }
  /** Read the staff list: those who plan teams, and level-1/2 members (their scope's staff). */
  | { kind: 'staff.read' }
  /** Keep staff records and assignments at all: the role alone, before the staff member is known. */
  | { kind: 'staff.manage' }
  /**
   * Create or change a staff member of `level`, or assign them, where `grid` (null: the whole
   * county or a zone, `zoneId`) lies: the bureau anywhere; a level-1 member levels 2–3 in their
   * zone's grids; a level-2 member level 3 in their grid.
   */
  | { kind: 'staff.edit'; level: number; grid: GridPlace | null; zoneId: number | null }
  /** Read the credit list (grades, blacklist) of one's scope: the bureau and level-1/2 members. */
  | { kind: 'credit.read' }
  /** Evaluate credit and keep the blacklist at all: the role alone, before the institution is known. */
  | { kind: 'credit.manage' }
  /** Evaluate an institution's credit, add or lift a blacklist entry: the bureau's supervisors and leaders. */
  | { kind: 'credit.evaluate'; institution: InstitutionPlace }
  /** Read the monthly reports of one's scope: the bureau and level-1/2 members. */
  | { kind: 'monthly-report.read' }
  /** Work on monthly reports at all (write or review): level-1/2 members and leaders. */
  | { kind: 'monthly-report.work' }
  /** Write and submit a grid's monthly report: its level-2 member. */
  | { kind: 'monthly-report.write'; grid: GridPlace }
  /** Return or accept a grid's monthly report: the level-1 member of its zone, or a leader. */
  | { kind: 'monthly-report.review'; grid: GridPlace }
  /** The dispatch view (常调度) of one's scope: the bureau and level-1/2 members. */
  | { kind: 'dispatch.read' }
  /** A month's cross-check results (交叉互查结果) of one's scope's grids: the bureau and level-1/2 members. */
  | { kind: 'cross-check-result.read' }
  /** The annual assessment (年考核) of one's scope's grids: the bureau and level-1/2 members. */
  | { kind: 'assessment.read' }
  /** Draft a month's circular (通报) from the figures, and edit the draft: supervisors and leaders. */
  | { kind: 'circular.draft' }
  /** Start a full-coverage campaign (拉网式检查): supervisors and leaders. */
  | { kind: 'campaign.manage' }
  /** Approve and publish a circular: leaders. */
  | { kind: 'circular.approve' }
  /** Create accounts, disable them, reset passwords, change roles and scopes: administrators. */
  /** Make accounts (they wait for a grant), rename and disable them: the system administrator. */
  | { kind: 'user.manage' }
  /** See every account of the county: both administrators. */
  | { kind: 'user.read' }
  /** Grant and change roles, scopes, staff links and clue handling, enable accounts, reset passwords and second factors: the security administrator. */
  | { kind: 'user.grant' }

/** Where a grid sits, for the checks on a whole grid. */
export interface GridPlace {
  id: number
  countyCode: string
  zoneId: number | null
}

/** Whether the user's scope covers the whole grid (a level-3 member's never does). */
export function gridInScope(user: SessionUser, grid: GridPlace): boolean {
  switch (user.scopeKind) {
    case 'district':
      return coversCounty(user.countyCode, grid.countyCode)
    case 'zone':
      return grid.zoneId !== null && grid.zoneId === user.scopeAreaId
    case 'grid':
      return grid.id === user.scopeAreaId
    case 'own_institutions':
      return false
  }
}

/** Who keeps or reviews a grid's records besides its clerk. */
const recordKeepingRoles = new Set(['admin', 'leader', 'supervisor', 'grid_member_1', 'grid_member_2'])

export type Decision = { allowed: true } | { allowed: false; reason: string }

const allow: Decision = { allowed: true }
const deny = (reason: string): Decision => ({ allowed: false, reason })

export function institutionInScope(user: SessionUser, institution: InstitutionPlace): boolean {
  switch (user.scopeKind) {
    case 'district':
      return coversCounty(user.countyCode, institution.countyCode)
    case 'zone':
      return institution.zoneId !== null && institution.zoneId === user.scopeAreaId
    case 'grid':
      return institution.gridId !== null && institution.gridId === user.scopeAreaId
    case 'own_institutions':
      return user.assignedInstitutionIds.has(institution.id)
  }
}

/** Roles that plan and see every team's cross-checks ahead of time. */
const planningRoles = new Set(['supervisor', 'leader', 'admin'])

/** Roles that call grid staff and institutions; planners and level-3 members see numbers masked. */
const phoneReadingRoles = new Set(['leader', 'admin', 'supervisor', 'grid_member_1', 'grid_member_2'])

/** Planners draw the grids; administrators and leaders may too. */
const boundaryRoles = new Set(['planner', 'admin', 'leader'])

/** The bureau decides credit grades and blacklist entries (seeds 001/002). */
const creditEvaluatingRoles = new Set(['supervisor', 'leader'])

/** Who keeps staff records and assignments (包联): the bureau's leadership and administrators, and level-1/2 members within their scope. */
const staffKeepingRoles = new Set(['admin', 'leader', 'grid_member_1', 'grid_member_2'])

const recordingRoles = new Set(['grid_member_1', 'grid_member_2', 'grid_member_3', 'supervisor'])

/** Who verifies a rectification and closes (销号) or reopens an item: above the level-3 member who reports it. */
const verifyingRoles = new Set(['grid_member_1', 'grid_member_2', 'supervisor', 'leader'])

/** Grid members hear of a public-opinion risk first (seed 000); level 3 above all. */
const riskRaisingRoles = new Set(['grid_member_1', 'grid_member_2', 'grid_member_3'])

/** The chain above the reporter and the bureau: who acknowledges and closes a risk report. */
const riskHandlingRoles = new Set(Object.values(riskHopRoles).flat())

/** The bureau takes complaint clues in and concludes them; level-1 and level-2 members investigate what is assigned to them. */
const clueHandlingRoles = new Set(['supervisor', 'leader'])
const clueInvestigatingRoles = new Set(['supervisor', 'leader', 'grid_member_1', 'grid_member_2'])

/**
 * Separation of duties (三员分立): what the two officers reach, and nothing else — the actions can()
 * allows them and the API paths (prefixes) that the catch-all access checks (signedIn, mapReaders)
 * let them through. The audit administrator reads the audit log; the security administrator grants
 * access: accounts, and the areas and staff that scopes name. One table, read by both.
 */
export const officerReach: Readonly<
  Partial<
    Record<SessionUser['role'], { actions: readonly Action['kind'][]; paths: readonly string[]; refusal: string }>
  >
> = {
  auditor: {
    actions: ['audit.read'],
    paths: ['/api/auth/'],
    refusal: 'the audit administrator reads the audit log and nothing else',
  },
  security: {
    actions: ['user.read', 'user.grant', 'map.read', 'staff.read'],
    paths: ['/api/auth/', '/api/users', '/api/staff', '/api/areas'],
    refusal: 'the security administrator grants access and does nothing else',
  },
}

export function can(user: SessionUser | null, action: Action): Decision {
  if (!user) return deny('login required')
  const reach = officerReach[user.role]
  if (reach) return user.id > 0 && reach.actions.includes(action.kind) ? allow : deny(reach.refusal)
  switch (action.kind) {
    case 'map.read':
      return allow
    case 'institution.read':
      return institutionInScope(user, action.institution) ? allow : deny('this institution is outside your scope')
    case 'inspection.create': {
      if (!recordingRoles.has(user.role)) return deny(`the ${user.role} role does not record inspections`)
      if (user.role === 'supervisor' && action.inspectionKind !== 'cross-check')
        return deny('supervision teams record cross-checks only')
      if (user.role !== 'supervisor' && action.inspectionKind === 'cross-check')
        return deny('cross-checks are recorded by supervision teams')
      return institutionInScope(user, action.institution) ? allow : deny('this institution is outside your scope')
    }
    case 'field.record':
      return recordingRoles.has(user.role) ? allow : deny(`the ${user.role} role does not record field work`)
    case 'ledger.work':
      return recordingRoles.has(user.role) || verifyingRoles.has(user.role)
        ? allow
        : deny(`the ${user.role} role does not work on the ledger`)
    case 'photo.create':
    case 'ledger-item.raise':
      if (!recordingRoles.has(user.role)) return deny(`the ${user.role} role does not record field work`)
      return institutionInScope(user, action.institution) ? allow : deny('this institution is outside your scope')
    case 'clue.read':
    case 'clue.investigate':
      return clueInvestigatingRoles.has(user.role)
        ? allow
        : deny(`the ${user.role} role does not work on complaint clues`)
    case 'clue.handle':
      return clueHandlingRoles.has(user.role)
        ? allow
        : deny(`the ${user.role} role does not take in or conclude complaint clues`)
    case 'clue-complainant.read':
      return user.clueHandler && clueHandlingRoles.has(user.role)
        ? allow
        : deny('only a designated clue handler may see who a complainant is')
    case 'risk-report.read':
      return riskRaisingRoles.has(user.role) || riskHandlingRoles.has(user.role)
        ? allow
        : deny(`the ${user.role} role is not in the risk reports' chain`)
    case 'risk.raise':
    case 'risk-report.raise':
      if (!riskRaisingRoles.has(user.role)) return deny(`the ${user.role} role does not raise risk reports`)
      return action.kind === 'risk.raise' || institutionInScope(user, action.institution)
        ? allow
        : deny('this institution is outside your scope')
    case 'risk-report.raise-at':
      if (!riskRaisingRoles.has(user.role)) return deny(`the ${user.role} role does not raise risk reports`)
      return gridInScope(user, action.grid) ||
        (user.scopeKind === 'own_institutions' && action.ownGridIds.has(action.grid.id))
        ? allow
        : deny('this place lies outside your grid')
    case 'risk-report.handle-at':
      if (!riskHandlingRoles.has(user.role)) return deny(`the ${user.role} role does not handle risk reports`)
      return gridInScope(user, action.grid) ? allow : deny('this place lies outside your scope')
    case 'risk.handle':
    case 'risk-report.handle':
      if (!riskHandlingRoles.has(user.role)) return deny(`the ${user.role} role does not handle risk reports`)
      return action.kind === 'risk.handle' || institutionInScope(user, action.institution)
        ? allow
        : deny('this institution is outside your scope')
    case 'ledger-item.move': {
      const verifying = action.target === 'closed' || action.target === 'reopened'
      if (verifying ? !verifyingRoles.has(user.role) : !recordingRoles.has(user.role))
        return deny(
          verifying
            ? `the ${user.role} role does not verify rectifications; a level-1 or level-2 member or a supervisor does`
            : `the ${user.role} role does not report rectifications`,
        )
      return institutionInScope(user, action.institution) ? allow : deny('this institution is outside your scope')
    }
    case 'grid-records.read':
    case 'posters.print':
      if (action.callerIsClerk) return allow
      return user.id > 0 && recordKeepingRoles.has(user.role) && gridInScope(user, action.grid)
        ? allow
        : deny(
            'only the grid’s materials clerk, its level-1 and level-2 members, supervisors and leaders export its records',
          )
    case 'materials-clerk.name':
      return user.id > 0 &&
        ['admin', 'leader', 'grid_member_1', 'grid_member_2'].includes(user.role) &&
        gridInScope(user, action.grid)
        ? allow
        : deny('the grid’s level-1 or level-2 member, a leader or an administrator names its materials clerk')
    case 'settings.edit':
      return user.id > 0 && (user.role === 'admin' || user.role === 'leader')
        ? allow
        : deny('only administrators and leaders change the field-work settings')
    case 'audit.read':
      return deny('only the audit administrator reads the audit log')
    case 'rotation.plan':
      return user.id > 0 && planningRoles.has(user.role)
        ? allow
        : deny(`the ${user.role} role does not plan supervision rotations`)
    case 'rotation.read':
      // A wall screen and the demo's anonymous viewer read as a leader (id 0), yet are no person who plans.
      if (action.checked || action.memberOfTeam || (user.id > 0 && planningRoles.has(user.role))) return allow
      return deny('cross-check plans stay hidden until their date (四不两直)')
    case 'display-token.manage':
      return user.id > 0 && (user.role === 'admin' || user.role === 'leader')
        ? allow
        : deny('only administrators and leaders manage wall displays')
    case 'boundary.edit':
      return user.id > 0 && boundaryRoles.has(user.role)
        ? allow
        : deny(`the ${user.role} role does not edit grid boundaries`)
    case 'staff.read':
      return user.id > 0 && (planningRoles.has(user.role) || staffKeepingRoles.has(user.role))
        ? allow
        : deny(`the ${user.role} role does not keep staff records`)
    case 'staff.manage':
      return user.id > 0 && staffKeepingRoles.has(user.role)
        ? allow
        : deny(`the ${user.role} role does not keep staff records`)
    case 'staff.edit': {
      if (user.id <= 0 || !staffKeepingRoles.has(user.role))
        return deny(`the ${user.role} role does not keep staff records`)
      if (user.role === 'admin' || user.role === 'leader') return allow
      const lowest = user.role === 'grid_member_1' ? 2 : 3
      if (action.level < lowest)
        return deny(
          `a ${user.role === 'grid_member_1' ? 'level-1' : 'level-2'} member keeps staff of level ${lowest}${lowest < 3 ? '–3' : ''} only`,
        )
      if (action.grid === null)
        return action.zoneId !== null &&
          user.scopeKind === 'zone' &&
          action.zoneId === user.scopeAreaId &&
          action.level >= 2
          ? allow
          : deny('this is outside your scope')
      return gridInScope(user, action.grid) ? allow : deny('this grid is outside your scope')
    }
    case 'credit.read':
      return user.id > 0 && ['supervisor', 'leader', 'admin', 'grid_member_1', 'grid_member_2'].includes(user.role)
        ? allow
        : deny(`the ${user.role} role does not keep credit evaluations`)
    case 'credit.manage':
    case 'credit.evaluate':
      if (user.id <= 0 || !creditEvaluatingRoles.has(user.role))
        return deny(
          `the ${user.role} role does not evaluate credit or keep the blacklist; the bureau’s supervisors and leaders do`,
        )
      return action.kind === 'credit.manage' || institutionInScope(user, action.institution)
        ? allow
        : deny('this institution is outside your scope')
    case 'dispatch.read':
    case 'cross-check-result.read':
    case 'assessment.read':
    case 'monthly-report.read':
      return user.id > 0 && ['leader', 'supervisor', 'admin', 'grid_member_1', 'grid_member_2'].includes(user.role)
        ? allow
        : deny(`the ${user.role} role does not read monthly reports`)
    case 'campaign.manage':
      return user.id > 0 && ['leader', 'supervisor'].includes(user.role)
        ? allow
        : deny(`the ${user.role} role does not start campaigns`)
    case 'circular.draft':
      return user.id > 0 && ['leader', 'supervisor'].includes(user.role)
        ? allow
        : deny(`the ${user.role} role does not draft circulars`)
    case 'circular.approve':
      return user.id > 0 && user.role === 'leader' ? allow : deny('only a leader approves a circular')
    case 'monthly-report.work':
      return user.id > 0 && ['leader', 'grid_member_1', 'grid_member_2'].includes(user.role)
        ? allow
        : deny(`the ${user.role} role neither writes nor reviews monthly reports`)
    case 'monthly-report.write':
      return user.id > 0 && user.role === 'grid_member_2' && gridInScope(user, action.grid)
        ? allow
        : deny('only the grid’s level-2 member writes and submits its monthly report')
    case 'monthly-report.review':
      return user.id > 0 && (user.role === 'leader' || user.role === 'grid_member_1') && gridInScope(user, action.grid)
        ? allow
        : deny('the level-1 member of the grid’s zone or a leader reviews its monthly report')
    case 'user.manage':
      return user.id > 0 && user.role === 'admin' ? allow : deny('only administrators manage accounts')
    case 'user.read':
      return user.id > 0 && user.role === 'admin' ? allow : deny('only the administrators see the accounts')
    case 'user.grant':
      return deny('only the security administrator grants access and resets credentials')
    case 'staff-phone.read':
      if (can(user, { kind: 'phone.read' }).allowed) return allow
      if (user.role === 'grid_member_3' && action.staffLevel <= 2 && action.answersForCallersInstitution) return allow
      return deny(`the ${user.role} role sees this phone number masked`)
    case 'phone.read':
      return user.id > 0 && phoneReadingRoles.has(user.role)
        ? allow
        : deny(`the ${user.role} role sees phone numbers masked`)
  }
}
