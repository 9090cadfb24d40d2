// Prints what a CI log needs at its end: the time each project's files took (summed over both
// workers), the ten slowest files, and one plain closing line, "tests: N passed, N failed,
// N skipped". With GRIDWATCH_RECORD_DURATIONS=1 it also rewrites the durations the file order is
// taken from (test/support/file-durations.json).
import fs from 'node:fs'
import type { Reporter, TestModule, Vitest } from 'vitest/node'
import { durationKey, durationsFile } from './longest-first.ts'

export default class SummaryReporter implements Reporter {
  #root = ''
  #started = performance.now()

  onInit(vitest: Vitest) {
    this.#root = vitest.config.root
    this.#started = performance.now()
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    let passed = 0
    let failed = 0
    let skipped = 0
    const files: { key: string; seconds: number; tests: number }[] = []
    for (const testModule of testModules) {
      let tests = 0
      for (const testCase of testModule.children.allTests()) {
        tests++
        const state = testCase.result().state
        if (state === 'passed') passed++
        else if (state === 'failed') failed++
        else skipped++
      }
      const diagnostic = testModule.diagnostic()
      // A file's whole cost: collecting it (imports) and its set-up, not only its tests.
      const seconds = (diagnostic.duration + diagnostic.collectDuration + diagnostic.setupDuration) / 1000
      files.push({ key: durationKey(testModule.project.name, this.#root, testModule.moduleId), seconds, tests })
    }
    const byProject = new Map<string, { seconds: number; files: number; tests: number }>()
    for (const file of files) {
      const project = file.key.slice(0, file.key.indexOf(':'))
      const sum = byProject.get(project) ?? { seconds: 0, files: 0, tests: 0 }
      byProject.set(project, {
        seconds: sum.seconds + file.seconds,
        files: sum.files + 1,
        tests: sum.tests + file.tests,
      })
    }
    const minutes = (seconds: number) => (seconds / 60).toFixed(1)
    const lines = ['', `test run: ${minutes((performance.now() - this.#started) / 1000)} min on the clock`]
    for (const [project, sum] of [...byProject].sort((a, b) => b[1].seconds - a[1].seconds))
      lines.push(`  ${project}: ${sum.files} files, ${sum.tests} tests, ${minutes(sum.seconds)} worker-min`)
    lines.push('ten slowest files:')
    for (const file of [...files].sort((a, b) => b.seconds - a.seconds).slice(0, 10))
      lines.push(`  ${file.seconds.toFixed(0).padStart(5)} s  ${file.key}`)
    if (process.env.GRIDWATCH_RECORD_DURATIONS === '1') {
      const recorded = Object.fromEntries(
        files.sort((a, b) => a.key.localeCompare(b.key)).map((file) => [file.key, Math.round(file.seconds)]),
      )
      fs.writeFileSync(durationsFile, `${JSON.stringify(recorded, null, 2)}\n`)
      lines.push(`durations written to ${durationsFile}`)
    }
    lines.push(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`, '')
    process.stdout.write(lines.join('\n'))
  }
}
