// A boundary draft's rules without geometry: what changed, what is wrong, what a publish redraws.
import { describe, expect, test } from 'vitest'
import { changedGrids, draftRuleProblems, publishChanges, type DraftGrid } from './draft-grid.ts'

const grid = (
  key: string,
  gridId: number | null,
  name: string,
  zoneId: number | null,
  villageIds: number[],
): DraftGrid => ({ key, gridId, name, zoneId, villageIds })

describe('changedGrids', () => {
  test('names grids whose villages, name or zone differ, and grids on one side only', () => {
    const before = [grid('g1', 1, '甲', 10, [1, 2]), grid('g2', 2, '乙', 10, [3]), grid('g3', 3, '丙', 11, [4])]
    const after = [grid('g1', 1, '甲', 10, [1, 2]), grid('g2', 2, '乙', 11, [3]), grid('n1', null, '丁', 11, [4])]
    expect(changedGrids(before, after)).toEqual(['乙', '丁', '丙'])
  })
})

describe('draftRuleProblems', () => {
  test('a sound draft has none', () => {
    expect(draftRuleProblems([grid('g1', 1, '甲', 10, [1]), grid('g2', 2, '乙', 10, [2])], [1, 2])).toEqual([])
  })

  test('an unassigned village, an empty, zoneless or unnamed grid, a name used twice', () => {
    const problems = draftRuleProblems(
      [grid('g1', 1, '甲', 10, [1]), grid('g2', 2, '甲', null, []), grid('n1', null, '  ', 10, [2])],
      [1, 2, 3],
    )
    expect(problems).toEqual([
      { kind: 'village-unassigned', villageId: 3 },
      { kind: 'grid-empty', gridKey: 'g2', grid: '甲' },
      { kind: 'grid-without-zone', gridKey: 'g2', grid: '甲' },
      { kind: 'grid-unnamed', gridKey: 'n1', grid: '  ' },
      { kind: 'grid-name-twice', name: '甲', count: 2 },
    ])
  })
})

describe('publishChanges', () => {
  const inForce = new Map([
    [1, grid('g1', 1, '甲', 10, [1, 2])],
    [2, grid('g2', 2, '乙', 10, [3, 4])],
    [3, grid('g3', 3, '丙', 20, [5])],
    [4, grid('g4', 4, '丁', 30, [6])],
  ])

  test('nothing changed: nothing is redrawn', () => {
    expect(publishChanges(inForce, [...inForce.values()])).toEqual({
      reshapedKeys: new Set(),
      rezonedZoneIds: new Set(),
    })
  })

  test('a village moved between grids reshapes both and redraws their zone; a grid changing zone redraws both zones; a dropped grid redraws its zone', () => {
    const draft = [
      grid('g1', 1, '甲', 10, [1, 2, 3]),
      grid('g2', 2, '乙', 10, [4]),
      grid('g3', 3, '丙', 40, [5]),
      grid('n1', null, '新', 20, [6]),
    ]
    expect(publishChanges(inForce, draft)).toEqual({
      reshapedKeys: new Set(['g1', 'g2', 'n1']),
      rezonedZoneIds: new Set([10, 40, 20, 30]),
    })
  })

  test('villages listed in another order are no change', () => {
    expect(
      publishChanges(inForce, [grid('g1', 1, '甲', 10, [2, 1]), ...[...inForce.values()].slice(1)]).reshapedKeys,
    ).toEqual(new Set())
  })
})
