// Full-coverage campaigns (拉网式全面检查) in the database: the county's campaigns with their progress
// in the caller's scope; one campaign's progress per grid, its institutions (inspected for it or
// not yet) and its problem list (the ledger items its inspections opened); creating one; and the
// check an inspection made for a campaign must pass.
import { sql } from 'drizzle-orm'
import { schema, type Database, type Executor } from '@gridwatch/db'
import {
  campaignDefinitionRefusal,
  campaignInspectionRefusal,
  campaignPhase,
  type CampaignPhase,
} from '@gridwatch/domain/campaigns.ts'
import type { InstitutionType } from '@gridwatch/domain/institution-types.ts'
import { bureauDate } from '@gridwatch/domain/bureau-calendar.ts'
import { authorise } from '../auth/access.ts'
import type { SessionUser } from '../auth/session-user.ts'
import { institutionScopeCondition } from '../auth/scope-condition.ts'
import { publishedBoundaryVersionIds } from '../boundaries/published-version.ts'
import { failures } from '../platform/failure.ts'
import type { WritePath } from '../platform/write-path.ts'

export interface CampaignSummary {
  id: number
  name: string
  areaId: number | null
  areaName: string | null
  startsOn: string
  endsOn: string
  categories: string[]
  phase: CampaignPhase
  /** Active institutions of the area in the caller's scope, and how many of them were inspected for the campaign. */
  institutions: number
  inspected: number
  /** The grids in force the campaign covers (the phone decides with them whether an institution is in it). */
  gridIds: number[]
  createdBy: string
}

interface CampaignRow {
  id: number
  county_code: string
  name: string
  area_id: number | null
  area_name: string | null
  starts_on: string
  ends_on: string
  categories: string[]
  created_by: string
}

const dateText = (value: string | Date) =>
  typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10)

/** Institutions of the campaign `c` (alias) in the area: `i` institutions, `g` their grid. */
const inArea = sql`(c.area_id IS NULL OR g.id = c.area_id OR g.parent_id = c.area_id) AND starts_with(i.county_code, c.county_code)`

export async function campaignsOf(
  database: Database,
  user: SessionUser,
  now: Date,
  id?: number,
): Promise<CampaignSummary[]> {
  const rows = await database.rows<
    CampaignRow & { institutions: number; inspected: number; grid_ids: number[] | null }
  >(sql`
    SELECT c.id, c.county_code, c.name, c.area_id, a.name AS area_name, c.starts_on::text AS starts_on, c.ends_on::text AS ends_on, c.categories, u.display_name AS created_by,
      (SELECT count(*)::int FROM institutions i JOIN areas g ON g.id = i.grid_id WHERE i.status = 'active' AND ${inArea} AND ${institutionScopeCondition(user)}) AS institutions,
      (SELECT count(DISTINCT v.institution_id)::int FROM inspections v JOIN institutions i ON i.id = v.institution_id JOIN areas g ON g.id = i.grid_id
        WHERE v.campaign_id = c.id AND i.status = 'active' AND ${institutionScopeCondition(user)}) AS inspected,
      (SELECT array_agg(g.id ORDER BY g.id) FROM areas g WHERE g.level = 'grid' AND g.boundary_version_id IN ${publishedBoundaryVersionIds}
        AND starts_with(g.county_code, c.county_code) AND (c.area_id IS NULL OR g.id = c.area_id OR g.parent_id = c.area_id)) AS grid_ids
    FROM campaigns c LEFT JOIN areas a ON a.id = c.area_id JOIN users u ON u.id = c.created_by
    WHERE starts_with(c.county_code, ${user.countyCode}) ${id === undefined ? sql`` : sql`AND c.id = ${id}`}
    ORDER BY c.ends_on DESC, c.id DESC LIMIT 100`)
  const today = bureauDate(now)
  return rows.map((row) => {
    const rules = { startsOn: dateText(row.starts_on), endsOn: dateText(row.ends_on), categories: row.categories }
    return {
      id: row.id,
      name: row.name,
      areaId: row.area_id,
      areaName: row.area_name,
      ...rules,
      phase: campaignPhase(rules, today),
      institutions: row.institutions,
      inspected: row.inspected,
      gridIds: row.grid_ids ?? [],
      createdBy: row.created_by,
    }
  })
}

export interface CampaignDetail extends CampaignSummary {
  grids: { gridId: number; gridName: string; zoneName: string | null; institutions: number; inspected: number }[]
  institutionsList: {
    id: number
    name: string
    type: InstitutionType
    gridId: number
    position: [number, number]
    inspectedAt: string | null
  }[]
  problems: {
    ledgerItemId: number
    institutionId: number
    institutionName: string
    gridName: string | null
    category: string
    problem: string
    status: string
    deadlineAt: string
    overdue: boolean
  }[]
}

