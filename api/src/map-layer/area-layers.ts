// The published areas of each level as the map draws them, read once and kept encoded until the
// boundaries change (the clinic layer's layout revision moves whenever an area, a boundary version
// or an institution is written). Geometry is simplified for display — 5 m, below a pixel at any
// zoom a dashboard uses — and written with 5 decimals (about a metre): a province's grids shrink
// from megabytes to what a wall screen can fetch and tile in a fraction of a second.
import { sql } from 'drizzle-orm'
import type { Database } from '@gridwatch/db'
import type { AreaLevel } from '@gridwatch/db/schema'
import { encodePayload, type EncodedPayload } from '../http/encoded-payload.ts'
import { publishedBoundaryVersionIds } from '../queries/published-version.ts'
import type { ClinicLayer } from './clinic-layer.ts'

/** Degrees; about 5 m at these latitudes. */
export const displayToleranceDegrees = 0.00005
const displayDecimals = 5

interface AreaRow {
  id: number
  name: string
  level: AreaLevel
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

export class AreaLayers {
  readonly #database: Database
  readonly #layer: ClinicLayer
  #cached = new Map<AreaLevel, { layoutRevision: number; payload: Promise<EncodedPayload> }>()

  constructor(database: Database, layer: ClinicLayer) {
    this.#database = database
    this.#layer = layer
  }

  async encoded(level: AreaLevel): Promise<EncodedPayload> {
    await this.#layer.refresh()
    const layoutRevision = this.#layer.layoutRevision
    const cached = this.#cached.get(level)
    if (cached && cached.layoutRevision === layoutRevision) return cached.payload
    const payload = this.#read(level)
    this.#cached.set(level, { layoutRevision, payload })
    payload.catch(() => this.#cached.delete(level))
    return payload
  }

  async #read(level: AreaLevel): Promise<EncodedPayload> {
    const rows = await this.#database.rows<AreaRow>(sql`
      SELECT a.id, a.name, a.level, a.parent_id, p.name AS parent_name, a.statistical_code AS code,
        ST_X(a.seat) AS seat_lon, ST_Y(a.seat) AS seat_lat, a.seat_estimated, a.is_demo, a.boundary_version_id,
        ST_AsGeoJSON(ST_Multi(ST_SimplifyPreserveTopology(a.geom, ${displayToleranceDegrees})), ${displayDecimals}) AS geometry
      FROM areas a LEFT JOIN areas p ON p.id = a.parent_id
      WHERE a.level = ${level} AND a.geom IS NOT NULL AND a.boundary_version_id IN ${publishedBoundaryVersionIds}
      ORDER BY a.sort_order, a.id`)
    // Geometry arrives as GeoJSON text from PostGIS and is spliced in unparsed.
    const features = rows.map((row) => {
      const properties = {
        id: row.id,
        name: row.name,
        level: row.level,
        parentId: row.parent_id,
        parentName: row.parent_name,
        code: row.code,
        seat: row.seat_lon === null || row.seat_lat === null ? null : [round(row.seat_lon), round(row.seat_lat)],
        seatEstimated: row.seat_estimated,
        isDemo: row.is_demo,
        boundaryVersionId: row.boundary_version_id,
      }
      return `{"type":"Feature","id":${row.id},"geometry":${row.geometry},"properties":${JSON.stringify(properties)}}`
    })
    return encodePayload(`{"type":"FeatureCollection","features":[${features.join(',')}]}`)
  }
}

const round = (degrees: number) => Math.round(degrees * 1e5) / 1e5
