// Evidence that means something: a photo is shown with its time, place, institution and member
// burnt in while the photo as taken is kept as the evidence; a finding carries its own photo, sealed
// into the record's content hash, and its ledger item shows it as 整改前 beside the rectification's
// 整改后; a finding's photo that is not one of the inspection's is refused and nothing is written.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import sharp from 'sharp'
import type { Database } from '@gridwatch/db'
import { openSeededTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { createTestApp, jsonRequest, loginAs } from '../support/test-app.ts'
import { bureauWeekdayAfterSeed } from '../support/reference-time.ts'
import { cameraJpeg, contentHashOf, signatureImage, uploadPhoto } from '../support/field-client.ts'

const now = bureauWeekdayAfterSeed(3, '11:00')
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString()

let testDatabase: TestDatabase
let database: Database
let app: ReturnType<typeof createTestApp>['app']
let member: string
let clinic: { id: number; position: [number, number] }

beforeAll(async () => {
  testDatabase = await openSeededTestDatabase()
  database = testDatabase.database
  ;({ app } = createTestApp(database, { now: () => now }))
  member = await loginAs(app, 'member3')
  const [row] = await database.rows<{ id: number; lon: number; lat: number }>(sql`
    SELECT i.id, ST_X(i.position) AS lon, ST_Y(i.position) AS lat FROM institutions i
    JOIN assignments a ON a.institution_id = i.id JOIN users u ON u.staff_id = a.staff_id
    WHERE u.username = 'member3' AND i.type = 'village_clinic' ORDER BY i.id LIMIT 1`)
  clinic = { id: row!.id, position: [row!.lon, row!.lat] }
})
afterAll(() => testDatabase.close())

async function photo(kind: 'sign' | 'scene' | 'evidence', colour: string) {
  const response = await uploadPhoto(app, member, {
    institutionId: clinic.id,
    kind,
    bytes: await cameraJpeg({ width: 1600, height: 1200, colour }),
    position: clinic.position,
    takenAt: minutesAgo(40),
  })
  expect(response.status).toBe(201)
  return (await response.json()) as { id: number; sourceSha256: string }
}

const read = async (path: string) =>
  Buffer.from(await (await app.request(path, { headers: { cookie: member } })).arrayBuffer())

/** The mean brightness of the photo's bottom tenth (where the watermark's dark band lies). */
async function bottomBrightness(bytes: Buffer): Promise<number> {
  const { width, height } = await sharp(bytes).metadata()
  const band = Math.round(height! / 10)
  // stats() reads its input, so the band is cut out into an image of its own first.
  const cut = await sharp(bytes)
    .extract({ left: 0, top: height! - band, width: width!, height: band })
    .png()
    .toBuffer()
  const stats = await sharp(cut).stats()
  return stats.channels.slice(0, 3).reduce((sum, channel) => sum + channel.mean, 0) / 3
}

test('a photo is shown with time, place and member burnt in; the photo as taken is kept as the evidence', async () => {
  const taken = await photo('scene', '#f8fafc')
  const shown = await read(`/api/photos/${taken.id}/full`)
  const original = await read(`/api/photos/${taken.id}/original`)
  expect((await sharp(shown).metadata()).width).toBe((await sharp(original).metadata()).width)
  // The near-white photo keeps its bottom white as taken; as shown, a dark band carries the text there.
  expect(await bottomBrightness(original)).toBeGreaterThan(230)
  expect(await bottomBrightness(shown)).toBeLessThan(170)
  // The band carries text (white strokes over the dark band), not a plain bar.
  const { height } = await sharp(shown).metadata()
  const band = await sharp(
    await sharp(shown)
      .extract({ left: 0, top: height! - Math.round(height! / 12), width: 600, height: Math.round(height! / 12) })
      .png()
      .toBuffer(),
  ).stats()
  expect(band.channels[0]!.max).toBeGreaterThan(200)
  expect(band.channels[0]!.min).toBeLessThan(140)
})

test('a finding’s own photo is sealed into the record and becomes its ledger item’s 整改前, beside the 整改后', async () => {
  const sign = await photo('sign', '#c9302c')
  const scene = await photo('scene', '#2563eb')
  const findings = [{ category: '串换药品', problem: '处方药品与结算药品不一致', severity: 'general' as const }]
  const body = {
    institutionId: clinic.id,
    kind: 'weekly-visit' as const,
    arrivedAt: minutesAgo(50),
    departedAt: minutesAgo(25),
    position: [clinic.position[0] + 0.0002, clinic.position[1]] as [number, number],
    accuracyMeters: 12,
    checklist: [{ category: '串换药品', result: 'problem' as const }],
    note: '',
  }
  const contentHash = contentHashOf({
    ...body,
    findings: findings.map((finding) => ({ ...finding, photoDigests: [scene.sourceSha256] })),
    photoDigests: [sign.sourceSha256, scene.sourceSha256],
  })
  const image = await signatureImage()
  const signatures = (['inspector', 'representative'] as const).map((role) => ({
    role,
    signerName: role === 'inspector' ? '网格员' : '负责人',
    signedAt: minutesAgo(24),
    contentHash,
    image,
  }))

  // A finding's photo that is not among the inspection's is refused, and nothing is written.
  const [before] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM inspections`)
  const stray = await app.request(
    '/api/inspections',
    jsonRequest(
      'POST',
      {
        ...body,
        findings: findings.map((finding) => ({ ...finding, photoIds: [scene.id] })),
        photoIds: [sign.id],
        signatures,
      },
      member,
    ),
  )
  expect(stray.status).toBe(400)
  const [after] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM inspections`)
  expect(after!.n).toBe(before!.n)

  // The same signatures do not hold once the finding's photo is left out of what they sealed.
  const unsealed = await app.request(
    '/api/inspections',
    jsonRequest('POST', { ...body, findings, photoIds: [sign.id, scene.id], signatures }, member),
  )
  expect(unsealed.status).toBe(422)

  const recorded = await app.request(
    '/api/inspections',
    jsonRequest(
      'POST',
      {
        ...body,
        findings: findings.map((finding) => ({ ...finding, photoIds: [scene.id] })),
        photoIds: [sign.id, scene.id],
        signatures,
      },
      member,
    ),
  )
  expect(recorded.status).toBe(201)
  const { ledgerItemIds, verified } = (await recorded.json()) as { ledgerItemIds: number[]; verified: boolean }
  expect(verified).toBe(true)
  const itemId = ledgerItemIds[0]!

  const detail = async () =>
    (await (await app.request(`/api/ledger-items/${itemId}`, { headers: { cookie: member } })).json()) as {
      photos: { before: number[]; after: number[] }
    }
  expect((await detail()).photos).toEqual({ before: [scene.id], after: [] })

  // Rectified with its own photo: 整改后 beside 整改前.
  const fixed = await photo('evidence', '#16a34a')
  const rectified = await app.request(
    `/api/ledger-items/${itemId}/transitions`,
    jsonRequest('POST', { target: 'rectifying', note: '已重新核对处方', photoIds: [fixed.id] }, member),
  )
  expect(rectified.status).toBe(200)
  expect((await detail()).photos).toEqual({ before: [scene.id], after: [fixed.id] })
})
