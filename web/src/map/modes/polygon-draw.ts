// Drawing an area on the map by clicks: each click adds a corner, a double click (or a click on
// the first corner) closes the polygon and hands its ring to the caller; Escape cancels. The
// shape in progress is drawn from its own small source. Used by the teams page to pick the
// institutions of a round by area (the server decides what lies inside).
import type { GeoJSONSource, Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl'
import type { Feature, FeatureCollection } from 'geojson'

export const drawSourceId = 'polygon-draw'

export interface PolygonDrawing {
  cancel(): void
}

/** The source (and its fill, dashed line and corner layers) a shape in progress is drawn from, added once. */
export function drawingSource(map: MapLibreMap, color: string): GeoJSONSource {
  if (!map.getSource(drawSourceId)) {
    map.addSource(drawSourceId, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } })
    map.addLayer({ id: 'polygon-draw-fill', type: 'fill', source: drawSourceId, filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': color, 'fill-opacity': 0.12 } })
    map.addLayer({ id: 'polygon-draw-line', type: 'line', source: drawSourceId, paint: { 'line-color': color, 'line-width': 2, 'line-dasharray': [2, 1] } })
    map.addLayer({ id: 'polygon-draw-corners', type: 'circle', source: drawSourceId, filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-radius': 4, 'circle-color': color } })
  }
  return map.getSource(drawSourceId) as GeoJSONSource
}

export function drawPolygon(map: MapLibreMap, onDone: (ring: [number, number][]) => void, color = '#2563eb'): PolygonDrawing {
  const corners: [number, number][] = []
  let pointer: [number, number] | null = null
  const source = drawingSource(map, color)
  const redraw = () => {
    const features: Feature[] = corners.map((corner) => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: corner } }))
    const path = pointer ? [...corners, pointer] : corners
    if (path.length >= 3) features.push({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[...path, path[0]!]] } })
    else if (path.length === 2) features.push({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: path } })
    source.setData({ type: 'FeatureCollection', features } satisfies FeatureCollection)
  }
  const finish = () => {
    stop()
    if (corners.length >= 3) onDone([...corners, corners[0]!])
  }
  const onClick = (event: MapMouseEvent) => {
    const at: [number, number] = [event.lngLat.lng, event.lngLat.lat]
    const first = corners[0]
    if (first && corners.length >= 3) {
      const a = map.project(first)
      if (Math.hypot(a.x - event.point.x, a.y - event.point.y) < 8) return finish()
    }
    corners.push(at)
    redraw()
  }
  const onMove = (event: MapMouseEvent) => {
    pointer = [event.lngLat.lng, event.lngLat.lat]
    redraw()
  }
  const onDoubleClick = (event: MapMouseEvent) => {
    event.preventDefault()
    finish()
  }
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') stop()
  }
  const stop = () => {
    map.off('click', onClick)
    map.off('mousemove', onMove)
    map.off('dblclick', onDoubleClick)
    window.removeEventListener('keydown', onKey)
    map.doubleClickZoom.enable()
    map.getCanvas().style.cursor = ''
    source.setData({ type: 'FeatureCollection', features: [] })
  }
  map.doubleClickZoom.disable()
  map.getCanvas().style.cursor = 'crosshair'
  map.on('click', onClick)
  map.on('mousemove', onMove)
  map.on('dblclick', onDoubleClick)
  window.addEventListener('keydown', onKey)
  return { cancel: stop }
}
