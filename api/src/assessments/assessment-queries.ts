// The annual assessment (年考核) of the caller's grids: the year's figures of every grid in one
// pass (the same grouped queries as the monthly report, over the year up to today), scored with
// the county's weights for that year, ranked; and the result as a workbook.
import { sql } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import type { Database } from '@gridwatch/db'
import { assessmentIndicators, assessmentScore, defaultAssessmentWeights, ranking, type AssessmentLine, type AssessmentWeights } from '@gridwatch/domain/assessment.ts'
import type { MonthlyFigures } from '@gridwatch/domain/monthly-report.ts'
import type { SessionUser } from '../auth/session-user.ts'
import { publishedBoundaryVersionIds } from '../boundaries/published-version.ts'
import { countyFieldSettings } from '../settings/field-settings.ts'
import { periodFigures } from '../reports/monthly-report-queries.ts'

export interface GridAssessment {
  gridId: number
  gridName: string
  zoneName: string | null
  rank: number
  score: number
  breakdown: AssessmentLine[]
  figures: MonthlyFigures
}

export interface Assessment {
  year: number
  /** The period assessed: the year, or up to today while it runs. */
  from: string
  to: string
  weights: AssessmentWeights
  grids: GridAssessment[]
}

export async function assessment(database: Database, user: SessionUser, year: number, now: Date): Promise<Assessment> {
  const start = new Date(`${year}-01-01T00:00:00+08:00`)
  const yearEnd = new Date(`${year + 1}-01-01T00:00:00+08:00`)
  const end = now < yearEnd ? now : yearEnd
  const scope =
    user.scopeKind === 'zone'
      ? sql`AND g.parent_id = ${user.scopeAreaId}`
      : user.scopeKind === 'grid'
        ? sql`AND g.id = ${user.scopeAreaId}`
        : user.scopeKind === 'own_institutions'
          ? sql`AND false`
          : sql`AND starts_with(g.county_code, ${user.countyCode})`
  const [grids, settings] = await Promise.all([
    database.rows<{ id: number; county_code: string; name: string; zone_name: string | null }>(sql`
      SELECT g.id, g.county_code, g.name, z.name AS zone_name FROM areas g LEFT JOIN areas z ON z.id = g.parent_id
      WHERE g.level = 'grid' AND g.boundary_version_id IN ${publishedBoundaryVersionIds} ${scope} ORDER BY g.id`),
    countyFieldSettings(database, user.countyCode),
  ])
  const weights = settings.assessmentWeights[String(year)] ?? defaultAssessmentWeights
  const figures = end > start ? await periodFigures(database, grids.map((grid) => ({ id: grid.id, countyCode: grid.county_code })), { start, end }) : new Map<number, MonthlyFigures>()
  const scored = grids
    .filter((grid) => figures.has(grid.id))
    .map((grid) => {
      const own = figures.get(grid.id)!
      const { score, breakdown } = assessmentScore(own, weights)
      return { gridId: grid.id, gridName: grid.name, zoneName: grid.zone_name, score, breakdown, figures: own }
    })
  const local = (date: Date) => new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
  return { year, from: local(start), to: local(new Date(end.getTime() - 1)), weights, grids: ranking(scored) }
}

const indicatorLabels: Record<(typeof assessmentIndicators)[number], string> = {
  coverage: '巡查覆盖率',
  verifiedShare: '巡查核验率',
  onTimeClosure: '问题按期销号率',
  riskResponse: '舆情响应',
  clueHandling: '线索办结率',
  crossCheck: '交叉互查得分',
}

export async function assessmentWorkbook(result: Assessment): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('年度考核')
  sheet.addRow([`${result.year}年度 医保网格化监管 网格考核（${result.from} 至 ${result.to}）`]).font = { bold: true, size: 14 }
  sheet.addRow(['指标权重', ...assessmentIndicators.map((indicator) => `${indicatorLabels[indicator]} ${result.weights[indicator]}`)])
  sheet.addRow([])
  const header = sheet.addRow(['排名', '网格', '片区', '总分', ...assessmentIndicators.map((indicator) => `${indicatorLabels[indicator]}（得分）`)])
  header.font = { bold: true }
  for (const grid of result.grids)
    sheet.addRow([
      grid.rank,
      grid.gridName,
      grid.zoneName ?? '',
      grid.score,
      ...grid.breakdown.map((line) => (line.value === null ? '—' : `${(line.value * 100).toFixed(1)}%（${line.points}）`)),
    ])
  sheet.columns.forEach((column, index) => (column.width = [6, 14, 12, 8][index] ?? 20))
  sheet.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '4:4' }
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}
