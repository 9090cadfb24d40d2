// The planner's map: villages filled with their grid's colour (feature state, so an edit
// repaints without re-tiling), the grids' dissolved outlines as PostGIS last saved them, the
// institutions, and highlights for the selected grid, problems and institutions that would change
// grid. Clicks on villages go to the page (paint); the lasso is the shared polygon drawing mode.
import bbox from '@turf/bbox'
import type { GeoJSONSource, MapMouseEvent } from 'maplibre-gl'
import type { FeatureCollection } from 'geojson'
import { MapView } from './map-view.ts'
import { areaColors } from './palette.ts'
import {
  addPlaceImages,
  placeFeatureCollection,
  placeLayers,
  placesSourceId,
  type Place,
} from './layers/places-layer.ts'
import { drawArea, type AreaDrawing } from './modes/draw-area.ts'
import { paintWithBrush, type BrushPainting } from './modes/brush-paint.ts'
import { exposeForTests, withdrawForTests } from './test-hooks.ts'

const villagesSource = 'planner-villages'
const shapesSource = 'planner-shapes'
const institutionsSource = 'planner-institutions'
const markersSource = 'planner-markers'
const publishedSource = 'planner-published'

/** Distinct, print-safe fills for up to 20 grids, then repeated. */
export const gridPalette = [
  '#60a5fa',
  '#f59e0b',
  '#34d399',
  '#f472b6',
  '#a78bfa',
  '#fb7185',
  '#2dd4bf',
  '#facc15',
  '#818cf8',
  '#4ade80',
  '#fb923c',
  '#38bdf8',
  '#c084fc',
  '#a3e635',
  '#f87171',
  '#22d3ee',
  '#e879f9',
  '#fbbf24',
  '#94a3b8',
  '#86efac',
]

export class PlannerMap extends MapView {
  #gridPlaces: Place[] = []
  #villagePlaces: Place[] = []
  #colours = new Map<number, string>()
  #drawing: AreaDrawing | null = null
  #brush: BrushPainting | null = null

  constructor(container: HTMLElement) {
    super(container)
    exposeForTests('gridwatchPlannerMap', this.map)
    const empty: FeatureCollection = { type: 'FeatureCollection', features: [] }
    this.prepare(() => {
      this.map.addSource(villagesSource, { type: 'geojson', data: empty, promoteId: 'id' })
      this.map.addSource(shapesSource, { type: 'geojson', data: empty })
      this.map.addSource(institutionsSource, { type: 'geojson', data: empty, promoteId: 'id' })
      this.map.addSource(markersSource, { type: 'geojson', data: empty })
      this.map.addSource(publishedSource, { type: 'geojson', data: empty })
      this.map.addLayer({
        id: 'planner-village-fill',
        type: 'fill',
        source: villagesSource,
        paint: {
          'fill-color': ['to-color', ['coalesce', ['feature-state', 'colour'], '#e5e7eb']],
          'fill-opacity': ['case', ['boolean', ['feature-state', 'selected'], false], 0.85, 0.55],
        },
      })
      this.map.addLayer({
        id: 'planner-village-line',
        type: 'line',
        source: villagesSource,
        paint: { 'line-color': '#ffffff', 'line-width': 0.6, 'line-opacity': 0.9 },
      })
      this.map.addLayer({
        id: 'planner-unassigned',
        type: 'line',
        source: villagesSource,
        filter: ['==', ['get', 'id'], -1],
        paint: { 'line-color': '#dc2626', 'line-width': 2.5, 'line-dasharray': [1, 1] },
      })
      this.map.addLayer({
        id: 'planner-grid-line',
        type: 'line',
        source: shapesSource,
        paint: { 'line-color': '#1e3a5f', 'line-width': 2.2 },
      })
      // The grids in force, for comparison with the draft: dashed red, off until asked for.
      this.map.addLayer({
        id: 'planner-published',
        type: 'line',
        source: publishedSource,
        layout: { visibility: 'none' },
        paint: { 'line-color': '#dc2626', 'line-width': 2, 'line-dasharray': [2, 1.5] },
      })
      this.map.addLayer({
        id: 'planner-grid-selected',
        type: 'line',
        source: shapesSource,
        filter: ['==', ['get', 'key'], ''],
        paint: { 'line-color': '#0f172a', 'line-width': 4 },
      })
      this.map.addLayer({
        id: 'planner-institutions',
        type: 'circle',
        source: institutionsSource,
        paint: {
          'circle-radius': ['case', ['boolean', ['feature-state', 'moving'], false], 6, 2.6],
          'circle-color': ['case', ['boolean', ['feature-state', 'moving'], false], '#dc2626', '#334155'],
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': ['case', ['boolean', ['feature-state', 'moving'], false], 1.5, 0.5],
        },
      })
      this.map.addLayer({
        id: 'planner-problems',
        type: 'circle',
        source: markersSource,
        filter: ['==', ['get', 'kind'], 'problem'],
        paint: {
          'circle-radius': 9,
          'circle-color': 'rgba(220,38,38,0.15)',
          'circle-stroke-color': '#dc2626',
          'circle-stroke-width': 2,
        },
      })
      // Village names while painting (from zoom 11), grid names over them.
      this.map.addSource(placesSourceId, { type: 'geojson', data: empty })
      addPlaceImages(this.map, areaColors)
      for (const layer of placeLayers(areaColors, { villageMinimumZoom: 10 }))
        if (layer.type === 'symbol') this.map.addLayer(layer)
    })
  }

