// The monthly report's figures on the province-sized set: one grid, and every grid of the province
// at once (the bureau's overview of who reported). Median of a few runs each.
import { sql } from 'drizzle-orm'
import type { Database } from '@gridwatch/db'
import { monthlyFigures, periodFigures } from '@gridwatch/api/reports/monthly-report-queries.ts'
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
  report('monthly report figures, one grid of the province set, median of 5', percentile(one, 50), 'ms', { runtime, max: Math.round(Math.max(...one)) })
  const all = await time(grids, 3)
  report('monthly report figures, every grid of the province set at once, median of 3', percentile(all, 50), 'ms', { runtime, grids: grids.length, institutions: institutions!.count, max: Math.round(Math.max(...all)) })
  // The annual assessment: the year's figures of every grid, scored and ranked.
  const yearly: number[] = []
  for (let run = 0; run < 3; run++) {
    const started = performance.now()
    const figures = await periodFigures(database, grids, { start: new Date('2026-01-01T00:00:00+08:00'), end: new Date('2026-12-01T00:00:00+08:00') })
    ranking(grids.map((grid) => ({ gridId: grid.id, ...assessmentScore(figures.get(grid.id)!, defaultAssessmentWeights) })))
    yearly.push(performance.now() - started)
  }
  report('annual assessment, every grid of the province set, median of 3', percentile(yearly, 50), 'ms', { runtime, grids: grids.length, max: Math.round(Math.max(...yearly)) })
}
