// Field work through the API as a phone does it: photos (content-checked, re-encoded, EXIF gone),
// inspections that are verified or not by geofence, stay and poster photo, refused when their time
// or place cannot be true, flagged when they look wrong, signed over their content, and retried
// safely with an Idempotency-Key. Each test starts from a fresh copy of the demo database and a
// stopped clock (the first Wednesday, 11:00 in the county, after the seed), so that working hours
// and neighbours are known.
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import sharp from 'sharp'
import type { Database } from '@gridwatch/db'
import { decodeInstitutionLayer, type InstitutionLayerPayload } from '@gridwatch/domain/institution-layer-format.ts'
import type { InspectionContent } from '@gridwatch/domain/inspection-content.ts'
import { openSeededTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { createTestApp, jsonRequest, loginAs } from '../support/test-app.ts'
import { pruneIdempotencyKeys } from '@gridwatch/api/platform/idempotency.ts'
import { addDays, bureauDate, bureauInstant } from '@gridwatch/domain/bureau-calendar.ts'
import { bureauWeekdayAfterSeed } from '../support/reference-time.ts'
import { cameraJpeg, contentHashOf, sha256, signatureImage, uploadPhoto } from '../support/field-client.ts'

const now = bureauWeekdayAfterSeed(3, '11:00')
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString()

let testDatabase: TestDatabase
let database: Database
let app: ReturnType<typeof createTestApp>['app']
let member: string

interface Own {
  id: number
  name: string
  type: string
  position: [number, number]
}
let own: Own[]

beforeEach(async () => {
  testDatabase = await openSeededTestDatabase()
  database = testDatabase.database
  ;({ app } = createTestApp(database, { now: () => now }))
  member = await loginAs(app, 'member3')
  own = (
    await database.rows<{ id: number; name: string; type: string; lon: number; lat: number }>(sql`
      SELECT i.id, i.name, i.type, ST_X(i.position) AS lon, ST_Y(i.position) AS lat FROM institutions i
      JOIN assignments a ON a.institution_id = i.id JOIN users u ON u.staff_id = a.staff_id
      WHERE u.username = 'member3' ORDER BY i.id`)
  ).map((row) => ({ id: row.id, name: row.name, type: row.type, position: [row.lon, row.lat] }))
})
afterEach(() => testDatabase.close())

async function counts() {
  const [row] = await database.rows<{
    inspections: number
    ledger: number
    photos: number
    signatures: number
    audit: number
  }>(sql`
    SELECT (SELECT count(*)::int FROM inspections) AS inspections, (SELECT count(*)::int FROM ledger_items) AS ledger,
      (SELECT count(*)::int FROM photos) AS photos, (SELECT count(*)::int FROM inspection_signatures) AS signatures,
      (SELECT count(*)::int FROM audit_log WHERE action <> 'denied') AS audit`)
  return row!
}

/** A weekly visit at the institution's door: arrived 50 minutes ago, left 25 minutes later, 12 m fix. */
function visitAt(institution: Own, overrides: Record<string, unknown> = {}) {
  return {
    institutionId: institution.id,
    kind: 'weekly-visit',
    arrivedAt: minutesAgo(50),
    departedAt: minutesAgo(25),
    position: [institution.position[0] + 0.0002, institution.position[1] + 0.0001],
    accuracyMeters: 12,
    checklist: [{ category: '串换药品', result: 'ok' }],
    findings: [],
    note: '',
    photoIds: [],
    ...overrides,
  }
}

function post(body: unknown, key?: string, cookie = member) {
  const init = jsonRequest('POST', body, cookie)
  if (key) (init.headers as Record<string, string>)['idempotency-key'] = key
  return app.request('/api/inspections', init)
}

async function signPhoto(institution: Own): Promise<{ id: number; sourceSha256: string }> {
  const response = await uploadPhoto(app, member, {
    institutionId: institution.id,
    kind: 'sign',
    bytes: await cameraJpeg(),
    position: institution.position,
    takenAt: minutesAgo(45),
  })
  expect(response.status).toBe(201)
  return response.json()
}

describe('photos', () => {
  test('a camera JPEG is kept re-encoded without its EXIF, with a thumbnail, time and place as columns', async () => {
    const original = await cameraJpeg({ width: 4000, height: 3000 })
    expect((await sharp(original).metadata()).exif).toBeDefined()
    const response = await uploadPhoto(app, member, {
      institutionId: own[0]!.id,
      kind: 'sign',
      bytes: original,
      position: own[0]!.position,
      takenAt: minutesAgo(5),
    })
    expect(response.status).toBe(201)
    const photo = await response.json()
    expect(photo).toMatchObject({
      kind: 'sign',
      institutionId: own[0]!.id,
      width: 2048,
      height: 1536,
      sourceSha256: sha256(original),
      takenAt: minutesAgo(5),
    })
    const full = await app.request(`/api/photos/${photo.id}/full`, { headers: { cookie: member } })
    expect(full.headers.get('content-type')).toBe('image/jpeg')
    const kept = Buffer.from(await full.arrayBuffer())
    const metadata = await sharp(kept).metadata()
    expect(metadata.format).toBe('jpeg')
    expect(metadata.exif).toBeUndefined()
    expect(kept.includes(Buffer.from('GridPhone'))).toBe(false)
    const thumbnail = await sharp(
      Buffer.from(
        await (await app.request(`/api/photos/${photo.id}/thumbnail`, { headers: { cookie: member } })).arrayBuffer(),
      ),
    ).metadata()
    expect(Math.max(thumbnail.width!, thumbnail.height!)).toBe(320)
    const [row] = await database.rows<{ lon: number; accuracy: number }>(
      sql`SELECT ST_X(position) AS lon, position_accuracy_meters AS accuracy FROM photos WHERE id = ${photo.id}`,
    )
    expect(row).toEqual({ lon: own[0]!.position[0], accuracy: 10 })
    // Another grid's member may not see it; a supervisor of the county may.
    expect(
      (await app.request(`/api/photos/${photo.id}/full`, { headers: { cookie: await loginAs(app, 'member3b') } }))
        .status,
    ).toBe(403)
    expect(
      (await app.request(`/api/photos/${photo.id}/full`, { headers: { cookie: await loginAs(app, 'supervisor') } }))
        .status,
    ).toBe(200)
  })

  test('a file that is not a photo is refused by its content whatever it is called; nothing is kept', async () => {
    const before = await counts()
    const response = await uploadPhoto(app, member, {
      institutionId: own[0]!.id,
      kind: 'scene',
      bytes: Buffer.from('%PDF-1.4 not a photo at all'),
      fileName: 'photo.jpg',
      type: 'image/jpeg',
    })
    expect(response.status).toBe(400)
    expect((await response.json()).detail).toContain('not a photo')
    expect(await counts()).toEqual(before)
  })

  test('a photo over 12 MB is a 413; one for an institution outside the scope a 403', async () => {
    const huge = Buffer.concat([await cameraJpeg(), Buffer.alloc(13 * 1024 * 1024)])
    expect((await uploadPhoto(app, member, { institutionId: own[0]!.id, kind: 'scene', bytes: huge })).status).toBe(413)
    const [foreign] = await database.rows<{ id: number }>(
      sql`SELECT id FROM institutions WHERE id NOT IN (${sql.join(
        own.map((o) => sql`${o.id}`),
        sql`, `,
      )}) LIMIT 1`,
    )
    expect(
      (await uploadPhoto(app, member, { institutionId: foreign!.id, kind: 'scene', bytes: await cameraJpeg() })).status,
    ).toBe(403)
    expect((await counts()).photos).toBe(0)
  })

  test('the same upload sent three times with one key makes one photo', async () => {
    const bytes = await cameraJpeg()
    const answers = await Promise.all(
      [1, 2, 3].map(async () =>
        (await uploadPhoto(app, member, { institutionId: own[0]!.id, kind: 'scene', bytes }, 'photo-key-0001')).json(),
      ),
    )
    expect(new Set(answers.map((answer) => answer.id)).size).toBe(1)
    expect((await counts()).photos).toBe(1)
  })
})

describe('recording an inspection', () => {
  test('at the door, long enough, with a poster photo: verified, findings become ledger items in the same write', async () => {
    const institution = own[0]!
    const photo = await signPhoto(institution)
    const before = await counts()
    const response = await post(
      visitAt(institution, {
        photoIds: [photo.id],
        findings: [
          { category: '串换药品', problem: '处方与结算药品不符', severity: 'serious', measure: '退回违规费用' },
          { category: '其他', problem: '公示栏信息过期', severity: 'minor' },
        ],
      }),
    )
    expect(response.status).toBe(201)
    const recorded = await response.json()
    expect(recorded).toMatchObject({ verified: true, verificationGaps: [], anomalies: [], photoIds: [photo.id] })
    expect(recorded.distanceMeters).toBeLessThan(50)
    expect(recorded.ledgerItemIds).toHaveLength(2)
    expect(await counts()).toMatchObject({ inspections: before.inspections + 1, ledger: before.ledger + 2 })
    const items = await database.rows<{
      status: string
      severity: string
      raised_by: number
      deadline_days: number
      steps: number
    }>(sql`
      SELECT status, severity, raised_by, (deadline_at AT TIME ZONE 'Asia/Shanghai')::date - (opened_at AT TIME ZONE 'Asia/Shanghai')::date AS deadline_days,
        (SELECT count(*)::int FROM ledger_transitions t WHERE t.ledger_item_id = l.id AND t.step = 'opened') AS steps
      FROM ledger_items l WHERE inspection_id = ${recorded.id} ORDER BY id`)
    expect(items.map((item) => [item.status, item.severity, item.deadline_days, item.steps])).toEqual([
      ['open', 'serious', 7, 1],
      ['open', 'minor', 30, 1],
    ])
    const [attached] = await database.rows<{ inspection_id: number }>(
      sql`SELECT inspection_id FROM photos WHERE id = ${photo.id}`,
    )
    expect(attached!.inspection_id).toBe(recorded.id)
  })

  test.each([
    ['too far from the institution', { position: 'far' }, 'outside-geofence'],
    ['too short a stay', { departedAt: minutesAgo(45) }, 'short-stay'],
    ['no departure', { departedAt: null }, 'no-departure'],
    ['an inaccurate fix', { accuracyMeters: 450 }, 'inaccurate-position'],
  ])('%s: recorded, not verified, and the gap is named', async (_, change, gap) => {
    const institution = own[0]!
    const photo = await signPhoto(institution)
    const overrides: Record<string, unknown> = { ...change, photoIds: [photo.id] }
    if ('position' in change) overrides.position = [institution.position[0] + 0.005, institution.position[1]]
    const response = await post(visitAt(institution, overrides))
    expect(response.status).toBe(201)
    const recorded = await response.json()
    expect(recorded.verified).toBe(false)
    expect(recorded.verificationGaps).toEqual([gap])
  })

  test('without a poster photo it is not verified, and the wall’s coverage does not count it while the map does', async () => {
    const institution = own.find((candidate) => candidate.type === 'village_clinic')!
    await database.rows(sql`DELETE FROM ledger_items WHERE institution_id = ${institution.id}`)
    await database.rows(sql`DELETE FROM inspections WHERE institution_id = ${institution.id}`)
    const leader = await loginAs(app, 'leader')
    const wall = async () =>
      (await (await app.request('/api/wall/summary', { headers: { cookie: leader } })).json()).institutions
    const before = await wall()
    const response = await post(visitAt(institution))
    expect((await response.json()).verificationGaps).toEqual(['no-sign-photo'])
    const after = await wall()
    expect(after.visitedWithinInterval).toBe(before.visitedWithinInterval + 1)
    expect(after.verifiedWithinInterval).toBe(before.verifiedWithinInterval)
    const photo = await signPhoto(institution)
    expect(
      (await post(visitAt(institution, { photoIds: [photo.id], arrivedAt: minutesAgo(20), departedAt: minutesAgo(5) })))
        .status,
    ).toBe(201)
    expect((await wall()).verifiedWithinInterval).toBe(before.verifiedWithinInterval + 1)
  })

  test.each([
    [
      'more than 72 hours ago',
      { arrivedAt: minutesAgo(73 * 60), departedAt: minutesAgo(72.5 * 60) },
      'inspection-time-refused',
      '72 hours',
    ],
    ['in the future', { arrivedAt: minutesAgo(-60), departedAt: minutesAgo(-80) }, 'inspection-time-refused', 'future'],
    ['at [0, 0]', { position: [0, 0] }, 'inspection-position-refused', '[0, 0]'],
    ['outside the county', { position: [120.15, 30.28] }, 'inspection-position-refused', 'outside the county'],
  ])('recorded %s: refused with a 422 saying why, nothing written', async (_, change, slug, reason) => {
    const before = await counts()
    const response = await post(visitAt(own[0]!, change))
    expect(response.status).toBe(422)
    const problem = await response.json()
    expect(problem.type).toBe(`/api/problems/${slug}`)
    expect(problem.detail).toContain(reason)
    expect(await counts()).toEqual(before)
  })

  test('the past limit is the county’s setting: 96 hours admitted once an administrator says so', async () => {
    const late = visitAt(own[0]!, { arrivedAt: minutesAgo(80 * 60), departedAt: minutesAgo(79.5 * 60) })
    expect((await post(late)).status).toBe(422)
    expect((await app.request('/api/settings/field', jsonRequest('PUT', { pastLimitHours: 96 }, member))).status).toBe(
      403,
    )
    const saved = await app.request(
      '/api/settings/field',
      jsonRequest('PUT', { pastLimitHours: 96 }, await loginAs(app, 'admin')),
    )
    expect(saved.status).toBe(200)
    expect((await saved.json()).settings.pastLimitHours).toBe(96)
    expect((await post(late)).status).toBe(201)
  })

  test('a checklist or finding naming a category foreign to the institution type is a 400; nothing written', async () => {
    const before = await counts()
    const pharmacyOnly = '执业药师不在岗'
    const response = await post(
      visitAt(
        own.find((candidate) => candidate.type === 'village_clinic')!,
        { findings: [{ category: pharmacyOnly, problem: 'x', severity: 'minor' }] },
      ),
    )
    expect(response.status).toBe(400)
    expect(await counts()).toEqual(before)
  })
})

describe('signatures', () => {
  async function signedVisit(institution: Own) {
    const photo = await signPhoto(institution)
    const body = visitAt(institution, { photoIds: [photo.id], note: '处方核查无异常' }) as ReturnType<
      typeof visitAt
    > & { signatures?: unknown[] }
    const content: InspectionContent = {
      institutionId: institution.id,
      kind: 'weekly-visit',
      arrivedAt: body.arrivedAt as string,
      departedAt: body.departedAt as string,
      position: body.position as [number, number],
      accuracyMeters: 12,
      checklist: body.checklist as InspectionContent['checklist'],
      findings: [],
      note: '处方核查无异常',
      photoDigests: [photo.sourceSha256],
    }
    const contentHash = contentHashOf(content)
    const image = await signatureImage()
    body.signatures = [
      { role: 'inspector', signerName: '三级网格员', signedAt: minutesAgo(26), contentHash, image },
      { role: 'representative', signerName: '卫生室负责人', signedAt: minutesAgo(26), contentHash, image },
    ]
    return { body, contentHash }
  }

  test('signed by inspector and representative over the content hash: kept with a seal each', async () => {
    const { body, contentHash } = await signedVisit(own[0]!)
    const response = await post(body)
    expect(response.status).toBe(201)
    const recorded = await response.json()
    expect(recorded.contentHash).toBe(contentHash)
    expect(recorded.signatures.map((signature: { role: string }) => signature.role)).toEqual([
      'inspector',
      'representative',
    ])
    const rows = await database.rows<{ content_hash: string; seal: string; signer_user_id: number | null }>(
      sql`SELECT content_hash, seal, signer_user_id FROM inspection_signatures WHERE inspection_id = ${recorded.id} ORDER BY role`,
    )
    expect(rows.every((row) => row.content_hash === contentHash && /^[0-9a-f]{64}$/.test(row.seal))).toBe(true)
    expect(rows[0]!.signer_user_id).not.toBeNull()
  })

  test('a signature moved to another record, or over a record changed after signing, is refused; nothing written', async () => {
    const first = await signedVisit(own[0]!)
    const second = await signedVisit(own[1] ?? own[0]!)
    const before = await counts()
    const moved = await post({ ...second.body, signatures: first.body.signatures })
    expect(moved.status).toBe(422)
    expect((await moved.json()).type).toBe('/api/problems/signature-mismatch')
    const changed = await post({ ...first.body, note: '改过的记录' })
    expect(changed.status).toBe(422)
    expect(await counts()).toEqual(before)
  })
})

describe('Idempotency-Key', () => {
  test('the same inspection sent three times with one key makes one record and answers the same each time', async () => {
    const body = visitAt(own[0]!, {
      findings: [{ category: '串换耗材', problem: '耗材进销存与结算不符', severity: 'general' }],
    })
    const before = await counts()
    const responses = [
      await post(body, 'visit-key-00000001'),
      await post(body, 'visit-key-00000001'),
      await post(body, 'visit-key-00000001'),
    ]
    expect(responses.map((response) => response.status)).toEqual([201, 201, 201])
    const answers = await Promise.all(responses.map((response) => response.json()))
    expect(answers[1]).toEqual(answers[0])
    expect(answers[2]).toEqual(answers[0])
    expect(responses[2]!.headers.get('idempotent-replayed')).toBe('true')
    expect(await counts()).toMatchObject({ inspections: before.inspections + 1, ledger: before.ledger + 1 })
  })

  test('the key is the user’s: another member’s same key makes their own record; the same key with another body is refused', async () => {
    const key = 'shared-key-000001'
    expect((await post(visitAt(own[0]!), key)).status).toBe(201)
    const reused = await post(visitAt(own[0]!, { note: '另一条记录' }), key)
    expect(reused.status).toBe(422)
    expect((await reused.json()).type).toBe('/api/problems/idempotency-key-reused')
    expect((await post(visitAt(own[0]!), 'bad key')).status).toBe(400)
  })

  test('a refused request keeps no answer: sent again once allowed, it is recorded', async () => {
    const late = visitAt(own[0]!, { arrivedAt: minutesAgo(80 * 60), departedAt: minutesAgo(79.5 * 60) })
    expect((await post(late, 'late-visit-000001')).status).toBe(422)
    await app.request('/api/settings/field', jsonRequest('PUT', { pastLimitHours: 96 }, await loginAs(app, 'admin')))
    expect((await post(late, 'late-visit-000001')).status).toBe(201)
  })

  test('kept answers older than 30 days are pruned; younger ones still replay', async () => {
    const body = visitAt(own[0]!)
    expect((await post(body, 'old-visit-0000001')).status).toBe(201)
    expect((await post(visitAt(own[1]!), 'new-visit-0000001')).status).toBe(201)
    await database.rows(
      sql`UPDATE idempotency_keys SET created_at = created_at - interval '31 days' WHERE key = 'old-visit-0000001'`,
    )
    expect(await pruneIdempotencyKeys(database)).toBe(1)
    const kept = await database.rows<{ key: string }>(
      sql`SELECT key FROM idempotency_keys WHERE key IN ('old-visit-0000001', 'new-visit-0000001')`,
    )
    expect(kept.map((row) => row.key)).toEqual(['new-visit-0000001'])
    expect((await post(visitAt(own[1]!), 'new-visit-0000001')).headers.get('idempotent-replayed')).toBe('true')
  })
})

describe('anomalies', () => {
  test('impossible travel, a repeated position, an implausible accuracy and an evening record are flagged to level 1 and 2 and supervisors', async () => {
    const [first, second] = [own[0]!, own[1] ?? own[0]!]
    // Another member's inspection elsewhere at exactly the position member3 will report.
    const faked: [number, number] = [first.position[0] + 0.0003, first.position[1]]
    const elsewhere = (
      await database.rows<{ id: number }>(sql`SELECT id FROM institutions WHERE id <> ${first.id} ORDER BY id LIMIT 1`)
    )[0]!.id
    await database.rows(sql`INSERT INTO inspections (county_code, institution_id, kind, arrived_at, position, note)
      SELECT county_code, id, 'weekly-visit', ${minutesAgo(3000)}::timestamptz, ST_SetSRID(ST_MakePoint(${faked[0]}, ${faked[1]}), 4326), '' FROM institutions WHERE id = ${elsewhere}`)
    expect((await post(visitAt(first, { position: faked, accuracyMeters: 0 }))).status).toBe(201)
    // From the farthest corner of the county two minutes after leaving the first.
    const [corner] = await database.rows<{ lon: number; lat: number; km: number }>(sql`
      SELECT ST_X(position) AS lon, ST_Y(position) AS lat, ST_Distance(position::geography, ST_SetSRID(ST_MakePoint(${faked[0]}, ${faked[1]}), 4326)::geography) / 1000 AS km
      FROM institutions ORDER BY 3 DESC LIMIT 1`)
    expect(corner!.km).toBeGreaterThan(10)
    const far = await post(
      visitAt(second, { arrivedAt: minutesAgo(23), departedAt: minutesAgo(2), position: [corner!.lon, corner!.lat] }),
    )
    const flagged = (await far.json()).anomalies.map((anomaly: { kind: string }) => anomaly.kind)
    expect(flagged).toContain('impossible-speed')
    const yesterday = addDays(bureauDate(now), -1)
    const evening = await post(
      visitAt(first, {
        arrivedAt: bureauInstant(yesterday, '20:00').toISOString(),
        departedAt: bureauInstant(yesterday, '20:30').toISOString(),
      }),
    )
    expect((await evening.json()).anomalies.map((anomaly: { kind: string }) => anomaly.kind)).toEqual([
      'outside-working-hours',
    ])

    const list = async (username: string) =>
      (
        await (
          await app.request('/api/inspections?flagged=true', { headers: { cookie: await loginAs(app, username) } })
        ).json()
      ).inspections as { anomalies: { kind: string }[] }[]
    const seen = (await list('zone1')).flatMap((inspection) => inspection.anomalies.map((anomaly) => anomaly.kind))
    expect(new Set(seen)).toEqual(
      new Set(['repeated-position', 'implausible-accuracy', 'impossible-speed', 'outside-working-hours']),
    )
    expect((await list('supervisor')).length).toBe(3)
    expect((await list('member3b')).length).toBe(0)
  })
})

describe('the county’s time zone', () => {
  test('working hours are read on the county’s clock: 09:00 in Beijing is 07:00 in a county on Asia/Urumqi; an unknown zone is a 400', async () => {
    const admin = await loginAs(app, 'admin')
    const refused = await app.request('/api/settings/field', jsonRequest('PUT', { timeZone: 'Mars/Olympus' }, admin))
    expect(refused.status).toBe(400)
    expect(JSON.stringify(await refused.json())).toContain('time zone')
    const yesterday = addDays(bureauDate(now), -1)
    const morning = visitAt(own[0]!, {
      arrivedAt: bureauInstant(yesterday, '09:00').toISOString(),
      departedAt: bureauInstant(yesterday, '09:30').toISOString(),
    })
    const kinds = async (body: object) =>
      ((await (await post(body)).json()).anomalies as { kind: string }[]).map((anomaly) => anomaly.kind)
    const weekday = new Date(`${yesterday}T00:00:00Z`).getUTCDay()
    const workday = weekday >= 1 && weekday <= 5
    expect(await kinds(morning)).toEqual(workday ? [] : ['outside-working-hours'])
    const saved = await app.request('/api/settings/field', jsonRequest('PUT', { timeZone: 'Asia/Urumqi' }, admin))
    expect((await saved.json()).settings.timeZone).toBe('Asia/Urumqi')
    const later = {
      ...morning,
      arrivedAt: bureauInstant(yesterday, '09:40').toISOString(),
      departedAt: bureauInstant(yesterday, '09:55').toISOString(),
    }
    expect(await kinds(later)).toEqual(['outside-working-hours'])
  })
})

describe('intervals by type and grade', () => {
  test('the map records carry each institution’s interval: village clinics weekly, the rest monthly, grade D closer; a county setting moves them', async () => {
    const leader = await loginAs(app, 'leader')
    const layer = async () =>
      decodeInstitutionLayer(
        (await (
          await app.request('/api/map/institutions', { headers: { cookie: leader } })
        ).json()) as InstitutionLayerPayload,
      )
    const records = await layer()
    const byType = (type: string, grade: string) =>
      records
        .filter((record) => record.type === type && (record.creditGrade ?? 'B') === grade)
        .map((record) => record.intervalDays)
    expect(new Set(byType('village_clinic', 'A'))).toEqual(new Set([7]))
    expect(new Set(byType('hospital', 'A').concat(byType('pharmacy', 'B')))).toEqual(new Set([30]))
    // With the old rule every type was held to 7 days; now only those truly past their interval show late.
    const nowMinute = Math.floor(now.getTime() / 60_000)
    const others = records.filter((record) => record.type !== 'village_clinic' && record.status === 'active')
    const lateBy = (interval: (record: (typeof records)[number]) => number) =>
      others.filter(
        (record) =>
          record.lastVisitMinute === null || nowMinute - record.lastVisitMinute >= (interval(record) + 1) * 1440,
      ).length
    expect(lateBy(() => 7)).toBeGreaterThan(lateBy((record) => record.intervalDays))
    const saved = await app.request(
      '/api/settings/field',
      jsonRequest('PUT', { intervals: { pharmacy: { A: 60, B: 60 } } }, await loginAs(app, 'admin')),
    )
    expect(saved.status).toBe(200)
    const after = await layer()
    expect(
      new Set(
        after
          .filter((record) => record.type === 'pharmacy' && (record.creditGrade ?? 'B') === 'B')
          .map((record) => record.intervalDays),
      ),
    ).toEqual(new Set([60]))
  })
})