  async setVillages(
    villages: FeatureCollection,
    institutions: { id: number; position: [number, number] }[],
  ): Promise<void> {
    if (!(await this.ready())) return
    ;(this.map.getSource(villagesSource) as GeoJSONSource).setData(villages)
    ;(this.map.getSource(institutionsSource) as GeoJSONSource).setData({
      type: 'FeatureCollection',
      features: institutions.map((institution) => ({
        type: 'Feature',
        id: institution.id,
        properties: { id: institution.id },
        geometry: { type: 'Point', coordinates: institution.position },
      })),
    })
    this.#villagePlaces = villages.features.flatMap(({ properties }) =>
      properties?.seat
        ? [{ kind: 'village' as const, name: String(properties.name), at: properties.seat as [number, number] }]
        : [],
    )
    this.#drawPlaces()
    if (villages.features.length > 0)
      this.map.fitBounds(bbox(villages) as [number, number, number, number], { padding: 30, duration: 0 })
  }

  /** Paints each village in its grid's colour; only villages whose colour changed are touched. */
  paint(colourOfVillage: ReadonlyMap<number, string>, selectedVillages: ReadonlySet<number>): void {
    for (const [id, colour] of colourOfVillage) {
      if (this.#colours.get(id) === colour) continue
      this.map.setFeatureState({ source: villagesSource, id }, { colour })
      this.#colours.set(id, colour)
    }
    for (const id of this.#colours.keys())
      if (!colourOfVillage.has(id)) {
        this.map.setFeatureState({ source: villagesSource, id }, { colour: null })
        this.#colours.delete(id)
      }
    for (const id of this.#colours.keys())
      this.map.setFeatureState({ source: villagesSource, id }, { selected: selectedVillages.has(id) })
    this.map.setFilter('planner-unassigned', ['in', ['get', 'id'], ['literal', [...this.#unassigned(colourOfVillage)]]])
  }

  #allVillageIds: number[] = []
  setVillageIds(ids: number[]): void {
    this.#allVillageIds = ids
  }

  #unassigned(colourOfVillage: ReadonlyMap<number, string>): number[] {
    return this.#allVillageIds.filter((id) => !colourOfVillage.has(id))
  }

  async setShapes(shapes: FeatureCollection): Promise<void> {
    if (!(await this.ready())) return
    ;(this.map.getSource(shapesSource) as GeoJSONSource).setData(shapes)
  }

  /** Grid names, each at a seat of one of its villages. */
  async setGridNames(labels: { text: string; at: [number, number] }[]): Promise<void> {
    if (!(await this.ready())) return
    this.#gridPlaces = labels.map(({ text, at }) => ({ kind: 'grid', name: text, at }))
    this.#drawPlaces()
  }

  #drawPlaces(): void {
    ;(this.map.getSource(placesSourceId) as GeoJSONSource | undefined)?.setData(
      placeFeatureCollection([...this.#gridPlaces, ...this.#villagePlaces]),
    )
  }

  #problems: [number, number][] = []

  setProblems(at: [number, number][]): void {
    this.#problems = at
    this.#drawMarkers()
  }

  #drawMarkers(): void {
    const source = this.map.getSource(markersSource) as GeoJSONSource | undefined
    source?.setData({
      type: 'FeatureCollection',
      features: [
        ...this.#problems.map((at) => ({
          type: 'Feature' as const,
          properties: { kind: 'problem' },
          geometry: { type: 'Point' as const, coordinates: at },
        })),
      ],
    })
  }

  /** The published grid outlines, shown when `visible`. */
  async showPublished(outlines: FeatureCollection | null, visible: boolean): Promise<void> {
    if (!(await this.ready())) return
    if (outlines) (this.map.getSource(publishedSource) as GeoJSONSource).setData(outlines)
    this.map.setLayoutProperty('planner-published', 'visibility', visible ? 'visible' : 'none')
  }

  selectGrid(key: string | null): void {
    this.map.setFilter('planner-grid-selected', ['==', ['get', 'key'], key ?? ''])
  }

  #moving = new Set<number>()
  /** Institutions that would change grid: drawn larger and red. */
  setMoving(ids: readonly number[]): void {
    for (const id of this.#moving) this.map.setFeatureState({ source: institutionsSource, id }, { moving: false })
    this.#moving = new Set(ids)
    for (const id of this.#moving) this.map.setFeatureState({ source: institutionsSource, id }, { moving: true })
  }

  onVillageClick(handler: (villageId: number, event: MapMouseEvent) => void): void {
    this.map.on('click', 'planner-village-fill', (event) => {
      if (this.#drawing || this.#brush) return
      const id = event.features?.[0]?.id
      if (typeof id === 'number') handler(id, event)
    })
    this.map.on('mouseenter', 'planner-village-fill', () => (this.map.getCanvas().style.cursor = 'pointer'))
    this.map.on('mouseleave', 'planner-village-fill', () => (this.map.getCanvas().style.cursor = ''))
  }

  /** Draws a polygon (corner by corner, or freehand while the button is held); resolves with its ring, or null when cancelled. */
  lasso(freehand = false): Promise<[number, number][] | null> {
    this.#drawing?.cancel()
    this.stopBrush()
    return new Promise((resolve) => {
      const drawing = drawArea(this, freehand ? 'freehand' : 'polygon', (ring) => {
        this.#drawing = null
        resolve(ring)
      })
      this.#drawing = {
        cancel: () => {
          drawing.cancel()
          this.#drawing = null
          resolve(null)
        },
      }
    })
  }

  /**
   * Brush painting: dragging over villages shows them in the selected grid's colour at once, and hands the stroke's
   * villages to `onStroke` when the button is released.
   */
  startBrush(colour: () => string, onStroke: (villageIds: number[]) => void): void {
    this.stopBrush()
    this.#drawing?.cancel()
    this.#brush = paintWithBrush(this.map, 'planner-village-fill', {
      onTouch: (ids) => {
        const fill = colour()
        for (const id of ids) {
          this.map.setFeatureState({ source: villagesSource, id }, { colour: fill })
          this.#colours.set(id, fill)
        }
      },
      onStroke,
    })
  }

  stopBrush(): void {
    this.#brush?.stop()
    this.#brush = null
  }

  cancelLasso(): void {
    this.#drawing?.cancel()
  }

  flyTo(at: [number, number]): void {
    this.map.flyTo({ center: at, zoom: Math.max(this.map.getZoom(), 11.5), duration: 400 })
  }

  override destroy(): void {
    this.#drawing?.cancel()
    this.stopBrush()
    withdrawForTests('gridwatchPlannerMap', this.map)
    super.destroy()
  }
}
