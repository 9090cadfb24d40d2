// The planner's edit state: units move whole, a unit is never in two grids, undo and redo walk
// the history, and grids an edit does not touch stay the same objects (so their metrics are reused).
import { describe, expect, test } from 'vitest'
import { PlanEditor } from './plan-editor.ts'

const start = () =>
  new PlanEditor([
    { key: 'a', gridId: 1, name: '甲', zoneId: 1, villageIds: [1, 2, 3] },
    { key: 'b', gridId: 2, name: '乙', zoneId: 1, villageIds: [4, 5] },
    { key: 'c', gridId: 3, name: '丙', zoneId: 2, villageIds: [6] },
  ])

const units = (editor: PlanEditor) => editor.grids.flatMap((grid) => grid.villageIds).sort((x, y) => x - y)

describe('PlanEditor', () => {
  test('moving units: from wherever they are into the target, once; untouched grids keep their identity', () => {
    const editor = start()
    const untouched = editor.grids[2]
    expect(editor.moveVillages([3, 4], 'a')).toBe(true)
    expect(editor.grids.map((grid) => grid.villageIds)).toEqual([[1, 2, 3, 4], [5], [6]])
    expect(editor.grids[2]).toBe(untouched)
    expect(editor.moveVillages([1, 2], 'a')).toBe(false)
    expect(editor.gridOfVillage(4)!.key).toBe('a')
    expect(units(editor)).toEqual([1, 2, 3, 4, 5, 6])
  })

  test('undo and redo walk the history; a new edit clears what could be redone', () => {
    const editor = start()
    editor.moveVillages([6], 'b')
    editor.rename('b', '乙二')
    expect(editor.undo()).toBe(true)
    expect(editor.grids[1]!.name).toBe('乙')
    expect(editor.undo()).toBe(true)
    expect(editor.gridOfVillage(6)!.key).toBe('c')
    expect(editor.undo()).toBe(false)
    expect(editor.redo()).toBe(true)
    expect(editor.gridOfVillage(6)!.key).toBe('b')
    editor.setZone('a', 2)
    expect(editor.canRedo).toBe(false)
  })

  test('a new grid takes its units from the others; merging drops the emptied grid; only empty grids are removed', () => {
    const editor = start()
    const key = editor.addGrid('新网格', 1, [2, 5])
    expect(editor.grids.find((grid) => grid.key === key)!.villageIds).toEqual([2, 5])
    expect(units(editor)).toEqual([1, 2, 3, 4, 5, 6])
    expect(editor.merge('a', 'c')).toBe(true)
    expect(editor.grids.map((grid) => grid.key)).toEqual(['a', 'b', key])
    expect(editor.removeEmpty('b')).toBe(false)
    editor.moveVillages([4], 'a')
    expect(editor.removeEmpty('b')).toBe(true)
    expect(units(editor)).toEqual([1, 2, 3, 4, 5, 6])
  })
})
