// Importing real village polygons to replace the derived (demo) villages. Each feature is
// matched to a published village by its statistical code, else by its name when that is unique;
// the polygons are validated like any boundary upload (validity, overlaps, gaps, parts outside,
// institutions covered once). Applying, in one transaction: the villages take the new shapes (and
// lose the demo mark), their seats move inside them where needed, the published grids and zones
// are dissolved again from their villages, institutions are placed in the village holding them,
// and open drafts' outlines are recomputed. Nothing is written while any feature is rejected or
// any village lacks a polygon.
import { sql } from 'drizzle-orm'
import type { Database } from '@gridwatch/db'
import { publishedVersionOf } from '../boundaries/drafts.ts'
import { refreshDraftShapes } from '../boundaries/draft-shapes.ts'
import { validateGrids, wkbHex, type BoundaryProblem } from '../boundaries/validate-grids.ts'
import { phrase } from '../platform/phrases.ts'
import { propertyOf, rejectedFeatures, type RejectedFeature } from './feature-properties.ts'
import type { WritePath } from '../platform/write-path.ts'

export interface VillageImportReport {
  valid: boolean
  applied: boolean
  features: number
  matched: number
  /** Villages the file gives no polygon. */
  missing: { villageId: number; name: string }[]
  rejected: RejectedFeature[]
  problems: BoundaryProblem[]
}

const codeKeys = ['code', 'CODE', '统计代码', '村代码', '区划代码']
const nameKeys = ['name', 'NAME', 'Name', '村名', '名称']

export async function importVillages(
  database: Database,
  countyCode: string,
  features: unknown[],
  options: { apply: boolean; write: WritePath; auditDetails: Record<string, unknown> },
): Promise<VillageImportReport> {
  for (const feature of features) {
    const name = propertyOf(feature, nameKeys)
    const candidate = feature as { properties?: Record<string, unknown> | null } | null
    if (name && candidate && typeof candidate === 'object')
      candidate.properties = { ...(candidate.properties ?? {}), name }
  }
  const validation = await validateGrids(database, countyCode, features)
  const problems = [...validation.problems]
  const versionId = await publishedVersionOf(database, countyCode)
  const villages = await database.rows<{ id: number; name: string; code: string | null }>(sql`
    SELECT id, name, statistical_code AS code FROM areas WHERE level = 'village' AND boundary_version_id = ${versionId} ORDER BY id`)
  const byCode = new Map(villages.filter((village) => village.code).map((village) => [village.code!, village]))
  const nameCount = new Map<string, number>()
  for (const village of villages) nameCount.set(village.name, (nameCount.get(village.name) ?? 0) + 1)
  const byName = new Map(
    villages.filter((village) => nameCount.get(village.name) === 1).map((village) => [village.name, village]),
  )

  const shapeOf = new Map<number, number>()
  for (const [index, feature] of features.entries()) {
    const code = propertyOf(feature, codeKeys)
    const name = propertyOf(feature, nameKeys)
    const village = (code ? byCode.get(code) : undefined) ?? (name ? byName.get(name) : undefined)
    if (!village) {
      problems.push({
        kind: 'village-unassigned',
        severity: 'error',
        ...phrase('village-unmatched', { feature: { feature: index, name: code ?? name ?? '' } }),
        feature: index,
      })
      continue
    }
    if (shapeOf.has(village.id)) {
      problems.push({
        kind: 'grid-name-twice',
        severity: 'error',
        ...phrase('village-twice', { first: shapeOf.get(village.id)!, second: index, village: village.name }),
        feature: index,
      })
      continue
    }
    shapeOf.set(village.id, index)
  }
  const missing = villages
    .filter((village) => !shapeOf.has(village.id))
    .map((village) => ({ villageId: village.id, name: village.name }))
  for (const village of missing.slice(0, 50))
    problems.push({
      kind: 'village-unassigned',
      severity: 'error',
      ...phrase('village-without-polygon', { village: village.name }),
      villageId: village.villageId,
    })
  const rejected = rejectedFeatures(problems, features, nameKeys)
  const valid = problems.every((problem) => problem.severity !== 'error')
  const report: VillageImportReport = {
    valid,
    applied: false,
    features: features.length,
    matched: shapeOf.size,
    missing,
    rejected,
    problems,
  }
  if (!options.apply || !valid) return report

  const shapes = JSON.stringify(
    [...shapeOf].map(([villageId, index]) => ({
      id: villageId,
      w: wkbHex((features[index] as { geometry: Parameters<typeof wkbHex>[0] }).geometry),
    })),
  )
  await options.write(async (transaction, record) => {
    const run = (query: ReturnType<typeof sql>) => database.rows(query, transaction)
    await run(sql`
      UPDATE areas v SET geom = ST_Multi(ST_GeomFromWKB(decode(s->>'w', 'hex'), 4326)), is_demo = false,
        seat = CASE WHEN v.seat IS NOT NULL AND ST_Covers(ST_GeomFromWKB(decode(s->>'w', 'hex'), 4326), v.seat) THEN v.seat
                    ELSE ST_PointOnSurface(ST_GeomFromWKB(decode(s->>'w', 'hex'), 4326)) END
      FROM jsonb_array_elements(${shapes}::jsonb) s WHERE v.id = (s->>'id')::int`)
    for (const level of ['grid', 'zone'] as const)
      await run(sql`
        UPDATE areas a SET geom = (
          SELECT ST_Multi(ST_CollectionExtract(ST_UnaryUnion(ST_Collect(c.geom), 1e-7), 3)) FROM areas c
          WHERE c.parent_id = a.id AND c.level = ${level === 'grid' ? 'village' : 'grid'} AND c.boundary_version_id = ${versionId})
        WHERE a.level = ${level} AND a.boundary_version_id = ${versionId}`)
    await run(sql`
      UPDATE institutions i SET village_id = v.id, grid_id = v.parent_id, updated_at = now()
      FROM areas v WHERE i.county_code = ${countyCode} AND v.level = 'village' AND v.boundary_version_id = ${versionId}
        AND v.geom && i.position AND ST_Covers(v.geom, i.position) AND (i.village_id IS DISTINCT FROM v.id OR i.grid_id IS DISTINCT FROM v.parent_id)`)
    await refreshDraftShapes(database, transaction, countyCode)
    await record.audit({
      action: 'import',
      entity: 'area',
      entityId: null,
      after: { villages: shapeOf.size, ...options.auditDetails },
      changes: [{ kind: 'layout' }],
    })
  })
  return { ...report, applied: true }
}
