// Field work: what a grid member's phone waits for. One inspection end to end (the poster photo
// uploaded, the inspection recorded with a finding, the map layer re-read with it), p95 of 30; a
// day's queue of 50 inspections sent as the phone's outbox sends them when the network returns (one
// after another, each with its Idempotency-Key), and the same 50 sent again (all replays).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import crypto from 'node:crypto'
import sharp from 'sharp'
import { sql } from 'drizzle-orm'
import { openDatabase, type Database } from '@gridwatch/db'
import { seedDemoIfEmpty } from '@gridwatch/api/demo/seed-demo.ts'
import { createApp } from '@gridwatch/api'
import { EventBus } from '@gridwatch/api/platform/events.ts'
import { demoPasswords } from '@gridwatch/api/demo/demo-accounts.ts'
import { loggedIn, percentile, report, withServerDatabase } from './bench-support.ts'

async function measure(database: Database, runtime: string) {
  await seedDemoIfEmpty(database)
  const app = createApp({
    database,
    config: { mode: 'demo', cookieSecure: false },
    events: new EventBus(),
    now: () => new Date(),
  })
  const cookie = await loggedIn(app, { username: 'member3', password: demoPasswords.member3! })
  const own = await database.rows<{ id: number; lon: number; lat: number }>(sql`
    SELECT i.id, ST_X(i.position) AS lon, ST_Y(i.position) AS lat FROM institutions i JOIN assignments a ON a.institution_id = i.id
    JOIN users u ON u.staff_id = a.staff_id WHERE u.username = 'member3' ORDER BY i.id`)
  // A phone photo as the outbox holds it: scaled on the phone to 1600 px, about 200 KB.
  // Noise, so that the JPEG weighs what a real photo does (a flat colour compresses to a few KB).
  const photo = await sharp({
    create: {
      width: 1600,
      height: 1200,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 24 },
    },
  })
    .blur(1.2)
    .jpeg({ quality: 80 })
    .toBuffer()
  const send = async (url: string, init: RequestInit, key: string) => {
    const response = await app.request(url, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), cookie, 'idempotency-key': key },
    })
    if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`)
    return response.json() as Promise<{ id: number }>
  }
  const inspection = (index: number, photoIds: number[]) => {
    const institution = own[index % own.length]!
    const arrived = Date.now() - (60 - (index % 50)) * 60_000
    return {
      institutionId: institution.id,
      kind: 'weekly-visit',
      arrivedAt: new Date(arrived).toISOString(),
      departedAt: new Date(arrived + 15 * 60_000).toISOString(),
      position: [institution.lon + 0.0001, institution.lat],
      accuracyMeters: 12,
      findings: index % 5 === 0 ? [{ category: '其他', problem: '公示信息未更新', severity: 'minor' }] : [],
      photoIds,
    }
  }
  const endToEnd: number[] = []
  for (let run = 0; run < 33; run++) {
    const started = performance.now()
    const form = new FormData()
    form.set('file', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), 'sign.jpg')
    form.set('kind', 'sign')
    form.set('institutionId', String(own[run % own.length]!.id))
    const uploaded = await send('/api/photos', { method: 'POST', body: form }, crypto.randomUUID())
    await send(
      '/api/inspections',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(inspection(run, [uploaded.id])),
      },
      crypto.randomUUID(),
    )
    await app.request('/api/map/institutions', { headers: { cookie } })
    if (run >= 3) endToEnd.push(performance.now() - started)
  }
  report(
    'one inspection end to end: poster photo uploaded, inspection recorded, map layer re-read, p95 of 30',
    percentile(endToEnd, 95),
    'ms',
    {
      runtime,
      median: Math.round(percentile(endToEnd, 50) * 10) / 10,
      photoKilobytes: Math.round(photo.length / 1024),
    },
  )
  const queue = Array.from({ length: 50 }, (_, index) => ({
    key: crypto.randomUUID(),
    body: JSON.stringify(inspection(index, [])),
  }))
  const sync = async () => {
    const started = performance.now()
    for (const entry of queue)
      await send(
        '/api/inspections',
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: entry.body },
        entry.key,
      )
    return performance.now() - started
  }
  report('50 queued inspections synced one after another with their Idempotency-Keys', await sync(), 'ms', { runtime })
  report('the same 50 sent again (each answered from its kept key, nothing written)', await sync(), 'ms', { runtime })
}

export async function fieldFigures() {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'gridwatch-bench-'))
  try {
    const database = await openDatabase({ dataDirectory: path.join(directory, 'data') })
    await measure(database, 'pglite')
    await database.close()
  } finally {
    fs.rmSync(directory, { recursive: true, force: true })
  }
  await withServerDatabase('gridwatch_bench_field', async (databaseUrl) => {
    const database = await openDatabase({ databaseUrl })
    await measure(database, 'postgres')
    await database.close()
  })
}
