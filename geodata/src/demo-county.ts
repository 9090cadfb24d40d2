// Builds the demo county of 定陶区 from the real sources: grid boundaries as Voronoi cells of the
// township seats clipped to the real outline, a demo position and cell for every real village
// (so that each grid is exactly the union of its village cells), four zones of whole grids, and
// institutions at deterministic demo positions. Names and codes are real; positions are not.
import { union } from 'polyclip-ts'
import {
  boundingBox,
  distanceMeters,
  distanceToBoundaryMeters,
  multiPolygonContains,
  ringAreaSquareMeters,
  roundMultiPolygon,
  roundPosition,
  type MultiPolygon,
  type Position,
} from './planar.ts'
import { seededRandom } from '@gridwatch/domain/seeded-random.ts'
import { bestCandidate, randomPointInside } from './placement.ts'
import { readDivisions, readOutlineWgs84, readTownshipSeats } from './sources.ts'
import { clippedVoronoiCells, mergeDetachedParts } from './voronoi-cells.ts'
import type { DemoCounty, DemoGrid, DemoInstitution, DemoVillage } from './demo-county-types.ts'

/** Which zone (片区) each township's grid belongs to, by where its seat lies in the district. */
const zoneOfTownship: Record<string, string> = {
  '371703105': '东北片区', // 孟海镇
  '371703108': '东北片区', // 半堤镇
  '371703109': '东北片区', // 杜堂镇
  '371703107': '西北片区', // 仿山镇
  '371703002': '西北片区', // 滨河街道
  '371703103': '西南片区', // 张湾镇
  '371703106': '西南片区', // 马集镇
  '371703110': '西南片区', // 南王店镇
  '371703001': '东南片区', // 天中街道
  '371703104': '东南片区', // 黄店镇
  '371703102': '东南片区', // 冉堌镇
}
const zoneNames = ['东南片区', '西南片区', '西北片区', '东北片区']

/**
 * 冉堌镇 has no published coordinate; its seat lies in the south-east where 定陶, 曹县 and 成武
 * meet. Rule: of the points in the outline's south-east quarter at least 1 km inside the border,
 * take the one farthest from every other seat.
 */
export function estimateSeat(outline: MultiPolygon, otherSeats: Position[]): Position {
  const box = boundingBox(outline)
  const centre: Position = [(box.minLon + box.maxLon) / 2, (box.minLat + box.maxLat) / 2]
  let best: { position: Position; distance: number } | undefined
  const steps = 120
  for (let i = 0; i <= steps; i++)
    for (let j = 0; j <= steps; j++) {
      const position: Position = [
        centre[0] + ((box.maxLon - centre[0]) * i) / steps,
        box.minLat + ((centre[1] - box.minLat) * j) / steps,
      ]
      if (!multiPolygonContains(outline, position) || distanceToBoundaryMeters(outline, position) < 1000) continue
      const distance = Math.min(...otherSeats.map((seat) => distanceMeters(seat, position)))
      if (!best || distance > best.distance) best = { position, distance }
    }
  if (!best) throw new Error('no point in the south-east of the outline is 1 km inside the border')
  return roundPosition(best.position, 5)
}

function shortVillageName(officialName: string): string {
  return officialName.replace(/村民委员会$/, '').replace(/居民委员会$/, '')
}

function healthCentreName(townshipName: string): string {
  return townshipName.endsWith('街道') ? `定陶区${townshipName}社区卫生服务中心` : `定陶区${townshipName}卫生院`
}

export function buildDemoCounty(): DemoCounty {
  const outline = readOutlineWgs84()
  const divisions = readDivisions()
  const seats = readTownshipSeats()
  const townships = divisions.filter((division) => division.level === 'township')
  const known = seats.filter((seat) => seat.position !== null).map((seat) => seat.position!)

  const seatOf = new Map<string, { position: Position; estimated: boolean; source: string }>()
  for (const township of townships) {
    const seat = seats.find((candidate) => candidate.code === township.code)
    if (seat?.position) seatOf.set(township.code, { position: seat.position, estimated: false, source: seat.source })
    else
      seatOf.set(township.code, {
        position: estimateSeat(outline.polygons, known),
        estimated: true,
        source: 'estimated by rule: farthest point from the other seats in the south-east of the outline',
      })
  }

  // The decoded outline self-intersects in one place; a union with itself repairs it, leaving a
  // crumb of a few square metres that is dropped (the outline is only good to about 100 m).
  const outlinePolygons = roundMultiPolygon(
    (union(outline.polygons) as MultiPolygon).filter((polygon) => ringAreaSquareMeters(polygon[0]!) >= 100),
  )
  // Voronoi cells of the seats decide which township's area each village is placed in.
  const seatCells = clippedVoronoiCells(
    townships.map((township) => seatOf.get(township.code)!.position),
    outlinePolygons,
  )

  const grids: DemoGrid[] = []
  const placed: { village: (typeof divisions)[number]; township: (typeof townships)[number]; position: Position }[] = []
  townships.forEach((township, index) => {
    const seat = seatOf.get(township.code)!
    const cell = seatCells[index]!
    if (!multiPolygonContains(cell, seat.position)) throw new Error(`seat of ${township.name} lies outside its cell`)
    const random = seededRandom(`villages:${township.code}`)
    const members = divisions.filter(
      (division) => division.level === 'village' && division.parentCode === township.code,
    )
    const taken: Position[] = [seat.position]
    for (const village of members) {
      const isUrbanCommunity = village.name.endsWith('社区居民委员会')
      const position = bestCandidate(
        random,
        cell,
        taken,
        isUrbanCommunity ? { centre: seat.position, radiusMeters: 2500 } : undefined,
      )
      taken.push(position)
      placed.push({ village, township, position })
    }
    grids.push({
      code: township.code,
      name: township.name,
      zoneName: zoneOfTownship[township.code]!,
      seat: seat.position,
      seatEstimated: seat.estimated,
      seatSource: seat.source,
    })
  })
  // Village cells are Voronoi cells of all village positions across the district, clipped to the
  // outline; a grid is the union of its villages' cells, so grid edges follow village edges and
  // neighbouring grids share them exactly.
  const villagePositions = placed.map((entry) => entry.position)
  const villageCells = mergeDetachedParts(
    clippedVoronoiCells(villagePositions, outlinePolygons).map(roundMultiPolygon),
    villagePositions,
  ).map(roundMultiPolygon)
  const villages: DemoVillage[] = placed.map((entry, index) => ({
    code: entry.village.code,
    name: shortVillageName(entry.village.name),
    officialName: entry.village.name,
    gridCode: entry.township.code,
    position: entry.position,
    cell: villageCells[index]!,
  }))
  for (const grid of grids) {
    const home = villages.find((village) => multiPolygonContains(village.cell, grid.seat))
    if (home?.gridCode !== grid.code) throw new Error(`seat of ${grid.name} falls in another grid's village`)
  }

  return {
    about:
      'Demo data for gridwatch. Real: the outline of 定陶区 (converted from GCJ-02 to WGS84) and the names and 2023 statistical codes of its townships and villages. Demo: grid boundaries (Voronoi cells of the township seats clipped to the outline), village positions and cells, zones, institutions and their positions.',
    county: { code: outline.code, name: outline.name, outline: outlinePolygons },
    zones: zoneNames.map((name) => ({
      name,
      gridCodes: grids.filter((grid) => grid.zoneName === name).map((grid) => grid.code),
    })),
    grids,
    villages,
    institutions: placeInstitutions(grids, villages),
  }
}

