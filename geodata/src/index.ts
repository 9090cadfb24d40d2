// The geodata package: the built demo county and the helpers that made it.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { DemoCounty } from './demo-county-types.ts'

export type * from './demo-county-types.ts'
export type { MultiPolygon, Position } from './planar.ts'
export { seededRandom, hashString, pick, type RandomSource } from '@gridwatch/domain/seeded-random.ts'
export { gcj02ToWgs84 } from './sources.ts'

export const demoCountyPath = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../out/dingtao-demo.json')

export function readDemoCounty(): DemoCounty {
  return JSON.parse(fs.readFileSync(demoCountyPath, 'utf8')) as DemoCounty
}
export {
  buildSyntheticProvince,
  shandong,
  type ProvinceOptions,
  type ProvinceProgress,
  type ProvinceSource,
} from './province/synthetic-province.ts'
export { readOrBuildProvince, provinceFilePath, type ProvinceData } from './province/province-file.ts'
