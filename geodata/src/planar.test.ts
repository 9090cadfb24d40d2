import { describe, expect, test } from 'vitest'
import { roundMultiPolygon, type Position } from './planar.ts'

describe('roundMultiPolygon', () => {
  const square: Position[] = [
    [0, 0],
    [1, 0],
    [1, 1],
    [0, 1],
    [0, 0],
  ]

  test('keeps a clean ring and drops repeated vertices', () => {
    expect(
      roundMultiPolygon([
        [
          [
            [0, 0],
            [1, 0],
            [1, 0.00000001],
            [1, 1],
            [0, 1],
            [0, 0],
          ],
        ],
      ]),
    ).toEqual([[square]])
  })

  test('cuts off a spike that rounding collapsed, also across the seam', () => {
    expect(
      roundMultiPolygon([
        [
          [
            [0, 0],
            [1, 0],
            [1, 0.5],
            [1.2, 0.5],
            [1, 0.5],
            [1, 1],
            [0, 1],
            [0, 0],
          ],
        ],
      ]),
    ).toEqual([
      [
        [
          [0, 0],
          [1, 0],
          [1, 0.5],
          [1, 1],
          [0, 1],
          [0, 0],
        ],
      ],
    ])
    expect(
      roundMultiPolygon([
        [
          [
            [0, 0],
            [-0.5, 0],
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
            [0, 0],
          ],
        ],
      ]),
    ).toEqual([[square]])
  })

  test('drops rings and polygons left with fewer than three corners', () => {
    const sliver: Position[] = [
      [2, 2],
      [2.00000001, 2],
      [2, 2.00000001],
      [2, 2],
    ]
    expect(roundMultiPolygon([[square], [sliver]])).toEqual([[square]])
    expect(roundMultiPolygon([[square, sliver]])).toEqual([[square]])
  })
})
