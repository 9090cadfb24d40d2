// Supervision teams (督导组, server state of the team editor): the teams, the grid staff they are
// formed from, and saving a new or changed team.
import { defineStore } from 'pinia'
import { shallowRef } from 'vue'
import { apiRequest } from '../api/client.ts'
import type { ResponseOf } from '../api/types.ts'

export type Team = ResponseOf<'/api/teams', 'get'>[number]
export type TeamStaff = ResponseOf<'/api/staff', 'get'>[number]
export interface TeamInput {
  name: string
  homeZoneId: number | null
  leaderStaffId: number | null
  memberStaffIds: number[]
}

export const useTeamsStore = defineStore('teams', () => {
  const teams = shallowRef<Team[]>([])
  const staff = shallowRef<TeamStaff[]>([])

  async function load() {
    ;[teams.value, staff.value] = await Promise.all([
      apiRequest<Team[]>('/api/teams'),
      apiRequest<TeamStaff[]>('/api/staff'),
    ])
  }

  /** Saves a new team (`id` null) or changes one; the lists are read again. */
  async function save(id: number | null, team: TeamInput) {
    if (id === null) await apiRequest('/api/teams', { method: 'POST', body: team })
    else await apiRequest(`/api/teams/${id}`, { method: 'PUT', body: team })
    await load()
  }

  return { teams, staff, load, save }
})
