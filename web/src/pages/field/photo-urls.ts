// Object URLs for the photos kept on the phone (blobs in IndexedDB), to show them: one per photo,
// made when first shown and revoked when the photo leaves the list or the component goes.
import { onBeforeUnmount, watch, type WatchSource } from 'vue'
import type { StoredPhoto } from '../../offline/field-db.ts'

export function usePhotoUrls(photos: WatchSource<readonly StoredPhoto[]>) {
  const urls = new Map<string, string>()
  watch(photos, (kept) => {
    const ids = new Set(kept.map((photo) => photo.localPhotoId))
    for (const [id, url] of urls)
      if (!ids.has(id)) {
        URL.revokeObjectURL(url)
        urls.delete(id)
      }
  })
  onBeforeUnmount(() => urls.forEach((url) => URL.revokeObjectURL(url)))
  /** The photo's URL (made on first use). */
  return (photo: StoredPhoto): string => {
    let url = urls.get(photo.localPhotoId)
    if (!url) urls.set(photo.localPhotoId, (url = URL.createObjectURL(photo.blob)))
    return url
  }
}
