// The province-sized benchmark set is built once and kept in geodata/out/province-<code>.json
// (not committed: tens of megabytes). The file records a fingerprint of the generator's sources
// and is rebuilt when they change.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { DemoCounty } from '../demo-county-types.ts'
import { buildSyntheticProvince, type ProvinceProgress, type ProvinceSource } from './synthetic-province.ts'

const sourceDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const outputDirectory = path.resolve(sourceDirectory, '../out')

interface ProvinceFile {
  fingerprint: string
  counties: DemoCounty[]
}

export function provinceFilePath(source: ProvinceSource): string {
  return path.join(outputDirectory, `province-${source.provinceCode}.json`)
}

function generatorFingerprint(): string {
  const hash = crypto.createHash('sha256')
  const files = fs
    .readdirSync(sourceDirectory, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .sort()
  for (const file of files) hash.update(file).update(fs.readFileSync(path.join(sourceDirectory, file)))
  return hash.digest('hex').slice(0, 16)
}

export interface ProvinceData {
  counties: DemoCounty[]
  /** False when the counties came from the file a previous run wrote. */
  built: boolean
  file: string
}

export function readOrBuildProvince(source: ProvinceSource, progress?: ProvinceProgress): ProvinceData {
  const file = provinceFilePath(source)
  const fingerprint = generatorFingerprint()
  if (fs.existsSync(file)) {
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as ProvinceFile
    if (stored.fingerprint === fingerprint) return { counties: stored.counties, built: false, file }
  }
  const counties = buildSyntheticProvince(source, { progress })
  fs.mkdirSync(outputDirectory, { recursive: true })
  // Written beside and renamed, so an interrupted run never leaves half a file behind.
  fs.writeFileSync(`${file}.partial`, JSON.stringify({ fingerprint, counties } satisfies ProvinceFile))
  fs.renameSync(`${file}.partial`, file)
  return { counties, built: true, file }
}
