// Owns the MapLibre map outside Vue's reactivity: sources, layers, grid labels, the theme. Data
// for a source is only re-sent when it changed; a theme switch changes one paint property.
import './maplibre-setup.ts'
import { LngLatBounds, Map as MapLibreMap, Marker, type GeoJSONSource, type MapSourceDataEvent } from 'maplibre-gl'
import type { FeatureCollection, Point } from 'geojson'
import { baseStyle } from './base-style.ts'
import { areaLayers, districtSourceId, gridFillLayerId, gridsSourceId, zonesSourceId } from './layers/areas-layer.ts'
import {
  institutionColorExpression,
  institutionFilter,
  institutionLayers,
  institutionOpacityExpression,
  institutionRadius,
  institutionsLayerId,
  institutionsSourceId,
} from './layers/institutions-layer.ts'
import type { InstitutionRecord } from '@gridwatch/api/map/institution-layer-format.ts'
import { areaColors, classify, type AreaColors, type ThemeName } from './palette.ts'
import { institutionFeatureCollection, liveState, themeFieldsOfFeature } from './institution-features.ts'
import { InstitutionPointsLayer } from './layers/institution-points-layer.ts'
import { routeLayers, routeSourceId } from './layers/route-layer.ts'
import {
  haloFeatureCollection,
  haloLayers,
  halosSourceId,
  itemHaloLayerId,
  itemHaloRadius,
  itemHaloStrokeWidth,
  riskHaloLayerId,
  riskHaloRadius,
  riskHaloStrokeWidth,
} from './layers/halos-layer.ts'

function recordBounds(records: readonly InstitutionRecord[]): LngLatBounds {
  const bounds = new LngLatBounds()
  for (const { lon, lat } of records) bounds.extend([lon, lat])
  // Institutions sit inside the district: a small margin keeps the outline in view when it arrives.
  const [west, south, east, north] = bounds.toArray().flat()
  const margin = Math.max(east! - west!, north! - south!) * 0.04
  return new LngLatBounds([west! - margin, south! - margin], [east! + margin, north! + margin])
}

declare global {
  interface Window {
    /** The live map, for browser tests that count what is drawn. */
    gridwatchMap?: MapLibreMap
    /** The wall's point layer, for browser tests that read what it draws. */
    gridwatchInstitutionPoints?: InstitutionPointsLayer
  }
}

/**
 * How institutions are drawn: `circles`, MapLibre's circle layer (hit testing, filters, feature
 * state; the interactive overview), or `points`, one WebGL draw call from typed arrays (the wall,
 * where a province must appear at once and nobody clicks).
 */
export type InstitutionRenderer = 'circles' | 'points'

export class MapController {
  readonly map: MapLibreMap
  #loaded: Promise<void>
  #lastData = new Map<string, unknown>()
  #labels: Marker[] = []
  #stopMarkers: Marker[] = []
  #theme: ThemeName
  #nowMinute: number
  #fitted = false
  #hiddenClasses: readonly string[] = []
  #selected: { source: string; id: number } | null = null
  #radiusScale: number
  /** Every institution by id, to rebuild the small halo source after a live change. */
  #recordsById = new Map<number, InstitutionRecord>()
  /** Resolves once the first institution layer is drawn (or could not be): areas wait for it. */
  #institutionsFirstDrawn: Promise<void>
  #institutionsDrawn!: () => void
  readonly #points: InstitutionPointsLayer | null

