// Credit evaluation (信用评价) and the blacklist (黑名单) on both runtimes: a supervisor re-scores an
// institution with reason and evidence (the grade follows the score, the history keeps who and
// why, the inspection interval tightens); a blacklist entry for the institution flags it at once
// (interval of grade D), a physician's entry needs a name, an entry for a later date flags nothing
// until its day (the server's hourly pass takes it up), a lifted entry frees the institution and
// leaves the public listing; every role that may not decide is refused and nothing is written;
// the public listing needs no login and names nobody in the bureau.
import { beforeEach, describe, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { syncBlacklistFlags } from '@gridwatch/api/credit/credit-queries.ts'
import { writePath } from '@gridwatch/api/platform/write-path.ts'
import { apiSuite } from '../support/api-suite.ts'
import { loginAs } from '../support/test-app.ts'
import { bureauWeekdayAfterSeed } from '../support/reference-time.ts'
import { addDays, bureauDate, bureauInstant } from '@gridwatch/domain/bureau-calendar.ts'

let clock = bureauWeekdayAfterSeed(3, '10:00')
const cookies = new Map<string, string>()

// Its tests need a pristine county: a fresh copy of the seeded database for each.
const suite = apiSuite({ fresh: 'test', now: () => clock })
beforeEach(() => {
  clock = bureauWeekdayAfterSeed(3, '10:00')
  cookies.clear()
})

async function call<T = unknown>(
  username: string | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  if (username && !cookies.has(username)) cookies.set(username, await loginAs(suite.app, username))
  const response = await suite.app.request(path, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(username ? { cookie: cookies.get(username)! } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await response.text()
  return {
    status: response.status,
    body: (text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T,
  }
}

async function fingerprint(): Promise<string> {
  const [row] = await suite.database.rows<{ hash: string }>(sql`
    SELECT md5(
      (SELECT string_agg(id || ':' || coalesce(credit_score, -1) || ':' || coalesce(credit_grade, '-') || ':' || blacklisted, ',' ORDER BY id) FROM institutions) || '|' ||
      (SELECT count(*) FROM credit_evaluations) || '|' || (SELECT coalesce(string_agg(id || ':' || coalesce(lifted_at::text, ''), ','), '') FROM blacklist_entries) || '|' ||
      (SELECT count(*) FROM audit_log WHERE action <> 'denied')) AS hash`)
  return row!.hash
}

/** A pharmacy of 张湾镇 (grid2's grid), not blacklisted, graded A or B: its interval is 30 days until it is marked down. */
async function pharmacy(): Promise<{ id: number; name: string }> {
  const [row] = await suite.database.rows<{ id: number; name: string }>(sql`
    SELECT i.id, i.name FROM institutions i JOIN areas g ON g.id = i.grid_id
    WHERE g.name = '张湾镇' AND i.type = 'pharmacy' AND NOT i.blacklisted AND i.credit_grade IN ('A', 'B') ORDER BY i.id LIMIT 1`)
  return row!
}

async function intervalOf(id: number): Promise<number> {
  const layer = await call<{ features: { properties: { id: number; intervalDays: number; blacklisted: boolean } }[] }>(
    'supervisor',
    'GET',
    '/api/institutions',
  )
  return layer.body.features.find((feature) => feature.properties.id === id)!.properties.intervalDays
}

interface History {
  grade: string
  blacklisted: boolean
  evaluations: { score: number; grade: string; reason: string; evidence: string; evaluatedBy: string | null }[]
  entries: { id: number; subject: string; personName: string | null; inForce: boolean; liftedAt: string | null }[]
}

describe('credit evaluation', () => {
  test('a supervisor re-scores with reason and evidence: grade, history and interval follow; others are refused and nothing is written', async () => {
    const target = await pharmacy()
    expect(await intervalOf(target.id)).toBe(30)
    for (const username of ['grid2', 'zone1', 'planner', 'admin', 'member3', 'supervisor'])
      cookies.set(username, await loginAs(suite.app, username))
    const before = await fingerprint()
    for (const username of ['grid2', 'zone1', 'planner', 'admin', 'member3'])
      expect(
        (
          await call(username, 'POST', `/api/credit/${target.id}/evaluations`, {
            score: 60,
            reason: '串换药品',
            evidence: '检查记录',
          })
        ).status,
        username,
      ).toBe(403)
    expect(
      (
        await call('supervisor', 'POST', `/api/credit/${target.id}/evaluations`, {
          score: 101,
          reason: '串换药品',
          evidence: '检查记录',
        })
      ).status,
    ).toBe(400)
    expect(
      (await call('supervisor', 'POST', `/api/credit/${target.id}/evaluations`, { score: 60, reason: '串换药品' }))
        .status,
    ).toBe(400)
    expect(
      (
        await call('supervisor', 'POST', `/api/credit/${target.id}/evaluations`, {
          score: 60,
          reason: ' ',
          evidence: '检查记录',
        })
      ).status,
    ).toBe(400)
    expect(
      (
        await call('supervisor', 'POST', '/api/credit/99999/evaluations', {
          score: 60,
          reason: '串换药品',
          evidence: '检查记录',
        })
      ).status,
    ).toBe(404)
    expect(await fingerprint()).toBe(before)

    const evaluated = await call<{ grade: string }>('supervisor', 'POST', `/api/credit/${target.id}/evaluations`, {
      score: 65,
      reason: '飞行检查发现串换药品',
      evidence: '定医保稽〔2026〕27号检查记录',
    })
    expect(evaluated).toEqual({ status: 201, body: { id: expect.any(Number), grade: 'D' } })
    const history = await call<History>('grid2', 'GET', `/api/credit/${target.id}`)
    expect(history.body.grade).toBe('D')
    expect(history.body.evaluations[0]).toMatchObject({
      score: 65,
      grade: 'D',
      reason: '飞行检查发现串换药品',
      evidence: '定医保稽〔2026〕27号检查记录',
      evaluatedBy: '督导组（演示）',
    })
    expect(history.body.evaluations.length).toBeGreaterThan(1)
    expect(await intervalOf(target.id)).toBe(7)
    const [audit] = await suite.database.rows<{ count: number }>(
      sql`SELECT count(*)::int AS count FROM audit_log WHERE entity = 'credit_evaluation' AND action = 'evaluate'`,
    )
    expect(audit!.count).toBe(1)
  })

  test('the credit list covers the caller’s scope, blacklisted first', async () => {
    const mine = await call<{ institutionId: number; blacklisted: boolean; gridName: string }[]>(
      'grid2',
      'GET',
      '/api/credit',
    )
    expect(mine.status).toBe(200)
    expect(new Set(mine.body.map((row) => row.gridName))).toEqual(new Set(['张湾镇']))
    const all = await call<{ blacklisted: boolean; personsBlacklisted: number }[]>('supervisor', 'GET', '/api/credit')
    expect(all.body[0]!.blacklisted).toBe(true)
    expect(all.body.some((row) => row.personsBlacklisted > 0)).toBe(true)
    expect((await call('member3', 'GET', '/api/credit')).status).toBe(403)
    const graded = await call<{ grade: string }[]>('supervisor', 'GET', '/api/credit?grade=C')
    expect(graded.body.length).toBeGreaterThan(0)
    expect(graded.body.every((row) => row.grade === 'C')).toBe(true)
  })
})

describe('blacklist', () => {
  test('an entry in force flags the institution at once; one for a later date waits for its day; lifting frees it; the public listing follows', async () => {
    const target = await pharmacy()
    for (const username of ['grid2', 'supervisor']) cookies.set(username, await loginAs(suite.app, username))
    const before = await fingerprint()
    const today = bureauDate(clock)
    const entry = {
      institutionId: target.id,
      subject: 'institution',
      reason: '伪造票据骗取医保基金',
      basis: '定医保处〔2026〕31号',
      startsOn: today,
      endsOn: addDays(today, 3 * 365),
    }
    expect((await call('grid2', 'POST', '/api/blacklist-entries', entry)).status).toBe(403)
    expect(
      (await call('supervisor', 'POST', '/api/blacklist-entries', { ...entry, subject: 'physician' })).status,
    ).toBe(400)
    expect((await call('supervisor', 'POST', '/api/blacklist-entries', { ...entry, personName: '张三' })).status).toBe(
      400,
    )
    expect(
      (await call('supervisor', 'POST', '/api/blacklist-entries', { ...entry, endsOn: addDays(today, -24) })).status,
    ).toBe(400)
    expect(
      (await call('supervisor', 'POST', '/api/blacklist-entries', { ...entry, startsOn: '2026-02-30' })).status,
    ).toBe(400)
    expect((await call('supervisor', 'POST', '/api/blacklist-entries', { ...entry, basis: '' })).status).toBe(400)
    expect(await fingerprint()).toBe(before)

    const added = await call<{ id: number }>('supervisor', 'POST', '/api/blacklist-entries', entry)
    expect(added.status).toBe(201)
    let history = await call<History>('supervisor', 'GET', `/api/credit/${target.id}`)
    expect(history.body.blacklisted).toBe(true)
    expect(history.body.entries[0]).toMatchObject({ id: added.body.id, subject: 'institution', inForce: true })
    expect(await intervalOf(target.id)).toBe(7)

    // A physician of the same pharmacy, from next week: listed as an entry, not in force, the institution's flag untouched by it.
    const later = await call<{ id: number }>('supervisor', 'POST', '/api/blacklist-entries', {
      ...entry,
      subject: 'physician',
      personName: '钱某',
      startsOn: addDays(today, 7),
      endsOn: null,
    })
    expect(later.status).toBe(201)
    const publicBefore = await call<{
      entries: { personName: string | null; institutionName: string; createdBy: string | null }[]
      grades: { name: string }[]
    }>(null, 'GET', '/api/public/credit')
    expect(publicBefore.status).toBe(200)
    expect(
      publicBefore.body.entries.some((row) => row.institutionName === target.name && row.personName === null),
    ).toBe(true)
    expect(publicBefore.body.entries.some((row) => row.personName === '钱某')).toBe(false)
    expect(publicBefore.body.entries.every((row) => row.createdBy === null)).toBe(true)
    expect(publicBefore.body.grades.length).toBeGreaterThan(100)

    // Lifted: the institution is free again, the entry stays in its history, the public no longer lists it.
    expect(
      (
        await call('supervisor', 'POST', `/api/blacklist-entries/${added.body.id}/lift`, {
          reason: '行政复议撤销处理决定',
        })
      ).status,
    ).toBe(204)
    expect(
      (await call('supervisor', 'POST', `/api/blacklist-entries/${added.body.id}/lift`, { reason: '再次' })).status,
    ).toBe(409)
    history = await call<History>('supervisor', 'GET', `/api/credit/${target.id}`)
    expect(history.body.blacklisted).toBe(false)
    expect(history.body.entries.find((row) => row.id === added.body.id)).toMatchObject({
      inForce: false,
      liftedAt: expect.any(String),
    })
    expect(await intervalOf(target.id)).toBe(30)

    // The physician's entry starts on its day: the hourly pass changes no institution flag for a person, but the public sees it.
    clock = bureauInstant(addDays(today, 7), '09:00')
    const write = writePath(suite.database, suite.events, { user: null, requestId: undefined, countyCode: '' })
    expect(await syncBlacklistFlags(suite.database, write, clock)).toEqual([])
    const publicAfter = await call<{ entries: { personName: string | null; institutionName: string }[] }>(
      null,
      'GET',
      '/api/public/credit',
    )
    expect(
      publicAfter.body.entries.some((row) => row.personName === '钱某' && row.institutionName === target.name),
    ).toBe(true)
    expect(publicAfter.body.entries.some((row) => row.institutionName === target.name && row.personName === null)).toBe(
      false,
    )
  })

  test('an institution entry for a later date flags nothing until its day, and expires after its last day', async () => {
    const target = await pharmacy()
    const startsOn = addDays(bureauDate(clock), 6)
    const endsOn = addDays(startsOn, 30)
    const added = await call<{ id: number }>('supervisor', 'POST', '/api/blacklist-entries', {
      institutionId: target.id,
      subject: 'institution',
      reason: '拒不配合检查',
      basis: '定医保处〔2026〕32号',
      startsOn,
      endsOn,
    })
    expect(added.status).toBe(201)
    const flag = async () =>
      (
        await suite.database.rows<{ blacklisted: boolean }>(
          sql`SELECT blacklisted FROM institutions WHERE id = ${target.id}`,
        )
      )[0]!.blacklisted
    expect(await flag()).toBe(false)
    const write = writePath(suite.database, suite.events, { user: null, requestId: undefined, countyCode: '' })
    // Its first day begins at 00:00 in the bureau's calendar (UTC+8), its last day ends at 24:00.
    const minute = 60_000
    expect(
      await syncBlacklistFlags(suite.database, write, new Date(bureauInstant(startsOn).getTime() - minute)),
    ).toEqual([])
    expect(await syncBlacklistFlags(suite.database, write, bureauInstant(startsOn))).toEqual([target.id])
    expect(await flag()).toBe(true)
    expect(
      await syncBlacklistFlags(
        suite.database,
        write,
        new Date(bureauInstant(addDays(endsOn, 1)).getTime() - 60 * minute),
      ),
    ).toEqual([])
    expect(await syncBlacklistFlags(suite.database, write, bureauInstant(addDays(endsOn, 1)))).toEqual([target.id])
    expect(await flag()).toBe(false)
    const audit = await suite.database.rows<{ action: string }>(
      sql`SELECT action FROM audit_log WHERE entity = 'blacklist_entry' ORDER BY id`,
    )
    expect(audit.map((row) => row.action)).toEqual(['add', 'blacklist-starts', 'blacklist-ends'])
  })
})
