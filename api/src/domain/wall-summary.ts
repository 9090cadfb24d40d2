// What GET /api/wall/summary returns; shared with the web app (no server imports here).
export interface WallSummary {
  asOf: string
  intervalDays: number
  clinics: { total: number; visitedWithinInterval: number; pastInterval: number; neverVisited: number }
  ledger: { open: number; overdue: number }
  risks: { unacknowledged: number; oldestUnacknowledgedAt: string | null }
  teams: { teamId: number; name: string; targetZone: string | null; institutions: number; checked: number }[]
  ranking: { gridId: number; name: string; zone: string | null; clinics: number; visitedShare: number; overdueItems: number }[]
  trend: { weekStart: string; visitedShare: number; itemsOpened: number }[]
}
