// A seeded embedded database on disk (not in memory), unpacked from the run's template dump.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { inject } from 'vitest'
import { PGlite } from '@electric-sql/pglite'
import { postgis } from '@electric-sql/pglite-postgis'

export async function seededDataDirectory(): Promise<{ directory: string; remove(): void }> {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'gridwatch-data-'))
  const directory = path.join(parent, 'data')
  const client = await PGlite.create({
    dataDir: directory,
    loadDataDir: new Blob([fs.readFileSync(inject('pgliteTemplatePath'))]),
    extensions: { postgis },
  })
  await client.close()
  return { directory, remove: () => fs.rmSync(parent, { recursive: true, force: true }) }
}
