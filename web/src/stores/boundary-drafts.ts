// The planner's server state: the county's villages (with their institutions, zones and staff),
// the shared boundary drafts and the boundary versions, the draft being edited and its check.
// Edits go through `edit()`; they are saved to the server 700 ms after the last one, one save
// after another, each from the revision the previous one returned. The map is not here: the page
// watches `editTick`, `shapes` and `problems` and draws them.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { FeatureCollection } from 'geojson'
import { ApiError, apiRequest } from '../api/client.ts'
import type { ResponseOf } from '../api/types.ts'
import type { Phrase } from '../i18n/phrases.ts'
import { indexPlan, planMetrics, type PlanIndex } from '@gridwatch/domain/grid-metrics.ts'
import { institutionMoves, reassignments, staffImpacts, type Reassignment } from '@gridwatch/domain/boundary-impact.ts'
import { PlanEditor } from './plan-editor.ts'

export interface VillagesPayload {
  versionId: number
  villages: FeatureCollection
  adjacency: [number, number][]
  institutions: {
    id: number
    name: string
    villageId: number | null
    gridId: number | null
    position: [number, number]
  }[]
  zones: { id: number; name: string }[]
  grids: { id: number; name: string; zoneId: number | null }[]
  staff: { gridId: number; level: number; count: number }[]
  assignments: { staffId: number; name: string; level: number; gridId: number | null; institutionId: number | null }[]
}
export type Draft = ResponseOf<'/api/planner/drafts/{id}', 'get'>['draft']
type DraftSummary = ResponseOf<'/api/planner/drafts', 'get'>[number]
type Version = ResponseOf<'/api/boundaries/versions', 'get'>[number]
export interface DraftProblem extends Phrase {
  kind: string
  severity: 'error' | 'warning'
  at?: [number, number]
  gridKey?: string
  villageId?: number
  institutionId?: number
}
type PublishResult =
  | { status: 'published'; versionId: number; moved: unknown[]; reassigned: Reassignment[] }
  | { status: 'scheduled'; effectiveFrom: string }

