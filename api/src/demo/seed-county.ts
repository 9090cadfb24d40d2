// Loads the built demo county (geodata/out/dingtao-demo.json) into the database: one published
// demo boundary version, the district, zones, grids and villages, and the institutions.
// Grid shapes are the union of their village cells and zone shapes the union of their grids,
// computed by PostGIS; each institution's grid and village are derived from the boundaries.
import { sql } from 'drizzle-orm'
import { schema, type Database, type Transaction } from '@gridwatch/db'
import type { DemoCounty } from '@gridwatch/geodata'

export interface SeededCounty {
  countyCode: string
  boundaryVersionId: number
  districtId: number
  zoneIdByName: Map<string, number>
  gridIdByCode: Map<string, number>
  institutionIds: number[]
}

const multiPolygon = (coordinates: unknown) => ({ type: 'MultiPolygon' as const, coordinates })
const point = (coordinates: unknown) => ({ type: 'Point' as const, coordinates })

function* batches<T>(items: T[], size = 1000): Generator<{ item: T; index: number }[]> {
  for (let start = 0; start < items.length; start += size)
    yield items.slice(start, start + size).map((item, offset) => ({ item, index: start + offset }))
}

export async function seedCounty(
  database: Database,
  transaction: Transaction,
  county: DemoCounty,
): Promise<SeededCounty> {
  const countyCode = county.county.code
  const [version] = await transaction
    .insert(schema.boundaryVersions)
    .values({
      countyCode,
      name: '演示网格边界（按镇街驻地生成）',
      status: 'published',
      effectiveFrom: '2026-01-01',
      publishedAt: new Date('2026-01-01T00:00:00+08:00'),
      isDemo: true,
      note: 'Demo boundaries: Voronoi cells of the township seats clipped to the real outline.',
    })
    .returning({ id: schema.boundaryVersions.id })
  const boundaryVersionId = version!.id
  const common = { countyCode, boundaryVersionId, isDemo: true }

  const [district] = await transaction
    .insert(schema.areas)
    // The county seat (and the bureau, where routes start) is in the first street office by
    // statistical code — 天中街道 for 定陶区, as for most districts: the old town.
    .values({
      ...common,
      level: 'district',
      name: county.county.name,
      statisticalCode: countyCode,
      geom: multiPolygon(county.county.outline),
      seat: county.grids[0] ? point(county.grids[0].seat) : null,
      isDemo: false,
    })
    .returning({ id: schema.areas.id })
  const districtId = district!.id

  const zoneRows = await transaction
    .insert(schema.areas)
    .values(
      county.zones.map((zone, index) => ({
        ...common,
        level: 'zone' as const,
        parentId: districtId,
        name: zone.name,
        sortOrder: index,
      })),
    )
    .returning({ id: schema.areas.id, name: schema.areas.name })
  const zoneIdByName = new Map(zoneRows.map((row) => [row.name, row.id]))

  const gridRows = await transaction
    .insert(schema.areas)
    .values(
      county.grids.map((grid, index) => ({
        ...common,
        level: 'grid' as const,
        parentId: zoneIdByName.get(grid.zoneName)!,
        name: grid.name,
        statisticalCode: grid.code,
        seat: point(grid.seat),
        seatEstimated: grid.seatEstimated,
        sortOrder: index,
      })),
    )
    .returning({ id: schema.areas.id, code: schema.areas.statisticalCode })
  const gridIdByCode = new Map(gridRows.map((row) => [row.code!, row.id]))

  // Large counties have well over a thousand villages: insert in batches to stay far below the
  // protocol's limit of 65,535 parameters per statement.
  for (const batch of batches(county.villages))
    await transaction.insert(schema.areas).values(
      batch.map(({ item: village, index }) => ({
        ...common,
        level: 'village' as const,
        parentId: gridIdByCode.get(village.gridCode)!,
        name: village.name,
        statisticalCode: village.code,
        seat: point(village.position),
        geom: multiPolygon(village.cell),
        sortOrder: index,
      })),
    )

  // Rounding to 1e-7 can leave a crossing of a few millimetres in an outline drawn at 100 m
  // precision (a handful of the province's 136 counties); such shapes are repaired in place.
  await database.rows(
    sql`UPDATE areas SET geom = ST_Multi(ST_CollectionExtract(ST_MakeValid(geom), 3))
        WHERE boundary_version_id = ${boundaryVersionId} AND geom IS NOT NULL AND NOT ST_IsValid(geom)`,
    transaction,
  )
  await database.rows(
    sql`UPDATE areas AS grid SET geom = (
          SELECT ST_Multi(ST_UnaryUnion(ST_Collect(village.geom), 1e-7)) FROM areas AS village
          WHERE village.parent_id = grid.id AND village.level = 'village')
        WHERE grid.level = 'grid' AND grid.boundary_version_id = ${boundaryVersionId}`,
    transaction,
  )
  await database.rows(
    sql`UPDATE areas AS zone SET geom = (
          SELECT ST_Multi(ST_UnaryUnion(ST_Collect(grid.geom), 1e-7)) FROM areas AS grid
          WHERE grid.parent_id = zone.id AND grid.level = 'grid')
        WHERE zone.level = 'zone' AND zone.boundary_version_id = ${boundaryVersionId}`,
    transaction,
  )

  // PGlite's PostGIS can swallow a GEOS exception and return no row instead of an error, so a
  // failed union shows up only as a missing shape: check for it rather than trust the UPDATE.
  const [missing] = await database.rows<{ names: string | null }>(
    sql`SELECT string_agg(name, ', ') AS names FROM areas
        WHERE boundary_version_id = ${boundaryVersionId} AND (geom IS NULL OR NOT ST_IsValid(geom))`,
    transaction,
  )
  if (missing?.names) throw new Error(`demo areas without a valid shape after union: ${missing.names}`)

  const institutionIds: number[] = []
  for (const batch of batches(county.institutions)) {
    const rows = await transaction
      .insert(schema.institutions)
      .values(
        batch.map(({ item: institution }) => ({
          countyCode,
          code: institution.code,
          name: institution.name,
          type: institution.type,
          position: point(institution.position),
          address: institution.address,
          isDemo: true,
        })),
      )
      .returning({ id: schema.institutions.id })
    institutionIds.push(...rows.map((row) => row.id))
  }
  await assignInstitutionsToAreas(database, transaction, boundaryVersionId)
  return {
    countyCode,
    boundaryVersionId,
    districtId,
    zoneIdByName,
    gridIdByCode,
    institutionIds,
  }
}

/** Derives the grid and village of every institution of the version's county from its boundaries. */
export async function assignInstitutionsToAreas(
  database: Database,
  transaction: Transaction,
  boundaryVersionId: number,
) {
  await database.rows(
    sql`UPDATE institutions AS institution SET
          grid_id = (SELECT area.id FROM areas AS area WHERE area.level = 'grid'
                     AND area.boundary_version_id = ${boundaryVersionId}
                     AND ST_Covers(area.geom, institution.position) ORDER BY area.id LIMIT 1),
          village_id = (SELECT area.id FROM areas AS area WHERE area.level = 'village'
                     AND area.boundary_version_id = ${boundaryVersionId}
                     AND ST_Covers(area.geom, institution.position) ORDER BY area.id LIMIT 1)
        WHERE institution.county_code = (SELECT county_code FROM boundary_versions WHERE id = ${boundaryVersionId})`,
    transaction,
  )
}
