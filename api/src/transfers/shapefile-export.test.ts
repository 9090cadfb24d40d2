// The Shapefile writer's two duties beyond @mapbox/shp-write, read back from the bytes: rings in
// the Shapefile's orientation (outer clockwise, holes anticlockwise) whatever way the GeoJSON had
// them, and text in UTF-8 with a .cpg.
import JSZip from 'jszip'
import { describe, expect, test } from 'vitest'
import { zippedShapefile } from './shapefile-export.ts'

/** The rings of the first record of a polygon .shp, as [x, y] lists. */
function firstRecordRings(shp: Uint8Array): number[][][] {
  const view = new DataView(shp.buffer, shp.byteOffset, shp.byteLength)
  const record = 100 + 8
  expect(view.getInt32(record, true)).toBe(5) // Polygon
  const parts = view.getInt32(record + 36, true)
  const points = view.getInt32(record + 40, true)
  const starts = Array.from({ length: parts }, (_, index) => view.getInt32(record + 44 + index * 4, true))
  const first = record + 44 + parts * 4
  const point = (index: number) => [
    view.getFloat64(first + index * 16, true),
    view.getFloat64(first + index * 16 + 8, true),
  ]
  return starts.map((start, index) =>
    Array.from({ length: (starts[index + 1] ?? points) - start }, (_, offset) => point(start + offset)),
  )
}

const signedArea = (ring: number[][]) =>
  ring.slice(0, -1).reduce((sum, [x, y], index) => sum + x! * ring[index + 1]![1]! - ring[index + 1]![0]! * y!, 0)

describe('zipped Shapefile', () => {
  test('outer rings clockwise and holes anticlockwise, from GeoJSON wound either way', async () => {
    // RFC 7946 winding: outer anticlockwise, hole clockwise.
    const outer = [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
      [0, 0],
    ]
    const hole = [
      [2, 2],
      [2, 4],
      [4, 4],
      [4, 2],
      [2, 2],
    ]
    for (const rings of [
      [outer, hole],
      [[...outer].reverse(), [...hole].reverse()],
    ]) {
      const zip = await JSZip.loadAsync(
        await zippedShapefile('grids', 'polygon', [
          { geometry: { type: 'Polygon', coordinates: rings }, properties: { name: '天中街道' } },
        ]),
      )
      const [shell, inner] = firstRecordRings(await zip.file('grids.shp')!.async('uint8array'))
      expect(signedArea(shell!)).toBeLessThan(0)
      expect(signedArea(inner!)).toBeGreaterThan(0)
    }
  })

  test('text is stored as UTF-8 and the .cpg says so', async () => {
    const zip = await JSZip.loadAsync(
      await zippedShapefile('institutions', 'point', [
        {
          geometry: { type: 'Point', coordinates: [115.58, 35.08] },
          properties: { name: '定陶区滨河街道社区卫生服务中心', beds: 12 },
        },
      ]),
    )
    expect(await zip.file('institutions.cpg')!.async('string')).toBe('UTF-8')
    const dbf = Buffer.from(await zip.file('institutions.dbf')!.async('uint8array'))
    expect(dbf.includes(Buffer.from('定陶区滨河街道社区卫生服务中心', 'utf8'))).toBe(true)
  })
})
