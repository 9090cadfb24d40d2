// Drawing an area on a map with Terra Draw (its MapLibre adapter): `polygon` adds a corner per
// click and closes on a click on the first or last corner (a double click ends it); `freehand`
// draws while the button is held and closes on release. The ring is handed to the caller and the
// drawing removed; Escape or `cancel()` ends it without a ring. One Terra Draw instance per map,
// idle (its static mode) between drawings, so the map's own clicks and drags work as before.
import { TerraDraw, TerraDrawFreehandMode, TerraDrawPolygonMode } from 'terra-draw'
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter'
import type { Map as MapLibreMap } from 'maplibre-gl'
import type { MapView } from '../map-view.ts'

export interface AreaDrawing {
  cancel(): void
}

const instances = new WeakMap<MapLibreMap, TerraDraw>()

/** One colour for a shape in progress on either map: dark enough over every grid fill. */
const colour = '#0f172a'

function terraDrawOf(view: MapView): TerraDraw {
  const map = view.map
  let draw = instances.get(map)
  if (!draw) {
    const styles = {
      fillColor: colour,
      fillOpacity: 0.12,
      outlineColor: colour,
      outlineWidth: 2,
      closingPointColor: colour,
      closingPointWidth: 5,
      closingPointOutlineColor: '#ffffff',
      closingPointOutlineWidth: 1,
    } as const
    draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map }),
      modes: [
        new TerraDrawPolygonMode({ styles, keyEvents: { cancel: null, finish: 'Enter' } }),
        new TerraDrawFreehandMode({
          styles,
          drawInteraction: 'click-drag',
          minDistance: 4,
          keyEvents: { cancel: null, finish: null },
        }),
      ],
    })
    draw.start()
    instances.set(map, draw)
    // Stopped before the map goes: once it is removed its sources are gone and Terra Draw's clean-up fails.
    view.beforeDestroy(() => {
      instances.delete(map)
      draw!.stop()
    })
  }
  return draw
}

export function drawArea(
  view: MapView,
  kind: 'polygon' | 'freehand',
  onDone: (ring: [number, number][]) => void,
): AreaDrawing {
  const draw = terraDrawOf(view)
  const onFinish = (id: string | number) => {
    const feature = draw.getSnapshotFeature(id)
    end()
    if (feature?.geometry.type === 'Polygon') onDone(feature.geometry.coordinates[0] as [number, number][])
  }
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') end()
  }
  function end() {
    draw.off('finish', onFinish)
    window.removeEventListener('keydown', onKey)
    draw.setMode('static')
    draw.clear()
  }
  draw.clear()
  draw.setMode(kind)
  draw.on('finish', onFinish)
  window.addEventListener('keydown', onKey)
  return { cancel: end }
}
