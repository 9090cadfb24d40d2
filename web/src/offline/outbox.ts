// The phone's outbox: every write is queued first and sent in order when the network allows, each
// with its Idempotency-Key, so a send that was cut off and sent again makes one record. Photos go
// before the records that name them; a record waits until its photos have server ids. A refusal
// (4xx) is kept with its reason for the member to see, never dropped; no network, a server error
// or an expired login leave the queue as it is for the next try.
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import { fieldDb, type OutboxEntry, type StoredPhoto } from './field-db.ts'
import { newKey } from '../api/idempotency-key.ts'

/** SHA-256 in plain JavaScript: crypto.subtle exists only on HTTPS, and a county intranet may serve HTTP. */
export function sha256Hex(bytes: Uint8Array | string): string {
  return bytesToHex(sha256(typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes))
}

export { newKey }

export async function keepPhoto(blob: Blob): Promise<StoredPhoto> {
  const photo: StoredPhoto = {
    localPhotoId: newKey(),
    blob,
    digest: sha256Hex(new Uint8Array(await blob.arrayBuffer())),
  }
  await (await fieldDb()).put('photos', photo)
  return photo
}

/** Queues the entries together: all of them or (on any failure) none. */
export async function enqueue(entries: OutboxEntry[]): Promise<void> {
  // Plain data only: a page's reactive proxies cannot be stored (DataCloneError).
  const plain = JSON.parse(JSON.stringify(entries)) as OutboxEntry[]
  const database = await fieldDb()
  const transaction = database.transaction('outbox', 'readwrite')
  await Promise.all([...plain.map((entry) => transaction.store.add(entry)), transaction.done])
}

export async function outboxEntries(): Promise<OutboxEntry[]> {
  return (await fieldDb()).getAll('outbox')
}

export async function discard(id: number): Promise<void> {
  await (await fieldDb()).delete('outbox', id)
}

export type FlushResult = 'sent' | 'offline' | 'login' | 'waiting'

async function problemText(response: Response): Promise<string> {
  try {
    const problem = (await response.json()) as { detail?: string; title?: string }
    return problem.detail ?? problem.title ?? String(response.status)
  } catch {
    return `${response.status} ${response.statusText}`
  }
}

/** What the server answered to a record sent: an inspection says whether it counts. */
export interface SentRecord {
  type: OutboxEntry['type']
  label: string
  answer: { id: number; verified?: boolean; verificationGaps?: string[] }
}

/**
 * Sends what waits, oldest first, of the member signed in (`userId`; another member's entries wait
 * for them); stops at the first entry that cannot go now. `sent` collects the server's answers.
 */
export async function flush(userId: number | null, sent: SentRecord[] = []): Promise<FlushResult> {
  const database = await fieldDb()
  for (const entry of await database.getAll('outbox')) {
    if (entry.failure || (entry.userId !== undefined && entry.userId !== userId)) continue
    let response: Response
    try {
      const request = await requestOf(entry)
      if (request === 'waiting') return 'waiting'
      response = await fetch(request.url, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'idempotency-key': entry.key, ...request.headers },
        body: request.body,
      })
    } catch {
      return 'offline'
    }
    if (response.status === 401) return 'login'
    if (response.status >= 500 || response.status === 408 || response.status === 429) return 'offline'
    if (!response.ok) {
      await database.put('outbox', { ...entry, failure: await problemText(response) })
      continue
    }
    const answer = (await response.json()) as SentRecord['answer']
    if (entry.type !== 'photo') sent.push({ type: entry.type, label: entry.label, answer })
    if (entry.type === 'photo') {
      const photo = await database.get('photos', entry.localPhotoId)
      if (photo) await database.put('photos', { ...photo, serverId: answer.id })
    } else {
      for (const localPhotoId of entry.localPhotoIds) await database.delete('photos', localPhotoId)
    }
    await database.delete('outbox', entry.id!)
  }
  return 'sent'
}

async function requestOf(
  entry: OutboxEntry,
): Promise<{ url: string; headers: Record<string, string>; body: BodyInit } | 'waiting'> {
  const database = await fieldDb()
  if (entry.type === 'photo') {
    const photo = await database.get('photos', entry.localPhotoId)
    const form = new FormData()
    for (const [name, value] of Object.entries(entry.form)) form.set(name, value)
    if (photo) form.set('file', photo.blob, 'photo.jpg')
    return { url: '/api/photos', headers: {}, body: form }
  }
  const photoIds: number[] = []
  for (const localPhotoId of entry.localPhotoIds) {
    const serverId = (await database.get('photos', localPhotoId))?.serverId
    if (serverId === undefined) return 'waiting'
    photoIds.push(serverId)
  }
  const headers = { 'content-type': 'application/json' }
  const serverIdOf = new Map(entry.localPhotoIds.map((localId, index) => [localId, photoIds[index]!]))
  switch (entry.type) {
    case 'inspection': {
      const findings = ((entry.body.findings ?? []) as { photoLocalIds?: string[] }[]).map(
        ({ photoLocalIds = [], ...finding }) => ({
          ...finding,
          ...(photoLocalIds.length ? { photoIds: photoLocalIds.map((localId) => serverIdOf.get(localId)!) } : {}),
        }),
      )
      return { url: '/api/inspections', headers, body: JSON.stringify({ ...entry.body, findings, photoIds }) }
    }
    case 'ledger-transition':
      return {
        url: `/api/ledger-items/${entry.ledgerItemId}/transitions`,
        headers,
        body: JSON.stringify({ ...entry.body, photoIds }),
      }
    case 'risk-report':
      return { url: '/api/risk-reports', headers, body: JSON.stringify({ ...entry.body, photoIds }) }
    case 'risk-acknowledgement':
      return { url: `/api/risk-reports/${entry.riskReportId}/acknowledge`, headers, body: '{}' }
  }
}

/** A read that falls back to its last answer when the network does not answer. */
export async function cachedRead<T>(url: string): Promise<{ body: T; at: string; fresh: boolean } | null> {
  const database = await fieldDb()
  try {
    const response = await fetch(url, { credentials: 'same-origin' })
    if (response.ok) {
      const body = (await response.json()) as T
      const at = new Date().toISOString()
      await database.put('reads', { url, body, at })
      return { body, at, fresh: true }
    }
  } catch {
    // fall through to the kept answer
  }
  const kept = await database.get('reads', url)
  return kept ? { body: kept.body as T, at: kept.at, fresh: false } : null
}
