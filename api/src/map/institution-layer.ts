// The institution layer kept in memory: every institution's record, refreshed from the change sets
// (platform/changes.ts: every write keeps one, typed, whichever process made it) so that a request
// costs one indexed lookup when nothing changed, and a change re-reads only the institutions it touched. Encoded and
// compressed payloads are cached per scope until the next change. After each change the layer
// publishes the changed records on the event bus, which is how open screens update in place.
import crypto from 'node:crypto'
import { sql } from 'drizzle-orm'
import type { Database } from '@gridwatch/db'
import { institutionInScope } from '../auth/can.ts'
import type { SessionUser } from '../auth/session-user.ts'
import type { EventBus } from '../platform/events.ts'
import { changeMark, changeSetsBetween } from '../platform/changes.ts'
import { encodeInstitutionLayer, minuteOf, type InstitutionRecord } from '@gridwatch/domain/institution-layer-format.ts'
import { readInstitutionRecords, type LayerRecord } from './institution-records.ts'
import { encodePayload, type EncodedPayload } from '../platform/http/encoded-payload.ts'

export type EncodedLayer = EncodedPayload

/** Users with the same key see the same institutions: what is cached per scope is keyed by it. */
export function scopeKeyOf(user: SessionUser): string {
  return user.scopeKind === 'own_institutions'
    ? `own:${user.id}`
    : `${user.scopeKind}:${user.countyCode}:${user.scopeAreaId ?? ''}`
}

export class InstitutionLayer {
  readonly #database: Database
  readonly #events: EventBus
  readonly #now: () => Date
  readonly #boot = crypto.randomBytes(4).toString('hex')
  #records: LayerRecord[] = []
  #indexById = new Map<number, number>()
  #zoneOfGrid = new Map<number, number>()
  #changeMark: number | null = null
  #revision = 0
  #layoutRevision = 0
  #encoded = new Map<string, EncodedLayer>()
  #refreshing: Promise<void> = Promise.resolve()
  /** The database's change count (Database.changes) when the last pass began. */
  #changesSeen: number | undefined

