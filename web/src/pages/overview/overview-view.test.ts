import { describe, expect, test } from 'vitest'
import { defaultView, queryFromView, viewFromQuery, type OverviewView } from './overview-view.ts'

describe('overview view in the URL', () => {
  test('a full view survives the round trip', () => {
    const view: OverviewView = {
      theme: 'ledger',
      zoneId: 3,
      gridId: 12,
      types: ['village_clinic', 'pharmacy'],
      hiddenClasses: ['none'],
      selection: { kind: 'institution', id: 345 },
      camera: [115.58123, 35.07456, 11.5],
    }
    expect(viewFromQuery(queryFromView(view))).toEqual(view)
  })

  test('the default view is an empty query', () => {
    expect(queryFromView(defaultView)).toEqual({})
    expect(viewFromQuery({})).toEqual(defaultView)
  })

  test.each([
    ['unknown theme', { theme: 'weather' }],
    ['negative zone', { zone: '-3' }],
    ['grid not a number', { grid: 'abc' }],
    ['unknown type', { types: 'spaceship' }],
    ['bad selection', { select: 'institution:x' }],
    ['camera out of range', { at: '200,35,10' }],
    ['camera incomplete', { at: '115,35' }],
  ])('%s falls back to the default', (_, query) => {
    expect(viewFromQuery(query)).toEqual(defaultView)
  })
})
