// Owns the MapLibre map outside Vue's reactivity: sources, layers, grid labels, the theme. Data
// for a source is only re-sent when it changed; a theme switch changes one paint property.
import { LngLatBounds, type GeoJSONSource, type MapSourceDataEvent } from 'maplibre-gl'
import type { FeatureCollection, Point } from 'geojson'
import { MapView } from './map-view.ts'
import {
  addPlaceImages,
  placeFeatureCollection,
  placeLayers,
  placesSourceId,
  type Place,
} from './layers/places-layer.ts'
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
import type { InstitutionRecord } from '@gridwatch/domain/institution-layer-format.ts'
import { areaColors, classify, type AreaColors, type ThemeName } from './palette.ts'
import { institutionFeatureCollection, liveState, recordBounds, themeFieldsOfFeature } from './institution-features.ts'
import { InstitutionPointsLayer } from './layers/institution-points-layer.ts'
import { exposeForTests, withdrawForTests } from './test-hooks.ts'
import { RouteOverlay, type PlannedRoute } from './layers/route-layer.ts'
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

/**
 * How institutions are drawn: `circles`, MapLibre's circle layer (hit testing, filters, feature
 * state; the interactive overview), or `points`, one WebGL draw call from typed arrays (the wall,
 * where a province must appear at once and nobody clicks).
 */
export type InstitutionRenderer = 'circles' | 'points'

/** A rectangle in the map's own pixels (from its top left corner). */
export interface ClearRectangle {
  left: number
  top: number
  right: number
  bottom: number
}

/** Something standing over the map, and the places it may stand. */
export interface MapOverlay {
  /** Its rectangle at each place it may stand, preferred first. */
  places(): ClearRectangle[]
  /** Where it goes (an index into places()). */
  place(index: number): void
}

export class MapController extends MapView {
  #lastData = new Map<string, unknown>()
  readonly #route: RouteOverlay
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
  readonly #overlay: MapOverlay | undefined
  #overlayPlace = 0

