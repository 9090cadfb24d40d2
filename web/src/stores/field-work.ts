// The grid member's phone: their institutions, this week's plan and open ledger items, kept on the
// device (offline/outbox.ts cachedRead), and every write queued in the outbox and sent when the
// network returns. The screen always shows what waits to be sent (`pending`) and what was refused.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { inspectionContentText, type InspectionContent, type SignerRole } from '@gridwatch/domain/inspection-content.ts'
import { haversineDistanceMeters } from '@gridwatch/domain/distance.ts'
import { compareUrgency } from '@gridwatch/domain/urgency.ts'
import type { LedgerTransitionTarget } from '@gridwatch/domain/ledger-items.ts'
import type { OutboxEntry, StoredPhoto } from '../offline/field-db.ts'
import {
  cachedRead,
  discard,
  enqueue,
  flush,
  keepPhoto,
  newKey,
  outboxEntries,
  sha256Hex,
  type FlushResult,
} from '../offline/outbox.ts'
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

/** A risk report (舆情) being written on the phone. */
export interface RiskDraft {
  institution: MyInstitution
  title: string
  description: string
  severity: RiskReport['severity']
  source: RiskReport['source']
  photos: StoredPhoto[]
}

export interface Fix {
  position: [number, number]
  accuracyMeters: number
}

/** An inspection being recorded on the phone, from arrival to signatures. */
export interface InspectionDraft {
  institutionId: number
  institutionName: string
  kind: InspectionContent['kind']
  arrivedAt: string
  departedAt: string | null
  fix: Fix
  checklist: InspectionContent['checklist']
  findings: InspectionContent['findings']
  note: string
  photos: (StoredPhoto & { kind: 'sign' | 'scene' })[]
  signatures: { role: SignerRole; signerName: string; signedAt: string; contentHash: string; image: string }[]
  /** The full-coverage campaign (拉网式检查) the inspection counts for, if any. */
  campaignId?: number | null
}

