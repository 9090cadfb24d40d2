// The signed-in person's own credentials (server state of /password): the password, the second
// factor (TOTP, its enrolment and recovery codes) and the GIS key for desktop GIS clients.
import { defineStore } from 'pinia'
import { shallowRef } from 'vue'
import { apiRequest } from '../api/client.ts'
import type { SecondFactorStatus } from '../api/types.ts'

export const useCredentialsStore = defineStore('credentials', () => {
  const status = shallowRef<SecondFactorStatus | null>(null)

  async function load() {
    status.value = await apiRequest<SecondFactorStatus>('/api/auth/second-factor')
  }

  const changePassword = (currentPassword: string, newPassword: string) =>
    apiRequest('/api/auth/password', { method: 'POST', body: { currentPassword, newPassword } })

  /** A new TOTP secret and its otpauth URI, not in force until a code from it is confirmed. */
  const startEnrolment = () =>
    apiRequest<{ secret: string; uri: string }>('/api/auth/second-factor/enrolment', { method: 'POST' })

  /** Puts the second factor in force; the recovery codes are shown this once. */
  async function confirm(code: string): Promise<string[]> {
    const answer = await apiRequest<{ recoveryCodes: string[] }>('/api/auth/second-factor', {
      method: 'POST',
      body: { code },
    })
    await load()
    return answer.recoveryCodes
  }

  async function turnOff(password: string) {
    await apiRequest('/api/auth/second-factor', { method: 'DELETE', body: { password } })
    await load()
  }

  /** A new GIS key (shown this once); the previous one stops working. */
  async function newGisKey(): Promise<string> {
    const { key } = await apiRequest<{ key: string }>('/api/auth/gis-key', { method: 'POST' })
    await load()
    return key
  }

  async function withdrawGisKey() {
    await apiRequest('/api/auth/gis-key', { method: 'DELETE' })
    await load()
  }

  return { status, load, changePassword, startEnrolment, confirm, turnOff, newGisKey, withdrawGisKey }
})
