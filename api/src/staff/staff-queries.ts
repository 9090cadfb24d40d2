// Grid staff (网格员) and their assignments (包联) in the database: the list a caller's scope
// covers, a member's record, and assigning or ending an assignment — each write checked by can()
// against both the member's own area and the assignment's target.
import { sql } from 'drizzle-orm'
import { schema, type Database } from '@gridwatch/db'
import { assignmentTargets, type AssignmentTarget, type StaffLevel } from '@gridwatch/domain/staff.ts'
import { maskPhone } from '@gridwatch/domain/phone-mask.ts'
import { can, type GridPlace } from '../auth/can.ts'
import { authorise } from '../auth/access.ts'
import type { SessionUser } from '../auth/session-user.ts'
import { publishedBoundaryVersionIds } from '../boundaries/published-version.ts'
import { institutionScopeCondition } from '../auth/scope-condition.ts'
import { Failure, failures } from '../platform/failure.ts'
import { phrase } from '../platform/phrases.ts'
import type { WritePath } from '../platform/write-path.ts'

/** Where something lies for staff.edit: a grid (with its zone), a zone alone, or the whole county (both null). */
export interface StaffPlace {
  grid: GridPlace | null
  zoneId: number | null
}

const county: StaffPlace = { grid: null, zoneId: null }

/** A grid or zone of the boundaries in force, as staff.edit sees it; 400 when the id is neither. */
export async function areaPlace(
  database: Database,
  areaId: number | null,
  field: string,
): Promise<StaffPlace & { level: 'grid' | 'zone' | null; name: string | null }> {
  if (areaId === null) return { ...county, level: null, name: null }
  const [row] = await database.rows<{
    id: number
    county_code: string
    level: 'grid' | 'zone'
    parent_id: number | null
    name: string
  }>(sql`
    SELECT id, county_code, level, parent_id, name FROM areas
    WHERE id = ${areaId} AND level IN ('grid', 'zone') AND boundary_version_id IN ${publishedBoundaryVersionIds}`)
  if (!row)
    throw failures.invalid(`Area ${areaId} is not a grid or zone of the boundaries in force.`, [
      { path: field, message: 'not a grid or zone in force' },
    ])
  return row.level === 'grid'
    ? {
        grid: { id: row.id, countyCode: row.county_code, zoneId: row.parent_id },
        zoneId: row.parent_id,
        level: 'grid',
        name: row.name,
      }
    : { grid: null, zoneId: row.id, level: 'zone', name: row.name }
}

export interface StaffRecord {
  id: number
  countyCode: string
  name: string
  level: StaffLevel
  organisation: string
  title: string | null
  phone: string | null
  areaId: number | null
}

export async function staffRecord(database: Database, id: number): Promise<StaffRecord> {
  const [row] = await database.rows<{
    id: number
    county_code: string
    name: string
    level: StaffLevel
    organisation: string
    title: string | null
    phone: string | null
    area_id: number | null
  }>(sql`SELECT id, county_code, name, level, organisation, title, phone, area_id FROM staff WHERE id = ${id}`)
  if (!row) throw failures.notFound(`Staff member ${id} does not exist.`)
  return {
    id: row.id,
    countyCode: row.county_code,
    name: row.name,
    level: row.level,
    organisation: row.organisation,
    title: row.title,
    phone: row.phone,
    areaId: row.area_id,
  }
}

/** The caller may keep this member's record: by the member's level and area. */
export async function authoriseStaff(
  database: Database,
  user: SessionUser,
  member: { level: number; areaId: number | null; countyCode?: string },
): Promise<void> {
  if (member.countyCode !== undefined && member.countyCode !== user.countyCode)
    throw failures.notFound('No such staff member in your county.')
  const place = await areaPlace(database, member.areaId, 'areaId')
  authorise(
    user,
    { kind: 'staff.edit', level: member.level, grid: place.grid, zoneId: place.zoneId },
    'Keeping this staff record',
  )
}

export interface AssignmentView {
  id: number
  target: AssignmentTarget
  gridId: number | null
  gridName: string | null
  zoneId: number | null
  zoneName: string | null
  institutionId: number | null
  institutionName: string | null
  since: string
}

export interface StaffView {
  id: number
  name: string
  level: StaffLevel
  organisation: string
  title: string | null
  phone: string | null
  areaId: number | null
  areaName: string | null
  username: string | null
  assignments: AssignmentView[]
}

