// Orders test files longest first across all projects, so that the two workers finish together
// instead of one running the last browser journey alone. Durations come from
// test/support/file-durations.json (seconds per project and file, as measured on a CI machine;
// `GRIDWATCH_RECORD_DURATIONS=1 pnpm test` rewrites it); a file not listed there is given its
// folder's usual cost. vitest's own order needs its result cache, which a clean clone lacks.
import fs from 'node:fs'
import path from 'node:path'
import { BaseSequencer, type TestSpecification } from 'vitest/node'

export const durationsFile = path.join(import.meta.dirname, 'file-durations.json')

/** Seconds a file not yet measured is expected to take, by where it lives. */
function guessedSeconds(file: string): number {
  if (file.startsWith('test/e2e/')) return 180
  if (file.startsWith('test/api/') || file.startsWith('test/db/')) return 30
  return 2
}

export function durationKey(projectName: string, root: string, moduleId: string): string {
  return `${projectName}:${path.relative(root, moduleId).split(path.sep).join('/')}`
}

export class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const measured: Record<string, number> = fs.existsSync(durationsFile)
      ? JSON.parse(fs.readFileSync(durationsFile, 'utf8'))
      : {}
    const root = this.ctx.config.root
    const seconds = (spec: TestSpecification) => {
      const key = durationKey(spec.project.name, root, spec.moduleId)
      return measured[key] ?? guessedSeconds(path.relative(root, spec.moduleId).split(path.sep).join('/'))
    }
    return [...files].sort((a, b) => seconds(b) - seconds(a))
  }
}