export async function campaignDetail(
  database: Database,
  user: SessionUser,
  id: number,
  now: Date,
): Promise<CampaignDetail> {
  const [summary] = await campaignsOf(database, user, now, id)
  if (!summary) throw failures.notFound(`Campaign ${id} does not exist.`)
  const scope = institutionScopeCondition(user)
  const [institutions, problems] = await Promise.all([
    database.rows<{
      id: number
      name: string
      type: InstitutionType
      grid_id: number
      grid_name: string
      zone_name: string | null
      lon: number
      lat: number
      inspected_at: Date | string | null
    }>(sql`
      SELECT i.id, i.name, i.type, i.grid_id, g.name AS grid_name, z.name AS zone_name, ST_X(i.position) AS lon, ST_Y(i.position) AS lat,
        (SELECT min(v.arrived_at) FROM inspections v WHERE v.campaign_id = c.id AND v.institution_id = i.id) AS inspected_at
      FROM campaigns c JOIN institutions i ON true JOIN areas g ON g.id = i.grid_id LEFT JOIN areas z ON z.id = g.parent_id
      WHERE c.id = ${id} AND i.status = 'active' AND ${inArea} AND ${scope}
      ORDER BY z.sort_order, g.sort_order, i.id`),
    database.rows<{
      id: number
      institution_id: number
      institution_name: string
      grid_name: string | null
      category: string
      problem: string
      status: string
      deadline_at: Date | string
      closed_at: Date | string | null
    }>(sql`
      SELECT l.id, l.institution_id, i.name AS institution_name, g.name AS grid_name, l.category, l.problem, l.status, l.deadline_at, l.closed_at
      FROM ledger_items l JOIN inspections v ON v.id = l.inspection_id JOIN institutions i ON i.id = l.institution_id LEFT JOIN areas g ON g.id = i.grid_id
      WHERE v.campaign_id = ${id} AND ${scope}
      ORDER BY (l.status = 'closed'), l.deadline_at, l.id`),
  ])
  const grids = new Map<number, CampaignDetail['grids'][number]>()
  for (const row of institutions) {
    const grid = grids.get(row.grid_id) ?? {
      gridId: row.grid_id,
      gridName: row.grid_name,
      zoneName: row.zone_name,
      institutions: 0,
      inspected: 0,
    }
    grid.institutions += 1
    if (row.inspected_at !== null) grid.inspected += 1
    grids.set(row.grid_id, grid)
  }
  return {
    ...summary,
    grids: [...grids.values()],
    institutionsList: institutions.map((row) => ({
      id: row.id,
      name: row.name,
      type: row.type,
      gridId: row.grid_id,
      position: [row.lon, row.lat],
      inspectedAt: row.inspected_at === null ? null : new Date(row.inspected_at).toISOString(),
    })),
    problems: problems.map((row) => ({
      ledgerItemId: row.id,
      institutionId: row.institution_id,
      institutionName: row.institution_name,
      gridName: row.grid_name,
      category: row.category,
      problem: row.problem,
      status: row.status,
      deadlineAt: new Date(row.deadline_at).toISOString(),
      overdue: row.status !== 'closed' && new Date(row.deadline_at).getTime() < now.getTime(),
    })),
  }
}

export interface CampaignInput {
  name: string
  areaId: number | null
  startsOn: string
  endsOn: string
  categories: string[]
}

export async function createCampaign(
  database: Database,
  write: WritePath,
  user: SessionUser,
  input: CampaignInput,
  now: Date,
): Promise<CampaignSummary> {
  authorise(user, { kind: 'campaign.manage' }, 'Starting a campaign')
  if (user.scopeKind !== 'district') throw failures.forbidden('A campaign is started from a county-wide account.')
  const refusal = campaignDefinitionRefusal(input)
  if (refusal) throw failures.invalid(`The campaign cannot be started: ${refusal.message}.`, [refusal])
  if (input.areaId !== null) {
    const [area] = await database.rows<{ level: string }>(sql`
      SELECT level FROM areas WHERE id = ${input.areaId} AND level IN ('zone', 'grid') AND starts_with(county_code, ${user.countyCode}) AND boundary_version_id IN ${publishedBoundaryVersionIds}`)
    if (!area)
      throw failures.invalid(`Area ${input.areaId} is not a zone or grid in force in your county.`, [
        { path: 'areaId', message: 'not a zone or grid in force' },
      ])
  }
  const id = await write(async (transaction, record) => {
    const [row] = await transaction
      .insert(schema.campaigns)
      .values({
        countyCode: user.countyCode,
        name: input.name,
        areaId: input.areaId,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        categories: input.categories,
        createdBy: user.id,
        createdAt: now,
      })
      .returning({ id: schema.campaigns.id })
    await record.audit({ action: 'create', entity: 'campaign', entityId: row!.id, after: input, changes: [] })
    return row!.id
  })
  return (await campaignsOf(database, user, now, id))[0]!
}

/** Refuses (422) an inspection that cannot count for the campaign it names; reads with the write's executor. */
export async function checkCampaignInspection(
  database: Database,
  campaignId: number,
  institution: { id: number; countyCode: string; type: InstitutionType },
  inspection: { arrivedAt: Date; checklist: readonly { category: string; result: string }[] },
  executor?: Executor,
): Promise<void> {
  const [row] = await database.rows<{ starts_on: string; ends_on: string; categories: string[]; in_area: boolean }>(
    sql`
    SELECT c.starts_on::text AS starts_on, c.ends_on::text AS ends_on, c.categories,
      EXISTS (SELECT 1 FROM institutions i JOIN areas g ON g.id = i.grid_id WHERE i.id = ${institution.id} AND ${inArea}) AS in_area
    FROM campaigns c WHERE c.id = ${campaignId} AND starts_with(${institution.countyCode}, c.county_code)`,
    executor,
  )
  if (!row)
    throw failures.invalid(`Campaign ${campaignId} does not exist in this institution's county.`, [
      { path: 'campaignId', message: 'unknown campaign' },
    ])
  const refusal = campaignInspectionRefusal(
    { startsOn: dateText(row.starts_on), endsOn: dateText(row.ends_on), categories: row.categories },
    {
      arrivedOn: bureauDate(inspection.arrivedAt),
      inArea: row.in_area,
      type: institution.type,
      checked: inspection.checklist.filter((entry) => entry.result !== 'not-applicable').map((entry) => entry.category),
    },
  )
  if (refusal)
    throw failures.rejected(
      'campaign-inspection-refused',
      'Not an inspection for this campaign',
      `The inspection cannot count for the campaign: ${refusal}.`,
      [{ path: 'campaignId', message: refusal }],
    )
}
