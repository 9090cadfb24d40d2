// The planner's imports (server state of /api/planner/import/*): a file is sent with its coordinate
// system; the server checks it and reports what it would do, or applies it when asked. Exports are
// plain links (the page builds their addresses), so they are not here.
import { defineStore } from 'pinia'
import { apiUpload } from '../api/client.ts'
import type { ResponseOf } from '../api/types.ts'

export type GridReport = ResponseOf<'/api/planner/import/grids', 'post'>
export type VillageReport = ResponseOf<'/api/planner/import/villages', 'post'>
export type InstitutionReport = ResponseOf<'/api/planner/import/institutions', 'post'>
export type CoordinateSystem = 'wgs84' | 'gcj02' | 'bd09'
interface Reports {
  grids: GridReport
  villages: VillageReport
  institutions: InstitutionReport
}

export const useTransfersStore = defineStore('transfers', () => {
  /** Checks the file (apply false) or applies it; throws the server's reason for a file it cannot read. */
  function importFile<Kind extends keyof Reports>(
    kind: Kind,
    file: File,
    crs: CoordinateSystem,
    apply: boolean,
  ): Promise<Reports[Kind]> {
    const query = new URLSearchParams({ crs, apply: String(apply), name: file.name })
    return apiUpload<Reports[Kind]>(`/api/planner/import/${kind}?${query}`, file)
  }
  return { importFile }
})
