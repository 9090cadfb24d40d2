// What the phone keeps on the device (IndexedDB through idb): the writes waiting to be sent (the
// outbox), the photos they carry, and the last answer of each read the phone app needs offline.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb'

/**
 * A write waiting to be sent; `key` is its Idempotency-Key, so sending it twice makes one record.
 * `userId` is the member who made it: it goes only under their session, never under another
 * person's who signs in on the same phone.
 */
export type OutboxEntry = { userId?: number } & (
  | {
      id?: number
      key: string
      type: 'photo'
      label: string
      createdAt: string
      failure?: string
      localPhotoId: string
      form: Record<string, string>
    }
  | {
      id?: number
      key: string
      type: 'inspection'
      label: string
      createdAt: string
      failure?: string
      body: Record<string, unknown>
      localPhotoIds: string[]
    }
  | {
      id?: number
      key: string
      type: 'ledger-transition'
      label: string
      createdAt: string
      failure?: string
      ledgerItemId: number
      body: Record<string, unknown>
      localPhotoIds: string[]
    }
  | {
      id?: number
      key: string
      type: 'risk-report'
      label: string
      createdAt: string
      failure?: string
      body: Record<string, unknown>
      localPhotoIds: string[]
    }
  | {
      id?: number
      key: string
      type: 'risk-acknowledgement'
      label: string
      createdAt: string
      failure?: string
      riskReportId: number
      body: Record<string, unknown>
      localPhotoIds: string[]
    }
)

export interface StoredPhoto {
  localPhotoId: string
  blob: Blob
  /** SHA-256 (hex) of the blob: what the inspection's content hash names. */
  digest: string
  /** The server's id once uploaded. */
  serverId?: number
}

/**
 * An inspection being recorded, kept at every change so that going back, a reload or a killed tab
 * returns to it; one per institution and signed-in member. `draft` is the form's state with its
 * photos named by their local ids (the blobs stay in `photos`), as plain data.
 */
export interface KeptDraft {
  key: string
  userId: number
  institutionId: number
  institutionName: string
  savedAt: string
  draft: Record<string, unknown>
}

interface FieldSchema extends DBSchema {
  outbox: { key: number; value: OutboxEntry }
  photos: { key: string; value: StoredPhoto }
  reads: { key: string; value: { url: string; body: unknown; at: string } }
  drafts: { key: string; value: KeptDraft }
}

let opened: Promise<IDBPDatabase<FieldSchema>> | null = null

export function fieldDb(): Promise<IDBPDatabase<FieldSchema>> {
  opened ??= openDB<FieldSchema>('gridwatch-field', 2, {
    upgrade(database, oldVersion) {
      if (oldVersion < 1) {
        database.createObjectStore('outbox', { keyPath: 'id', autoIncrement: true })
        database.createObjectStore('photos', { keyPath: 'localPhotoId' })
        database.createObjectStore('reads', { keyPath: 'url' })
      }
      if (oldVersion < 2) database.createObjectStore('drafts', { keyPath: 'key' })
    },
  })
  return opened
}
