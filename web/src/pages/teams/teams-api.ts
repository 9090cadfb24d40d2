// The shapes the teams page reads and writes (see /api/openapi.json, tag "teams").
export interface RotationPlan {
  months: string[]
  zones: { id: number; name: string }[]
  teams: { id: number; name: string; homeZoneId: number | null; memberZoneIds: number[] }[]
  entries: { teamId: number; month: string; zoneId: number; checkDate: string | null; status: string }[]
  hiddenEntries: number
  violations: { rule: string; teamId: number; month: string; zoneId: number }[]
}

export interface RoundInstitution {
  id: number
  name: string
  type: string
  gridId: number | null
  position: [number, number]
}

export interface Workload {
  assumptions: { serviceMinutesPerStop: number; roadFactor: number; travelSpeedKilometersPerHour: number }
  teams: { teamId: number; institutions: number; estimatedHours: number; routeKilometers: number }[]
}

export interface OptimizedRoute {
  order: string[]
  distanceMeters: number
  distanceKind: 'straight-line'
}

/** YYYY-MM of a plan month (YYYY-MM-01). */
export const monthKey = (month: string) => month.slice(0, 7)

export interface SplitSuggestion {
  month: string
  teams: { teamId: number; institutionIds: number[]; institutionsBefore: number; hoursBefore: number; hoursAfter: number }[]
  moves: { gridId: number; gridName: string; fromTeamId: number; toTeamId: number; institutions: number; reason: 'conflict' | 'balance' }[]
  largestHoursBefore: number
  largestHoursAfter: number
}