  constructor(
    container: HTMLElement,
    options: { theme: ThemeName; nowMinute: number; colors?: AreaColors; interactive?: boolean; radiusScale?: number; institutionRenderer?: InstitutionRenderer },
  ) {
    const colors = options.colors ?? areaColors
    this.#theme = options.theme
    this.#nowMinute = options.nowMinute
    this.#radiusScale = options.radiusScale ?? 1
    this.map = new MapLibreMap({
      container,
      style: baseStyle(colors),
      center: [115.58, 35.08],
      zoom: 9.5,
      attributionControl: false,
      fadeDuration: 0,
      interactive: options.interactive ?? true,
    })
    window.gridwatchMap = this.map
    const stroke = colors === areaColors ? undefined : colors.background
    this.#points =
      options.institutionRenderer === 'points' ? new InstitutionPointsLayer({ theme: this.#theme, nowMinute: this.#nowMinute, radiusScale: this.#radiusScale, strokeColor: stroke }) : null
    if (this.#points) window.gridwatchInstitutionPoints = this.#points
    // One map worker on a two-core machine tiles sources in the order they arrive: the institutions go
    // first, the much heavier area polygons after them (or after 4 s if no institutions come).
    this.#institutionsFirstDrawn = new Promise((resolve) => {
      this.#institutionsDrawn = resolve
      setTimeout(resolve, 4000)
    })
    this.#loaded = new Promise((resolve) =>
      this.map.once('load', () => {
        performance.mark('gridwatch:map-loaded')
        const empty: FeatureCollection = { type: 'FeatureCollection', features: [] }
        for (const id of [districtSourceId, zonesSourceId, gridsSourceId]) this.map.addSource(id, { type: 'geojson', data: empty })
        // Institutions are points only: no clustering, a tolerance of zero and a small buffer keep the
        // worker's tiling of 60,000 points cheap.
        this.map.addSource(institutionsSourceId, { type: 'geojson', data: empty, buffer: 8, tolerance: 0 })
        this.map.addSource(halosSourceId, { type: 'geojson', data: empty, buffer: 32, tolerance: 0 })
        const layers = [
          ...areaLayers(colors),
          ...haloLayers(this.#nowMinute, this.#radiusScale),
          ...institutionLayers(this.#theme, this.#nowMinute, { strokeColor: stroke, radiusScale: options.radiusScale }),
        ]
        for (const layer of layers) this.map.addLayer(layer)
        if (this.#points) this.map.addLayer(this.#points)
        this.map.on('moveend', () => this.#declutterLabels())
        this.map.on('resize', () => this.#declutterLabels())
        resolve()
      }),
    )
  }

  /** The whole institution layer: replaces the data and forgets live changes, which it includes. */
  async setInstitutions(records: readonly InstitutionRecord[]): Promise<void> {
    if (!(await this.#ready())) return
    if (!this.#fitted && records.length > 0) this.#fitBounds(recordBounds(records))
    if (records.length === 0) this.#institutionsDrawn()
    performance.mark('gridwatch:institutions-sent', { detail: { count: records.length } })
    this.#recordsById = new Map(records.map((record) => [record.id, record]))
    if (this.#points) {
      this.#points.setRecords(records, () => {
        // For pnpm bench and anyone profiling: the first frame that draws them all.
        performance.mark('gridwatch:institutions-drawn', { detail: { count: records.length } })
        this.#institutionsDrawn()
        ;(this.map.getSource(halosSourceId) as GeoJSONSource).setData(haloFeatureCollection(records))
      })
      return
    }
    this.map.removeFeatureState({ source: institutionsSourceId })
    ;(this.map.getSource(institutionsSourceId) as GeoJSONSource).setData(institutionFeatureCollection(records))
    ;(this.map.getSource(halosSourceId) as GeoJSONSource).setData(haloFeatureCollection(records))
    // For pnpm bench and anyone profiling: the first frame drawn once the worker has them all.
    const loaded = (event: MapSourceDataEvent) => {
      if (event.sourceId !== institutionsSourceId || !this.map.isSourceLoaded(institutionsSourceId)) return
      this.map.off('sourcedata', loaded)
      this.map.once('render', () => {
        performance.mark('gridwatch:institutions-drawn', { detail: { count: records.length } })
        this.#institutionsDrawn()
      })
    }
    this.map.on('sourcedata', loaded)
  }

  /** Live changes: only these features' state, no data re-sent to the worker. */
  async updateInstitutions(records: readonly InstitutionRecord[]): Promise<void> {
    if (!(await this.#ready())) return
    if (this.#points) this.#points.update(records)
    else for (const record of records) this.map.setFeatureState({ source: institutionsSourceId, id: record.id }, { ...liveState(record) })
    // The halo source holds institutions with open items or risks: re-send it when one joins or leaves.
    const mayHalo = (record: InstitutionRecord | undefined) => record !== undefined && (record.openLedgerItems > 0 || record.riskSinceMinute !== null)
    const halosChange = records.some((record) => mayHalo(record) || mayHalo(this.#recordsById.get(record.id)))
    for (const record of records) if (this.#recordsById.has(record.id)) this.#recordsById.set(record.id, record)
    if (halosChange) (this.map.getSource(halosSourceId) as GeoJSONSource).setData(haloFeatureCollection(this.#recordsById.values()))
    // The next frame has them (the point layer draws without a worker); circles wait for the worker.
    this.map.once(this.#points ? 'render' : 'idle', () => performance.mark('gridwatch:institutions-updated', { detail: { ids: records.map((record) => record.id) } }))
  }

  async setRadiusScale(scale: number): Promise<void> {
    this.#radiusScale = scale
    if (!(await this.#ready())) return
    this.#points?.setRadiusScale(scale)
    this.map.setPaintProperty(institutionsLayerId, 'circle-radius', institutionRadius(scale))
    this.#paintHalos()
  }

  #paintHalos(): void {
    this.map.setPaintProperty(itemHaloLayerId, 'circle-radius', itemHaloRadius(this.#nowMinute, this.#radiusScale))
    this.map.setPaintProperty(itemHaloLayerId, 'circle-stroke-width', itemHaloStrokeWidth(this.#nowMinute, this.#radiusScale))
    this.map.setPaintProperty(riskHaloLayerId, 'circle-radius', riskHaloRadius(this.#nowMinute, this.#radiusScale))
    this.map.setPaintProperty(riskHaloLayerId, 'circle-stroke-width', riskHaloStrokeWidth(this.#radiusScale))
  }

  async setNow(nowMinute: number): Promise<void> {
    this.#nowMinute = nowMinute
    if (!(await this.#ready())) return
    this.#paintClasses()
    this.#paintHalos()
  }

  #paintClasses(): void {
    this.#points?.restyle(this.#theme, this.#nowMinute)
    this.map.setPaintProperty(institutionsLayerId, 'circle-color', institutionColorExpression(this.#theme, this.#nowMinute))
    const opacity = institutionOpacityExpression(this.#theme, this.#nowMinute, this.#hiddenClasses)
    this.map.setPaintProperty(institutionsLayerId, 'circle-opacity', opacity)
    this.map.setPaintProperty(institutionsLayerId, 'circle-stroke-opacity', opacity)
  }

  /** Classes of the current theme to leave off the map (the legend's toggles). */
  async setHiddenClasses(hiddenClasses: readonly string[]): Promise<void> {
    this.#hiddenClasses = hiddenClasses
    if (!(await this.#ready())) return
    this.#paintClasses()
  }

  /** Only institutions of these grids, types and ids; null: all. */
  async setInstitutionFilter(options: { gridIds: readonly number[] | null; types: readonly string[] | null; ids?: readonly number[] | null }): Promise<void> {
    if (!(await this.#ready())) return
    this.map.setFilter(institutionsLayerId, institutionFilter(options))
  }

  /** A ring around the selected institution, or a tint over the selected grid. */
  async select(selection: { kind: 'institution' | 'grid'; id: number } | null): Promise<void> {
    if (!(await this.#ready())) return
    if (this.#selected) this.map.setFeatureState(this.#selected, { selected: false })
    this.#selected = selection ? { source: selection.kind === 'institution' ? institutionsSourceId : gridsSourceId, id: selection.id } : null
    if (this.#selected) this.map.setFeatureState(this.#selected, { selected: true })
  }

  /** Area data, once the institutions are on screen. */
  async setSourceData(sourceId: string, data: FeatureCollection): Promise<void> {
    if (!(await this.#ready())) return
    await this.#institutionsFirstDrawn
    if (this.#destroyed || this.#lastData.get(sourceId) === data) return
    this.#lastData.set(sourceId, data)
    ;(this.map.getSource(sourceId) as GeoJSONSource).setData(data)
  }

  async setTheme(theme: ThemeName, hiddenClasses: readonly string[] = []): Promise<void> {
    this.#theme = theme
    this.#hiddenClasses = hiddenClasses
    if (!(await this.#ready())) return
    this.#paintClasses()
  }

  /** Grid names as HTML labels: CJK text without shipping glyph files. */
  setGridLabels(labels: { name: string; zone: string; at: [number, number] }[]): void {
    for (const marker of this.#labels) marker.remove()
    this.#labels = labels.map(({ name, zone, at }) => {
      const element = document.createElement('div')
      element.className = 'grid-label'
      element.innerHTML = `<strong></strong><span></span>`
      element.querySelector('strong')!.textContent = name
      element.querySelector('span')!.textContent = zone
      return new Marker({ element }).setLngLat(at).addTo(this.map)
    })
    this.#declutterLabels()
  }

  /**
   * HTML labels have no collision handling of their own: two grid seats a few pixels apart (a town
   * and the street office inside it) would print one name over the other. Each label, in order,
   * keeps its place if free, else moves just below or above its seat, else is hidden until a zoom
   * gives it room. Run on every label change and when the camera or the size settles.
   */
  #declutterLabels(): void {
    if (this.#labels.length === 0) return
    for (const marker of this.#labels) {
      marker.setOffset([0, 0])
      marker.getElement().style.visibility = ''
    }
    const gap = 2
    const placed: DOMRect[] = []
    const overlaps = (box: DOMRect, dy: number) =>
      placed.some((other) => box.left < other.right + gap && other.left < box.right + gap && box.top + dy < other.bottom + gap && other.top < box.bottom + dy + gap)
    for (const marker of this.#labels) {
      const element = marker.getElement()
      const box = element.getBoundingClientRect()
      const step = box.height / 2 + gap
      const dy = [0, step, -step, 2 * step, -2 * step].find((candidate) => !overlaps(box, candidate))
      if (dy === undefined) {
        element.style.visibility = 'hidden'
        continue
      }
      if (dy !== 0) marker.setOffset([0, dy])
      placed.push(new DOMRect(box.x, box.y + dy, box.width, box.height))
    }
  }

  /** Frames the collection unless the view was already framed (by the institutions or an earlier call). */
  fitOnce(collection: FeatureCollection): void {
    if (!this.#fitted) this.fitTo(collection)
  }

  fitTo(collection: FeatureCollection): void {
    const bounds = new LngLatBounds()
    for (const feature of collection.features) {
      const geometry = feature.geometry
      if (geometry.type === 'Polygon') geometry.coordinates[0]!.forEach(([lon, lat]) => bounds.extend([lon!, lat!]))
      if (geometry.type === 'MultiPolygon') geometry.coordinates.forEach((polygon) => polygon[0]!.forEach(([lon, lat]) => bounds.extend([lon!, lat!])))
      if (geometry.type === 'Point') bounds.extend((geometry as Point).coordinates as [number, number])
    }
    if (!bounds.isEmpty()) this.#fitBounds(bounds)
  }

  #fitBounds(bounds: LngLatBounds): void {
    this.#fitted = true
    this.map.fitBounds(bounds, { padding: 40, animate: false })
  }

  /** Clicks on an institution, else on a grid, else on empty ground. */
  onSelect(handler: (selection: { kind: 'institution' | 'grid'; id: number } | null) => void): void {
    this.map.on('click', (event) => {
      const [institution] = this.map.queryRenderedFeatures(event.point, { layers: [institutionsLayerId] }).filter((feature) => this.#visible(feature))
      if (typeof institution?.properties?.id === 'number') return handler({ kind: 'institution', id: institution.properties.id })
      const grid = this.map.getLayer(gridFillLayerId) ? this.map.queryRenderedFeatures(event.point, { layers: [gridFillLayerId] })[0] : undefined
      handler(typeof grid?.id === 'number' ? { kind: 'grid', id: grid.id } : null)
    })
    this.map.on('mouseenter', institutionsLayerId, () => (this.map.getCanvas().style.cursor = 'pointer'))
    this.map.on('mouseleave', institutionsLayerId, () => (this.map.getCanvas().style.cursor = ''))
  }

  /** Hidden classes leave their circles in the layer at zero opacity: they must not take clicks. */
  #visible(feature: { properties: Record<string, unknown>; state?: Record<string, unknown> }): boolean {
    if (this.#hiddenClasses.length === 0) return true
    const fields = themeFieldsOfFeature(feature.properties, feature.state)
    return !this.#hiddenClasses.includes(classify(this.#theme, fields, this.#nowMinute))
  }

  /** A planned route: the line from the start through the stops, and numbered stops. */
  async setRoute(route: { line: [number, number][]; stops: { label: string; at: [number, number]; title: string; start?: boolean }[] } | null): Promise<void> {
    if (!(await this.#ready())) return
    if (!this.map.getSource(routeSourceId)) {
      this.map.addSource(routeSourceId, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } })
      for (const layer of routeLayers()) this.map.addLayer(layer)
    }
    ;(this.map.getSource(routeSourceId) as GeoJSONSource).setData({
      type: 'FeatureCollection',
      features: route && route.line.length > 1 ? [{ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: route.line } }] : [],
    })
    for (const marker of this.#stopMarkers) marker.remove()
    this.#stopMarkers = (route?.stops ?? []).map(({ label, at, title, start }) => {
      const element = document.createElement('div')
      element.className = start ? 'route-stop start' : 'route-stop'
      element.textContent = label
      element.title = title
      return new Marker({ element }).setLngLat(at).addTo(this.map)
    })
  }

  flyTo(position: [number, number], zoom: number): void {
    this.map.flyTo({ center: position, zoom: Math.max(this.map.getZoom(), zoom), duration: 800 })
  }

  /** [longitude, latitude, zoom] of the current view. */
  camera(): [number, number, number] {
    const { lng, lat } = this.map.getCenter()
    return [lng, lat, this.map.getZoom()]
  }

  setCamera(camera: [number, number, number]): void {
    this.#fitted = true
    this.map.jumpTo({ center: [camera[0], camera[1]], zoom: camera[2] })
  }

  onMoveEnd(handler: () => void): void {
    this.map.on('moveend', handler)
  }

  #destroyed = false
  /** Waits for the style; false once the map is removed (its page was left while data was on the way). */
  async #ready(): Promise<boolean> {
    await this.#loaded
    return !this.#destroyed
  }

  destroy(): void {
    this.#destroyed = true
    if (window.gridwatchMap === this.map) delete window.gridwatchMap
    if (window.gridwatchInstitutionPoints === this.#points) delete window.gridwatchInstitutionPoints
    this.map.remove()
  }
}
