// Double random draws: reproducible from the revealed seed, committed by its hash, weighted as
// asked, never giving an inspector their own grid or institutions.
import crypto from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { riskWeight, type DrawInputs } from '@gridwatch/domain/draw.ts'
import { draw, drawCommitment, drawNumber, newDrawSeed } from './draw-seed.ts'

function inputs(overrides: Partial<DrawInputs> = {}): DrawInputs {
  return {
    institutions: Array.from({ length: 60 }, (_, index) => ({ id: 1000 + index, gridId: 10 + (index % 6), weight: 1 })),
    inspectors: Array.from({ length: 12 }, (_, index) => ({
      staffId: 500 + index,
      gridIds: [10 + (index % 6)],
      institutionIds: [],
    })),
    institutionCount: 8,
    inspectorCount: 3,
    ...overrides,
  }
}

describe('draw', () => {
  test('the same inputs and seed give the same result; another seed another result', () => {
    const seed = 'a'.repeat(64)
    const first = draw(inputs(), seed)
    expect(draw(inputs(), seed)).toEqual(first)
    expect(first.institutionIds).toHaveLength(8)
    expect(new Set(first.institutionIds).size).toBe(8)
    expect(draw(inputs(), 'b'.repeat(64)).institutionIds).not.toEqual(first.institutionIds)
  })

  test('the input order does not matter (inputs are sorted by id before drawing)', () => {
    const seed = newDrawSeed()
    const shuffled = inputs()
    shuffled.institutions.reverse()
    shuffled.inspectors.reverse()
    expect(draw(shuffled, seed)).toEqual(draw(inputs(), seed))
  })

  test('no inspector is drawn for a grid or institution of their own', () => {
    for (let round = 0; round < 30; round++) {
      const given = inputs({
        inspectors: [...inputs().inspectors, { staffId: 999, gridIds: [], institutionIds: [1003] }],
      })
      const result = draw(given, newDrawSeed())
      const drawnGrids = new Set(
        result.institutionIds.map((id) => given.institutions.find((institution) => institution.id === id)!.gridId),
      )
      for (const staffId of result.inspectorStaffIds) {
        const inspector = given.inspectors.find((candidate) => candidate.staffId === staffId)!
        expect(inspector.gridIds.some((gridId) => drawnGrids.has(gridId))).toBe(false)
        expect(inspector.institutionIds.some((id) => result.institutionIds.includes(id))).toBe(false)
      }
      expect(result.excludedStaffIds.every((staffId) => !result.inspectorStaffIds.includes(staffId))).toBe(true)
    }
  })

  test('weights tilt the draw towards risk', () => {
    const risky = new Set([1000, 1001, 1002, 1003, 1004, 1005])
    const weighted = inputs({
      institutions: inputs().institutions.map((institution) => ({
        ...institution,
        weight: risky.has(institution.id) ? 6 : 1,
      })),
    })
    let riskyDrawn = 0
    for (let round = 0; round < 200; round++)
      riskyDrawn += draw(weighted, `seed-${round}`).institutionIds.filter((id) => risky.has(id)).length
    // Uniform: 8 of 60 → 0.8 risky per draw; with weight 6 about 3.
    expect(riskyDrawn / 200).toBeGreaterThan(2)
  })

  test('the random numbers are SHA-256 of "seed:counter", checkable with any tool', () => {
    const digest = crypto.createHash('sha256').update('abc:7').digest()
    expect(drawNumber('abc', 7)).toBe((digest.readUInt32BE(0) * 2 ** 20 + (digest.readUInt32BE(4) >>> 12)) / 2 ** 52)
    expect(drawCommitment('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  })

  test('risk weights: overdue visit, overdue item and low credit each add', () => {
    expect(riskWeight({ daysSinceVisit: 3, overdueItems: 0, creditGrade: 'A', intervalDays: 7 })).toBe(1)
    expect(riskWeight({ daysSinceVisit: null, overdueItems: 1, creditGrade: 'D', intervalDays: 7 })).toBe(6)
  })
})