  constructor(
    container: HTMLElement,
    options: {
      theme: ThemeName
      nowMinute: number
      colors?: AreaColors
      interactive?: boolean
      radiusScale?: number
      labelScale?: number
      villageMinimumZoom?: number
      institutionRenderer?: InstitutionRenderer
      /** An overlay over the map (the wall's legend), placed where it covers nothing of the framed county. */
      overlay?: MapOverlay
    },
  ) {
    super(container, { colors: options.colors ?? areaColors, interactive: options.interactive })
    const colors = options.colors ?? areaColors
    this.#theme = options.theme
    this.#nowMinute = options.nowMinute
    this.#radiusScale = options.radiusScale ?? 1
    this.#overlay = options.overlay
    exposeForTests('gridwatchMap', this.map)
    const stroke = colors === areaColors ? undefined : colors.background
    this.#points =
      options.institutionRenderer === 'points'
        ? new InstitutionPointsLayer({
            theme: this.#theme,
            nowMinute: this.#nowMinute,
            radiusScale: this.#radiusScale,
            strokeColor: stroke,
          })
        : null
    exposeForTests('gridwatchInstitutionPoints', this.#points)
    // One map worker on a two-core machine tiles sources in the order they arrive: the institutions go
    // first, the much heavier area polygons after them (or after 4 s if no institutions come).
    this.#institutionsFirstDrawn = new Promise((resolve) => {
      this.#institutionsDrawn = resolve
      setTimeout(resolve, 4000)
    })
    this.#route = new RouteOverlay(this.map)
    this.prepare(() => {
      performance.mark('gridwatch:map-loaded')
      const empty: FeatureCollection = { type: 'FeatureCollection', features: [] }
      for (const id of [districtSourceId, zonesSourceId, gridsSourceId])
        this.map.addSource(id, { type: 'geojson', data: empty })
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
      // Names above everything, institutions included.
      this.map.addSource(placesSourceId, { type: 'geojson', data: empty })
      addPlaceImages(this.map, colors)
      for (const layer of placeLayers(colors, {
        scale: options.labelScale ?? 1,
        villageMinimumZoom: options.villageMinimumZoom,
      }))
        this.map.addLayer(layer)
    })
  }

  /** The whole institution layer: replaces the data and forgets live changes, which it includes. */
  async setInstitutions(records: readonly InstitutionRecord[]): Promise<void> {
    if (!(await this.ready())) return
    if (!this.#fitted && records.length > 0)
      this.#fitBounds(
        recordBounds(records),
        records.map((record) => [record.lon, record.lat]),
      )
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
    // The live states went with the old data; the selection stays (a shared link selects before the layer arrives).
    if (this.#selected?.source === institutionsSourceId) this.map.setFeatureState(this.#selected, { selected: true })
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
    if (!(await this.ready())) return
    if (this.#points) this.#points.update(records)
    else
      for (const record of records)
        this.map.setFeatureState({ source: institutionsSourceId, id: record.id }, { ...liveState(record) })
    // The halo source holds institutions with open items or risks: re-send it when one joins or leaves.
    const mayHalo = (record: InstitutionRecord | undefined) =>
      record !== undefined && (record.openLedgerItems > 0 || record.riskSinceMinute !== null)
    const halosChange = records.some((record) => mayHalo(record) || mayHalo(this.#recordsById.get(record.id)))
    for (const record of records) if (this.#recordsById.has(record.id)) this.#recordsById.set(record.id, record)
    if (halosChange)
      (this.map.getSource(halosSourceId) as GeoJSONSource).setData(haloFeatureCollection(this.#recordsById.values()))
    // The next frame has them (the point layer draws without a worker); circles wait for the worker.
    this.map.once(this.#points ? 'render' : 'idle', () =>
      performance.mark('gridwatch:institutions-updated', { detail: { ids: records.map((record) => record.id) } }),
    )
  }

  async setRadiusScale(scale: number): Promise<void> {
    this.#radiusScale = scale
    if (!(await this.ready())) return
    this.#points?.setRadiusScale(scale)
    this.map.setPaintProperty(institutionsLayerId, 'circle-radius', institutionRadius(scale))
    this.#paintHalos()
  }

  #paintHalos(): void {
    this.map.setPaintProperty(itemHaloLayerId, 'circle-radius', itemHaloRadius(this.#nowMinute, this.#radiusScale))
    this.map.setPaintProperty(
      itemHaloLayerId,
      'circle-stroke-width',
      itemHaloStrokeWidth(this.#nowMinute, this.#radiusScale),
    )
    this.map.setPaintProperty(riskHaloLayerId, 'circle-radius', riskHaloRadius(this.#nowMinute, this.#radiusScale))
    this.map.setPaintProperty(riskHaloLayerId, 'circle-stroke-width', riskHaloStrokeWidth(this.#radiusScale))
  }

  async setNow(nowMinute: number): Promise<void> {
    this.#nowMinute = nowMinute
    if (!(await this.ready())) return
    this.#paintClasses()
    this.#paintHalos()
  }

  #paintClasses(): void {
    this.#points?.restyle(this.#theme, this.#nowMinute)
    this.map.setPaintProperty(
      institutionsLayerId,
      'circle-color',
      institutionColorExpression(this.#theme, this.#nowMinute),
    )
    const opacity = institutionOpacityExpression(this.#theme, this.#nowMinute, this.#hiddenClasses)
    this.map.setPaintProperty(institutionsLayerId, 'circle-opacity', opacity)
    this.map.setPaintProperty(institutionsLayerId, 'circle-stroke-opacity', opacity)
  }

  /** Classes of the current theme to leave off the map (the legend's toggles). */
  async setHiddenClasses(hiddenClasses: readonly string[]): Promise<void> {
    this.#hiddenClasses = hiddenClasses
    if (!(await this.ready())) return
    this.#paintClasses()
  }

  /** Only institutions of these grids, types and ids; null: all. */
  async setInstitutionFilter(options: {
    gridIds: readonly number[] | null
    types: readonly string[] | null
    ids?: readonly number[] | null
  }): Promise<void> {
    if (!(await this.ready())) return
    this.map.setFilter(institutionsLayerId, institutionFilter(options))
  }

  /** A ring around the selected institution, or a tint over the selected grid. */
  async select(selection: { kind: 'institution' | 'grid'; id: number } | null): Promise<void> {
    if (!(await this.ready())) return
    if (this.#selected) this.map.setFeatureState(this.#selected, { selected: false })
    this.#selected = selection
      ? { source: selection.kind === 'institution' ? institutionsSourceId : gridsSourceId, id: selection.id }
      : null
    if (this.#selected) this.map.setFeatureState(this.#selected, { selected: true })
  }

  /** Area data, once the institutions are on screen. */
  async setSourceData(sourceId: string, data: FeatureCollection): Promise<void> {
    if (!(await this.ready())) return
    await this.#institutionsFirstDrawn
    if (this.destroyed || this.#lastData.get(sourceId) === data) return
    this.#lastData.set(sourceId, data)
    ;(this.map.getSource(sourceId) as GeoJSONSource).setData(data)
  }

  async setTheme(theme: ThemeName, hiddenClasses: readonly string[] = []): Promise<void> {
    this.#theme = theme
    this.#hiddenClasses = hiddenClasses
    if (!(await this.ready())) return
    this.#paintClasses()
  }

  /** Place names: the county seat, grids (with their zone), villages. */
  async setPlaces(places: readonly Place[]): Promise<void> {
    if (!(await this.ready())) return
    ;(this.map.getSource(placesSourceId) as GeoJSONSource).setData(placeFeatureCollection(places))
  }

  /** Frames the collection unless the view was already framed (by the institutions or an earlier call). */
  fitOnce(collection: FeatureCollection): void {
    if (!this.#fitted) this.fitTo(collection)
  }

  fitTo(collection: FeatureCollection): void {
    const positions: [number, number][] = []
    for (const feature of collection.features) {
      const geometry = feature.geometry
      if (geometry.type === 'Polygon') positions.push(...(geometry.coordinates[0]! as [number, number][]))
      if (geometry.type === 'MultiPolygon')
        geometry.coordinates.forEach((polygon) => positions.push(...(polygon[0]! as [number, number][])))
      if (geometry.type === 'Point') positions.push((geometry as Point).coordinates as [number, number])
    }
    const bounds = new LngLatBounds()
    for (const position of positions) bounds.extend(position)
    if (!bounds.isEmpty()) this.#fitBounds(bounds, positions)
  }

  /**
   * Frames the bounds 40 px in. With an overlay: it goes to the first of its places that covers none
   * of `positions`; where every place covers some, it takes the first and the bounds are framed
   * beside it (above a place at the bottom, below one at the top).
   */
  #fitBounds(bounds: LngLatBounds, positions: readonly [number, number][]): void {
    this.#fitted = true
    const margin = 40
    this.map.fitBounds(bounds, { padding: margin, animate: false })
    if (!this.#overlay) return
    const places = this.#overlay.places()
    if (places.length === 0) return
    const free = this.#freePlace(places, positions)
    this.#overlayPlace = Math.max(free, 0)
    this.#overlay.place(this.#overlayPlace)
    if (free >= 0) return
    const first = places[0]!
    const height = this.map.getContainer().clientHeight
    const beside = (edge: number) => Math.min(Math.round(height * 0.45), Math.max(margin, edge + 16))
    const padding =
      first.top > height / 2
        ? { top: margin, left: margin, right: margin, bottom: beside(height - first.top) }
        : { top: beside(first.bottom), left: margin, right: margin, bottom: margin }
    this.map.fitBounds(bounds, { padding, animate: false })
  }

  /** The first of the overlay's places (`preferred` first) that covers none of the positions at the current view; -1: none. */
  #freePlace(places: readonly ClearRectangle[], positions: Iterable<[number, number]>, preferred?: number): number {
    const pixels = [...positions].map((position) => this.map.project(position))
    const covers = (place: ClearRectangle) =>
      pixels.some(({ x, y }) => x >= place.left && x <= place.right && y >= place.top && y <= place.bottom)
    if (preferred !== undefined && places[preferred] && !covers(places[preferred])) return preferred
    return places.findIndex((place) => !covers(place))
  }

  /** The overlay changed size (another theme's legend): it stays where it covers nothing, else moves to a place that does; the view stays. */
  placeOverlay(): void {
    const places = this.#overlay?.places() ?? []
    if (places.length === 0 || this.#recordsById.size === 0) return
    const free = this.#freePlace(
      places,
      [...this.#recordsById.values()].map((record) => [record.lon, record.lat] as [number, number]),
      this.#overlayPlace,
    )
    if (free < 0 || free === this.#overlayPlace) return
    this.#overlayPlace = free
    this.#overlay!.place(free)
  }

  /** Clicks on an institution, else on a grid, else on empty ground. */
  onSelect(handler: (selection: { kind: 'institution' | 'grid'; id: number } | null) => void): void {
    this.map.on('click', (event) => {
      const [institution] = this.map
        .queryRenderedFeatures(event.point, { layers: [institutionsLayerId] })
        .filter((feature) => this.#visible(feature))
      if (typeof institution?.properties?.id === 'number')
        return handler({ kind: 'institution', id: institution.properties.id })
      const grid = this.map.getLayer(gridFillLayerId)
        ? this.map.queryRenderedFeatures(event.point, { layers: [gridFillLayerId] })[0]
        : undefined
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
  async setRoute(route: PlannedRoute | null): Promise<void> {
    if (await this.ready()) this.#route.show(route)
  }

  /** Brings these positions into view (a team's round, its route), 60 px in; later data does not re-frame the map. */
  frame(positions: readonly [number, number][]): void {
    if (positions.length === 0) return
    this.#fitted = true
    // A panel may have just appeared beside the map (the route sheet on /teams): the map learns its
    // new size from a ResizeObserver a frame later, and a fit made at the old size would leave the
    // stops on the far side outside once it shrinks. Measure now.
    this.map.resize()
    const bounds = new LngLatBounds()
    for (const position of positions) bounds.extend(position)
    this.map.fitBounds(bounds, { padding: 60, maxZoom: 14, duration: 600 })
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

  override destroy(): void {
    withdrawForTests('gridwatchMap', this.map)
    withdrawForTests('gridwatchInstitutionPoints', this.#points)
    super.destroy()
  }
}