/** Staff whose area the caller's scope covers (the bureau: all of the county), with current assignments. */
export async function listStaff(
  database: Database,
  user: SessionUser,
  filter: { level?: number | undefined; areaId?: number | undefined },
): Promise<StaffView[]> {
  const scope =
    user.scopeKind === 'zone'
      ? sql`AND (s.area_id = ${user.scopeAreaId} OR s.area_id IN (SELECT id FROM areas WHERE parent_id = ${user.scopeAreaId} AND level = 'grid'))`
      : user.scopeKind === 'grid'
        ? sql`AND s.area_id = ${user.scopeAreaId}`
        : user.scopeKind === 'own_institutions'
          ? sql`AND false`
          : sql``
  const staff = await database.rows<{
    id: number
    name: string
    level: StaffLevel
    organisation: string
    title: string | null
    phone: string | null
    area_id: number | null
    area_name: string | null
    username: string | null
  }>(sql`
    SELECT s.id, s.name, s.level, s.organisation, s.title, s.phone, s.area_id, a.name AS area_name,
      (SELECT u.username FROM users u WHERE u.staff_id = s.id AND NOT u.disabled ORDER BY u.id LIMIT 1) AS username
    FROM staff s LEFT JOIN areas a ON a.id = s.area_id
    WHERE s.county_code = ${user.countyCode} ${scope}
      ${filter.level === undefined ? sql`` : sql`AND s.level = ${filter.level}`}
      ${filter.areaId === undefined ? sql`` : sql`AND (s.area_id = ${filter.areaId} OR s.area_id IN (SELECT id FROM areas WHERE parent_id = ${filter.areaId} AND level = 'grid'))`}
    ORDER BY s.level, a.sort_order NULLS FIRST, s.area_id NULLS FIRST, s.id`)
  if (staff.length === 0) return []
  const assignments = await database.rows<{
    id: number
    staff_id: number
    grid_id: number | null
    grid_name: string | null
    zone_id: number | null
    zone_name: string | null
    institution_id: number | null
    institution_name: string | null
    since: Date | string
  }>(sql`
    SELECT a.id, a.staff_id, a.grid_id, g.name AS grid_name, a.zone_id, z.name AS zone_name, a.institution_id, i.name AS institution_name, a.since
    FROM assignments a LEFT JOIN areas g ON g.id = a.grid_id LEFT JOIN areas z ON z.id = a.zone_id LEFT JOIN institutions i ON i.id = a.institution_id
    WHERE a.until IS NULL AND a.staff_id IN (${sql.join(
      staff.map((row) => sql`${row.id}`),
      sql`, `,
    )})
    ORDER BY a.staff_id, a.institution_id NULLS FIRST, a.id`)
  const byStaff = new Map<number, AssignmentView[]>()
  for (const row of assignments) {
    const list = byStaff.get(row.staff_id) ?? []
    list.push({
      id: row.id,
      target: row.institution_id !== null ? 'institution' : row.zone_id !== null ? 'zone' : 'grid',
      gridId: row.grid_id,
      gridName: row.grid_name,
      zoneId: row.zone_id,
      zoneName: row.zone_name,
      institutionId: row.institution_id,
      institutionName: row.institution_name,
      since: new Date(row.since).toISOString(),
    })
    byStaff.set(row.staff_id, list)
  }
  const fullPhones = can(user, { kind: 'phone.read' }).allowed
  return staff.map((row) => ({
    id: row.id,
    name: row.name,
    level: row.level,
    organisation: row.organisation,
    title: row.title,
    phone: row.phone === null ? null : fullPhones ? row.phone : maskPhone(row.phone),
    areaId: row.area_id,
    areaName: row.area_name,
    username: row.username,
    assignments: byStaff.get(row.id) ?? [],
  }))
}

export interface StaffInput {
  name: string
  level: StaffLevel
  organisation: string
  title?: string | null | undefined
  phone?: string | null | undefined
  areaId?: number | null | undefined
}

