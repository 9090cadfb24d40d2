// The domain stays free of frameworks: no web framework, database, Node module or UI library, so
// that the API, the web app and node scripts all use the same rules. Pure libraries (gcoord,
// turf) are allowed.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'

const sourceDirectory = path.join(path.dirname(fileURLToPath(import.meta.url)), 'src')

const forbidden = /^(node:|hono|@hono\/|drizzle|postgres|@electric-sql\/|@gridwatch\/(?!domain\/)|vue|pinia|maplibre)/

test('domain modules import no framework, database, Node module or other workspace package (tests aside)', () => {
  const modules = fs.readdirSync(sourceDirectory).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
  expect(modules.length).toBeGreaterThan(10)
  const outside = modules.flatMap((name) => {
    const text = fs.readFileSync(path.join(sourceDirectory, name), 'utf8')
    const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((match) => match[1]!)
    return specifiers
      .filter(
        (specifier) => forbidden.test(specifier) || (specifier.startsWith('.') && !/^\.\/[\w-]+\.ts$/.test(specifier)),
      )
      .map((specifier) => `${name} imports ${specifier}`)
  })
  expect(outside).toEqual([])
})
