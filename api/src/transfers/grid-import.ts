// Importing grid polygons (a bureau's own boundaries, GeoJSON or zipped Shapefile) as a draft.
// The polygons are validated like any boundary upload first; then every village goes to the
// polygon that holds its seat (or, when none does, to the one covering most of it), so the draft
// stays a set of units per grid and its outlines follow village edges. The report says, before
// anything is written, which grids are new, changed or unchanged against the published ones,
// which published grids the file drops, how closely the units follow each imported outline, and
// every feature that is rejected and why. Applying writes one new draft, nothing else.
import { sql } from 'drizzle-orm'
import type { Database } from '@gridwatch/db'
import {
  createDraft,
  publishedGrids,
  publishedVersionOf,
  type DraftAuditNote,
  type DraftGrid,
} from '../boundaries/drafts.ts'
import { validateGrids, wkbHex, type BoundaryProblem } from '../boundaries/validate-grids.ts'
import { phrase } from '../platform/phrases.ts'
import { propertyOf, rejectedFeatures, type RejectedFeature } from './feature-properties.ts'
import type { WritePath } from '../platform/write-path.ts'

export interface ImportedGrid {
  feature: number
  name: string
  zone: string | null
  status: 'new' | 'changed' | 'unchanged'
  /** The published grid it replaces (matched by name). */
  gridId: number | null
  villages: number
  institutions: number
  /** Villages that come from another grid. */
  villagesMoved: number
  /** Area shared by the imported outline and the union of its villages over the area of either (Jaccard), 0–1. */
  fit: number
}

export interface GridImportReport {
  valid: boolean
  applied: boolean
  draftId: number | null
  features: number
  grids: ImportedGrid[]
  /** Published grids the file does not name: they would be retired. */
  retired: { gridId: number; name: string; villages: number }[]
  rejected: RejectedFeature[]
  problems: BoundaryProblem[]
}

const nameKeys = ['name', 'NAME', 'Name', '网格', '网格名称', '名称', 'grid', 'GRID']
const zoneKeys = ['zone', 'ZONE', 'Zone', '片区', '片区名称']

/** Problems that keep a feature's shape out of the geometric steps. */
const shapeKinds = new Set([
  'not-a-polygon',
  'unclosed-ring',
  'too-few-positions',
  'coordinate-out-of-range',
  'swapped-coordinates',
  'invalid-geometry',
])