export async function createStaff(
  database: Database,
  write: WritePath,
  user: SessionUser,
  input: StaffInput,
): Promise<number> {
  await authoriseStaff(database, user, { level: input.level, areaId: input.areaId ?? null })
  return write(async (transaction, record) => {
    const [row] = await transaction
      .insert(schema.staff)
      .values({
        countyCode: user.countyCode,
        name: input.name,
        level: input.level,
        organisation: input.organisation,
        title: input.title ?? null,
        phone: input.phone ?? null,
        areaId: input.areaId ?? null,
      })
      .returning({ id: schema.staff.id })
    await record.audit({
      action: 'create',
      entity: 'staff',
      entityId: row!.id,
      after: { ...input, phone: input.phone ? maskPhone(input.phone) : null },
      changes: [],
    })
    return row!.id
  })
}

export async function updateStaff(
  database: Database,
  write: WritePath,
  user: SessionUser,
  id: number,
  change: Partial<StaffInput>,
): Promise<void> {
  const before = await staffRecord(database, id)
  await authoriseStaff(database, user, before)
  const after = {
    ...before,
    ...Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined)),
  } as StaffRecord
  if (after.level !== before.level || after.areaId !== before.areaId) await authoriseStaff(database, user, after)
  if (after.level !== before.level) {
    const [held] = await database.rows<{ count: number }>(
      sql`SELECT count(*)::int AS count FROM assignments WHERE staff_id = ${id} AND until IS NULL`,
    )
    if (held!.count > 0)
      throw Failure.phrased(
        'conflict',
        'conflict',
        'Conflict',
        phrase('staff-level-held', { name: before.name, count: held!.count }),
      )
  }
  await write(async (transaction, record) => {
    await transaction
      .update(schema.staff)
      .set({
        name: after.name,
        level: after.level,
        organisation: after.organisation,
        title: after.title,
        phone: after.phone,
        areaId: after.areaId,
      })
      .where(sql`${schema.staff.id} = ${id}`)
    const masked = (member: StaffRecord) => ({ ...member, phone: member.phone ? maskPhone(member.phone) : null })
    await record.audit({
      action: 'update',
      entity: 'staff',
      entityId: id,
      before: masked(before),
      after: masked(after),
      changes: [],
    })
  })
}

export type AssignInput = { institutionId: number } | { gridId: number } | { zoneId: number }

/**
 * Assigns a member to an institution, a grid or a zone, as their level allows. An institution
 * has one level-3 member: assigning another ends the previous one's assignment (a handover).
 */
export async function assign(
  database: Database,
  write: WritePath,
  user: SessionUser,
  staffId: number,
  input: AssignInput,
  now: Date,
): Promise<{ id: number; ended: number[] }> {
  const member = await staffRecord(database, staffId)
  await authoriseStaff(database, user, member)
  const target: AssignmentTarget = 'institutionId' in input ? 'institution' : 'gridId' in input ? 'grid' : 'zone'
  if (!assignmentTargets(member.level).includes(target))
    throw Failure.phrased(
      'invalid',
      'invalid-request',
      'Invalid request',
      phrase('assignment-target-level', { level: member.level, allowed: [...assignmentTargets(member.level)], target }),
      [{ path: `${target}Id`, message: 'not for this level' }],
    )
  let gridId: number | null = null
  let zoneId: number | null = null
  let institutionId: number | null = null
  let place: StaffPlace
  if ('institutionId' in input) {
    const [institution] = await database.rows<{
      id: number
      grid_id: number | null
      zone_id: number | null
      county_code: string
    }>(sql`
      SELECT i.id, i.grid_id, g.parent_id AS zone_id, i.county_code FROM institutions i LEFT JOIN areas g ON g.id = i.grid_id
      WHERE i.id = ${input.institutionId} AND i.status = 'active'`)
    if (!institution || institution.county_code !== user.countyCode)
      throw failures.invalid(`Institution ${input.institutionId} is not an active institution of your county.`, [
        { path: 'institutionId', message: 'unknown' },
      ])
    institutionId = institution.id
    gridId = institution.grid_id
    place = {
      grid:
        institution.grid_id === null
          ? null
          : { id: institution.grid_id, countyCode: institution.county_code, zoneId: institution.zone_id },
      zoneId: institution.zone_id,
    }
  } else {
    const area = await areaPlace(database, 'gridId' in input ? input.gridId : input.zoneId, `${target}Id`)
    if (area.level !== target)
      throw failures.invalid(`Area ${'gridId' in input ? input.gridId : input.zoneId} is not a ${target}.`, [
        { path: `${target}Id`, message: `not a ${target}` },
      ])
    place = area
    if (target === 'grid') gridId = area.grid!.id
    else zoneId = area.zoneId
  }
  authorise(
    user,
    { kind: 'staff.edit', level: member.level, grid: place.grid, zoneId: place.zoneId },
    'Assigning there',
  )
  const [same] = await database.rows<{ id: number }>(sql`
    SELECT id FROM assignments WHERE staff_id = ${staffId} AND until IS NULL
      AND ${institutionId === null ? sql`institution_id IS NULL AND grid_id IS NOT DISTINCT FROM ${gridId} AND zone_id IS NOT DISTINCT FROM ${zoneId}` : sql`institution_id = ${institutionId}`}`)
  if (same) throw Failure.phrased('conflict', 'conflict', 'Conflict', phrase('assignment-held', { name: member.name }))
  return write(async (transaction, record) => {
    const ended =
      institutionId === null || member.level !== 3
        ? []
        : await database.rows<{ id: number; staff_id: number }>(
            sql`UPDATE assignments a SET until = ${now.toISOString()}::timestamptz FROM staff s
              WHERE s.id = a.staff_id AND s.level = 3 AND a.institution_id = ${institutionId} AND a.until IS NULL RETURNING a.id, a.staff_id`,
            transaction,
          )
    const [row] = await transaction
      .insert(schema.assignments)
      .values({ countyCode: member.countyCode, staffId, gridId, zoneId, institutionId, since: now })
      .returning({ id: schema.assignments.id })
    await record.audit({
      action: 'assign',
      entity: 'assignment',
      entityId: row!.id,
      after: { staffId, target, gridId, zoneId, institutionId, ended: ended.map((end) => end.id) },
      changes: [{ kind: 'scope' }],
    })
    return { id: row!.id, ended: ended.map((end) => end.id) }
  })
}

