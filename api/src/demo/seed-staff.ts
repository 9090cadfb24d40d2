// Demo grid staff on three levels and their assignments (包联), following seed 000's attachment:
// bureau party-group members and township leaders on level 1, the bureau's 16 staff and
// health-centre deputies on level 2, village cadres and health-centre staff on level 3, each
// level-3 member responsible for a handful of village clinics in one grid.
import { sql } from 'drizzle-orm'
import { schema, type Database, type Transaction } from '@gridwatch/db'
import { seededRandom, type DemoCounty } from '@gridwatch/geodata'
import { demoPersonName, demoPhone } from './demo-people.ts'
import type { SeededCounty } from './seed-county.ts'

export interface SeededStaff {
  /** Level-3 member responsible for each village clinic. */
  visitorByInstitutionId: Map<number, number>
  level3ByGridId: Map<number, number[]>
  level2ByGridId: Map<number, number[]>
  level1ByGridId: Map<number, number[]>
  bureauStaffIds: number[]
  bureauLeaderIds: number[]
}

const villageClinicsPerLevel3Member = 6

export async function seedStaff(
  database: Database,
  transaction: Transaction,
  county: DemoCounty,
  seeded: SeededCounty,
): Promise<SeededStaff> {
  const random = seededRandom('staff:371703')
  let phoneSerial = 0
  const insertStaff = async (level: number, organisation: string, title: string, areaId: number | null = null) => {
    const [row] = await transaction
      .insert(schema.staff)
      .values({
        countyCode: seeded.countyCode,
        name: demoPersonName(random),
        level,
        organisation,
        title,
        phone: demoPhone(++phoneSerial),
        areaId,
        isDemo: true,
      })
      .returning({ id: schema.staff.id })
    return row!.id
  }
  const assign = (staffId: number, gridId: number | null, institutionId: number | null) =>
    transaction.insert(schema.assignments).values({
      countyCode: seeded.countyCode,
      staffId,
      gridId,
      institutionId,
      since: new Date('2026-01-01T00:00:00+08:00'),
    })

  const bureauLeaderIds: number[] = []
  for (const title of ['局长', '副局长', '副局长', '党组成员'])
    bureauLeaderIds.push(await insertStaff(1, '定陶区医疗保障局', title))
  const bureauStaffIds: number[] = []
  for (let index = 0; index < 16; index++) bureauStaffIds.push(await insertStaff(2, '定陶区医疗保障局', '科员'))

  const institutions = await database.rows<{ id: number; grid_id: number; type: string }>(
    sql`SELECT id, grid_id, type FROM institutions WHERE county_code = ${seeded.countyCode} ORDER BY id`,
    transaction,
  )
  const result: SeededStaff = {
    visitorByInstitutionId: new Map(),
    level3ByGridId: new Map(),
    level2ByGridId: new Map(),
    level1ByGridId: new Map(),
    bureauStaffIds,
    bureauLeaderIds,
  }
  for (const [index, grid] of county.grids.entries()) {
    const gridId = seeded.gridIdByCode.get(grid.code)!
    const centre = grid.name.endsWith('街道') ? `${grid.name}社区卫生服务中心` : `${grid.name}卫生院`
    const level1 = [
      await insertStaff(1, grid.name, grid.name.endsWith('街道') ? '分管副主任' : '分管副镇长', gridId),
      await insertStaff(1, centre, '院长', gridId),
    ]
    const level2 = [await insertStaff(2, centre, '副院长', gridId), bureauStaffIds[index]!]
    if (index < 5) level2.push(bureauStaffIds[11 + index]!)
    for (const staffId of [...level1, ...level2]) await assign(staffId, gridId, null)
    result.level1ByGridId.set(gridId, level1)
    result.level2ByGridId.set(gridId, level2)

    const villageClinics = institutions.filter(
      (institution) => institution.grid_id === gridId && institution.type === 'village_clinic',
    )
    const memberCount = Math.max(1, Math.ceil(villageClinics.length / villageClinicsPerLevel3Member))
    const level3: number[] = []
    for (let member = 0; member < memberCount; member++)
      level3.push(
        await insertStaff(
          3,
          member % 2 === 0 ? centre : `${grid.name}村两委`,
          member % 2 === 0 ? '公卫医生' : '村党支部书记',
          gridId,
        ),
      )
    result.level3ByGridId.set(gridId, level3)
    for (const [institutionIndex, institution] of villageClinics.entries()) {
      const staffId = level3[institutionIndex % memberCount]!
      await assign(staffId, gridId, institution.id)
      result.visitorByInstitutionId.set(institution.id, staffId)
    }
    // Health centres, hospitals, private clinics and pharmacies are followed by the grid's level 2.
    for (const institution of institutions.filter(
      (institution) => institution.grid_id === gridId && institution.type !== 'village_clinic',
    ))
      await assign(level2[0]!, gridId, institution.id)
  }
  return result
}
