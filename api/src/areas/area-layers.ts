// The published areas of each level as the map draws them, read once and kept, county by county,
// as encoded features. A change re-reads only the counties it touched: the audit log names the
// county of every boundary publish, village import or institution import since the layer last
// looked, so a planner's publish in one county of a province re-reads that county's few areas, not
// the province's thousands. Open screens fetch just that county (`county=`) when they hear of the
// publish; the whole level is joined again from the kept features for screens that load it anew.
// Geometry is simplified for display — 5 m, below a pixel at any zoom a dashboard uses — and written
// with 5 decimals (about a metre): a province's grids shrink from megabytes to what a wall screen can
// fetch and tile in a fraction of a second.
import { coversCounty } from '@gridwatch/domain/county-scope.ts'
import crypto from 'node:crypto'
import { sql } from 'drizzle-orm'
import type { Database } from '@gridwatch/db'
import type { AreaLevel } from '@gridwatch/db/schema'
import { encodePayload, type EncodedPayload } from '../platform/http/encoded-payload.ts'
import { publishedBoundaryVersionIds } from '../boundaries/published-version.ts'
import type { InstitutionLayer } from '../map/institution-layer.ts'
import { changeSetsBetween } from '../platform/changes.ts'

/** Degrees; about 5 m at these latitudes. */
export const displayToleranceDegrees = 0.00005
const displayDecimals = 5

/** Audit entities after which a county's areas are read again. */
interface AreaRow {
  id: number
  name: string
  level: AreaLevel
  county_code: string
  parent_id: number | null
  parent_name: string | null
  code: string | null
  seat_lon: number | null
  seat_lat: number | null
  seat_estimated: boolean
  is_demo: boolean
  boundary_version_id: number
  geometry: string
}

/** One county's features of a level: the encoded features joined, as UTF-8, and their hash. */
interface CountyChunk {
  bytes: Buffer
  hash: string
}

const sha1 = (data: string | Buffer) => crypto.createHash('sha1').update(data).digest('base64url').slice(0, 20)

function countyChunk(features: readonly string[]): CountyChunk {
  const bytes = Buffer.from(features.join(','))
  return { bytes, hash: sha1(bytes) }
}

const opening = Buffer.from('{"type":"FeatureCollection","features":[')
const closing = Buffer.from(']}')
const comma = Buffer.from(',')

/** A FeatureCollection of the chunks' features; its ETag is derived from the chunks' hashes. */
function collection(chunks: readonly CountyChunk[]): EncodedPayload {
  const parts: Buffer[] = [opening]
  for (const chunk of chunks) {
    if (chunk.bytes.length === 0) continue
    if (parts.length > 1) parts.push(comma)
    parts.push(chunk.bytes)
  }
  parts.push(closing)
  return encodePayload(Buffer.concat(parts), `"${sha1(chunks.map((chunk) => chunk.hash).join('.'))}"`)
}

/** An empty collection, for a county the reader does not cover. */
const noAreas = collection([])

/**
 * One level's features by county as of an audit mark. Each county's features are joined and
 * hashed when read; the whole level is put together from them (a copy, no re-encoding or hashing
 * of megabytes) on first use only, and a county's payload once: a screen re-reading the county a
 * planner just published in does not wait for the province.
 */
class LevelCache {
  #payload: EncodedPayload | null
  readonly #countyPayloads = new Map<string, EncodedPayload>()
  readonly #prefixPayloads = new Map<string, EncodedPayload>()

  constructor(
    /** The audit-log id the features are current with. */
    readonly mark: number | null,
    /** Counties in code order. */
    readonly counties: ReadonlyMap<string, CountyChunk>,
    payload: EncodedPayload | null = null,
  ) {
    this.#payload = payload
  }

