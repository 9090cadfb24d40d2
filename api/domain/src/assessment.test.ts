import { describe, expect, test } from 'vitest'
import { assessmentScore, defaultAssessmentWeights, indicatorValues, ranking, weightsProblem } from './assessment.ts'
import type { MonthlyFigures } from './monthly-report.ts'

const figures: MonthlyFigures = {
  institutions: 40,
  inspections: 400,
  verifiedInspections: 360,
  verifiedShare: 0.9,
  coveredWithinInterval: 36,
  coverageShare: 0.9,
  ledgerOpened: 12,
  ledgerClosed: 10,
  ledgerClosedOnTime: 8,
  ledgerOverdue: 0,
  riskReports: 2,
  riskMedianAcknowledgeMinutes: 60,
  riskTimedOutHops: 0,
  cluesReceived: 3,
  cluesConcluded: 3,
  cluesOverdue: 0,
  crossChecks: 4,
  crossCheckScore: 0.75,
}

describe('annual assessment', () => {
  test('indicator values from the figures', () => {
    expect(indicatorValues(figures)).toEqual({
      coverage: 0.9,
      verifiedShare: 0.9,
      onTimeClosure: 0.8,
      riskResponse: 0.5,
      clueHandling: 1,
      crossCheck: 0.75,
    })
  })
  test('weighted into a score out of 100 with its breakdown; an indicator with nothing to measure shares its weight out', () => {
    const { score, breakdown } = assessmentScore(figures, defaultAssessmentWeights)
    // 0.9·25 + 0.9·20 + 0.8·20 + 0.5·10 + 1·10 + 0.75·15 = 82.75
    expect(score).toBe(82.8)
    expect(breakdown.find((line) => line.indicator === 'riskResponse')).toEqual({
      indicator: 'riskResponse',
      value: 0.5,
      weight: 10,
      points: 5,
    })
    const quiet = assessmentScore({ ...figures, riskMedianAcknowledgeMinutes: null }, defaultAssessmentWeights)
    // The other 90 weight points scaled to 100: 77.75 / 90 · 100 = 86.4
    expect(quiet.score).toBe(86.4)
  })
  test('ranking shares ranks on equal scores; weights must add to 100', () => {
    expect(ranking([{ score: 80 }, { score: 90 }, { score: 80 }, { score: 70 }]).map((row) => row.rank)).toEqual([
      1, 2, 2, 4,
    ])
    expect(weightsProblem(defaultAssessmentWeights)).toBeNull()
    expect(weightsProblem({ ...defaultAssessmentWeights, coverage: 30 })).toBe('the weights add up to 105, not 100')
  })
})
