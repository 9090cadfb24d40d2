// The house's layers (docs/architecture.md): the platform under the resources knows none of them,
// and the web reads the API's contract through the domain and the generated types, never api/src.
import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'

const root = path.resolve(import.meta.dirname, '../../..')

function sourcesUnder(folder: string): string[] {
  return fs
    .readdirSync(path.join(root, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|vue)$/.test(entry.name) && !entry.parentPath.includes('node_modules'))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
}

/** Every module a file imports (static imports and re-exports), as written. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8')
  return [...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((match) => match[1]!)
}

test('api/src/platform imports no resource: only itself, the database, the domain and packages', () => {
  const platform = path.join(root, 'api/src/platform')
  const crossings = sourcesUnder('api/src/platform')
    .filter((file) => !file.endsWith('.test.ts'))
    .flatMap((file) =>
      importsOf(file)
        .filter((specifier) => specifier.startsWith('.'))
        .filter((specifier) => !path.resolve(root, path.dirname(file), specifier).startsWith(platform))
        .map((specifier) => `${file} → ${specifier}`),
    )
  expect(crossings).toEqual([])
})

test('the web imports nothing from the API package', () => {
  const crossings = sourcesUnder('web/src').flatMap((file) =>
    importsOf(file)
      .filter((specifier) => specifier.startsWith('@gridwatch/api') || specifier.includes('api/src/'))
      .map((specifier) => `${file} → ${specifier}`),
  )
  expect(crossings).toEqual([])
})
