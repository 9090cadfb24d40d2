// The shapes the pages read from the API (see /api/openapi.json).
import type { InstitutionDetail as InstitutionDetailFields } from '@gridwatch/domain/institution-views.ts'
import type { FeatureCollection, MultiPolygon } from 'geojson'

export interface AreaProperties {
  id: number
  name: string
  level: 'district' | 'zone' | 'grid' | 'village'
  countyCode: string
  parentId: number | null
  parentName: string | null
  code: string | null
  seat: [number, number] | null
  seatEstimated: boolean
  isDemo: boolean
}

export interface InstitutionProperties {
  id: number
  code: string
  name: string
  type: 'village_clinic' | 'township_health_centre' | 'hospital' | 'private_clinic' | 'pharmacy'
  gridId: number | null
  gridName: string | null
  zoneId: number | null
  lastVisitAt: string | null
  daysSinceVisit: number | null
  openLedgerItems: number
  overdueLedgerItems: number
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

export type { GridDetail, StaffContact } from '@gridwatch/domain/institution-views.ts'

/** GET /api/institutions/{id}: the map figures and the panel's detail. */
export type InstitutionDetail = InstitutionProperties & InstitutionDetailFields

/** GET /api/institutions/search */
export interface SearchHit {
  id: number
  name: string
  type: InstitutionProperties['type']
  gridId: number | null
  gridName: string | null
  position: [number, number]
}

export type InstitutionType = InstitutionProperties['type']
