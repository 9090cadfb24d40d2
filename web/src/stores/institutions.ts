// Institutions one at a time (server state behind the map's cards and every institution picker):
// the search by name, code or pinyin initials, an institution's detail and a grid's detail.
import { defineStore } from 'pinia'
import { apiRequest } from '../api/client.ts'
import type { GridDetail, InstitutionDetail, SearchHit } from '../api/types.ts'

export const useInstitutionsStore = defineStore('institutions', () => {
  /** Institutions in the caller's scope matching `text` (at most 50 characters are sent); none when the search fails. */
  function search(text: string): Promise<SearchHit[]> {
    return apiRequest<SearchHit[]>(`/api/institutions/search?q=${encodeURIComponent(text.trim().slice(0, 50))}`).catch(
      () => [],
    )
  }

  const institution = (id: number) => apiRequest<InstitutionDetail>(`/api/institutions/${id}`)
  const grid = (id: number) => apiRequest<GridDetail>(`/api/grids/${id}`)

  return { search, institution, grid }
})
