// Rebuilds geodata/out/dingtao-demo.json from geodata/sources. Deterministic: running it twice
// gives the same file. Run with `pnpm geodata`.
import fs from 'node:fs'
import path from 'node:path'
import { buildDemoCounty } from './demo-county.ts'
import { demoCountyPath } from './index.ts'

const started = performance.now()
const county = buildDemoCounty()
fs.mkdirSync(path.dirname(demoCountyPath), { recursive: true })
fs.writeFileSync(demoCountyPath, JSON.stringify(county))
console.log(
  `wrote ${path.relative(process.cwd(), demoCountyPath)}: ${county.grids.length} grids, ${county.zones.length} zones, ` +
    `${county.villages.length} villages, ${county.institutions.length} institutions in ${Math.round(performance.now() - started)} ms`,
)
