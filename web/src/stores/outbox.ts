// The phone's outbox as both phones see it (a grid member's and a supervision team member's): what
// waits to be sent and what the server refused, the network state, and the one way an inspection is
// queued — its photos first, then the record naming them, sealed by the content hash the signers
// signed (offline/outbox.ts does the sending).
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { inspectionContentText, type InspectionContent, type SignerRole } from '@gridwatch/domain/inspection-content.ts'
import type { StaffWorkEntry } from '@gridwatch/domain/cross-checks.ts'
import type { OutboxEntry, StoredPhoto } from '../offline/field-db.ts'
import {
  discard,
  enqueue,
  flush as flushOutbox,
  keepPhoto,
  newKey,
  outboxEntries,
  sha256Hex,
  type FlushResult,
  type SentRecord,
} from '../offline/outbox.ts'
import { useSessionStore } from './session.ts'

export interface Fix {
  position: [number, number]
  accuracyMeters: number
}

/** A checklist entry the member has not answered yet: the form offers no default answer. */
type Answerable<Entry extends { result: unknown }> = Omit<Entry, 'result'> & { result: Entry['result'] | null }

/** A finding as the phone records it: its own photos named by their local ids (the 整改前 picture). */
export type DraftFinding = Omit<InspectionContent['findings'][number], 'photoDigests'> & { photoLocalIds?: string[] }

/** An inspection being recorded on a phone, from arrival to signatures. */
export interface InspectionDraft {
  institutionId: number
  institutionName: string
  kind: InspectionContent['kind']
  arrivedAt: string
  departedAt: string | null
  fix: Fix
  checklist: Answerable<InspectionContent['checklist'][number]>[]
  /** A cross-check's verdict on the grid staff's work there (poster, ledger, weekly visits, closures). */
  staffWork?: Answerable<StaffWorkEntry>[]
  findings: DraftFinding[]
  note: string
  photos: (StoredPhoto & { kind: 'sign' | 'scene' })[]
  signatures: { role: SignerRole; signerName: string; signedAt: string; contentHash: string; image: string }[]
  /** The full-coverage campaign (拉网式检查) the inspection counts for, if any. */
  campaignId?: number | null
}

export const useOutboxStore = defineStore('outbox', () => {
  const entries = shallowRef<OutboxEntry[]>([])
  const online = ref(typeof navigator === 'undefined' ? true : navigator.onLine)
  const lastFlush = ref<FlushResult | null>(null)
  /** What the server answered to the records of the last send that carried any (newest last). */
  const lastSent = shallowRef<SentRecord[]>([])
  const session = useSessionStore()

  const pending = computed(() => entries.value.filter((entry) => !entry.failure))
  const refused = computed(() => entries.value.filter((entry) => entry.failure))
  /** Institutions with an inspection waiting on this phone: they count as visited here. */
  const queuedInstitutions = computed(
    () =>
      new Set(
        pending.value.flatMap((entry) => (entry.type === 'inspection' ? [entry.body.institutionId as number] : [])),
      ),
  )

  async function refresh() {
    entries.value = await outboxEntries()
  }

  /** Sends what waits; true when something went. A refusal for want of a session ends it on the phone. */
  async function flush(): Promise<boolean> {
    const before = pending.value.length
    const sent: SentRecord[] = []
    lastFlush.value = await flushOutbox(session.user?.id ?? null, sent)
    if (lastFlush.value === 'login') session.sessionEnded()
    if (sent.length > 0) lastSent.value = sent
    await refresh()
    return pending.value.length < before
  }

  const dismissSent = () => (lastSent.value = [])

  /** Queues the entries as the member's (all or none). */
  async function queue(next: OutboxEntry[]) {
    const userId = session.member?.id
    await enqueue(next.map((entry) => (userId === undefined ? entry : { ...entry, userId })))
    await refresh()
  }

  async function discardRefused(entry: OutboxEntry) {
    await discard(entry.id!)
    await refresh()
  }

  /** The entries of the draft's checklists still unanswered (the record cannot be sealed before). */
  function unanswered(draft: InspectionDraft): string[] {
    return [
      ...draft.checklist.filter((entry) => entry.result === null).map((entry) => entry.category),
      ...(draft.staffWork ?? []).filter((entry) => entry.result === null).map((entry) => entry.item),
    ]
  }

  function contentOf(draft: InspectionDraft): InspectionContent {
    if (unanswered(draft).length > 0) throw new Error(`unanswered: ${unanswered(draft).join(', ')}`)
    return {
      institutionId: draft.institutionId,
      kind: draft.kind,
      arrivedAt: draft.arrivedAt,
      departedAt: draft.departedAt,
      position: draft.fix.position,
      accuracyMeters: draft.fix.accuracyMeters,
      checklist: draft.checklist as InspectionContent['checklist'],
      ...(draft.staffWork && draft.staffWork.length > 0 ? { staffWork: draft.staffWork as StaffWorkEntry[] } : {}),
      findings: draft.findings.map(({ photoLocalIds = [], ...finding }) => ({
        ...finding,
        photoDigests: photoLocalIds.map(
          (localId) => draft.photos.find((photo) => photo.localPhotoId === localId)?.digest ?? localId,
        ),
      })),
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

  /** Queues the inspection and its photos (all or nothing); the caller sends when it likes. */
  async function queueInspection(draft: InspectionDraft) {
    const createdAt = new Date().toISOString()
    const label = draft.institutionName
    // The server works the digests out from the photos themselves; findings go as the phone has them.
    const { photoDigests: _digests, findings: _findings, ...body } = contentOf(draft)
    await queue([
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
          // A finding names its photos by their ids on this phone; the outbox swaps in the server's.
          findings: draft.findings,
          deviceRecordedAt: createdAt,
          signatures: draft.signatures,
          ...(draft.campaignId ? { campaignId: draft.campaignId } : {}),
        },
        localPhotoIds: draft.photos.map((photo) => photo.localPhotoId),
      },
    ])
  }

  let watching = false
  /** Follows the network: `onOnline` runs each time it returns. */
  function watchNetwork(onOnline: () => void) {
    if (watching) return
    watching = true
    addEventListener('online', () => {
      online.value = true
      onOnline()
    })
    addEventListener('offline', () => (online.value = false))
  }

  return {
    entries,
    online,
    lastFlush,
    lastSent,
    dismissSent,
    pending,
    refused,
    queuedInstitutions,
    refresh,
    flush,
    queue,
    discardRefused,
    unanswered,
    contentHash,
    takePhoto,
    queueInspection,
    watchNetwork,
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
