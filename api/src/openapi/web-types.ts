// The web app's API types, generated from the OpenAPI document the endpoints' zod schemas
// produce (openapi-typescript), so the pages never copy a server type by hand. The document is
// read from an app that is built but never serves: no database is opened.
import openapiTS, { astToString } from 'openapi-typescript'
import type { Database } from '@gridwatch/db'
import { createApp } from '../app.ts'
import { EventBus } from '../platform/events.ts'

/** Where the generated module lives; `pnpm api-types` writes it, a test checks it is current. */
export const webTypesPath = new URL('../../../web/src/api/schema.ts', import.meta.url)

export async function openApiDocument(): Promise<Record<string, unknown>> {
  const unopened = {} as Database
  const app = createApp({
    database: unopened,
    config: { mode: 'demo', cookieSecure: false },
    events: new EventBus(),
    now: () => new Date(),
  })
  return (await (await app.request('/api/openapi.json')).json()) as Record<string, unknown>
}

export async function webTypesSource(): Promise<string> {
  const ast = await openapiTS((await openApiDocument()) as never, { alphabetize: true })
  return `// Generated from /api/openapi.json by \`pnpm api-types\` (api/src/openapi/web-types.ts); do not edit.\n${astToString(ast)}`
}
