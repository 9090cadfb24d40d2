// Drawing an area freehand: press, drag round the area, release; the path is closed and handed
// to the caller as a ring. Map panning is off while the mode waits, so the drag draws instead of
// moving the map; Escape cancels. Points closer than a few pixels to the last one are skipped, so
// a slow hand does not produce thousands of corners.
import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl'
import { drawingSource, type PolygonDrawing } from './polygon-draw.ts'

const minimumStepPixels = 4

export function drawFreehand(map: MapLibreMap, onDone: (ring: [number, number][]) => void, color = '#0f172a'): PolygonDrawing {
  const path: [number, number][] = []
  let last: { x: number; y: number } | null = null
  let pressed = false
  const source = drawingSource(map, color)
  const redraw = () =>
    source.setData({
      type: 'FeatureCollection',
      features: path.length >= 3 ? [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[...path, path[0]!]] } }] : [],
    })
  const onDown = (event: MapMouseEvent) => {
    event.preventDefault()
    pressed = true
    path.length = 0
    last = event.point
    path.push([event.lngLat.lng, event.lngLat.lat])
  }
  const onMove = (event: MapMouseEvent) => {
    if (!pressed || !last || Math.hypot(event.point.x - last.x, event.point.y - last.y) < minimumStepPixels) return
    last = event.point
    path.push([event.lngLat.lng, event.lngLat.lat])
    redraw()
  }
  const onUp = () => {
    if (!pressed) return
    pressed = false
    const ring = path.length >= 3 ? [...path, path[0]!] : null
    stop()
    if (ring) onDone(ring)
  }
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') stop()
  }
  const stop = () => {
    map.off('mousedown', onDown)
    map.off('mousemove', onMove)
    map.off('mouseup', onUp)
    window.removeEventListener('keydown', onKey)
    map.dragPan.enable()
    map.getCanvas().style.cursor = ''
    source.setData({ type: 'FeatureCollection', features: [] })
  }
  map.dragPan.disable()
  map.getCanvas().style.cursor = 'crosshair'
  map.on('mousedown', onDown)
  map.on('mousemove', onMove)
  map.on('mouseup', onUp)
  window.addEventListener('keydown', onKey)
  return { cancel: stop }
}
