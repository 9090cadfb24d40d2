// The grid boundary planner's drafts through the API: the county's villages, drafts as sets of
// villages whose shapes PostGIS keeps as the union of the villages, stale saves refused with
// what changed, bad saves refused without a change.
import { beforeAll, describe, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { seededRandom } from '@gridwatch/geodata'
import { apiSuite } from '../support/api-suite.ts'
import { loginAs } from '../support/test-app.ts'
import {
  borderVillage,
  draftClient,
  moved,
  shapeMismatch,
  type Draft,
  type Problems,
  type Units,
} from '../support/draft-client.ts'

let cookie: string

// One copy of the seeded database for the file: each test makes or finds its own data.
const suite = apiSuite()
beforeAll(async () => {
  cookie = await loginAs(suite.app, 'planner')
})

const { get, send, newDraft, save } = draftClient(() => ({ app: suite.app, cookie }))

describe('the planner’s units', () => {
  test('every village of the county with its grid, neighbours sharing an edge, institutions with their village', async () => {
    const units = await get<Units>('/api/planner/villages')
    expect(units.villages.features).toHaveLength(341)
    expect(units.adjacency.length).toBeGreaterThan(341)
    expect(units.institutions).toHaveLength(378)
    expect(units.institutions.every((institution) => institution.villageId !== null)).toBe(true)
    expect(
      (await suite.app.request('/api/planner/villages', { headers: { cookie: await loginAs(suite.app, 'member3') } }))
        .status,
    ).toBe(403)
  })
})

describe('drafts', () => {
  test('a new draft holds the published grids, each the union of its units; it passes the check', async () => {
    const draft = await newDraft()
    expect(draft.grids).toHaveLength(11)
    expect(draft.grids.flatMap((grid) => grid.villageIds)).toHaveLength(341)
    expect(await shapeMismatch(suite.database, draft)).toBeLessThan(1)
    const check = (await (await send('POST', `/api/planner/drafts/${draft.id}/check`, {})).json()) as Problems
    expect(check.problems.filter((problem) => problem.severity === 'error')).toEqual([])
    expect(check.valid).toBe(true)
  })

  test('moving a unit: saved as a new revision, both grids’ shapes follow; a second save from the old revision gets 409 naming what changed', async () => {
    const units = await get<Units>('/api/planner/villages')
    const draft = await newDraft()
    const { villageId, from, to } = borderVillage(units, draft.grids)
    const first = await save(draft, moved(draft.grids, villageId, to.key))
    expect(first.status).toBe(200)
    const saved = (await first.json()) as { draft: Draft; shapes: { features: { properties: { key: string } }[] } }
    expect(saved.draft.revision).toBe(draft.revision + 1)
    expect(saved.draft.grids.find((grid) => grid.key === to.key)!.villageIds).toContain(villageId)
    expect(saved.shapes.features).toHaveLength(11)
    expect(await shapeMismatch(suite.database, saved.draft)).toBeLessThan(1)

    // Another planner still on the old revision renames a grid: refused, told which grids changed, nothing lost.
    const stale = await save(
      draft,
      draft.grids.map((grid) => (grid.key === from.key ? { ...grid, name: `${grid.name}（改）` } : grid)),
    )
    expect(stale.status).toBe(409)
    const problem = (await stale.json()) as { detail: string; errors: { message: string }[] }
    expect(problem.detail).toContain(from.name)
    expect(problem.detail).toContain(to.name)
    const audited = await suite.database.rows<{ action: string; revision: number }>(sql`
      SELECT action, (after->>'revision')::int AS revision FROM audit_log WHERE entity = 'boundary_draft' AND entity_id = ${String(draft.id)} ORDER BY id`)
    expect(audited).toEqual([
      { action: 'create', revision: 1 },
      { action: 'save', revision: 2 },
    ])
    const now = (await get<{ draft: Draft }>(`/api/planner/drafts/${draft.id}`)).draft
    expect(now.revision).toBe(saved.draft.revision)
    expect(now.grids.find((grid) => grid.key === to.key)!.villageIds).toContain(villageId)
    expect(now.grids.find((grid) => grid.key === from.key)!.name).toBe(from.name)
  })

  test('a unit in two grids, or an unknown unit, is a 400 and the draft stays as it was', async () => {
    const draft = await newDraft()
    const twice = draft.grids.map((grid, index) =>
      index === 1 ? { ...grid, villageIds: [...grid.villageIds, draft.grids[0]!.villageIds[0]!] } : grid,
    )
    const response = await save(draft, twice)
    expect(response.status).toBe(400)
    expect(JSON.stringify(await response.json())).toMatch(/unit \d+ is also in/)
    const unknown = await save(
      draft,
      draft.grids.map((grid, index) => (index === 0 ? { ...grid, villageIds: [...grid.villageIds, 9_999_999] } : grid)),
    )
    expect(unknown.status).toBe(400)
    expect((await get<{ draft: Draft }>(`/api/planner/drafts/${draft.id}`)).draft.revision).toBe(draft.revision)
  })

  test('random edit sequences keep every unit exactly once and every grid the union of its units', async () => {
    const random = seededRandom('planner-edits')
    let draft = await newDraft('随机编辑')
    for (let step = 0; step < 6; step++) {
      let grids = draft.grids
      for (let edit = 0; edit < 5; edit++) {
        const all = grids.flatMap((grid) => grid.villageIds)
        const villageId = all[Math.floor(random() * all.length)]!
        const target = grids[Math.floor(random() * grids.length)]!
        grids = moved(grids, villageId, target.key)
      }
      // Sometimes a new grid takes a unit, sometimes an emptied grid is dropped.
      if (step === 2)
        grids = [
          ...moved(grids, grids[0]!.villageIds[0]!, 'new-1'),
          {
            key: 'new-1',
            gridId: null,
            name: '新网格',
            zoneId: grids[0]!.zoneId,
            villageIds: [grids[0]!.villageIds[0]!],
          },
        ]
      grids = grids.filter((grid) => grid.villageIds.length > 0)
      const response = await save(draft, grids)
      expect(response.status).toBe(200)
      draft = ((await response.json()) as { draft: Draft }).draft
      const ids = draft.grids.flatMap((grid) => grid.villageIds)
      expect(new Set(ids).size).toBe(341)
      expect(ids).toHaveLength(341)
      expect(await shapeMismatch(suite.database, draft)).toBeLessThan(1)
    }
  })
})
