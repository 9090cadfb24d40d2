// Accounts (server state of /users, 三员分立): the accounts, the staff and areas an account may be
// linked to, and each officer's part — the system administrator opens accounts and names them, the
// security administrator grants roles, scopes and staff links, disables, resets passwords and
// second factors. Every change reads the lists again.
import { defineStore } from 'pinia'
import { shallowRef } from 'vue'
import { apiRequest } from '../api/client.ts'
import type { ResponseOf } from '../api/types.ts'

export type Account = ResponseOf<'/api/users', 'get'>[number]
export type AccountStaff = ResponseOf<'/api/staff', 'get'>[number]
export interface AccountArea {
  id: number
  name: string
}

export const useUsersStore = defineStore('users', () => {
  const accounts = shallowRef<Account[]>([])
  const staff = shallowRef<AccountStaff[]>([])
  const grids = shallowRef<AccountArea[]>([])
  const zones = shallowRef<AccountArea[]>([])

  async function load() {
    const [list, members, gridLayer, zoneLayer] = await Promise.all([
      apiRequest<Account[]>('/api/users'),
      apiRequest<AccountStaff[]>('/api/staff'),
      apiRequest<{ features: { properties: AccountArea }[] }>('/api/areas?level=grid'),
      apiRequest<{ features: { properties: AccountArea }[] }>('/api/areas?level=zone'),
    ])
    accounts.value = list
    staff.value = members
    grids.value = gridLayer.features.map((feature) => feature.properties)
    zones.value = zoneLayer.features.map((feature) => feature.properties)
  }

  /** Opens an account; its temporary password is shown this once. */
  async function open(body: object): Promise<string> {
    const created = await apiRequest<{ temporaryPassword: string }>('/api/users', { method: 'POST', body })
    await load()
    return created.temporaryPassword
  }

  async function change(id: number, body: object) {
    await apiRequest(`/api/users/${id}`, { method: 'PATCH', body })
    await load()
  }

  async function resetSecondFactor(id: number) {
    await apiRequest(`/api/users/${id}/second-factor/reset`, { method: 'POST' })
    await load()
  }

  /** A new temporary password, shown this once. */
  async function resetPassword(id: number): Promise<string> {
    const answer = await apiRequest<{ temporaryPassword: string }>(`/api/users/${id}/password`, { method: 'POST' })
    return answer.temporaryPassword
  }

  return { accounts, staff, grids, zones, load, open, change, resetSecondFactor, resetPassword }
})
