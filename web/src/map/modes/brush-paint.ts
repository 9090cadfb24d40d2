// Painting with a brush: while the mode is on, pressing and dragging over a layer collects every
// feature under a round brush; each newly touched feature is reported as it is touched (for
// instant feedback), and the whole stroke once on release (one edit, one undo step). Map panning
// is off while the mode is on; the wheel still zooms. `stop()` ends the mode.
import type { Map as MapLibreMap, MapMouseEvent, PointLike } from 'maplibre-gl'

export interface BrushPainting {
  stop(): void
}

export function paintWithBrush(
  map: MapLibreMap,
  layerId: string,
  handlers: { onTouch: (ids: number[]) => void; onStroke: (ids: number[]) => void },
  radiusPixels = 10,
): BrushPainting {
  let stroke: Set<number> | null = null
  const touch = (event: MapMouseEvent) => {
    if (!stroke) return
    const { x, y } = event.point
    const box: [PointLike, PointLike] = [
      [x - radiusPixels, y - radiusPixels],
      [x + radiusPixels, y + radiusPixels],
    ]
    const fresh: number[] = []
    for (const feature of map.queryRenderedFeatures(box, { layers: [layerId] })) {
      const id = feature.id
      if (typeof id !== 'number' || stroke.has(id)) continue
      stroke.add(id)
      fresh.push(id)
    }
    if (fresh.length > 0) handlers.onTouch(fresh)
  }
  const onDown = (event: MapMouseEvent) => {
    event.preventDefault()
    stroke = new Set()
    touch(event)
  }
  const onUp = () => {
    if (!stroke) return
    const ids = [...stroke]
    stroke = null
    if (ids.length > 0) handlers.onStroke(ids)
  }
  map.dragPan.disable()
  map.getCanvas().style.cursor = 'cell'
  map.on('mousedown', onDown)
  map.on('mousemove', touch)
  map.on('mouseup', onUp)
  window.addEventListener('mouseup', onUp)
  return {
    stop() {
      map.off('mousedown', onDown)
      map.off('mousemove', touch)
      map.off('mouseup', onUp)
      window.removeEventListener('mouseup', onUp)
      map.dragPan.enable()
      map.getCanvas().style.cursor = ''
    },
  }
}