/** Ends an assignment (the member no longer answers for it); its history stays. */
export async function endAssignment(
  database: Database,
  write: WritePath,
  user: SessionUser,
  id: number,
  now: Date,
): Promise<void> {
  const [row] = await database.rows<{
    staff_id: number
    grid_id: number | null
    zone_id: number | null
    institution_id: number | null
    county_code: string
    grid_zone: number | null
  }>(sql`
    SELECT a.staff_id, a.grid_id, a.zone_id, a.institution_id, a.county_code, g.parent_id AS grid_zone
    FROM assignments a LEFT JOIN areas g ON g.id = a.grid_id WHERE a.id = ${id} AND a.until IS NULL`)
  if (!row || row.county_code !== user.countyCode)
    throw failures.notFound(`Assignment ${id} does not exist or has ended.`)
  const member = await staffRecord(database, row.staff_id)
  await authoriseStaff(database, user, member)
  const place: StaffPlace =
    row.grid_id !== null
      ? { grid: { id: row.grid_id, countyCode: row.county_code, zoneId: row.grid_zone }, zoneId: row.grid_zone }
      : { grid: null, zoneId: row.zone_id }
  authorise(
    user,
    { kind: 'staff.edit', level: member.level, grid: place.grid, zoneId: place.zoneId },
    'Ending this assignment',
  )
  await write(async (transaction, record) => {
    await database.rows(
      sql`UPDATE assignments SET until = ${now.toISOString()}::timestamptz WHERE id = ${id}`,
      transaction,
    )
    await record.audit({
      action: 'end',
      entity: 'assignment',
      entityId: id,
      before: { staffId: row.staff_id, gridId: row.grid_id, zoneId: row.zone_id, institutionId: row.institution_id },
      changes: [{ kind: 'scope' }],
    })
  })
}

/** Active institutions in the caller's scope that nobody answers for one by one: the open reassignment tasks. */
export async function unassignedInstitutions(
  database: Database,
  user: SessionUser,
): Promise<{ id: number; name: string; type: string; gridId: number | null; gridName: string | null }[]> {
  return database.rows(sql`
    SELECT i.id, i.name, i.type, i.grid_id AS "gridId", g.name AS "gridName" FROM institutions i LEFT JOIN areas g ON g.id = i.grid_id
    WHERE i.status = 'active' AND ${institutionScopeCondition(user)}
      AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.institution_id = i.id AND a.until IS NULL)
    ORDER BY g.sort_order, i.grid_id, i.name, i.id`)
}
