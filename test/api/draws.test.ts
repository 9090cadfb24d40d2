// Double random draws through the API: committed before drawn, reproducible by anyone from the
// published inputs and seed, free of conflicts of interest, hidden until published, audited.
import { describe, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { drawCommitment } from '@gridwatch/api/draws/draw-seed.ts'
import {
  canonicalDrawInputs,
  drawCounters,
  drawWith,
  numberFromDigest,
  type DrawInputs,
} from '@gridwatch/domain/draw.ts'
import { apiSuite } from '../support/api-suite.ts'
import { createTestApp, jsonRequest, loginAs } from '../support/test-app.ts'

// One copy of the seeded database for the file: each test makes or finds its own data.
const suite = apiSuite()

interface Draw {
  id: number
  status: string
  commitment: string
  seed: string | null
  candidates: { institutions: number; inspectors: number }
  inputs: {
    institutions: { id: number; gridId: number }[]
    inspectors: { staffId: number; gridIds: number[]; institutionIds: number[] }[]
  } | null
  result: {
    institutions: { id: number; name: string }[]
    inspectors: { staffId: number; name: string }[]
    excludedStaffIds: number[]
  } | null
}

async function zoneId(name: string): Promise<number> {
  const [zone] = await suite.database.rows<{ id: number }>(
    sql`SELECT id FROM areas WHERE level = 'zone' AND name = ${name}`,
  )
  return zone!.id
}

async function commit(cookie: string, body: Record<string, unknown> = {}): Promise<Draw> {
  const response = await suite.app.request(
    '/api/draws',
    jsonRequest(
      'POST',
      {
        title: '十二月双随机',
        zoneIds: [await zoneId('东南片区')],
        institutionCount: 10,
        inspectorCount: 3,
        weighting: 'risk',
        ...body,
      },
      cookie,
    ),
  )
  expect(response.status).toBe(201)
  return response.json()
}

describe('double random draws', () => {
  test('commit shows only the seed’s hash; the draw reveals a seed that matches it and a result anyone can recompute', async () => {
    const cookie = await loginAs(suite.app, 'supervisor')
    const committed = await commit(cookie)
    expect(committed.status).toBe('committed')
    expect(committed.seed).toBeNull()
    expect(committed.result).toBeNull()
    expect(committed.commitment).toMatch(/^[0-9a-f]{64}$/)
    expect(committed.candidates.institutions).toBeGreaterThan(50)

    const drawn = (await (
      await suite.app.request(`/api/draws/${committed.id}/draw`, jsonRequest('POST', {}, cookie))
    ).json()) as Draw
    expect(drawn.status).toBe('drawn')
    expect(drawCommitment(drawn.seed!)).toBe(committed.commitment)
    expect(drawn.result!.institutions).toHaveLength(10)
    expect(drawn.result!.inspectors).toHaveLength(3)
    expect(drawn.result!.institutions.every((institution) => institution.name.length > 0)).toBe(true)

    // Anyone holding inputs and seed gets the same result.
    const verify = (await (
      await suite.app.request(
        '/api/draws/verify',
        jsonRequest('POST', {
          inputs: { ...drawn.inputs, institutionCount: 10, inspectorCount: 3 },
          seed: drawn.seed,
          commitment: committed.commitment,
        }),
      )
    ).json()) as { commitmentMatches: boolean; result: { institutionIds: number[]; inspectorStaffIds: number[] } }
    expect(verify.commitmentMatches).toBe(true)
    expect(verify.result.institutionIds).toEqual(drawn.result!.institutions.map((institution) => institution.id))
    expect(verify.result.inspectorStaffIds).toEqual(drawn.result!.inspectors.map((inspector) => inspector.staffId))
    // A tampered seed neither matches the commitment nor reproduces the result.
    const tamperedSeed = `${drawn.seed!.slice(0, -1)}${drawn.seed!.endsWith('0') ? '1' : '0'}`
    const tampered = (await (
      await suite.app.request(
        '/api/draws/verify',
        jsonRequest('POST', {
          inputs: { ...drawn.inputs, institutionCount: 10, inspectorCount: 3 },
          seed: tamperedSeed,
          commitment: committed.commitment,
        }),
      )
    ).json()) as typeof verify
    expect(tampered.commitmentMatches).toBe(false)
    expect(tampered.result.institutionIds).not.toEqual(verify.result.institutionIds)

    // No inspector gets a grid or institution of their own.
    const gridOf = new Map(drawn.inputs!.institutions.map((institution) => [institution.id, institution.gridId]))
    const drawnGrids = new Set(drawn.result!.institutions.map((institution) => gridOf.get(institution.id)))
    for (const { staffId } of drawn.result!.inspectors) {
      const inspector = drawn.inputs!.inspectors.find((candidate) => candidate.staffId === staffId)!
      expect(inspector.gridIds.some((gridId) => drawnGrids.has(gridId))).toBe(false)
    }

    // A draw happens once.
    expect((await suite.app.request(`/api/draws/${committed.id}/draw`, jsonRequest('POST', {}, cookie))).status).toBe(
      409,
    )
    const audit = await suite.database.rows<{ action: string }>(
      sql`SELECT action FROM audit_log WHERE entity = 'draw' AND entity_id = ${String(committed.id)} ORDER BY id`,
    )
    expect(audit.map((row) => row.action)).toEqual(['commit', 'draw'])
  })

  test('every committed draw is public from commitment by its hashes; area, candidates, seed and result only once published', async () => {
    const cookie = await loginAs(suite.app, 'supervisor')
    const committed = await commit(cookie, { weighting: 'uniform' })
    await suite.app.request(`/api/draws/${committed.id}/draw`, jsonRequest('POST', {}, cookie))
    const member = await loginAs(suite.app, 'zone1')
    const early = (await (
      await suite.app.request(`/api/draws/${committed.id}`, { headers: { cookie: member } })
    ).json()) as Draw & Record<string, unknown>
    expect(early).toMatchObject({
      id: committed.id,
      status: 'drawn',
      commitment: committed.commitment,
      title: null,
      areaNames: [],
      candidates: null,
      request: null,
      seed: null,
      inputs: null,
      result: null,
    })
    expect(early.inputsDigest).toMatch(/^[0-9a-f]{64}$/)

    expect(
      (await suite.app.request(`/api/draws/${committed.id}/publish`, jsonRequest('POST', {}, cookie))).status,
    ).toBe(200)
    const published = (await (
      await suite.app.request(`/api/draws/${committed.id}`, { headers: { cookie: member } })
    ).json()) as Draw & { inputsDigest: string }
    expect(published.status).toBe('published')
    expect(published.seed).not.toBeNull()
    expect(published.inputs).not.toBeNull()
    // The inputs published now are those whose hash was public since the commitment.
    const digest = Buffer.from(
      await globalThis.crypto.subtle.digest(
        'SHA-256',
        new TextEncoder().encode(canonicalDrawInputs(published.inputs as unknown as DrawInputs)),
      ),
    ).toString('hex')
    expect(digest).toBe(early.inputsDigest)

    // Cherry-picking shows: two more drawn and never published stay on the public list, without
    // sign-in and in production, by their number, times and hashes only.
    const dropped = [await commit(cookie), await commit(cookie)]
    for (const entry of dropped) await suite.app.request(`/api/draws/${entry.id}/draw`, jsonRequest('POST', {}, cookie))
    const { app: production } = createTestApp(suite.database, { mode: 'production' })
    const open = (await (await production.request('/api/draws')).json()) as (Draw & { title: string | null })[]
    expect(open.map((entry) => entry.id)).toEqual(
      expect.arrayContaining([committed.id, ...dropped.map((entry) => entry.id)]),
    )
    for (const entry of open.filter((candidate) => dropped.some((drop) => drop.id === candidate.id)))
      expect(entry).toMatchObject({
        status: 'drawn',
        title: null,
        seed: null,
        inputs: null,
        result: null,
        candidates: null,
      })
    expect((await production.request(`/api/draws/${dropped[0]!.id}`)).status).toBe(200)

    // Anyone can recompute it with a standard SHA-256 (here Web Crypto, as the public page does).
    const publicDraw = open.find((entry) => entry.id === committed.id)!
    const inputs = publicDraw.inputs as unknown as DrawInputs
    const numbers = new Map<number, number>()
    for (const counter of drawCounters(inputs))
      numbers.set(
        counter,
        numberFromDigest(
          new Uint8Array(
            await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${publicDraw.seed}:${counter}`)),
          ),
        ),
      )
    const recomputed = drawWith(inputs, (counter) => numbers.get(counter)!)
    expect(recomputed.institutionIds).toEqual(publicDraw.result!.institutions.map((institution) => institution.id))
    expect(recomputed.inspectorStaffIds).toEqual(publicDraw.result!.inspectors.map((inspector) => inspector.staffId))
  })

  test('grid members and planners may not draw; impossible counts and a missing area are 400s; nothing is written', async () => {
    const [before] = await suite.database.rows<{ count: number }>(sql`SELECT count(*)::int AS count FROM draws`)
    for (const username of ['planner', 'member3', 'zone1']) {
      const response = await suite.app.request(
        '/api/draws',
        jsonRequest(
          'POST',
          { title: 'x', zoneIds: [await zoneId('东南片区')], institutionCount: 3, inspectorCount: 1 },
          await loginAs(suite.app, username),
        ),
      )
      expect(response.status).toBe(403)
    }
    const cookie = await loginAs(suite.app, 'supervisor')
    for (const [body, path] of [
      [
        { title: 'x', zoneIds: [await zoneId('东南片区')], institutionCount: 100_000, inspectorCount: 1 },
        'institutionCount',
      ],
      [{ title: 'x', zoneIds: [await zoneId('东南片区')], institutionCount: 5, inspectorCount: 99 }, 'inspectorCount'],
      [{ title: 'x', institutionCount: 5, inspectorCount: 1 }, 'zoneIds'],
    ] as const) {
      const response = await suite.app.request('/api/draws', jsonRequest('POST', body, cookie))
      expect(response.status).toBe(400)
      expect(((await response.json()) as { errors: { path: string }[] }).errors.map((error) => error.path)).toContain(
        path,
      )
    }
    const [after] = await suite.database.rows<{ count: number }>(sql`SELECT count(*)::int AS count FROM draws`)
    expect(after!.count).toBe(before!.count)
  })
})
