// Public-opinion risk reports (舆情, seed 000: 三级网格员发现后立即报告二级、一级网格员): the chain a
// report climbs and the rules of each hop. A report goes to the grid's level-2 member first; once
// acknowledged, to the zone's level-1 member; then to the bureau (supervisors and leaders, level
// 0 here). A hop not acknowledged within the county's limit times out: the report climbs to the
// next level on its own and stands as an alarm until the bureau has acknowledged it. The bureau's
// acknowledgement ends the climb; the report is closed with its handling recorded. A 重大 report
// (severity high) does not climb one hop at a time: every level of the chain is sent it at once,
// each acknowledges its own hop, and the bureau's acknowledgement ends it.

export const riskReportStatuses = ['escalating', 'acknowledged', 'closed'] as const
export type RiskReportStatus = (typeof riskReportStatuses)[number]

export const riskSeverities = ['low', 'medium', 'high'] as const
export type RiskSeverity = (typeof riskSeverities)[number]

/** Where the report came from (how the member heard of it). */
export const riskSources = ['short-video', 'social-media', 'news', 'hotline', 'on-site', 'other'] as const
export type RiskSource = (typeof riskSources)[number]

/** The levels a report climbs, in order: level-2 member, level-1 member, the bureau (0). */
export const riskHopLevels = [2, 1, 0] as const
export type RiskHopLevel = (typeof riskHopLevels)[number]

/** The roles that answer for each level of the chain. */
export const riskHopRoles: Record<RiskHopLevel, readonly string[]> = {
  2: ['grid_member_2'],
  1: ['grid_member_1'],
  0: ['supervisor', 'leader'],
}

/** 重大: sent to every level of the chain at once instead of one level after another. */
export const sentToAllLevels = (severity: RiskSeverity): boolean => severity === 'high'

/** The levels a new report is sent to at once: the first one, or (重大) it and every level above. */
export function firstHopLevels(first: RiskHopLevel, severity: RiskSeverity): RiskHopLevel[] {
  return sentToAllLevels(severity) ? riskHopLevels.filter((level) => level <= first) : [first]
}

/** The level after `level` in the chain, or null after the bureau. */
export function nextHopLevel(level: RiskHopLevel): RiskHopLevel | null {
  const index = riskHopLevels.indexOf(level)
  return riskHopLevels[index + 1] ?? null
}

/** The chain level a role answers for; null for roles outside it (level-3 members raise, they do not acknowledge). */
export function hopLevelOfRole(role: string): RiskHopLevel | null {
  for (const level of riskHopLevels) if (riskHopRoles[level].includes(role)) return level
  return null
}

export interface OpenHop {
  level: RiskHopLevel
  sentAt: Date
}

export type AcknowledgeDecision = { allowed: true } | { allowed: false; reason: string }

/**
 * Whether a person of `role` may acknowledge the report's open hop: its own level, or anyone
 * above it in the chain (a level-1 member may take a report their level-2 member has not seen;
 * the bureau may take any). Scope is checked apart (can()).
 */
export function acknowledgeDecision(status: RiskReportStatus, hop: OpenHop | null, role: string): AcknowledgeDecision {
  if (status !== 'escalating' || !hop)
    return { allowed: false, reason: 'the report has no hop waiting for acknowledgement' }
  const level = hopLevelOfRole(role)
  if (level === null) return { allowed: false, reason: `the ${role} role is not in the report's chain` }
  // Lower numbers are higher in the chain: 0 is the bureau.
  if (level > hop.level)
    return { allowed: false, reason: `the report waits at level ${hop.level}, above your level ${level}` }
  return { allowed: true }
}

/** When the hop times out if nobody acknowledges it. */
export function hopDeadline(hop: OpenHop, limitMinutes: number): Date {
  return new Date(hop.sentAt.getTime() + limitMinutes * 60_000)
}

export function hopTimedOut(hop: OpenHop, limitMinutes: number, now: Date): boolean {
  return now.getTime() >= hopDeadline(hop, limitMinutes).getTime()
}