export const useBoundaryDraftsStore = defineStore('boundary-drafts', () => {
  const villages = shallowRef<VillagesPayload | null>(null)
  /** The villages indexed for the metrics; rebuilt whenever the villages are (re)loaded. */
  const index = shallowRef<PlanIndex | null>(null)
  const drafts = shallowRef<DraftSummary[]>([])
  const versions = shallowRef<Version[]>([])
  const draft = shallowRef<Draft | null>(null)
  const editor = shallowRef<PlanEditor | null>(null)
  /** Bumped on every edit and every opening, so computed values re-read the editor. */
  const editTick = ref(0)
  const selectedKey = ref<string | null>(null)
  const saveState = ref<'saved' | 'saving' | 'pending' | 'conflict' | 'error'>('saved')
  /** The message of a failed save (a conflict says what changed). */
  const saveMessage = ref<string | null>(null)
  /** The grids' dissolved outlines as the server last returned them. */
  const shapes = shallowRef<FeatureCollection | null>(null)
  const problems = shallowRef<DraftProblem[]>([])
  const checking = ref(false)

  const grids = computed(() => {
    void editTick.value
    return editor.value?.grids ?? []
  })
  /** Only an open draft can be edited; a scheduled or published one is shown as it is. */
  const readOnly = computed(() => draft.value !== null && draft.value.status !== 'open')
  const scheduledDrafts = computed(() => drafts.value.filter((entry) => entry.status === 'scheduled'))
  const errors = computed(() => problems.value.filter((problem) => problem.severity === 'error'))

  /** Metrics of the draft, recomputed on every edit (`pnpm bench` times it), and of the grids in force. */
  const metrics = computed(() => (index.value ? planMetrics(grids.value, index.value) : null))
  const publishedMetrics = computed(() => {
    if (!index.value || !villages.value) return null
    const byGrid = new Map<number, number[]>()
    for (const feature of villages.value.villages.features) {
      const { id, gridId } = feature.properties as { id: number; gridId: number }
      const villageIds = byGrid.get(gridId)
      if (villageIds) villageIds.push(id)
      else byGrid.set(gridId, [id])
    }
    const zoneOf = new Map(villages.value.grids.map((grid) => [grid.id, grid.zoneId]))
    return planMetrics(
      [...byGrid].map(([gridId, villageIds]) => ({
        key: `g${gridId}`,
        gridId,
        villageIds,
        zoneId: zoneOf.get(gridId) ?? null,
      })),
      index.value,
    )
  })
  const metricsOf = (key: string) => metrics.value?.grids.find((grid) => grid.key === key)

  /** Institutions whose grid the draft changes, and the staff assignments that touches. */
  const moves = computed(() => (villages.value ? institutionMoves(grids.value, villages.value.institutions) : []))
  const staffMoves = computed(() =>
    villages.value ? staffImpacts(grids.value, villages.value.assignments, moves.value) : [],
  )
  /** Who publishing hands each moving institution to (the server applies the same rule). */
  const handovers = computed(() =>
    villages.value ? reassignments(grids.value, villages.value.assignments, moves.value) : [],
  )

  async function loadVillages() {
    const payload = await apiRequest<VillagesPayload>('/api/planner/villages')
    index.value = indexPlan(
      payload.villages.features.map((feature) => {
        const properties = feature.properties as { id: number; seat: [number, number]; squareKm: number }
        return { id: properties.id, seat: properties.seat, squareKm: properties.squareKm }
      }),
      payload.adjacency,
      payload.institutions,
      payload.staff,
    )
    villages.value = payload
    editTick.value++
  }

  async function loadLists() {
    ;[drafts.value, versions.value] = await Promise.all([
      apiRequest<DraftSummary[]>('/api/planner/drafts'),
      apiRequest<Version[]>('/api/boundaries/versions'),
    ])
  }

  async function check() {
    if (!draft.value) return
    checking.value = true
    try {
      problems.value = (
        await apiRequest<{ valid: boolean; problems: DraftProblem[] }>(`/api/planner/drafts/${draft.value.id}/check`, {
          method: 'POST',
          body: {},
        })
      ).problems
    } finally {
      checking.value = false
    }
  }

  /** Counts draft openings: an answer that arrives after a later opening was asked for is dropped. */
  let openings = 0
  /** Openings before the page was last entered. */
  let openingsBefore = 0
  /** Whether a draft was asked for since the page was entered. */
  const opened = () => openings > openingsBefore

  async function openDraft(id: number) {
    const request = ++openings
    const loaded = await apiRequest<{ draft: Draft; shapes: FeatureCollection }>(`/api/planner/drafts/${id}`)
    if (request !== openings) return
    draft.value = loaded.draft
    editor.value = new PlanEditor(loaded.draft.grids)
    selectedKey.value = loaded.draft.grids[0]?.key ?? null
    saveState.value = 'saved'
    saveMessage.value = null
    editTick.value++
    shapes.value = loaded.shapes
    await check()
  }

  async function newDraft(name: string, fromVersionId?: number) {
    const created = await apiRequest<Draft>('/api/planner/drafts', {
      method: 'POST',
      body: { name, ...(fromVersionId ? { fromVersionId } : {}) },
    })
    await loadLists()
    await openDraft(created.id)
  }

  let saveTimer: ReturnType<typeof setTimeout> | null = null
  let inFlight: Promise<void> = Promise.resolve()

  /**
   * Applies one edit to the open draft and answers what the edit answered (a new grid's key, or
   * whether anything moved); when that is truthy the draft is saved shortly.
   */
  function edit<T>(change: (editor: PlanEditor) => T): T | false {
    if (!editor.value || readOnly.value) return false
    const result = change(editor.value)
    if (!result) return result
    editTick.value++
    saveState.value = 'pending'
    if (saveTimer) clearTimeout(saveTimer)
    saveTimer = setTimeout(() => {
      saveTimer = null
      void save()
    }, 700)
    return result
  }

  /** Saves the editor's grids; saves run one after another. */
  function save(): Promise<void> {
    inFlight = inFlight.then(saveNow, saveNow)
    return inFlight
  }

  async function saveNow() {
    const current = draft.value
    const edits = editor.value
    if (!current || !edits || current.status !== 'open' || saveState.value === 'conflict') return
    const tick = editTick.value
    saveState.value = 'saving'
    try {
      const saved = await apiRequest<{ draft: Draft; shapes: FeatureCollection }>(`/api/planner/drafts/${current.id}`, {
        method: 'PUT',
        body: { revision: current.revision, name: current.name, grids: edits.grids },
      })
      draft.value = saved.draft
      saveState.value = editTick.value === tick ? 'saved' : 'pending'
      shapes.value = saved.shapes
      await check()
    } catch (error) {
      saveState.value = error instanceof ApiError && error.problem.status === 409 ? 'conflict' : 'error'
      saveMessage.value = (error as Error).message
    }
  }

  /** Sends a pending save at once and waits for every save to finish. */
  async function flush() {
    if (saveTimer) {
      clearTimeout(saveTimer)
      saveTimer = null
      void save()
    }
    await inFlight
  }

  /** Publishes the open draft from a date, or schedules it when the date is after today. */
  async function publish(effectiveFrom: string): Promise<PublishResult | undefined> {
    await flush()
    const current = draft.value
    if (!current) return undefined
    const result = await apiRequest<PublishResult>(`/api/planner/drafts/${current.id}/publish`, {
      method: 'POST',
      body: { revision: current.revision, effectiveFrom },
    })
    if (result.status === 'published') await loadVillages()
    await loadLists()
    await openDraft(current.id)
    return result
  }

  /** A scheduled draft back to open: editable again, and publishable at once or for another date. */
  async function unschedule(id: number) {
    await apiRequest<Draft>(`/api/planner/drafts/${id}/unschedule`, { method: 'POST', body: {} })
    await loadLists()
    await openDraft(id)
  }

  /** Institutions or village outlines changed (an import): villages, metrics and the open draft follow. */
  async function reloadVillages() {
    await loadVillages()
    // Replaced village outlines change the draft's dissolved grid outlines too.
    if (draft.value) await openDraft(draft.value.id)
  }

  /** The grids as published now, to compare the draft with (read each time: a publish changes them). */
  const publishedGrids = () => apiRequest<FeatureCollection>('/api/areas?level=grid')

  function select(key: string | null) {
    selectedKey.value = key
  }

  /** The page is left: a pending save is sent, late answers are dropped, the next visit starts afresh. */
  function dispose() {
    openingsBefore = ++openings
    void flush().finally(() => {
      if (openings !== openingsBefore) return
      draft.value = null
      editor.value = null
      shapes.value = null
      problems.value = []
      selectedKey.value = null
    })
  }

  return {
    publishedGrids,
    villages,
    index,
    drafts,
    versions,
    draft,
    editor,
    editTick,
    selectedKey,
    saveState,
    saveMessage,
    shapes,
    problems,
    checking,
    grids,
    readOnly,
    scheduledDrafts,
    errors,
    metrics,
    publishedMetrics,
    metricsOf,
    moves,
    staffMoves,
    handovers,
    loadVillages,
    loadLists,
    openDraft,
    opened,
    newDraft,
    edit,
    publish,
    unschedule,
    reloadVillages,
    select,
    dispose,
  }
})
