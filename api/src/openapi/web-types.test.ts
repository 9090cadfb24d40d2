// The committed web types match the endpoints: an endpoint whose schema changed without
// `pnpm api-types` fails here instead of in a page at run time.
import fs from 'node:fs'
import { expect, test } from 'vitest'
import { webTypesPath, webTypesSource } from './web-types.ts'

test('web/src/api/schema.ts is generated from the current OpenAPI document', async () => {
  expect(fs.readFileSync(webTypesPath, 'utf8')).toBe(await webTypesSource())
})