  get payload(): EncodedPayload {
    return (this.#payload ??= collection([...this.counties.values()]))
  }

  /** The counties whose codes start with `prefix` (a province, a city; '' is every county). */
  within(prefix: string): EncodedPayload {
    if (prefix === '') return this.payload
    let payload = this.#prefixPayloads.get(prefix)
    if (!payload) {
      payload = collection([...this.counties].filter(([code]) => coversCounty(prefix, code)).map(([, chunk]) => chunk))
      this.#prefixPayloads.set(prefix, payload)
    }
    return payload
  }

  county(countyCode: string): EncodedPayload {
    let payload = this.#countyPayloads.get(countyCode)
    if (!payload) {
      const chunk = this.counties.get(countyCode)
      payload = collection(chunk ? [chunk] : [])
      this.#countyPayloads.set(countyCode, payload)
    }
    return payload
  }

  /** The same features, known to be current at a later mark. */
  at(mark: number | null): LevelCache {
    return new LevelCache(mark, this.counties, this.#payload)
  }
}

export class AreaLayers {
  readonly #database: Database
  readonly #layer: InstitutionLayer
  /** Per level, the newest cache (a promise, so that concurrent requests share one read). */
  #cached = new Map<AreaLevel, Promise<LevelCache>>()
  /** The last answer of #countiesChangedSince, which every level asks with the same marks. */
  #lastChanges: { from: number; to: number; counties: Promise<string[] | null> } | null = null

  constructor(database: Database, layer: InstitutionLayer) {
    this.#database = database
    this.#layer = layer
  }

  /**
   * The published areas of a level that a reader may see: those of the counties the reader's code
   * covers (county-scope.ts; '' covers all), or of those only `county` (what an open screen
   * re-reads after a publish there) — nothing when the reader does not cover it.
   */
  async encoded(level: AreaLevel, readerCountyCode = '', county?: string): Promise<EncodedPayload> {
    const cache = await this.#current(level)
    if (county === undefined) return cache.within(readerCountyCode)
    return coversCounty(readerCountyCode, county) ? cache.county(county) : noAreas
  }

  async #current(level: AreaLevel): Promise<LevelCache> {
    await this.#layer.refresh()
    const mark = this.#layer.changeMark
    const previous = this.#cached.get(level)
    const next = (async () => {
      const cache = previous ? await previous.catch(() => null) : null
      if (cache && cache.mark === mark) return cache
      const changed = cache ? await this.#countiesChangedSince(cache.mark, mark) : null
      if (cache && changed && changed.length === 0) return cache.at(mark)
      const counties = new Map(cache && changed ? cache.counties : [])
      if (changed) for (const county of changed) counties.delete(county)
      for (const [county, features] of await this.#read(level, changed)) counties.set(county, countyChunk(features))
      const ordered = new Map([...counties].sort(([a], [b]) => a.localeCompare(b)))
      return new LevelCache(mark, ordered)
    })()
    this.#cached.set(level, next)
    next.catch(() => {
      if (this.#cached.get(level) === next) this.#cached.delete(level)
    })
    return next
  }

  /** Counties whose areas may have changed between two change marks; null: read everything. */
  async #countiesChangedSince(from: number | null, to: number | null): Promise<string[] | null> {
    if (from === null || to === null || to < from) return null
    if (this.#lastChanges?.from !== from || this.#lastChanges.to !== to) {
      const counties = changeSetsBetween(this.#database, from, to).then((sets) =>
        sets === null ? null : [...new Set(sets.filter((set) => set.areas).map((set) => set.countyCode))],
      )
      this.#lastChanges = { from, to, counties }
      counties.catch(() => (this.#lastChanges = null))
    }
    return this.#lastChanges.counties
  }

  /** The level's encoded features by county: all counties, or only those named. */
  async #read(level: AreaLevel, counties: string[] | null): Promise<Map<string, string[]>> {
    const only =
      counties === null
        ? sql``
        : sql`AND a.county_code IN (${sql.join(
            counties.map((county) => sql`${county}`),
            sql`, `,
          )})`
    const rows = await this.#database.rows<AreaRow>(sql`
      SELECT a.id, a.name, a.level, a.county_code, a.parent_id, p.name AS parent_name, a.statistical_code AS code,
        ST_X(a.seat) AS seat_lon, ST_Y(a.seat) AS seat_lat, a.seat_estimated, a.is_demo, a.boundary_version_id,
        ST_AsGeoJSON(ST_Multi(ST_SimplifyPreserveTopology(a.geom, ${displayToleranceDegrees})), ${displayDecimals}) AS geometry
      FROM areas a LEFT JOIN areas p ON p.id = a.parent_id
      WHERE a.level = ${level} AND a.geom IS NOT NULL AND a.boundary_version_id IN ${publishedBoundaryVersionIds} ${only}
      ORDER BY a.county_code, a.sort_order, a.id`)
    const byCounty = new Map<string, string[]>((counties ?? []).map((county) => [county, []]))
    for (const row of rows) {
      // Geometry arrives as GeoJSON text from PostGIS and is spliced in unparsed.
      const properties = {
        id: row.id,
        name: row.name,
        level: row.level,
        countyCode: row.county_code,
        parentId: row.parent_id,
        parentName: row.parent_name,
        code: row.code,
        seat: row.seat_lon === null || row.seat_lat === null ? null : [round(row.seat_lon), round(row.seat_lat)],
        seatEstimated: row.seat_estimated,
        isDemo: row.is_demo,
        boundaryVersionId: row.boundary_version_id,
      }
      const features = byCounty.get(row.county_code) ?? []
      features.push(
        `{"type":"Feature","id":${row.id},"geometry":${row.geometry},"properties":${JSON.stringify(properties)}}`,
      )
      byCounty.set(row.county_code, features)
    }
    return byCounty
  }
}

const round = (degrees: number) => Math.round(degrees * 1e5) / 1e5
