// The shape of the built demo county (geodata/out/dingtao-demo.json).
import type { MultiPolygon, Position } from './planar.ts'

export interface DemoGrid {
  /** Statistical code of the township/street the grid follows. */
  code: string
  name: string
  zoneName: string
  seat: Position
  seatEstimated: boolean
  seatSource: string
}

export interface DemoVillage {
  code: string
  /** Short name, e.g. 西王楼村 for 西王楼村村民委员会. */
  name: string
  officialName: string
  gridCode: string
  position: Position
  cell: MultiPolygon
}

export interface DemoInstitution {
  code: string
  name: string
  type: 'village_clinic' | 'township_health_centre' | 'hospital' | 'private_clinic' | 'pharmacy'
  gridCode: string
  villageCode: string
  position: Position
  address: string
}

export interface DemoCounty {
  about: string
  county: { code: string; name: string; outline: MultiPolygon }
  zones: { name: string; gridCodes: string[] }[]
  grids: DemoGrid[]
  villages: DemoVillage[]
  institutions: DemoInstitution[]
}