  constructor(database: Database, events: EventBus, now: () => Date) {
    this.#database = database
    this.#events = events
    this.#now = now
    // A write in this process that changed what the layer holds is read at once, so open screens hear
    // of it without waiting for a request; a layer nobody has read yet loads on the first request.
    events.onCommitted((set) => {
      const touches = set.institutionIds.length > 0 || set.areas || set.layout || set.scope
      if (touches && this.#changeMark !== null) void this.refresh()
    })
  }

  get revision(): number {
    return this.#revision
  }

  /** The newest change set the layer has seen: anything derived from the database may be cached under it. */
  get changeMark(): number | null {
    return this.#changeMark
  }

  /** Changes when the layer is re-read whole: institutions added, renamed or moved between grids. */
  get layoutRevision(): number {
    return this.#layoutRevision
  }

  /** Brings the records up to date with the change sets; concurrent callers share one pass. */
  refresh(): Promise<void> {
    const next = this.#refreshing.then(() => this.#refreshOnce())
    this.#refreshing = next.catch(() => {})
    return next
  }

  async #refreshOnce(): Promise<void> {
    // Where this process is the only writer, nothing written since the last pass means nothing to
    // read: the layer answers without waiting for the database, even behind a long query.
    const changes = this.#database.changes?.()
    if (changes !== undefined && changes === this.#changesSeen && this.#changeMark !== null) return
    await this.#readChanges()
    this.#changesSeen = changes
  }

  async #readChanges(): Promise<void> {
    const mark = await changeMark(this.#database)
    if (this.#changeMark === mark) return
    if (this.#changeMark === null) return this.#loadAll(mark)
    const sets = await changeSetsBetween(this.#database, this.#changeMark, mark)
    if (sets === null || sets.some((set) => set.layout)) return this.#loadAll(mark)
    const published = sets.filter((set) => set.areas)
    const ids = [...new Set(sets.flatMap((set) => set.institutionIds))]
    const publishedCounties = [...new Set(published.map((set) => set.countyCode))]
    const [changed] = await Promise.all([
      readInstitutionRecords(this.#database, ids),
      published.length > 0 ? this.#readZonesOfGrids(publishedCounties) : undefined,
    ])
    for (const record of changed) {
      const index = this.#indexById.get(record.id)
      if (index === undefined) return this.#loadAll(mark)
      this.#records[index] = record
    }
    this.#changeMark = mark
    if (published.length > 0) this.#layoutRevision++
    const rescoped = sets.some((set) => set.scope)
    if (changed.length > 0 || published.length > 0 || rescoped) {
      this.#changed()
      if (changed.length > 0)
        this.#events.publish({ type: 'institutions.changed', revision: this.#revision, records: changed })
      if (published.length > 0)
        this.#events.publish({ type: 'boundaries.changed', revision: this.#revision, countyCodes: publishedCounties })
    }
  }

  /** The zone of every grid, or after a publish only of the grids of the counties it names. */
  async #readZonesOfGrids(countyCodes?: readonly string[]): Promise<void> {
    const only = countyCodes
      ? sql`AND county_code IN (${sql.join(
          countyCodes.map((code) => sql`${code}`),
          sql`, `,
        )})`
      : sql``
    const grids = await this.#database.rows<{ id: number; parent_id: number | null }>(
      sql`SELECT id, parent_id FROM areas WHERE level = 'grid' ${only}`,
    )
    const zoneOfGrid = countyCodes ? new Map(this.#zoneOfGrid) : new Map<number, number>()
    for (const grid of grids) {
      if (grid.parent_id === null) zoneOfGrid.delete(grid.id)
      else zoneOfGrid.set(grid.id, grid.parent_id)
    }
    this.#zoneOfGrid = zoneOfGrid
  }

  async #loadAll(mark: number): Promise<void> {
    const [records] = await Promise.all([readInstitutionRecords(this.#database), this.#readZonesOfGrids()])
    this.#records = records
    this.#indexById = new Map(records.map((record, index) => [record.id, index]))
    const reloaded = this.#changeMark !== null
    this.#changeMark = mark
    this.#layoutRevision++
    this.#changed()
    if (reloaded) this.#events.publish({ type: 'institutions.reloaded', revision: this.#revision })
  }

  #changed(): void {
    this.#revision++
    this.#encoded.clear()
  }

  zoneOf(gridId: number): number | null {
    return this.#zoneOfGrid.get(gridId) ?? null
  }

  /**
   * Whether the user's scope holds the institution (one the layer does not know is outside it).
   * Synchronous: callers have the layer refreshed first.
   */
  inScope(user: SessionUser, institution: { id: number }): boolean {
    const index = this.#indexById.get(institution.id)
    const record = index === undefined ? undefined : this.#records[index]
    return record !== undefined && this.#holds(user, record)
  }

  #holds(user: SessionUser, record: LayerRecord): boolean {
    const zoneId = record.gridId === null ? null : this.zoneOf(record.gridId)
    return institutionInScope(user, { id: record.id, countyCode: record.countyCode, gridId: record.gridId, zoneId })
  }

  async records(user: SessionUser): Promise<InstitutionRecord[]> {
    await this.refresh()
    return user.scopeKind === 'district' && user.countyCode === ''
      ? this.#records
      : this.#records.filter((record) => this.#holds(user, record))
  }

  /** The payload for this user's scope, encoded and compressed once per revision. */
  async encoded(user: SessionUser): Promise<EncodedLayer> {
    const records = await this.records(user)
    const scopeKey = scopeKeyOf(user)
    let encoded = this.#encoded.get(scopeKey)
    if (!encoded) {
      const etag = `"${this.#boot}.${this.#revision}.${crypto.createHash('sha1').update(scopeKey).digest('hex').slice(0, 8)}"`
      const json = JSON.stringify(encodeInstitutionLayer(records, etag.slice(1, -1), minuteOf(this.#now())))
      encoded = encodePayload(json, etag)
      this.#encoded.set(scopeKey, encoded)
    }
    return encoded
  }
}
