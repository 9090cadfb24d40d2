// `pnpm start` builds the web app only when web/dist is missing or older than a source
// (web/build-if-stale.ts): an unchanged checkout restarts without a ten-second build.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { spawn } from 'node:child_process'
import { afterEach, expect, inject, test } from 'vitest'
import { staleReason } from '../../web/build-if-stale.ts'
import { freePort } from '../support/free-port.ts'

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'gridwatch-start-'))
afterEach(() => fs.rmSync(scratch, { recursive: true, force: true }))

const write = (file: string, at: number) => {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, 'x')
  fs.utimesSync(file, at / 1000, at / 1000)
}

test('builds when there is no build, skips an up-to-date one, builds again after a source or the shared domain changes', () => {
  const web = path.join(scratch, 'web')
  const base = Date.parse('2026-11-30T00:00:00Z')
  write(path.join(web, 'src', 'main.ts'), base)
  write(path.join(scratch, 'api', 'domain', 'src', 'roles.ts'), base)
  expect(staleReason(web, scratch)).toBe('no build yet')
  write(path.join(web, 'dist', 'index.html'), base + 60_000)
  expect(staleReason(web, scratch)).toBeNull()
  write(path.join(web, 'src', 'pages', 'Page.vue'), base + 120_000)
  expect(staleReason(web, scratch)).toBe('sources changed since the last build')
  write(path.join(web, 'dist', 'index.html'), base + 180_000)
  expect(staleReason(web, scratch)).toBeNull()
  write(path.join(scratch, 'api', 'domain', 'src', 'roles.ts'), base + 240_000)
  expect(staleReason(web, scratch)).toBe('sources changed since the last build')
})

// What `pnpm start` says while it starts: where the database is, each migration it applies, each
// seeding step with its counts, the map layers read, and the time it took; a restart on the same
// directory applies nothing and seeds nothing. The embedded runtime only (the one `pnpm start`
// uses without configuration); the log lines are the same on a server.
test.skipIf(inject('databaseRuntime') !== 'pglite')(
  'the start log names its steps with progress, and a restart skips migrating and seeding',
  async () => {
    const dataDirectory = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gridwatch-start-log-')), 'data')
    const port = String(await freePort())
    const keyFile = path.join(path.dirname(dataDirectory), 'secret.key')
    const start = async () => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'api/src/main.ts'], {
        env: {
          ...process.env,
          DATABASE_URL: '',
          PORT: port,
          GRIDWATCH_DATA_DIR: dataDirectory,
          GRIDWATCH_SECRET_KEY_FILE: keyFile,
          GRIDWATCH_LOG_LEVEL: 'info',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      const lines: { msg: string; [key: string]: unknown }[] = []
      // What is not a log line (a crash's stack) is kept for the failure message.
      const other: string[] = []
      let buffer = ''
      const exited = new Promise<string>((resolve) =>
        child.once('exit', (code, signal) => resolve(signal ?? `code ${code}`)),
      )
      await new Promise<void>((resolve, reject) => {
        const take = (chunk: Buffer) => {
          buffer += chunk.toString()
          for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
            const line = buffer.slice(0, end)
            buffer = buffer.slice(end + 1)
            if (!line.startsWith('{')) {
              other.push(line)
              continue
            }
            lines.push(JSON.parse(line))
            if (lines.at(-1)!.msg.startsWith('start: map layers read')) resolve()
          }
        }
        child.stdout.on('data', take)
        child.stderr.on('data', take)
        void exited.then((how) =>
          reject(
            new Error(`the server exited (${how}): ${lines.map((line) => line.msg).join('\n')}\n${other.join('\n')}`),
          ),
        )
      })
      child.kill('SIGTERM')
      await exited
      return lines
    }
    try {
      const first = await start()
      const messages = first.map((line) => line.msg)
      const migrations = fs.readdirSync(path.resolve('db/migrations')).filter((file) => file.endsWith('.sql')).length
      expect(messages[0]).toContain(`opening the embedded database in ${dataDirectory}`)
      expect(messages).toContain('start: database reached, checking its schema')
      expect(messages).toContain(`start: applying migration 1 of ${migrations}`)
      expect(messages).toContain(`start: applying migration ${migrations} of ${migrations}`)
      expect(first.find((line) => line.msg === `start: applying migration 1 of ${migrations}`)?.migration).toBe(
        '0000_postgis',
      )
      const boundaries = first.find(
        (line) => line.msg === 'start: seeding the demo county — boundaries and institutions',
      )
      expect(boundaries).toMatchObject({ villages: 341, institutions: 378 })
      expect(messages).toContain('seeded the demo county (定陶区, demo data)')
      // The key that seals second-factor secrets is made on the first start, for the server's user only.
      expect(messages).toContain(
        'start: made a new secret key for second-factor secrets; keep a copy of it apart from the backups',
      )
      expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600)
      const running = first.find((line) => line.msg.includes('is running at'))
      expect(running?.startMs).toBeGreaterThan(0)
      expect(messages.indexOf('start: database reached, checking its schema')).toBeLessThan(
        messages.indexOf(`start: applying migration 1 of ${migrations}`),
      )

      const again = (await start()).map((line) => line.msg)
      expect(again).toContain('start: database opened, schema up to date')
      expect(again.some((message) => message.startsWith('start: made a new secret key'))).toBe(false)
      expect(
        again.some(
          (message) => message.startsWith('start: applying migration') || message.startsWith('start: seeding'),
        ),
      ).toBe(false)
    } finally {
      fs.rmSync(path.dirname(dataDirectory), { recursive: true, force: true })
    }
  },
  240_000,
)
