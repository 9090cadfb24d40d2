// The shapes the pages read from the API (see /api/openapi.json).
import type { FeatureCollection, MultiPolygon } from 'geojson'

export interface AreaProperties {
  id: number
  name: string
  level: 'district' | 'zone' | 'grid' | 'village'
  parentId: number | null
  parentName: string | null
  code: string | null
  seat: [number, number] | null
  seatEstimated: boolean
  isDemo: boolean
}

export interface ClinicProperties {
  id: number
  code: string
  name: string
  type: 'village_clinic' | 'township_health_centre' | 'hospital' | 'private_clinic' | 'pharmacy'
  gridId: number | null
  gridName: string | null
  zoneId: number | null
  lastVisitAt: string | null
  daysSinceVisit: number | null
  openIssues: number
  overdueIssues: number
  creditGrade: 'A' | 'B' | 'C' | 'D' | null
  creditScore: number | null
  blacklisted: boolean
  isDemo: boolean
}

export type AreaCollection = FeatureCollection<MultiPolygon, AreaProperties>

export interface User {
  id: number
  username: string
  displayName: string
  role: string
  scopeKind: string
}

export interface DemoAccount {
  username: string
  password: string
  role: string
  scope: string
  displayName: string
}

export interface StaffContact {
  id: number
  name: string
  level: number
  title: string | null
  organisation: string
  phone: string | null
  phoneMasked: boolean
  via: 'institution' | 'grid'
}

/** GET /api/institutions/{id} */
export interface InstitutionDetail extends ClinicProperties {
  address: string | null
  contactName: string | null
  contactPhone: string | null
  staff: StaffContact[]
  visits: { id: number; kind: 'weekly-visit' | 'cross-check' | 'special'; visitedAt: string; findings: string; inspectors: string[] }[]
  ledgerItems: {
    id: number
    category: string
    problem: string
    measure: string
    deadlineAt: string
    responsiblePerson: string
    status: 'open' | 'rectifying' | 'closed'
    openedAt: string
    closedAt: string | null
    overdue: boolean
  }[]
  creditHistory: { evaluatedAt: string; score: number; grade: string; blacklisted: boolean; reason: string | null }[]
}

/** GET /api/grids/{id} */
export interface GridDetail {
  id: number
  name: string
  zoneId: number | null
  zoneName: string | null
  intervalDays: number
  institutions: number
  visitedWithinInterval: number
  pastInterval: number
  neverVisited: number
  openItems: number
  overdueItems: number
  staff: StaffContact[]
}

/** GET /api/institutions/search */
export interface SearchHit {
  id: number
  name: string
  type: ClinicProperties['type']
  gridId: number | null
  gridName: string | null
  position: [number, number]
}

export type InstitutionType = ClinicProperties['type']
