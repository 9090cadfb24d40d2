// The bureau's calendar lives in one module (@gridwatch/domain/bureau-calendar.ts): the "+8 h"
// arithmetic and '+08:00' instants written out elsewhere are how three UTC-midnight defects came
// about. This fails on any source file that does its own.
import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'

const root = path.resolve(import.meta.dirname, '../../..')
const folders = ['api/src', 'api/domain/src', 'web/src', 'db/src']
const calendar = 'api/domain/src/bureau-calendar.ts'
/** Eight hours written as milliseconds, or an instant built from a template with the bureau's offset (fixed demo dates written out whole are data, not arithmetic). */
const ownArithmetic = [/8\s*\*\s*3_?600_?000/, /28_?800_?000/, /new Date\(`[^`]*\+08:00`\)/]

function sources(folder: string): string[] {
  return fs
    .readdirSync(path.join(root, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|vue)$/.test(entry.name) && !entry.name.endsWith('.test.ts'))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
}

test('no source file outside the bureau calendar shifts time by eight hours itself', () => {
  const offenders = folders
    .flatMap(sources)
    .filter((file) => file !== calendar && !file.includes('node_modules'))
    .flatMap((file) =>
      fs
        .readFileSync(path.join(root, file), 'utf8')
        .split('\n')
        .map((line, index) => ({ file, line: index + 1, text: line.trim() }))
        .filter(({ text }) => ownArithmetic.some((pattern) => pattern.test(text))),
    )
    .map(({ file, line, text }) => `${file}:${line}: ${text}`)
  expect(offenders).toEqual([])
})
