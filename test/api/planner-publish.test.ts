// Publishing grid boundaries through the API: the authoritative check, a new version that moves
// institutions while past records keep their grid, and a version scheduled for a later date.
import { beforeEach, describe, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { apiSuite } from '../support/api-suite.ts'
import { createTestApp, jsonRequest, loginAs } from '../support/test-app.ts'
import { borderVillage, draftClient, moved, type Draft, type Problems, type Units } from '../support/draft-client.ts'
import { publishDueDrafts, startBoundarySchedule } from '@gridwatch/api/boundaries/schedule.ts'
import { seededAt } from '../support/reference-time.ts'
import { addDays, addMonths, bureauInstant, bureauMonth } from '@gridwatch/domain/bureau-calendar.ts'

/** The first day of the seed's month, and of the months after it, in the bureau's calendar. */
const seedMonth = bureauMonth(seededAt())
const firstOf = (monthsAhead: number) => `${addMonths(seedMonth, monthsAhead)}-01`

let cookie: string

// Its tests need a pristine county: a fresh copy of the seeded database for each.
const suite = apiSuite({ fresh: 'test' })
beforeEach(async () => {
  cookie = await loginAs(suite.app, 'planner')
})

const { get, send, newDraft, save } = draftClient(() => ({ app: suite.app, cookie }))

describe('check and publish', () => {
  test('an emptied grid, an unassigned unit and a grid in two pieces block publishing; nothing changes', async () => {
    const draft = await newDraft()
    const units = await get<Units>('/api/planner/villages')
    const [first, second] = draft.grids
    // A unit far from grid 0 goes into it (two pieces); grid 1 loses all its units, one of them to nobody.
    const far = draft.grids.find(
      (grid) =>
        !units.adjacency.some(
          ([a, b]) =>
            (first!.villageIds.includes(a) && grid.villageIds.includes(b)) ||
            (first!.villageIds.includes(b) && grid.villageIds.includes(a)),
        ) && grid.key !== first!.key,
    )!
    const lonely = far.villageIds[0]!
    let grids = moved(draft.grids, lonely, first!.key)
    // The unit left to nobody holds an institution, so the check must also find it uncovered.
    const orphan = second!.villageIds.find((villageId) =>
      units.institutions.some((institution) => institution.villageId === villageId),
    )!
    expect(orphan).toBeDefined()
    grids = grids.map((grid) =>
      grid.key === second!.key
        ? { ...grid, villageIds: [] }
        : grid.key === first!.key
          ? {
              ...grid,
              villageIds: [...grid.villageIds, ...second!.villageIds.filter((villageId) => villageId !== orphan)],
            }
          : grid,
    )
    const saved = ((await (await save(draft, grids)).json()) as { draft: Draft }).draft
    const check = (await (await send('POST', `/api/planner/drafts/${draft.id}/check`, {})).json()) as Problems
    const kinds = check.problems.map((problem) => problem.kind)
    expect(kinds).toContain('grid-empty')
    expect(kinds).toContain('grid-in-pieces')
    expect(check.problems.find((problem) => problem.kind === 'village-unassigned')!.villageId).toBe(orphan)
    const uncovered = units.institutions
      .filter((institution) => institution.villageId === orphan)
      .map((institution) => institution.id)
    expect(
      check.problems
        .filter((problem) => problem.kind === 'institution-uncovered')
        .map((problem) => problem.institutionId),
    ).toEqual(expect.arrayContaining(uncovered))
    expect(check.valid).toBe(false)
    const [before] = await suite.database.rows<{ hash: string }>(
      sql`SELECT md5(string_agg(id || ':' || coalesce(parent_id, 0) || ':' || boundary_version_id, ',' ORDER BY id)) AS hash FROM areas`,
    )
    const refused = await send('POST', `/api/planner/drafts/${draft.id}/publish`, {
      revision: saved.revision,
      effectiveFrom: firstOf(0),
    })
    expect(refused.status).toBe(422)
    const [after] = await suite.database.rows<{ hash: string }>(
      sql`SELECT md5(string_agg(id || ':' || coalesce(parent_id, 0) || ':' || boundary_version_id, ',' ORDER BY id)) AS hash FROM areas`,
    )
    expect(after!.hash).toBe(before!.hash)
  })

  test('publishing moves the unit’s institutions to the new grid in one go; the dashboard layers follow; past visits keep their grid; the old version can be restored', async () => {
    const units = await get<Units>('/api/planner/villages')
    const draft = await newDraft('十二月调整')
    const { villageId, from, to } = borderVillage(units, draft.grids)
    const movedInstitutions = units.institutions
      .filter((institution) => institution.villageId === villageId)
      .map((institution) => institution.id)
    // A past inspection of a moving institution, made here so that the test does not depend on the demo history.
    const [pastVisit] = await suite.database.rows<{ id: number; grid_id: number }>(sql`
      INSERT INTO inspections (county_code, institution_id, grid_id, kind, arrived_at, position, note)
      SELECT county_code, id, grid_id, 'weekly-visit', now() - interval '3 days', position, '' FROM institutions WHERE id = ${movedInstitutions[0]!}
      RETURNING id, grid_id`)
    expect(pastVisit!.grid_id).toBe(from.gridId)
    const saved = ((await (await save(draft, moved(draft.grids, villageId, to.key))).json()) as { draft: Draft }).draft

    const stale = await send('POST', `/api/planner/drafts/${draft.id}/publish`, {
      revision: saved.revision - 1,
      effectiveFrom: firstOf(0),
    })
    expect(stale.status).toBe(409)
    // Open screens learn of it: the moved institutions as changed records, then the new boundaries.
    await suite.app.request('/api/map/institutions', { headers: { cookie } })
    const heard: { type: string; records?: { id: number; gridId: number | null }[]; countyCodes?: string[] }[] = []
    const stop = suite.events.subscribe((event) => heard.push(event as (typeof heard)[number]))
    const response = await send('POST', `/api/planner/drafts/${draft.id}/publish`, {
      revision: saved.revision,
      effectiveFrom: firstOf(0),
    })
    stop()
    expect(response.status).toBe(200)
    expect(heard.map((event) => event.type)).toEqual(['institutions.changed', 'boundaries.changed'])
    // Screens re-read the areas of the counties the publish names.
    expect(heard[1]).toMatchObject({ countyCodes: ['371703'] })
    // Only the moved institutions were re-read and sent.
    expect(heard[0]!.records!.map((record) => record.id).sort((a, b) => a - b)).toEqual(
      [...movedInstitutions].sort((a, b) => a - b),
    )
    expect(heard[0]!.records!.every((record) => record.gridId === to.gridId)).toBe(true)
    const result = (await response.json()) as { versionId: number; moved: { id: number; from: number; to: number }[] }
    expect(result.moved.map((entry) => entry.id).sort((a, b) => a - b)).toEqual(movedInstitutions.sort((a, b) => a - b))
    expect(result.moved.every((entry) => entry.from === from.gridId && entry.to === to.gridId)).toBe(true)

    // The dashboard's layers: the institution's record and the grid outline.
    const institutions = (await (await suite.app.request('/api/institutions', { headers: { cookie } })).json()) as {
      features: { properties: { id: number; gridId: number } }[]
    }
    expect(
      institutions.features.find((feature) => feature.properties.id === movedInstitutions[0])!.properties.gridId,
    ).toBe(to.gridId)
    const areas = (await (await suite.app.request('/api/areas?level=grid', { headers: { cookie } })).json()) as {
      features: { properties: { id: number } }[]
    }
    expect(areas.features).toHaveLength(11)
    const county = (await (
      await suite.app.request('/api/areas?level=grid&county=371703', { headers: { cookie } })
    ).json()) as typeof areas
    expect(county).toEqual(areas)
    const [inside] = await suite.database.rows<{ inside: boolean }>(sql`
      SELECT ST_Covers(g.geom, ST_PointOnSurface(v.geom)) AS inside FROM areas g, areas v WHERE g.id = ${to.gridId} AND v.id = ${villageId}`)
    expect(inside!.inside).toBe(true)
    // Only the two grids and their zones were reshaped, yet every grid is still the union of its
    // villages and every zone the union of its grids.
    const mismatched = await suite.database.rows<{ id: number; level: string }>(sql`
      SELECT a.id, a.level FROM areas a
      WHERE a.county_code = '371703' AND a.level IN ('grid', 'zone') AND a.boundary_version_id = ${result.versionId}
        AND ST_Area(ST_SymDifference(a.geom, (SELECT ST_Union(c.geom) FROM areas c WHERE c.parent_id = a.id AND c.boundary_version_id = ${result.versionId}))::geography) > 1`)
    expect(mismatched).toEqual([])
    const [visit] = await suite.database.rows<{ grid_id: number }>(
      sql`SELECT grid_id FROM inspections WHERE id = ${pastVisit!.id}`,
    )
    expect(visit!.grid_id).toBe(from.gridId)

    // The assignments (包联) followed: each moved institution's member of the old grid handed it to
    // the least loaded member of the same level in the new grid; the old assignment ended, kept in history.
    const reassigned = (
      result as unknown as {
        reassigned: { institutionId: number; fromStaffId: number; toStaffId: number | null; level: number }[]
      }
    ).reassigned
    expect(reassigned.length).toBeGreaterThanOrEqual(movedInstitutions.length)
    expect(reassigned.every((handover) => handover.toStaffId !== null)).toBe(true)
    const current = await suite.database.rows<{
      institution_id: number
      staff_id: number
      grid_id: number
      member_of_new_grid: boolean
    }>(sql`
      SELECT a.institution_id, a.staff_id, a.grid_id,
        EXISTS (SELECT 1 FROM assignments o WHERE o.staff_id = a.staff_id AND o.grid_id = ${to.gridId} AND o.id <> a.id AND o.institution_id IS DISTINCT FROM a.institution_id) AS member_of_new_grid
      FROM assignments a WHERE a.until IS NULL AND a.institution_id IN (${sql.join(
        movedInstitutions.map((id) => sql`${id}`),
        sql`, `,
      )})`)
    expect(current.map((row) => row.institution_id).sort((a, b) => a - b)).toEqual(
      [...movedInstitutions].sort((a, b) => a - b),
    )
    expect(current.every((row) => row.grid_id === to.gridId && row.member_of_new_grid)).toBe(true)
    const ended = await suite.database.rows<{ staff_id: number }>(sql`
      SELECT staff_id FROM assignments WHERE until IS NOT NULL AND institution_id IN (${sql.join(
        movedInstitutions.map((id) => sql`${id}`),
        sql`, `,
      )})`)
    expect(ended.map((row) => row.staff_id).sort()).toEqual(reassigned.map((handover) => handover.fromStaffId).sort())

    const versions =
      await get<{ id: number; status: string; publishedBy: string | null; effectiveFrom: string | null }[]>(
        '/api/boundaries/versions',
      )
    expect(versions[0]).toMatchObject({ id: result.versionId, status: 'published', effectiveFrom: firstOf(0) })
    expect(versions[0]!.publishedBy).not.toBeNull()
    expect(versions[1]!.status).toBe('retired')
    const [audit] = await suite.database.rows<{ count: number }>(
      sql`SELECT count(*)::int AS count FROM audit_log WHERE entity = 'boundary_version' AND action = 'publish'`,
    )
    expect(audit!.count).toBe(1)

    // Restoring the earlier version gives a draft with the unit back in its old grid.
    const restored = await send('POST', '/api/planner/drafts', { name: '恢复', fromVersionId: versions[1]!.id })
    expect(restored.status).toBe(201)
    const back = (await restored.json()) as Draft
    expect(back.grids.find((grid) => grid.gridId === from.gridId)!.villageIds).toContain(villageId)
    // The published draft is closed to edits.
    expect((await save(saved, saved.grids)).status).toBe(409)
  })
})

describe('a version for a later date', () => {
  test('waits as a scheduled draft that nothing can change, blocks publishing meanwhile, and is published on its day; a draft that fails its check then opens again with the reason', async () => {
    // The bureau's clock says the 23rd of the seed's month, noon.
    const clocked = createTestApp(suite.database, { now: () => bureauInstant(`${seedMonth}-23`, '12:00') })
    const nextMonth = firstOf(1)
    const planner = await loginAs(clocked.app, 'planner')
    const call = (method: string, path: string, body: unknown) =>
      clocked.app.request(path, jsonRequest(method, body, planner))
    const areasHash = async () =>
      (
        await suite.database.rows<{ hash: string }>(
          sql`SELECT md5(string_agg(id || ':' || coalesce(parent_id, 0) || ':' || boundary_version_id, ',' ORDER BY id)) AS hash FROM areas`,
        )
      )[0]!.hash
    const units = await get<Units>('/api/planner/villages')
    const draft = await newDraft('一月调整')
    const { villageId, from, to } = borderVillage(units, draft.grids)
    const movedIds = units.institutions
      .filter((institution) => institution.villageId === villageId)
      .map((institution) => institution.id)
    const saved = ((await (await save(draft, moved(draft.grids, villageId, to.key))).json()) as { draft: Draft }).draft
    const before = await areasHash()

    expect(
      (
        await call('POST', `/api/planner/drafts/${draft.id}/publish`, {
          revision: saved.revision,
          effectiveFrom: '2026-02-30',
        })
      ).status,
    ).toBe(400)
    const response = await call('POST', `/api/planner/drafts/${draft.id}/publish`, {
      revision: saved.revision,
      effectiveFrom: nextMonth,
    })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'scheduled', draftId: draft.id, effectiveFrom: nextMonth })
    // Nothing moved yet.
    expect(await areasHash()).toBe(before)
    const gridOf = async (id: number) =>
      (await suite.database.rows<{ grid_id: number }>(sql`SELECT grid_id FROM institutions WHERE id = ${id}`))[0]!
        .grid_id
    expect(await gridOf(movedIds[0]!)).toBe(from.gridId)
    expect((await get<{ draft: Draft }>(`/api/planner/drafts/${draft.id}`)).draft).toMatchObject({
      status: 'scheduled',
      effectiveFrom: nextMonth,
    })

    // A scheduled draft cannot be edited, and nothing else is published or scheduled while it waits.
    const edit = await save(saved, saved.grids)
    expect(edit.status).toBe(409)
    expect(await edit.json()).toMatchObject({ key: 'draft-is-scheduled', params: { id: draft.id, date: nextMonth } })
    const other = await newDraft('另一方案')
    for (const effectiveFrom of [firstOf(0), firstOf(2)]) {
      const refused = await call('POST', `/api/planner/drafts/${other.id}/publish`, {
        revision: other.revision,
        effectiveFrom,
      })
      expect(refused.status).toBe(409)
      expect(await refused.json()).toMatchObject({
        key: 'another-draft-scheduled',
        params: { id: draft.id, date: nextMonth },
      })
    }

    // The day before, nothing happens; on the day the draft is published as of its date.
    expect(
      await publishDueDrafts(suite.database, clocked.events, clocked.institutionLayer, addDays(nextMonth, -1)),
    ).toEqual([])
    expect(await areasHash()).toBe(before)
    await clocked.institutionLayer.refresh()
    const heard: string[] = []
    const stop = clocked.events.subscribe((event) => heard.push(event.type))
    const outcomes = await publishDueDrafts(suite.database, clocked.events, clocked.institutionLayer, nextMonth)
    stop()
    expect(outcomes).toHaveLength(1)
    const outcome = outcomes[0]!
    if (!('published' in outcome)) throw new Error(`not published: ${outcome.problem.message}`)
    expect(outcome.published.moved.map((entry) => entry.id).sort((a, b) => a - b)).toEqual(
      [...movedIds].sort((a, b) => a - b),
    )
    expect(heard).toEqual(['institutions.changed', 'boundaries.changed'])
    expect(await gridOf(movedIds[0]!)).toBe(to.gridId)
    const versions =
      await get<{ id: number; status: string; effectiveFrom: string; publishedBy: string | null }[]>(
        '/api/boundaries/versions',
      )
    expect(versions[0]).toMatchObject({
      id: outcome.published.versionId,
      status: 'published',
      effectiveFrom: nextMonth,
      publishedBy: '规划科（演示）',
    })
    expect((await get<{ draft: Draft }>(`/api/planner/drafts/${draft.id}`)).draft).toMatchObject({
      status: 'published',
      effectiveFrom: nextMonth,
    })

    // Cancelling a schedule opens the draft again; a draft that fails its check on the day opens
    // again with the reason, and nothing is published.
    const next = await newDraft('二月调整')
    const schedule = () =>
      call('POST', `/api/planner/drafts/${next.id}/publish`, { revision: next.revision, effectiveFrom: firstOf(3) })
    expect((await schedule()).status).toBe(200)
    const reopened = await call('POST', `/api/planner/drafts/${next.id}/unschedule`, {})
    expect(reopened.status).toBe(200)
    expect(await reopened.json()).toMatchObject({ status: 'open', effectiveFrom: null })
    expect((await call('POST', `/api/planner/drafts/${next.id}/unschedule`, {})).status).toBe(409)
    expect((await schedule()).status).toBe(200)
    const [lost] = await suite.database.rows<{ id: number; village_id: number }>(
      sql`SELECT id, village_id FROM institutions WHERE status = 'active' ORDER BY id LIMIT 1`,
    )
    await suite.database.rows(sql`UPDATE institutions SET village_id = NULL WHERE id = ${lost!.id}`)
    const afterPublish = await areasHash()
    try {
      // The server's own schedule: a pass at start, which stop() waits for.
      await startBoundarySchedule(suite.database, clocked.events, clocked.institutionLayer, () => firstOf(3)).stop()
      expect((await get<{ draft: Draft }>(`/api/planner/drafts/${next.id}`)).draft).toMatchObject({
        status: 'open',
        scheduleProblem: { key: 'draft-has-problems', params: { count: 1 } },
      })
      expect(await areasHash()).toBe(afterPublish)
    } finally {
      await suite.database.rows(sql`UPDATE institutions SET village_id = ${lost!.village_id} WHERE id = ${lost!.id}`)
    }
  })
})