export async function importGrids(
  database: Database,
  countyCode: string,
  rawFeatures: unknown[],
  options: { apply: boolean; fileName: string; userId: number; write: WritePath; audit: DraftAuditNote },
): Promise<GridImportReport> {
  // Names go where validateGrids reads them, so its messages name the grid.
  for (const feature of rawFeatures) {
    const name = propertyOf(feature, nameKeys)
    const candidate = feature as { properties?: Record<string, unknown> | null } | null
    if (name && candidate && typeof candidate === 'object')
      candidate.properties = { ...(candidate.properties ?? {}), name }
  }
  const validation = await validateGrids(database, countyCode, rawFeatures)
  const problems = [...validation.problems]
  const versionId = await publishedVersionOf(database, countyCode)
  const [published, zones] = await Promise.all([
    publishedGrids(database, versionId),
    database.rows<{ id: number; name: string }>(
      sql`SELECT id, name FROM areas WHERE level = 'zone' AND boundary_version_id = ${versionId} ORDER BY sort_order, id`,
    ),
  ])

  const unusable = new Set(
    problems
      .filter((problem) => shapeKinds.has(problem.kind) && problem.feature !== undefined)
      .map((problem) => problem.feature!),
  )
  const usable = rawFeatures.flatMap((feature, index) =>
    unusable.has(index) ? [] : [{ index, feature: feature as { geometry: Parameters<typeof wkbHex>[0] } }],
  )
  const input = JSON.stringify(usable.map(({ index, feature }) => ({ i: index, w: wkbHex(feature.geometry) })))
  // Each unit to the polygon holding its seat, else the one covering most of it; the shared area for the fit.
  const placed = usable.length
    ? await database.rows<{
        id: number
        name: string
        grid_id: number | null
        feature: number | null
        shared: number
        village_area: number
        lon: number
        lat: number
      }>(sql`
        WITH shapes AS MATERIALIZED (SELECT (f->>'i')::int AS i, ST_GeomFromWKB(decode(f->>'w', 'hex'), 4326) AS g FROM jsonb_array_elements(${input}::jsonb) f),
          units AS (SELECT id, name, parent_id, seat, geom FROM areas WHERE level = 'village' AND boundary_version_id = ${versionId} AND geom IS NOT NULL),
          chosen AS (
            SELECT u.*, coalesce(
              (SELECT s.i FROM shapes s WHERE s.g && u.seat AND ST_Covers(s.g, u.seat) ORDER BY s.i LIMIT 1),
              (SELECT s.i FROM shapes s WHERE s.g && u.geom AND ST_Intersects(s.g, u.geom) ORDER BY ST_Area(ST_Intersection(s.g, u.geom)) DESC, s.i LIMIT 1)) AS feature
            FROM units u)
        SELECT c.id, c.name, c.parent_id AS grid_id, c.feature, ST_X(c.seat) AS lon, ST_Y(c.seat) AS lat, ST_Area(c.geom::geography) AS village_area,
          coalesce((SELECT ST_Area(ST_Intersection(s.g, c.geom)::geography) FROM shapes s WHERE s.i = c.feature), 0) AS shared
        FROM chosen c ORDER BY c.id`)
    : []
  const featureAreas = usable.length
    ? await database.rows<{ i: number; area: number }>(sql`
        SELECT (f->>'i')::int AS i, ST_Area(ST_GeomFromWKB(decode(f->>'w', 'hex'), 4326)::geography) AS area FROM jsonb_array_elements(${input}::jsonb) f`)
    : []
  const institutionCounts = await database.rows<{ village_id: number; count: number }>(sql`
    SELECT village_id, count(*)::int AS count FROM institutions WHERE county_code = ${countyCode} AND status = 'active' AND village_id IS NOT NULL GROUP BY village_id`)
  const institutionsOf = new Map(institutionCounts.map((row) => [row.village_id, row.count]))

  const publishedByName = new Map(published.map((grid) => [grid.name.trim(), grid]))
  const zoneByName = new Map(zones.map((zone) => [zone.name.trim(), zone.id]))
  const names = new Map<string, number[]>()
  rawFeatures.forEach((feature, index) => {
    const name = propertyOf(feature, nameKeys)
    if (name) names.set(name, [...(names.get(name) ?? []), index])
  })

  const grids: ImportedGrid[] = []
  const draftGrids: DraftGrid[] = []
  const areaOf = new Map(featureAreas.map((row) => [row.i, row.area]))
  for (const { index, feature } of usable) {
    const name = propertyOf(feature, nameKeys)
    const zoneName = propertyOf(feature, zoneKeys)
    if (!name) {
      problems.push({
        kind: 'grid-unnamed',
        severity: 'error',
        ...phrase('feature-unnamed', { feature: { feature: index } }),
        feature: index,
      })
      continue
    }
    if ((names.get(name)?.length ?? 0) > 1) {
      problems.push({
        kind: 'grid-name-twice',
        severity: 'error',
        ...phrase('features-same-name', { features: names.get(name)!, name }),
        feature: index,
      })
      continue
    }
    const match = publishedByName.get(name)
    let zoneId = match?.zoneId ?? null
    if (zoneName !== null) {
      const known = zoneByName.get(zoneName)
      if (known === undefined) {
        problems.push({
          kind: 'grid-without-zone',
          severity: 'error',
          ...phrase('zone-unknown', {
            feature: { feature: index, name },
            zone: zoneName,
            zones: zones.map((zone) => zone.name),
          }),
          feature: index,
        })
        continue
      }
      zoneId = known
    } else if (zoneId === null)
      problems.push({
        kind: 'grid-without-zone',
        severity: 'warning',
        ...phrase('zone-missing', { feature: { feature: index, name } }),
        feature: index,
      })
    const units = placed.filter((unit) => unit.feature === index)
    if (units.length === 0) {
      problems.push({
        kind: 'grid-empty',
        severity: 'error',
        ...phrase('grid-without-seat', { feature: { feature: index, name } }),
        feature: index,
      })
      continue
    }
    const villageIds = units.map((unit) => unit.id)
    const shared = units.reduce((sum, unit) => sum + unit.shared, 0)
    const villagesArea = units.reduce((sum, unit) => sum + unit.village_area, 0)
    const featureArea = areaOf.get(index) ?? 0
    const fit = shared / Math.max(featureArea + villagesArea - shared, 1)
    const unchanged = match && match.zoneId === zoneId && match.villageIds.join(',') === villageIds.join(',')
    grids.push({
      feature: index,
      name,
      zone: zones.find((zone) => zone.id === zoneId)?.name ?? null,
      status: !match ? 'new' : unchanged ? 'unchanged' : 'changed',
      gridId: match?.gridId ?? null,
      villages: villageIds.length,
      institutions: villageIds.reduce((sum, villageId) => sum + (institutionsOf.get(villageId) ?? 0), 0),
      villagesMoved: units.filter((unit) => unit.grid_id !== match?.gridId).length,
      fit: Math.round(fit * 1000) / 1000,
    })
    draftGrids.push({
      key: match ? `g${match.gridId}` : `import-${index}`,
      gridId: match?.gridId ?? null,
      name,
      zoneId,
      villageIds,
    })
  }
  if (usable.length > 0)
    for (const unit of placed.filter((candidate) => candidate.feature === null))
      problems.push({
        kind: 'village-unassigned',
        severity: 'error',
        ...phrase('village-outside-grids', { village: unit.name }),
        villageId: unit.id,
        at: [unit.lon, unit.lat],
      })

  const named = new Set(grids.map((grid) => grid.name))
  const retired = published
    .filter((grid) => !named.has(grid.name.trim()))
    .map((grid) => ({ gridId: grid.gridId!, name: grid.name, villages: grid.villageIds.length }))
  const rejected = rejectedFeatures(problems, rawFeatures, nameKeys)
  const valid = problems.every((problem) => problem.severity !== 'error')

  let draftId: number | null = null
  if (options.apply && valid) {
    const draft = await createDraft(
      database,
      options.write,
      countyCode,
      options.userId,
      `导入 ${options.fileName}`.slice(0, 200),
      { imported: draftGrids, fileName: options.fileName },
      options.audit,
    )
    draftId = draft.id
  }
  return { valid, applied: draftId !== null, draftId, features: rawFeatures.length, grids, retired, rejected, problems }
}
