// The monthly report's figures on the province-sized set: one grid, and every grid of the province
// at once (the bureau's overview of who reported); the cross-check results, a county's circular and
// a county-wide campaign's progress. Median of a few runs each.
import { sql } from 'drizzle-orm'
import { schema, type Database } from '@gridwatch/db'
import { gridsInScope, monthlyFigures, periodFigures } from '@gridwatch/api/reports/monthly-report-queries.ts'
import { crossCheckResults } from '@gridwatch/api/cross-checks/cross-check-results.ts'
import { campaignDetail } from '@gridwatch/api/campaigns/campaign-queries.ts'
import type { SessionUser } from '@gridwatch/api/auth/session-user.ts'
import { circularContent, defaultCircularThresholds } from '@gridwatch/domain/circulars.ts'
import { assessmentScore, defaultAssessmentWeights, ranking } from '@gridwatch/domain/assessment.ts'
import { percentile, report } from './bench-support.ts'

export async function monthlyReportFigures(database: Database, runtime: 'pglite' | 'postgres', month = '2026-11') {
  const grids = await database.rows<{ id: number; countyCode: string }>(sql`
    SELECT g.id, g.county_code AS "countyCode" FROM areas g
    WHERE g.level = 'grid' AND g.boundary_version_id IN (SELECT DISTINCT ON (county_code) id FROM boundary_versions WHERE status = 'published' ORDER BY county_code, published_at DESC, id DESC)`)
  const [institutions] = await database.rows<{ count: number }>(sql`SELECT count(*)::int AS count FROM institutions`)
  const time = async (subset: typeof grids, runs: number) => {
    const timings: number[] = []
    for (let run = 0; run < runs; run++) {
      const started = performance.now()
      await monthlyFigures(database, subset, month)
      timings.push(performance.now() - started)
    }
    return timings
  }
  const one = await time(grids.slice(0, 1), 5)
  report('monthly report figures, one grid of the province set, median of 5', percentile(one, 50), 'ms', {
    runtime,
    max: Math.round(Math.max(...one)),
  })
  const all = await time(grids, 3)
  report('monthly report figures, every grid of the province set at once, median of 3', percentile(all, 50), 'ms', {
    runtime,
    grids: grids.length,
    institutions: institutions!.count,
    max: Math.round(Math.max(...all)),
  })
  // The annual assessment: the year's figures of every grid, scored and ranked.
  const yearly: number[] = []
  for (let run = 0; run < 3; run++) {
    const started = performance.now()
    const figures = await periodFigures(database, grids, {
      start: new Date('2026-01-01T00:00:00+08:00'),
      end: new Date('2026-12-01T00:00:00+08:00'),
    })
    ranking(
      grids.map((grid) => ({ gridId: grid.id, ...assessmentScore(figures.get(grid.id)!, defaultAssessmentWeights) })),
    )
    yearly.push(performance.now() - started)
  }
  report('annual assessment, every grid of the province set, median of 3', percentile(yearly, 50), 'ms', {
    runtime,
    grids: grids.length,
    max: Math.round(Math.max(...yearly)),
  })
}

/** Cross-check results, a county's circular and a county-wide campaign's progress, on the province set. */
export async function oversightFigures(database: Database, runtime: 'pglite' | 'postgres', month = '2026-11') {
  const [supervisor] = await database.rows<{ id: number }>(
    sql`SELECT id FROM users WHERE username = 'province-supervisor'`,
  )
  const [county] = await database.rows<{ county_code: string }>(
    sql`SELECT min(county_code) AS county_code FROM areas WHERE level = 'grid'`,
  )
  const reader = (countyCode: string): SessionUser => ({
    id: supervisor!.id,
    username: 'province-supervisor',
    displayName: '省督导（基准）',
    countyCode,
    role: 'supervisor',
    scopeKind: 'district',
    scopeAreaId: null,
    staffId: null,
    assignedInstitutionIds: new Set(),
    clueHandler: false,
  })
  const timed = async (runs: number, work: () => Promise<unknown>) => {
    const timings: number[] = []
    for (let run = 0; run < runs; run++) {
      const started = performance.now()
      await work()
      timings.push(performance.now() - started)
    }
    return timings
  }
  const province = reader(county!.county_code.slice(0, 2))
  let grids = 0
  const results = await timed(3, async () => (grids = (await crossCheckResults(database, province, month)).length))
  report('cross-check results, every grid of the province set, median of 3', percentile(results, 50), 'ms', {
    runtime,
    grids,
    max: Math.round(Math.max(...results)),
  })

  // A circular's draft for one county: its grids' figures sorted against the thresholds (not written).
  const local = reader(county!.county_code)
  const circular = await timed(5, async () => {
    const own = await gridsInScope(database, local)
    const figures = await monthlyFigures(
      database,
      own.map((grid) => ({ id: grid.id, countyCode: grid.county_code })),
      month,
    )
    circularContent(
      own.map((grid) => ({
        gridId: grid.id,
        gridName: grid.name,
        zoneName: grid.zone_name,
        figures: figures.get(grid.id)!,
      })),
      defaultCircularThresholds,
    )
  })
  report(`circular draft of one county (${county!.county_code}), median of 5`, percentile(circular, 50), 'ms', {
    runtime,
    max: Math.round(Math.max(...circular)),
  })

  // A campaign over the whole county: its progress per grid, institutions and problems.
  await database.write(async (transaction) => {
    const [existing] = await database.rows<{ id: number }>(
      sql`SELECT id FROM campaigns WHERE name = '基准拉网式检查' AND county_code = ${county!.county_code}`,
      transaction,
    )
    if (!existing)
      await transaction.insert(schema.campaigns).values({
        countyCode: county!.county_code,
        name: '基准拉网式检查',
        areaId: null,
        startsOn: `${month}-01`,
        endsOn: `${month}-28`,
        categories: ['挂床住院'],
        createdBy: supervisor!.id,
        createdAt: new Date(),
      })
  })
  const [campaign] = await database.rows<{ id: number }>(
    sql`SELECT id FROM campaigns WHERE name = '基准拉网式检查' AND county_code = ${county!.county_code}`,
  )
  let institutions = 0
  const progress = await timed(
    5,
    async () => (institutions = (await campaignDetail(database, local, campaign!.id, new Date())).institutions),
  )
  report('campaign progress over one whole county, median of 5', percentile(progress, 50), 'ms', {
    runtime,
    institutions,
    max: Math.round(Math.max(...progress)),
  })
}
