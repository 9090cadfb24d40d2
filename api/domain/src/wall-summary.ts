// What GET /api/wall/summary returns; shared with the web app (no server imports here).
export interface WallSummary {
  asOf: string
  /**
   * Institutions against their own required interval (by type and credit grade). The coverage figure
   * counts verified inspections only (`verifiedWithinInterval`); the others follow the map's colours,
   * which any inspection moves.
   */
  institutions: {
    total: number
    verifiedWithinInterval: number
    visitedWithinInterval: number
    pastInterval: number
    neverVisited: number
  }
  ledger: { open: number; overdue: number }
  /** Risk reports the bureau has not acknowledged; `timedOut` of them climbed because a level did not answer in time (the alarm). */
  risks: { unacknowledged: number; timedOut: number; oldestUnacknowledgedAt: string | null }
  /** This month's cross-checks; `announced: false` when the caller may not see the plan yet (四不两直): no zone, no figures. */
  teams: {
    teamId: number
    name: string
    announced: boolean
    targetZone: string | null
    institutions: number
    checked: number
  }[]
  /** Last month's reports (月上报) of the grids: who has submitted, who is accepted, who is late. */
  reports: {
    month: string
    deadline: string
    grids: { gridId: number; name: string; status: 'draft' | 'submitted' | 'returned' | 'accepted'; late: boolean }[]
  }
  /** The latest published circular (通报): the grids it criticises (with the indicators they failed) and commends. */
  circular: {
    id: number
    month: string
    title: string
    publishedAt: string
    criticised: { name: string; failures: string[] }[]
    commended: string[]
  } | null
  /** Grids by the share of their institutions with a verified inspection within the interval. */
  ranking: {
    gridId: number
    name: string
    zone: string | null
    institutions: number
    verifiedShare: number
    overdueItems: number
  }[]
  /** Whose institutions the ranking counts: each grid's all, or only those the reader answers for (a level-3 member). */
  rankingCovers: 'whole-grids' | 'own-institutions'
  /** Per week, the share of institutions with a verified inspection that week. */
  trend: { weekStart: string; verifiedShare: number; itemsOpened: number }[]
  /** What changed in the last 24 hours: new risk reports, items that fell overdue, institutions whose visit interval ran out. */
  sinceYesterday: {
    newRisks: number
    newlyOverdueItems: number
    missedVisits: number
    /** The most recent of them, newest first, for the wall's list (institution names only, no people). */
    latest: {
      kind: 'risk' | 'overdue-item' | 'missed-visit'
      institutionId: number
      institutionName: string
      at: string
    }[]
  }
}
