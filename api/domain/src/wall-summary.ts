// What GET /api/wall/summary returns; shared with the web app (no server imports here).
export interface WallSummary {
  asOf: string
  intervalDays: number
  institutions: { total: number; visitedWithinInterval: number; pastInterval: number; neverVisited: number }
  ledger: { open: number; overdue: number }
  risks: { unacknowledged: number; oldestUnacknowledgedAt: string | null }
  /** This month's cross-checks; `announced: false` when the caller may not see the plan yet (四不两直): no zone, no figures. */
  teams: { teamId: number; name: string; announced: boolean; targetZone: string | null; institutions: number; checked: number }[]
  ranking: { gridId: number; name: string; zone: string | null; institutions: number; visitedShare: number; overdueItems: number }[]
  trend: { weekStart: string; visitedShare: number; itemsOpened: number }[]
  /** What changed in the last 24 hours: new risk reports, items that fell overdue, institutions whose visit interval ran out. */
  sinceYesterday: {
    newRisks: number
    newlyOverdueItems: number
    missedVisits: number
    /** The most recent of them, newest first, for the wall's list (institution names only, no people). */
    latest: { kind: 'risk' | 'overdue-item' | 'missed-visit'; institutionId: number; institutionName: string; at: string }[]
  }
}
