// `pnpm bench`: prints gridwatch's figures as JSON lines, one per measurement:
//   {"figure": "...", "runtime": "pglite" | "postgres", "value": 123, "unit": "ms", ...}
// Nothing here is asserted; the figures go into the closing notes of the issues that set them.
// The PostgreSQL figures need a server at BENCH_DATABASE_URL (default: the local one); the
// province figures load the province-sized set into ./data-province on first use (minutes).
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import postgres from 'postgres'
import { openDatabase } from '@gridwatch/db'
import { seedDemoIfEmpty } from '@gridwatch/api/demo/seed-demo.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const skipProvince = process.argv.includes('--skip-province')

function report(figure: string, value: number, unit: string, extra: Record<string, unknown> = {}) {
  console.log(JSON.stringify({ figure, ...extra, value: Math.round(value * 10) / 10, unit }))
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

let nextPort = 39_400
/** Starts `pnpm start`'s server process and times it to its first healthy answer. */
async function coldStart(environment: Record<string, string>): Promise<{ ms: number; stop(): Promise<void>; url: string }> {
  const port = nextPort++
  const url = `http://127.0.0.1:${port}`
  const started = performance.now()
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/src/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), ...environment },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${stderr}`)
    try {
      const response = await fetch(`${url}/api/health`)
      if (response.ok) break
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  const ms = performance.now() - started
  return { ms, url, stop: async () => (child.kill('SIGTERM'), await exited) }
}

async function withServerDatabase<T>(name: string, run: (url: string) => Promise<T>): Promise<T> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} })
  await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  await admin.unsafe(`CREATE DATABASE ${name}`)
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  try {
    return await run(url.toString())
  } finally {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await admin.end()
  }
}

async function startupFigures() {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'gridwatch-bench-'))
  try {
    const dataDirectory = path.join(directory, 'data')
    const fresh = await coldStart({ GRIDWATCH_DATA_DIR: dataDirectory })
    await fresh.stop()
    report('cold start to first healthy response, new data directory (migrate + seed)', fresh.ms, 'ms', { runtime: 'pglite' })
    const again = await coldStart({ GRIDWATCH_DATA_DIR: dataDirectory })
    await again.stop()
    report('cold start to first healthy response, existing data directory', again.ms, 'ms', { runtime: 'pglite' })

    const migrated = path.join(directory, 'migrated')
    const opened = performance.now()
    const database = await openDatabase({ dataDirectory: migrated })
    report('open + migrate a new embedded database', performance.now() - opened, 'ms', { runtime: 'pglite', migrationMs: database.migration.durationMs })
    const seed = await seedDemoIfEmpty(database)
    report('seed the demo county and its history', seed.durationMs, 'ms', { runtime: 'pglite' })
    await database.close()
  } finally {
    fs.rmSync(directory, { recursive: true, force: true })
  }

  await withServerDatabase('gridwatch_bench', async (databaseUrl) => {
    const fresh = await coldStart({ DATABASE_URL: databaseUrl })
    await fresh.stop()
    report('cold start to first healthy response, new database (migrate + seed)', fresh.ms, 'ms', { runtime: 'postgres' })
    const again = await coldStart({ DATABASE_URL: databaseUrl })
    await again.stop()
    report('cold start to first healthy response, existing database', again.ms, 'ms', { runtime: 'postgres' })
  })
  await withServerDatabase('gridwatch_bench', async (databaseUrl) => {
    const opened = performance.now()
    const database = await openDatabase({ databaseUrl })
    report('open + migrate a new server database', performance.now() - opened, 'ms', { runtime: 'postgres', migrationMs: database.migration.durationMs })
    const seed = await seedDemoIfEmpty(database)
    report('seed the demo county and its history', seed.durationMs, 'ms', { runtime: 'postgres' })
    await database.close()
  })
}

function runProvinceScript(environment: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'api/src/province.ts'], { cwd: root, env: { ...process.env, ...environment }, stdio: ['ignore', 'pipe', 'inherit'] })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`province script failed (${code}): ${output}`))))
  })
}

const provinceDataDirectory = path.join(root, 'data-province')

async function provinceFigures() {
  if (!fs.existsSync(provinceDataDirectory)) {
    const started = performance.now()
    const output = await runProvinceScript({ GRIDWATCH_DATA_DIR: provinceDataDirectory })
    const built = /(built|read) .*: (\d+) counties in (\d+) ms/.exec(output)
    const loaded = /loaded (\d+) counties, (\d+) institutions and (\d+) visits in (\d+) ms/.exec(output)
    if (built) report(`province set: ${built[1] === 'built' ? 'generate' : 'read the generated file'}`, Number(built[3]), 'ms', { counties: Number(built[2]) })
    if (loaded)
      report('province set: load into the embedded database', Number(loaded[4]), 'ms', { runtime: 'pglite', institutions: Number(loaded[2]), visits: Number(loaded[3]) })
    report('province set: whole script', performance.now() - started, 'ms')
  }
  const server = await coldStart({ GRIDWATCH_DATA_DIR: provinceDataDirectory })
  try {
    report('cold start to first healthy response, province data directory', server.ms, 'ms', { runtime: 'pglite' })
    const timings: number[] = []
    let bytes = 0
    let clinics = 0
    for (let run = 0; run < 12; run++) {
      const started = performance.now()
      const response = await fetch(`${server.url}/api/clinics`)
      const body = await response.arrayBuffer()
      timings.push(performance.now() - started)
      bytes = body.byteLength
      if (run === 0) clinics = (JSON.parse(new TextDecoder().decode(body)) as { features: unknown[] }).features.length
    }
    report('GET /api/clinics, whole province, p95', percentile(timings.slice(2), 95), 'ms', { runtime: 'pglite', clinics, bytesPerClinic: Math.round(bytes / clinics) })
  } finally {
    await server.stop()
  }
}

await startupFigures()
if (!skipProvince) await provinceFigures()
