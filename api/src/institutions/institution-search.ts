// Finding an institution by name the way clerks type it: Chinese characters, full pinyin or
// pinyin initials ("dcsq" finds 东城社区…). The index (names with their pinyin) is built on the
// first search and rebuilt only when the institution layer reloads whole (institutions added, renamed
// or moved); a search is then a scan of plain strings, a few milliseconds for a province.
import { sql } from 'drizzle-orm'
import { pinyin } from 'pinyin-pro'
import type { Database } from '@gridwatch/db'
import type { InstitutionType } from '@gridwatch/db/schema'
import type { SessionUser } from '../auth/session-user.ts'
import type { InstitutionLayer } from '../map/institution-layer.ts'

export interface SearchHit {
  id: number
  name: string
  type: InstitutionType
  gridId: number | null
  gridName: string | null
  position: [number, number]
}

interface Entry extends SearchHit {
  zoneId: number | null
  initials: string
  spelled: string
}

export const maximumSearchHits = 20

/** Lower case, letters and CJK only: "DC sq" and "dcsq" search alike. */
export function normaliseQuery(query: string): string {
  return query.toLowerCase().replace(/[\s·\-_'’]/g, '')
}

/**
 * A name's pinyin keys, worked out once per name: the public credit listing asks for every
 * institution's on each request (about 0.4 s for a province's 62,000 names uncached), and names
 * change rarely. The cache holds one entry per distinct name.
 */
const keysOfName = new Map<string, { initials: string; spelled: string }>()

export function pinyinKeys(name: string): { initials: string; spelled: string } {
  let keys = keysOfName.get(name)
  if (!keys) {
    const syllables = pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive' }).map((syllable) =>
      syllable.toLowerCase(),
    )
    keys = { initials: syllables.map((syllable) => syllable[0] ?? '').join(''), spelled: syllables.join('') }
    keysOfName.set(name, keys)
  }
  return keys
}

/** Lower is better; null when the entry does not match. */
export function matchRank(entry: { name: string; initials: string; spelled: string }, query: string): number | null {
  if (entry.name.startsWith(query)) return 0
  if (entry.name.includes(query)) return 1
  if (entry.initials.startsWith(query)) return 2
  if (entry.spelled.startsWith(query)) return 3
  if (entry.initials.includes(query)) return 4
  if (entry.spelled.includes(query)) return 5
  return null
}

export class InstitutionSearch {
  readonly #database: Database
  readonly #layer: InstitutionLayer
  #entries: Promise<Entry[]> | null = null
  #builtForLayout = -1

  constructor(database: Database, layer: InstitutionLayer) {
    this.#database = database
    this.#layer = layer
  }

  async #index(): Promise<Entry[]> {
    await this.#layer.refresh()
    if (this.#entries === null || this.#builtForLayout !== this.#layer.layoutRevision) {
      this.#builtForLayout = this.#layer.layoutRevision
      this.#entries = this.#build()
      this.#entries.catch(() => (this.#entries = null))
    }
    return this.#entries
  }

  async #build(): Promise<Entry[]> {
    const rows = await this.#database.rows<{
      id: number
      name: string
      type: InstitutionType
      grid_id: number | null
      grid_name: string | null
      zone_id: number | null
      lon: number
      lat: number
    }>(sql`
      SELECT i.id, i.name, i.type, i.grid_id, g.name AS grid_name, g.parent_id AS zone_id, ST_X(i.position) AS lon, ST_Y(i.position) AS lat
      FROM institutions i LEFT JOIN areas g ON g.id = i.grid_id ORDER BY i.id`)
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      type: row.type,
      gridId: row.grid_id,
      gridName: row.grid_name,
      zoneId: row.zone_id,
      position: [row.lon, row.lat],
      ...pinyinKeys(row.name),
    }))
  }

  async search(user: SessionUser, query: string): Promise<SearchHit[]> {
    const wanted = normaliseQuery(query)
    if (wanted.length === 0) return []
    const ranked: { rank: number; entry: Entry }[] = []
    for (const entry of await this.#index()) {
      const rank = matchRank(entry, wanted)
      if (rank === null || !this.#layer.inScope(user, entry)) continue
      ranked.push({ rank, entry })
    }
    ranked.sort((a, b) => a.rank - b.rank || a.entry.name.length - b.entry.name.length || a.entry.id - b.entry.id)
    return ranked.slice(0, maximumSearchHits).map(({ entry }) => ({
      id: entry.id,
      name: entry.name,
      type: entry.type,
      gridId: entry.gridId,
      gridName: entry.gridName,
      position: entry.position,
    }))
  }
}