function villageAt(villages: DemoVillage[], gridCode: string, position: Position): DemoVillage {
  const inGrid = villages.filter((village) => village.gridCode === gridCode)
  return inGrid.find((village) => multiPolygonContains(village.cell, position)) ?? inGrid[0]!
}

const hospitals = [
  { name: '菏泽市定陶区人民医院', gridCode: '371703001' },
  { name: '菏泽市定陶区中医医院', gridCode: '371703002' },
  { name: '菏泽市定陶区妇幼保健院', gridCode: '371703001' },
]
const privateClinicNames = [
  '仁济医院',
  '康宁医院',
  '博爱诊所',
  '惠民门诊部',
  '同心中医诊所',
  '安康口腔门诊',
  '济生堂中医诊所',
  '华康医院',
]
const pharmacyChains = ['仁和堂大药房', '康源大药房', '百姓放心药房', '益民大药房']

function placeInstitutions(grids: DemoGrid[], villages: DemoVillage[]): DemoInstitution[] {
  const random = seededRandom('institutions:371703')
  const institutions: DemoInstitution[] = []
  let medicalSerial = 0
  let pharmacySerial = 0
  const add = (
    name: string,
    type: DemoInstitution['type'],
    grid: DemoGrid,
    position: Position,
    village?: DemoVillage,
  ) => {
    const serial = type === 'pharmacy' ? ++pharmacySerial : ++medicalSerial
    const located = village ?? villageAt(villages, grid.code, position)
    institutions.push({
      code: `${type === 'pharmacy' ? 'P' : 'H'}371703${String(serial).padStart(5, '0')}`,
      name,
      type,
      gridCode: grid.code,
      villageCode: located.code,
      position: roundPosition(position),
      address: `山东省菏泽市定陶区${grid.name}${located.name}`,
    })
  }
  const gridByCode = new Map(grids.map((grid) => [grid.code, grid]))
  const gridArea = new Map(
    grids.map((grid) => [
      grid.code,
      villages.filter((village) => village.gridCode === grid.code).flatMap((village) => village.cell),
    ]),
  )
  const near = (grid: DemoGrid, radiusMeters: number) =>
    randomPointInside(random, gridArea.get(grid.code)!, 50, { centre: grid.seat, radiusMeters })

  for (const grid of grids) add(healthCentreName(grid.name), 'township_health_centre', grid, near(grid, 400))
  for (const village of villages) {
    const grid = gridByCode.get(village.gridCode)!
    const position = randomPointInside(random, village.cell, 30, { centre: village.position, radiusMeters: 250 })
    add(`${village.name}卫生室`, 'village_clinic', grid, position, village)
  }
  for (const hospital of hospitals) {
    const grid = gridByCode.get(hospital.gridCode)!
    add(hospital.name, 'hospital', grid, near(grid, 1500))
  }
  // Private institutions and pharmacies cluster in the town centre and the larger townships.
  const urban = grids.filter((grid) => grid.name.endsWith('街道'))
  privateClinicNames.forEach((name, index) => {
    const grid = index < 5 ? urban[index % urban.length]! : grids[(index * 3) % grids.length]!
    add(`定陶${name}`, 'private_clinic', grid, near(grid, 1800))
  })
  grids.forEach((grid, index) => {
    const count = grid.name.endsWith('街道') ? 3 : 1
    for (let copy = 0; copy < count; copy++) {
      const chain = pharmacyChains[(index + copy) % pharmacyChains.length]!
      const branch = grid.name.endsWith('街道') ? `${grid.name.replace('街道', '')}${copy + 1}店` : `${grid.name}店`
      add(`${chain}（${branch}）`, 'pharmacy', grid, near(grid, grid.name.endsWith('街道') ? 2000 : 900))
    }
  })
  return institutions
}
