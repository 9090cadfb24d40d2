// The impact preview of a boundary draft: who changes grid, which assignments it touches.
import { describe, expect, test } from 'vitest'
import { institutionMoves, reassignments, staffImpacts } from './boundary-impact.ts'
import type { DraftGrid } from './draft-grid.ts'

const grids: DraftGrid[] = [
  { key: 'g1', gridId: 1, name: '甲', zoneId: 10, villageIds: [100, 101, 102] },
  { key: 'g2', gridId: 2, name: '乙', zoneId: 10, villageIds: [] },
  { key: 'n1', gridId: null, name: '新', zoneId: 10, villageIds: [103] },
]
const institutions = [
  { id: 1, name: '留', villageId: 100, gridId: 1 },
  { id: 2, name: '迁入甲', villageId: 101, gridId: 2 },
  { id: 3, name: '迁入新', villageId: 103, gridId: 1 },
  { id: 4, name: '无村', villageId: null, gridId: 2 },
  { id: 5, name: '村无网格', villageId: 999, gridId: 1 },
]

describe('institutionMoves', () => {
  test('every institution whose village lands in another grid, or in none', () => {
    expect(institutionMoves(grids, institutions)).toEqual([
      { id: 2, name: '迁入甲', fromGridId: 2, toGridKey: 'g1', toGridName: '甲' },
      { id: 3, name: '迁入新', fromGridId: 1, toGridKey: 'n1', toGridName: '新' },
      { id: 4, name: '无村', fromGridId: 2, toGridKey: null, toGridName: null },
      { id: 5, name: '村无网格', fromGridId: 1, toGridKey: null, toGridName: null },
    ])
  })
})

describe('staffImpacts', () => {
  test('an assignment to a grid left empty, and a member whose institution moves', () => {
    const moves = institutionMoves(grids, institutions)
    const assignments = [
      { staffId: 7, name: '张', level: 2, gridId: 2, institutionId: null },
      { staffId: 8, name: '李', level: 3, gridId: null, institutionId: 3 },
      { staffId: 9, name: '王', level: 3, gridId: null, institutionId: 1 },
    ]
    expect(staffImpacts(grids, assignments, moves)).toEqual([
      { kind: 'grid-retired', position: 0, staff: '张', level: 2, gridId: 2 },
      { kind: 'institution-moves', position: 1, staff: '李', level: 3, move: moves[1] },
    ])
  })
})

describe('reassignments', () => {
  test('a moving institution goes to the least loaded member of its level in the new grid; none in a new grid', () => {
    const moves = institutionMoves(grids, institutions)
    const assignments = [
      // Grid 1 has two level-3 members: 赵 keeps two institutions, 钱 one.
      { staffId: 20, name: '赵', level: 3, gridId: 1, institutionId: 1 },
      { staffId: 20, name: '赵', level: 3, gridId: 1, institutionId: 50 },
      { staffId: 21, name: '钱', level: 3, gridId: 1, institutionId: 51 },
      // Institution 2 moves from grid 2 to grid 1; 3 moves to a new grid; 3's member leaves with it.
      { staffId: 30, name: '孙', level: 3, gridId: 2, institutionId: 2 },
      { staffId: 21, name: '钱', level: 3, gridId: 1, institutionId: 3 },
      { staffId: 40, name: '周', level: 2, gridId: 2, institutionId: 4 },
    ]
    expect(reassignments(grids, assignments, moves)).toEqual([
      {
        institutionId: 2,
        institutionName: '迁入甲',
        level: 3,
        fromStaffId: 30,
        fromStaff: '孙',
        toGridKey: 'g1',
        toStaffId: 21,
        toStaff: '钱',
      },
      {
        institutionId: 3,
        institutionName: '迁入新',
        level: 3,
        fromStaffId: 21,
        fromStaff: '钱',
        toGridKey: 'n1',
        toStaffId: null,
        toStaff: null,
      },
      {
        institutionId: 4,
        institutionName: '无村',
        level: 2,
        fromStaffId: 40,
        fromStaff: '周',
        toGridKey: null,
        toStaffId: null,
        toStaff: null,
      },
    ])
  })

  test('the load counts what the same publish already gave a member', () => {
    const many = [
      { id: 60, name: '甲一', villageId: 101, gridId: 2 },
      { id: 61, name: '甲二', villageId: 101, gridId: 2 },
    ]
    const moves = institutionMoves(grids, many)
    const assignments = [
      { staffId: 20, name: '赵', level: 3, gridId: 1, institutionId: 1 },
      { staffId: 21, name: '钱', level: 3, gridId: 1, institutionId: 51 },
      { staffId: 30, name: '孙', level: 3, gridId: 2, institutionId: 60 },
      { staffId: 30, name: '孙', level: 3, gridId: 2, institutionId: 61 },
    ]
    expect(reassignments(grids, assignments, moves).map((row) => row.toStaff)).toEqual(['赵', '钱'])
  })
})
