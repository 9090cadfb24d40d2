// The grid member's phone: their institutions, this week's plan and open ledger items, kept on the
// device (offline/outbox.ts cachedRead), and every write queued in the outbox and sent when the
// network returns. The screen always shows what waits to be sent (`pending`) and what was refused.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { haversineDistanceMeters } from '@gridwatch/domain/distance.ts'
import { compareUrgency } from '@gridwatch/domain/urgency.ts'
import type { LedgerTransitionTarget } from '@gridwatch/domain/ledger-items.ts'
import type { OutboxEntry, StoredPhoto } from '../offline/field-db.ts'
import { cachedRead, newKey } from '../offline/outbox.ts'
import { useOutboxStore, type Fix, type InspectionDraft } from './outbox.ts'
import { useFieldSettingsStore } from './field-settings.ts'
import { useInspectionDraftsStore } from './inspection-drafts.ts'
import { useSessionStore } from './session.ts'
import { useInboxStore } from './inbox.ts'
import type { InstitutionProperties, ResponseOf } from '../api/types.ts'

export interface MyInstitution {
  id: number
  geometry: { type: 'Point'; coordinates: number[] }
  properties: InstitutionProperties
}
export type WeeklyPlan = ResponseOf<'/api/me/plan', 'get'>
export type LedgerItem = ResponseOf<'/api/ledger-items', 'get'>['items'][number]
export type RiskReport = ResponseOf<'/api/risk-reports', 'get'>['reports'][number]
export type Campaign = ResponseOf<'/api/campaigns', 'get'>[number]
/** A visit this member recorded, with the server's verdict on whether it counts. */
export type MyInspection = ResponseOf<'/api/inspections', 'get'>['inspections'][number]

/** A risk report (舆情) being written on the phone: at an institution, or about a place (no institution). */
export interface RiskDraft {
  institution: MyInstitution | null
  /** The place in words and where the member stands (a report about a place). */
  place: string
  position: [number, number] | null
  title: string
  description: string
  severity: RiskReport['severity']
  source: RiskReport['source']
  photos: StoredPhoto[]
}

export type { Fix, InspectionDraft }

