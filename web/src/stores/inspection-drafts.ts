// Inspections in progress on this phone (ODK-style drafts): the form keeps its state here at every
// change, so going back, a reload, a killed tab or a lost signal all return to it ("继续检查"). One
// draft per institution and member; its photos stay in the device's photo store until the finished
// record has been sent (or the member discards the draft).
import { defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import type { SignerRole } from '@gridwatch/domain/inspection-content.ts'
import { fieldDb, type KeptDraft } from '../offline/field-db.ts'
import type { InspectionDraft } from './outbox.ts'

/** What the form holds besides the record: who signs for the institution and the signatures drawn. */
export interface DraftExtras {
  representative: string
  images: Record<SignerRole, string | null>
}
type PlainPhoto = { localPhotoId: string; digest: string; kind: 'sign' | 'scene' }

const keyOf = (userId: number, institutionId: number) => `${userId}:${institutionId}`

export const useInspectionDraftsStore = defineStore('inspection-drafts', () => {
  const kept = shallowRef<KeptDraft[]>([])
  /** Institutions with an inspection in progress on this phone. */
  const institutionIds = computed(() => new Set(kept.value.map((entry) => entry.institutionId)))

  async function refresh(userId: number) {
    kept.value = (await (await fieldDb()).getAll('drafts')).filter((entry) => entry.userId === userId)
  }

  // Writes go one after another and only the newest waiting one is written: typing fast never
  // queues a write per key, and an older state never lands after a newer one.
  let writing: Promise<void> = Promise.resolve()
  let next: KeptDraft | null = null
  function keep(userId: number, draft: InspectionDraft, extras: DraftExtras): Promise<void> {
    const photos: PlainPhoto[] = draft.photos.map(({ localPhotoId, digest, kind }) => ({ localPhotoId, digest, kind }))
    next = {
      key: keyOf(userId, draft.institutionId),
      userId,
      institutionId: draft.institutionId,
      institutionName: draft.institutionName,
      savedAt: new Date().toISOString(),
      // Plain data only: the form's reactive proxies cannot be stored (DataCloneError).
      draft: JSON.parse(JSON.stringify({ ...draft, photos, extras })) as Record<string, unknown>,
    }
    writing = writing.then(async () => {
      const entry = next
      next = null
      if (!entry) return
      await (await fieldDb()).put('drafts', entry)
      if (!institutionIds.value.has(entry.institutionId)) await refresh(userId)
    })
    return writing
  }

  /** The kept draft with its photos read back from the device; null when there is none. */
  async function restore(
    userId: number,
    institutionId: number,
  ): Promise<{ draft: InspectionDraft; extras: DraftExtras } | null> {
    await writing
    const database = await fieldDb()
    const entry = await database.get('drafts', keyOf(userId, institutionId))
    if (!entry) return null
    const { extras, photos, ...draft } = entry.draft as unknown as InspectionDraft & {
      extras: DraftExtras
      photos: PlainPhoto[]
    }
    const withBlobs = await Promise.all(
      photos.map(async (photo) => {
        const stored = await database.get('photos', photo.localPhotoId)
        return stored ? { ...stored, kind: photo.kind } : null
      }),
    )
    return {
      draft: { ...draft, photos: withBlobs.filter((photo) => photo !== null) },
      extras,
    }
  }

  /**
   * Forgets the draft: once its record is queued (the outbox now holds the photos), or when the
   * member discards it (`dropPhotos`: its photos go too).
   */
  async function forget(userId: number, institutionId: number, dropPhotos: boolean) {
    await writing
    const database = await fieldDb()
    const entry = await database.get('drafts', keyOf(userId, institutionId))
    if (entry && dropPhotos)
      for (const photo of (entry.draft.photos ?? []) as PlainPhoto[])
        await database.delete('photos', photo.localPhotoId)
    await database.delete('drafts', keyOf(userId, institutionId))
    await refresh(userId)
  }

  return { kept, institutionIds, refresh, keep, restore, forget }
})
