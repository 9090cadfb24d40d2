// `pnpm start` builds the web app only when web/dist is missing or older than a source
// (web/build-if-stale.ts): an unchanged checkout restarts without a ten-second build.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, expect, test } from 'vitest'
import { staleReason } from '../../web/build-if-stale.ts'

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