export const useFieldWorkStore = defineStore('field-work', () => {
  const institutions = shallowRef<MyInstitution[]>([])
  const plan = shallowRef<WeeklyPlan | null>(null)
  const ledgerItems = shallowRef<LedgerItem[]>([])
  /** Risk reports: the member's own (level 3), or those of their chain (levels 1–2). */
  const riskReports = shallowRef<RiskReport[]>([])
  /** Campaigns running today, kept on the device like the lists: an inspection can count for one offline too. */
  const campaigns = shallowRef<Campaign[]>([])
  /** The member's own recent visits, newest first, each saying whether it counted. */
  const myInspections = shallowRef<MyInspection[]>([])
  /** The newest of the member's visits to each institution. */
  const lastVisitOf = computed(() => {
    const last = new Map<number, MyInspection>()
    for (const inspection of myInspections.value)
      if (!last.has(inspection.institutionId)) last.set(inspection.institutionId, inspection)
    return last
  })
  const rules = useFieldSettingsStore()
  const drafts = useInspectionDraftsStore()
  const session = useSessionStore()
  const inbox = useInboxStore()
  /** When the lists were last read from the server; null before the first read. */
  const readAt = ref<string | null>(null)
  const fresh = ref(false)
  const here = ref<Fix | null>(null)
  // What waits to be sent is the phone's outbox, shared with the team member's phone (stores/outbox.ts).
  const box = useOutboxStore()
  const outbox = computed(() => box.entries)
  const pending = computed(() => box.pending)
  const refused = computed(() => box.refused)
  const online = computed(() => box.online)
  const lastFlush = computed(() => box.lastFlush)
  /** Reports whose waiting hop this member may take, less those already acknowledged on the phone and waiting to go. */
  const risksWaitingForMe = computed(() => {
    const queued = new Set(
      outbox.value.flatMap((entry) =>
        entry.type === 'risk-acknowledgement' && !entry.failure ? [entry.riskReportId] : [],
      ),
    )
    return riskReports.value.filter((report) => report.actions.includes('acknowledge') && !queued.has(report.id))
  })

  const byUrgency = computed(() =>
    [...institutions.value]
      .map((feature) => ({
        ...feature,
        distanceMeters: here.value
          ? Math.round(haversineDistanceMeters(here.value.position, feature.geometry.coordinates as [number, number]))
          : null,
      }))
      .sort((a, b) =>
        compareUrgency(
          { ...a.properties, distanceMeters: a.distanceMeters },
          { ...b.properties, distanceMeters: b.distanceMeters },
        ),
      ),
  )

  async function load() {
    const [mine, week, items, running, visits] = await Promise.all([
      cachedRead<{ features: MyInstitution[] }>('/api/me/institutions'),
      cachedRead<WeeklyPlan>('/api/me/plan'),
      cachedRead<{ items: LedgerItem[] }>('/api/ledger-items?limit=500'),
      cachedRead<Campaign[]>('/api/campaigns'),
      cachedRead<{ inspections: MyInspection[] }>('/api/inspections?mine=true&limit=200'),
      loadRiskReports(),
      rules.load(),
      inbox.load(),
    ])
    if (running) campaigns.value = running.body.filter((campaign) => campaign.phase === 'running')
    if (visits) myInspections.value = visits.body.inspections
    if (mine) institutions.value = mine.body.features
    if (week) plan.value = week.body
    if (items) ledgerItems.value = items.body.items
    readAt.value = mine?.at ?? null
    fresh.value = mine?.fresh ?? false
  }

  /** Risk reports change by other people's hands (a report raised below, a hop timed out): read on every sync. */
  async function loadRiskReports() {
    const reports = await cachedRead<{ reports: RiskReport[] }>('/api/risk-reports?limit=200')
    if (reports) riskReports.value = reports.body.reports
  }

  /** Sends what waits, then re-reads the lists if anything went. */
  async function sync() {
    if (await box.flush()) await load()
    else if (box.lastFlush === 'sent') await loadRiskReports()
  }

  async function moveLedgerItem(
    item: LedgerItem,
    target: LedgerTransitionTarget,
    note: string,
    photo: StoredPhoto | null,
  ) {
    const createdAt = new Date().toISOString()
    const label = `${item.institutionName} · ${item.category}`
    await box.queue([
      ...(photo
        ? [
            {
              key: newKey(),
              type: 'photo' as const,
              label,
              createdAt,
              localPhotoId: photo.localPhotoId,
              form: { kind: 'evidence', institutionId: String(item.institutionId), takenAt: createdAt },
            },
          ]
        : []),
      {
        key: newKey(),
        type: 'ledger-transition',
        label,
        createdAt,
        ledgerItemId: item.id,
        body: { target, note },
        localPhotoIds: photo ? [photo.localPhotoId] : [],
      },
    ])
    void sync()
  }

  /** Queues the report and its photos; it climbs the chain as soon as it reaches the server. */
  async function raiseRiskReport(draft: RiskDraft) {
    const createdAt = new Date().toISOString()
    const label = `${draft.institution?.properties.name ?? draft.place} · ${draft.title}`
    const institution = draft.institution
    await box.queue([
      ...(institution
        ? draft.photos.map((photo): OutboxEntry => ({
            key: newKey(),
            type: 'photo',
            label,
            createdAt,
            localPhotoId: photo.localPhotoId,
            form: { kind: 'scene', institutionId: String(institution.id), takenAt: createdAt },
          }))
        : []),
      {
        key: newKey(),
        type: 'risk-report',
        label,
        createdAt,
        body: {
          ...(institution ? { institutionId: institution.id } : { place: draft.place, position: draft.position }),
          title: draft.title,
          description: draft.description,
          severity: draft.severity,
          source: draft.source,
        },
        localPhotoIds: institution ? draft.photos.map((photo) => photo.localPhotoId) : [],
      },
    ])
    void sync()
  }

  async function acknowledgeRiskReport(report: RiskReport) {
    await box.queue([
      {
        key: newKey(),
        type: 'risk-acknowledgement',
        label: `${report.institutionName} · ${report.title}`,
        createdAt: new Date().toISOString(),
        riskReportId: report.id,
        body: {},
        localPhotoIds: [],
      },
    ])
    void sync()
  }

  let watching: number | null = null
  function watchPosition() {
    if (watching !== null || !('geolocation' in navigator)) return
    watching = navigator.geolocation.watchPosition(
      (found) =>
        (here.value = {
          position: [found.coords.longitude, found.coords.latitude],
          accuracyMeters: Math.round(found.coords.accuracy),
        }),
      () => {},
      { enableHighAccuracy: true, maximumAge: 30_000 },
    )
  }

  let started = false
  function start() {
    if (session.member) void drafts.refresh(session.member.id)
    if (started) return void load().then(sync)
    started = true
    box.watchNetwork(() => void sync())
    setInterval(() => void sync(), 30_000)
    watchPosition()
    void box.refresh().then(load).then(sync)
  }

  return {
    institutions,
    byUrgency,
    plan,
    ledgerItems,
    riskReports,
    campaigns,
    myInspections,
    lastVisitOf,
    risksWaitingForMe,
    readAt,
    fresh,
    outbox,
    pending,
    refused,
    online,
    lastFlush,
    here,
    load,
    loadRiskReports,
    sync,
    start,
    takePhoto: box.takePhoto,
    moveLedgerItem,
    raiseRiskReport,
    acknowledgeRiskReport,
    discardRefused: box.discardRefused,
  }
})
