// The supervision teams' rotation (server state of /teams): the six-month plan from this month,
// the cell (team × month) being looked at, its round's institutions and the month's workload.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { apiRequest } from '../api/client.ts'
import { bureauDate } from '@gridwatch/domain/bureau-calendar.ts'
import {
  monthKey,
  type OptimizedRoute,
  type RotationPlan,
  type RoundInstitution,
  type SplitSuggestion,
  type Workload,
} from '../api/rotation-types.ts'
import type { RouteSheet } from '../api/types.ts'

export const useRotationsStore = defineStore('rotations', () => {
  const plan = shallowRef<RotationPlan | null>(null)
  const selected = shallowRef<{ teamId: number; month: string } | null>(null)
  const round = shallowRef<RoundInstitution[]>([])
  const workload = shallowRef<Workload | null>(null)
  /** After generating: entries left as they were because their round was already set. */
  const keptWithRound = ref(0)

  const bureauMonth = () => bureauDate(new Date()).slice(0, 7)
  const entry = computed(
    () =>
      (selected.value &&
        plan.value?.entries.find(
          (candidate) => candidate.teamId === selected.value!.teamId && candidate.month === selected.value!.month,
        )) ??
      null,
  )
  const teamName = computed(() => plan.value?.teams.find((team) => team.id === selected.value?.teamId)?.name ?? '')
  const teamWorkload = computed(
    () => workload.value?.teams.find((team) => team.teamId === selected.value?.teamId) ?? null,
  )
  const cellPath = () => `/api/rotations/${selected.value!.teamId}/${monthKey(selected.value!.month)}`

  async function loadPlan() {
    plan.value = await apiRequest<RotationPlan>(`/api/rotations?from=${bureauMonth()}&months=6`)
  }

  async function generate() {
    const generated = await apiRequest<RotationPlan & { keptWithRound: number }>('/api/rotations/generate', {
      method: 'POST',
      body: { from: bureauMonth(), months: 6 },
    })
    plan.value = generated
    keptWithRound.value = generated.keptWithRound
  }

  function select(cell: { teamId: number; month: string } | null) {
    selected.value = cell
  }

  /** The selected cell's round and the month's workload (an empty round when no cell is selected). */
  async function loadRound() {
    if (!selected.value || !entry.value) {
      round.value = []
      return
    }
    round.value = await apiRequest<RoundInstitution[]>(`${cellPath()}/institutions`)
    workload.value = await apiRequest<Workload>(`/api/rotations/workload?month=${monthKey(selected.value.month)}`)
  }

  async function assign(institutionIds: number[]) {
    round.value = await apiRequest<RoundInstitution[]>(`${cellPath()}/institutions`, {
      method: 'PUT',
      body: { institutionIds },
    })
    await loadRound()
  }

  /** Adds the institutions inside a zone or a drawn polygon to the round (the server decides what lies inside). */
  async function assignWithin(
    body: { zoneIds: number[] } | { polygon: { type: 'Polygon'; coordinates: [number, number][][] } },
    keep: boolean,
  ) {
    const inside = await apiRequest<RoundInstitution[]>('/api/institutions/within', { method: 'POST', body })
    const kept = keep ? round.value.map((institution) => institution.id) : []
    await assign([...new Set([...kept, ...inside.map((institution) => institution.id)])])
  }

  async function changeZone(zoneId: number) {
    await apiRequest<RotationPlan>(cellPath(), { method: 'PUT', body: { zoneId } })
    // The edit returns the edited month; the table keeps its six.
    await loadPlan()
  }

  /** Saves the planned visiting order and days for the team's phones (/field). */
  async function saveRoute(order: number[], dayLengths: number[]) {
    await apiRequest(`${cellPath()}/route`, {
      method: 'PUT',
      body: { order, stopsPerDay: Math.max(1, ...dayLengths), dayLengths },
    })
  }

  /** A day of a team's route as its A4 sheet (stops, times, members, the map's extent). */
  const routeSheet = (teamId: number | string, month: string, day: number | string) =>
    apiRequest<RouteSheet>(`/api/rotations/${teamId}/${month}/route-sheet?day=${day}`)

  /** A balanced split of the month's institutions between the teams, not yet in force. */
  const suggestSplit = (month: string) =>
    apiRequest<SplitSuggestion>('/api/rotations/split/suggest', { method: 'POST', body: { month: monthKey(month) } })

  /** Puts a split in force for every team at once. */
  const adoptSplit = (month: string, teams: { teamId: number; institutionIds: number[] }[]) =>
    apiRequest('/api/rotations/split', { method: 'PUT', body: { month: monthKey(month), teams } })

  /** The visiting order of stops from a start and back (the server's route optimiser). */
  const optimizeRoute = (start: [number, number], stops: { id: string; lon: number; lat: number }[]) =>
    apiRequest<OptimizedRoute>('/api/routes/optimize', { method: 'POST', body: { start, stops, returnToStart: true } })

  return {
    routeSheet,
    suggestSplit,
    adoptSplit,
    optimizeRoute,
    plan,
    selected,
    round,
    workload,
    keptWithRound,
    entry,
    teamName,
    teamWorkload,
    loadPlan,
    generate,
    select,
    loadRound,
    assign,
    assignWithin,
    changeZone,
    saveRoute,
  }
})
