// Data builders: a test makes the rows it asserts on instead of leaning on demo rows other tests
// may change. Each builder writes real rows (PostGIS geometry included) and returns their ids;
// defaults are plausible, every field a test cares about can be given. The institution layer is
// read when an app is created, so build first and create the app afterwards (or reload it).
import { sql } from 'drizzle-orm'
import type { Database } from '@gridwatch/db'
import type { InstitutionType, InspectionKind } from '@gridwatch/db/schema'
import type { Role, ScopeKind } from '@gridwatch/domain/roles.ts'
import { hashPassword } from '@gridwatch/api/auth/password.ts'

let sequence = 0
const next = () => ++sequence

/** A square of `size` degrees around a centre, as EWKT for PostGIS. */
const square = ([lon, lat]: [number, number], size: number) => {
  const h = size / 2
  return `SRID=4326;MULTIPOLYGON(((${lon - h} ${lat - h},${lon + h} ${lat - h},${lon + h} ${lat + h},${lon - h} ${lat + h},${lon - h} ${lat - h})))`
}
const point = ([lon, lat]: [number, number]) => `SRID=4326;POINT(${lon} ${lat})`

export interface BuiltCounty {
  countyCode: string
  districtId: number
  zoneId: number
  gridId: number
  /** The county's centre; the grid is a 0.1° square around it. */
  centre: [number, number]
}

/** A county of its own: a district with one zone holding one grid, squares around `centre`. */
export async function buildCounty(
  database: Database,
  options: { countyCode?: string; name?: string; centre?: [number, number] } = {},
): Promise<BuiltCounty> {
  const countyCode = options.countyCode ?? `99${String(next()).padStart(4, '0')}`
  const centre = options.centre ?? [117.0, 36.6]
  const name = options.name ?? `测试县${countyCode}`
  // Its areas belong to a published boundary version of its own, as a real county's do.
  const [version] = await database.rows<{ id: number }>(sql`
    INSERT INTO boundary_versions (county_code, name, status, effective_from, published_at)
    VALUES (${countyCode}, ${`${name}测试边界`}, 'published', current_date, now()) RETURNING id`)
  const insertArea = async (level: string, parentId: number | null, areaName: string, size: number) => {
    const [row] = await database.rows<{ id: number }>(sql`
      INSERT INTO areas (county_code, level, parent_id, name, geom, seat, boundary_version_id)
      VALUES (${countyCode}, ${level}, ${parentId}, ${areaName}, ST_GeomFromEWKT(${square(centre, size)}), ST_GeomFromEWKT(${point(centre)}), ${version!.id})
      RETURNING id`)
    return row!.id
  }
  const districtId = await insertArea('district', null, name, 0.3)
  const zoneId = await insertArea('zone', districtId, `${name}测试片区`, 0.2)
  const gridId = await insertArea('grid', zoneId, `${name}测试网格`, 0.1)
  return { countyCode, districtId, zoneId, gridId, centre }
}

/** An active institution in a grid (by default a village clinic at the grid's centre). */
export async function buildInstitution(
  database: Database,
  options: {
    countyCode: string
    gridId: number | null
    position: [number, number]
    name?: string
    type?: InstitutionType
    contactPhone?: string
  },
): Promise<{ id: number; name: string }> {
  const name = options.name ?? `测试卫生室${next()}`
  const [row] = await database.rows<{ id: number }>(sql`
    INSERT INTO institutions (county_code, code, name, type, position, grid_id, contact_phone)
    VALUES (${options.countyCode}, ${`T${next()}`}, ${name}, ${options.type ?? 'village_clinic'}, ST_GeomFromEWKT(${point(options.position)}), ${options.gridId}, ${options.contactPhone ?? null})
    RETURNING id`)
  return { id: row!.id, name }
}

/** An inspection of an institution, `daysAgo` days ago (a weekly visit unless told; verified unless told). */
export async function buildInspection(
  database: Database,
  options: {
    countyCode: string
    institutionId: number
    gridId: number | null
    daysAgo?: number
    kind?: InspectionKind
    note?: string
    verified?: boolean
  },
): Promise<{ id: number }> {
  const [row] = await database.rows<{ id: number }>(sql`
    INSERT INTO inspections (county_code, institution_id, grid_id, kind, arrived_at, note, verified)
    VALUES (${options.countyCode}, ${options.institutionId}, ${options.gridId}, ${options.kind ?? 'weekly-visit'},
            now() - make_interval(days => ${options.daysAgo ?? 0}), ${options.note ?? ''}, ${options.verified ?? true})
    RETURNING id`)
  return { id: row!.id }
}

/** An open ledger item at an institution, due in `dueInDays` days (negative: overdue). */
export async function buildLedgerItem(
  database: Database,
  options: {
    countyCode: string
    institutionId: number
    gridId: number | null
    dueInDays?: number
    problem?: string
    category?: string
  },
): Promise<{ id: number }> {
  const [row] = await database.rows<{ id: number }>(sql`
    INSERT INTO ledger_items (county_code, institution_id, grid_id, source, category, problem, deadline_at, responsible_person, opened_at)
    VALUES (${options.countyCode}, ${options.institutionId}, ${options.gridId}, 'weekly-visit', ${options.category ?? '挂床住院'},
            ${options.problem ?? '测试问题'}, now() + make_interval(days => ${options.dueInDays ?? 14}), '测试负责人', now())
    RETURNING id`)
  return { id: row!.id }
}

/** A user who can log in with `password`, scoped to an area of a county. */
export async function buildUser(
  database: Database,
  options: {
    countyCode: string
    role: Role
    scopeKind: ScopeKind
    scopeAreaId: number | null
    username?: string
    password?: string
  },
): Promise<{ id: number; username: string; password: string }> {
  const username = options.username ?? `tester${next()}`
  const password = options.password ?? `${username}-password`
  const [row] = await database.rows<{ id: number }>(sql`
    INSERT INTO users (county_code, username, display_name, password_hash, role, scope_kind, scope_area_id)
    VALUES (${options.countyCode}, ${username}, ${username}, ${await hashPassword(password)}, ${options.role}, ${options.scopeKind}, ${options.scopeAreaId})
    RETURNING id`)
  return { id: row!.id, username, password }
}