export const useFieldWorkStore = defineStore('field-work', () => {
  const institutions = shallowRef<MyInstitution[]>([])
  const plan = shallowRef<WeeklyPlan | null>(null)
  const ledgerItems = shallowRef<LedgerItem[]>([])
  /** Risk reports: the member's own (level 3), or those of their chain (levels 1–2). */
  const riskReports = shallowRef<RiskReport[]>([])
  /** Campaigns running today, kept on the device like the lists: an inspection can count for one offline too. */
  const campaigns = shallowRef<Campaign[]>([])
  /** When the lists were last read from the server; null before the first read. */
  const readAt = ref<string | null>(null)
  const fresh = ref(false)
  const outbox = shallowRef<OutboxEntry[]>([])
  const online = ref(typeof navigator === 'undefined' ? true : navigator.onLine)
  const lastFlush = ref<FlushResult | null>(null)
  const here = ref<Fix | null>(null)

  const pending = computed(() => outbox.value.filter((entry) => !entry.failure))
  const refused = computed(() => outbox.value.filter((entry) => entry.failure))
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
    const [mine, week, items, running] = await Promise.all([
      cachedRead<{ features: MyInstitution[] }>('/api/me/institutions'),
      cachedRead<WeeklyPlan>('/api/me/plan'),
      cachedRead<{ items: LedgerItem[] }>('/api/ledger-items?limit=500'),
      cachedRead<Campaign[]>('/api/campaigns'),
      loadRiskReports(),
    ])
    if (running) campaigns.value = running.body.filter((campaign) => campaign.phase === 'running')
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

  async function refreshOutbox() {
    outbox.value = await outboxEntries()
  }

  /** Sends what waits, then re-reads the lists if anything went. */
  async function sync() {
    const before = pending.value.length
    lastFlush.value = await flush()
    await refreshOutbox()
    if (pending.value.length < before) await load()
    else if (lastFlush.value === 'sent') await loadRiskReports()
  }

  function contentOf(draft: InspectionDraft): InspectionContent {
    return {
      institutionId: draft.institutionId,
      kind: draft.kind,
      arrivedAt: draft.arrivedAt,
      departedAt: draft.departedAt,
      position: draft.fix.position,
      accuracyMeters: draft.fix.accuracyMeters,
      checklist: draft.checklist,
      findings: draft.findings,
      note: draft.note,
      photoDigests: draft.photos.map((photo) => photo.digest),
    }
  }

  /** What the signers seal: the hash of the record's canonical content, as the server will compute it. */
  function contentHash(draft: InspectionDraft): string {
    return sha256Hex(inspectionContentText(contentOf(draft)))
  }

  async function takePhoto(file: Blob): Promise<StoredPhoto> {
    return keepPhoto(await scaledForUpload(file))
  }

  /** Queues the inspection and its photos; sends at once when there is network. */
  async function saveInspection(draft: InspectionDraft) {
    const createdAt = new Date().toISOString()
    const label = draft.institutionName
    const content = contentOf(draft)
    const { photoDigests: _, ...body } = content
    void _
    await enqueue([
      ...draft.photos.map((photo): OutboxEntry => ({
        key: newKey(),
        type: 'photo',
        label,
        createdAt,
        localPhotoId: photo.localPhotoId,
        form: {
          kind: photo.kind,
          institutionId: String(draft.institutionId),
          takenAt: createdAt,
          longitude: String(draft.fix.position[0]),
          latitude: String(draft.fix.position[1]),
          accuracyMeters: String(draft.fix.accuracyMeters),
        },
      })),
      {
        key: newKey(),
        type: 'inspection',
        label,
        createdAt,
        body: {
          ...body,
          deviceRecordedAt: createdAt,
          signatures: draft.signatures,
          ...(draft.campaignId ? { campaignId: draft.campaignId } : {}),
        },
        localPhotoIds: draft.photos.map((photo) => photo.localPhotoId),
      },
    ])
    await refreshOutbox()
    void sync()
  }

  async function moveLedgerItem(
    item: LedgerItem,
    target: LedgerTransitionTarget,
    note: string,
    photo: StoredPhoto | null,
  ) {
    const createdAt = new Date().toISOString()
    const label = `${item.institutionName} · ${item.category}`
    await enqueue([
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
    await refreshOutbox()
    void sync()
  }

  /** Queues the report and its photos; it climbs the chain as soon as it reaches the server. */
  async function raiseRiskReport(draft: RiskDraft) {
    const createdAt = new Date().toISOString()
    const label = `${draft.institution.properties.name} · ${draft.title}`
    const institutionId = String(draft.institution.id)
    await enqueue([
      ...draft.photos.map((photo): OutboxEntry => ({
        key: newKey(),
        type: 'photo',
        label,
        createdAt,
        localPhotoId: photo.localPhotoId,
        form: { kind: 'scene', institutionId, takenAt: createdAt },
      })),
      {
        key: newKey(),
        type: 'risk-report',
        label,
        createdAt,
        body: {
          institutionId: draft.institution.id,
          title: draft.title,
          description: draft.description,
          severity: draft.severity,
          source: draft.source,
        },
        localPhotoIds: draft.photos.map((photo) => photo.localPhotoId),
      },
    ])
    await refreshOutbox()
    void sync()
  }

  async function acknowledgeRiskReport(report: RiskReport) {
    await enqueue([
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
    await refreshOutbox()
    void sync()
  }

  async function discardRefused(entry: OutboxEntry) {
    await discard(entry.id!)
    await refreshOutbox()
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

  function start() {
    addEventListener('online', () => {
      online.value = true
      void sync()
    })
    addEventListener('offline', () => (online.value = false))
    setInterval(() => void sync(), 30_000)
    watchPosition()
    void refreshOutbox().then(load).then(sync)
  }

  return {
    institutions,
    byUrgency,
    plan,
    ledgerItems,
    riskReports,
    campaigns,
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
    contentHash,
    takePhoto,
    saveInspection,
    moveLedgerItem,
    raiseRiskReport,
    acknowledgeRiskReport,
    discardRefused,
  }
})

/** A camera photo scaled on the phone to at most 1600 px (JPEG), so a day's photos fit the device and the upload. */
async function scaledForUpload(file: Blob): Promise<Blob> {
  try {
    const bitmap = await createImageBitmap(file)
    const scale = Math.min(1, 1600 / Math.max(bitmap.width, bitmap.height))
    if (scale === 1 && file.type === 'image/jpeg') return file
    const canvas = document.createElement('canvas')
    canvas.width = Math.round(bitmap.width * scale)
    canvas.height = Math.round(bitmap.height * scale)
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height)
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('no blob'))), 'image/jpeg', 0.82),
    )
  } catch {
    return file
  }
}
