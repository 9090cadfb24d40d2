// `pnpm api-types`: regenerates web/src/api/schema.ts after an endpoint's schema changes.
import fs from 'node:fs'
import { webTypesPath, webTypesSource } from './web-types.ts'

fs.writeFileSync(webTypesPath, await webTypesSource())
console.log(`wrote ${webTypesPath.pathname}`)
