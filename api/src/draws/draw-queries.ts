// What the draw endpoints read: stored draws as the caller may see them, and the candidates of a
// new draw (active institutions of the area from the institution layer, weighted as asked; the
// supervision teams' members with the grids and institutions they may not inspect).
import type { z } from '@hono/zod-openapi'
import { sql } from 'drizzle-orm'
import { type Database } from '@gridwatch/db'
import type { SessionUser } from '../auth/session-user.ts'
import { failures } from '../platform/failure.ts'
import { riskWeight, type DrawInputs, type DrawResult } from '@gridwatch/domain/draw.ts'
import { daysSinceMinute, minuteOf } from '@gridwatch/domain/institution-layer-format.ts'
import type { InstitutionLayer } from '../map/institution-layer.ts'
import { gridsIn } from '../rotations/rotation-plan.ts'
import { drawInputsDigest } from './draw-seed.ts'

import type { createSchema } from './draws.endpoints.ts'

export interface DrawRow {
  id: number
  title: string
  status: 'committed' | 'drawn' | 'published'
  commitment: string
  seed: string
  request: unknown
  inputs: DrawInputs
  result: DrawResult | null
  created_by: string | null
  created_at: Date | string
  drawn_at: Date | string | null
  published_at: Date | string | null
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString())

export async function readDraws(database: Database, id?: number): Promise<DrawRow[]> {
  return database.rows<DrawRow>(sql`
    SELECT d.id, d.title, d.status, d.commitment, d.seed, d.request, d.inputs, d.result, u.username AS created_by, d.created_at, d.drawn_at, d.published_at
    FROM draws d LEFT JOIN users u ON u.id = d.created_by
    ${id === undefined ? sql`` : sql`WHERE d.id = ${id}`}
    ORDER BY d.id DESC`)
}

/**
 * A draw as the caller may see it. Planners: everything but the seed before the draw. Everyone
 * else: every draw from its commitment — number, status, times, the seed's hash and the inputs'
 * hash — so no draw can be made and dropped unseen; area, candidates, seed and result only once
 * published (四不两直: nobody learns the targets before the inspection).
 */
export async function present(database: Database, row: DrawRow, planning: boolean) {
  if (!planning && row.status !== 'published')
    return {
      id: row.id,
      title: null,
      status: row.status,
      commitment: row.commitment,
      inputsDigest: drawInputsDigest(row.inputs),
      seed: null,
      request: null,
      areaNames: [],
      candidates: null,
      inputs: null,
      result: null,
      createdBy: null,
      createdAt: iso(row.created_at)!,
      drawnAt: iso(row.drawn_at),
      publishedAt: null,
    }
  const revealed = row.status !== 'committed'
  let result = null
  if (revealed && row.result) {
    const names = await database.rows<{ kind: string; id: number; name: string }>(sql`
      SELECT 'institution' AS kind, id, name FROM institutions WHERE id IN (${sql.join(
        [0, ...row.result.institutionIds].map((id) => sql`${id}`),
        sql`, `,
      )})
      UNION ALL
      SELECT 'staff' AS kind, id, name FROM staff WHERE id IN (${sql.join(
        [0, ...row.result.inspectorStaffIds].map((id) => sql`${id}`),
        sql`, `,
      )})`)
    const name = (kind: string, id: number) => names.find((entry) => entry.kind === kind && entry.id === id)?.name ?? ''
    result = {
      institutions: row.result.institutionIds.map((id) => ({ id, name: name('institution', id) })),
      inspectors: row.result.inspectorStaffIds.map((staffId) => ({ staffId, name: name('staff', staffId) })),
      excludedStaffIds: row.result.excludedStaffIds,
    }
  }
  const area = row.request as { zoneIds?: number[]; gridIds?: number[] }
  const areaIds = [...(area.zoneIds ?? []), ...(area.gridIds ?? [])]
  const areaNames = (
    await database.rows<{ name: string }>(
      sql`SELECT name FROM areas WHERE id IN (${sql.join(
        [0, ...areaIds].map((id) => sql`${id}`),
        sql`, `,
      )}) ORDER BY sort_order, id`,
    )
  ).map((entry) => entry.name)
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    commitment: row.commitment,
    inputsDigest: drawInputsDigest(row.inputs),
    seed: revealed ? row.seed : null,
    request: row.request,
    areaNames,
    candidates: { institutions: row.inputs.institutions.length, inspectors: row.inputs.inspectors.length },
    inputs: planning || row.status === 'published' ? row.inputs : null,
    result,
    createdBy: row.created_by,
    createdAt: iso(row.created_at)!,
    drawnAt: iso(row.drawn_at),
    publishedAt: iso(row.published_at),
  }
}

/** Candidates in the area: active institutions (weighted as asked) and the supervision teams' members with their conflicts. */
export async function candidates(
  database: Database,
  layer: InstitutionLayer,
  user: SessionUser,
  body: z.infer<typeof createSchema>,
  now: Date,
): Promise<DrawInputs> {
  const grids = await database.rows<{ id: number }>(sql`SELECT id FROM ${gridsIn(body)} grids`)
  const gridIds = new Set(grids.map((grid) => grid.id))
  const nowMinute = minuteOf(now)
  const records = (await layer.records(user)).filter(
    (record) => record.status === 'active' && record.gridId !== null && gridIds.has(record.gridId),
  )
  const institutions = records.map((record) => ({
    id: record.id,
    gridId: record.gridId,
    weight:
      body.weighting === 'risk'
        ? riskWeight({
            daysSinceVisit: daysSinceMinute(record.lastVisitMinute, nowMinute),
            overdueItems: record.firstDeadlineMinute !== null && record.firstDeadlineMinute < nowMinute ? 1 : 0,
            creditGrade: record.creditGrade,
            intervalDays: record.intervalDays,
            blacklisted: record.blacklisted,
          })
        : 1,
  }))
  const inspectors = await database.rows<{
    staff_id: number
    grid_ids: number[] | null
    institution_ids: number[] | null
  }>(sql`
    SELECT m.staff_id,
      array_agg(DISTINCT a.grid_id) FILTER (WHERE a.grid_id IS NOT NULL AND a.institution_id IS NULL) AS grid_ids,
      array_agg(DISTINCT a.institution_id) FILTER (WHERE a.institution_id IS NOT NULL) AS institution_ids
    FROM (SELECT DISTINCT staff_id FROM team_members) m
    LEFT JOIN assignments a ON a.staff_id = m.staff_id AND a.until IS NULL
    GROUP BY m.staff_id ORDER BY m.staff_id`)
  return {
    institutions,
    inspectors: inspectors.map((row) => ({
      staffId: row.staff_id,
      gridIds: row.grid_ids ?? [],
      institutionIds: row.institution_ids ?? [],
    })),
    institutionCount: body.institutionCount,
    inspectorCount: body.inspectorCount,
  }
}

export async function loadDraw(database: Database, id: number): Promise<DrawRow> {
  const [row] = await readDraws(database, id)
  if (!row) throw failures.notFound(`Draw ${id} does not exist.`)
  return row
}
