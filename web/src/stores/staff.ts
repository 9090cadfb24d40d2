// Grid staff and their assignments (server state of /staff): the members of the caller's scope, the
// institutions nobody answers for, and the grids and zones a member can be placed in. Every change
// goes to the server and the lists are read again, so what is shown is what the server keeps.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { apiRequest } from '../api/client.ts'
import type { ResponseOf } from '../api/types.ts'
import { useSessionStore } from './session.ts'
import { useInstitutionsStore } from './institutions.ts'

export type Staff = ResponseOf<'/api/staff', 'get'>[number]
export type StaffAssignment = Staff['assignments'][number]
export type OpenInstitution = ResponseOf<'/api/assignments/unassigned-institutions', 'get'>[number]
export type InstitutionHit = ResponseOf<'/api/institutions/search', 'get'>[number]
export interface StaffArea {
  id: number
  name: string
  parentId: number | null
}
export type StaffLevel = 1 | 2 | 3
export interface NewStaff {
  name: string
  level: StaffLevel
  organisation: string
  title: string | null
  phone: string | null
  areaId: number | null
}
/** What an assignment names: one institution, a grid or a zone. */
export type AssignmentTarget = { institutionId: number } | { gridId: number } | { zoneId: number }

export const useStaffStore = defineStore('staff', () => {
  const session = useSessionStore()
  const institutions = useInstitutionsStore()
  const staff = shallowRef<Staff[]>([])
  const open = shallowRef<OpenInstitution[]>([])
  const grids = shallowRef<StaffArea[]>([])
  const zones = shallowRef<StaffArea[]>([])
  const error = ref<string | null>(null)
  const notice = ref<string | null>(null)

  const isBureau = computed(() => ['admin', 'leader'].includes(session.user?.role ?? ''))
  /** The levels the caller may keep (the server decides; this only trims the form). */
  const keptLevels = computed<StaffLevel[]>(() =>
    isBureau.value ? [1, 2, 3] : session.user?.role === 'grid_member_1' ? [2, 3] : [3],
  )
  /** The grids and zones the caller may place a member in. */
  const placeableAreas = computed<StaffArea[]>(() => {
    const user = session.user
    if (!user) return []
    if (user.scopeKind === 'grid') return grids.value.filter((grid) => grid.id === user.scopeAreaId)
    if (user.scopeKind === 'zone')
      return [
        ...zones.value.filter((zone) => zone.id === user.scopeAreaId),
        ...grids.value.filter((grid) => grid.parentId === user.scopeAreaId),
      ]
    return [...zones.value, ...grids.value]
  })
  const counts = computed(() => [1, 2, 3].map((level) => staff.value.filter((member) => member.level === level).length))

  const isGrid = (area: StaffArea) => grids.value.includes(area)
  const zoneOf = (gridId: number | null) => grids.value.find((grid) => grid.id === gridId)?.parentId ?? null
  /** Level-3 members of a grid, for handing an open institution to one of them. */
  const membersOfGrid = (gridId: number | null) =>
    staff.value.filter((member) => member.level === 3 && member.areaId === gridId)
  /** The grids (and for a level-1 member the zones) a member can be assigned, within the caller's reach. */
  const areaTargets = (member: Staff) =>
    (member.level === 1 ? [...zones.value, ...grids.value] : member.level === 2 ? grids.value : []).filter((area) =>
      placeableAreas.value.includes(area),
    )

  async function load() {
    try {
      const [members, tasks, gridLayer, zoneLayer] = await Promise.all([
        apiRequest<Staff[]>('/api/staff'),
        apiRequest<OpenInstitution[]>('/api/assignments/unassigned-institutions'),
        apiRequest<{ features: { properties: StaffArea }[] }>('/api/areas?level=grid'),
        apiRequest<{ features: { properties: StaffArea }[] }>('/api/areas?level=zone'),
      ])
      staff.value = members
      open.value = tasks
      grids.value = gridLayer.features.map((feature) => feature.properties)
      zones.value = zoneLayer.features.map((feature) => feature.properties)
      error.value = null
    } catch (failure) {
      error.value = (failure as Error).message
    }
  }

  /** Runs a change, says `done` and reads the lists again; false (and the server's reason shown) when refused. */
  async function change(work: () => Promise<unknown>, done: string): Promise<boolean> {
    try {
      await work()
      error.value = null
      notice.value = done
      await load()
      return true
    } catch (failure) {
      error.value = (failure as Error).message
      notice.value = null
      return false
    }
  }

  const create = (body: NewStaff, done: string) =>
    change(() => apiRequest('/api/staff', { method: 'POST', body }), done)

  /** A record corrected; a masked phone number is not sent back (the caller cannot read the full one). */
  const save = (
    memberId: number,
    edit: { name: string; organisation: string; title: string; phone: string },
    done: string,
  ) => {
    const body: Record<string, unknown> = {
      name: edit.name,
      organisation: edit.organisation,
      title: edit.title || null,
    }
    if (!edit.phone.includes('*')) body.phone = edit.phone || null
    return change(() => apiRequest(`/api/staff/${memberId}`, { method: 'PATCH', body }), done)
  }

  const assign = (memberId: number, target: AssignmentTarget, done: string) =>
    change(() => apiRequest(`/api/staff/${memberId}/assignments`, { method: 'POST', body: target }), done)

  const end = (assignmentId: number, done: string) =>
    change(() => apiRequest(`/api/assignments/${assignmentId}/end`, { method: 'POST' }), done)

  /** Institutions matching `text` that `member` can take: a grid member those of their grid, others any in scope. */
  async function searchFor(member: Staff, text: string): Promise<InstitutionHit[]> {
    if (!text.trim()) return []
    const found = await institutions.search(text)
    const own = grids.value.some((grid) => grid.id === member.areaId)
    return own ? found.filter((hit) => hit.gridId === member.areaId) : found
  }

  return {
    staff,
    open,
    grids,
    zones,
    error,
    notice,
    isBureau,
    keptLevels,
    placeableAreas,
    counts,
    isGrid,
    zoneOf,
    membersOfGrid,
    areaTargets,
    load,
    create,
    save,
    assign,
    end,
    searchFor,
  }
})
