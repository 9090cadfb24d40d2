// The parts of the page's MapLibre map (window.gridwatchMap) and of the wall's point layer
// (window.gridwatchInstitutionPoints) and of the planner's map (window.gridwatchPlannerMap) that browser tests reach.
interface RenderedFeature {
  id?: string | number
  properties: Record<string, unknown> | null
  geometry: { type: string; coordinates: unknown }
}

interface Window {
  gridwatchMap?: {
    loaded(): boolean
    queryRenderedFeatures(options: { layers: string[] }): RenderedFeature[]
    project(lngLat: [number, number]): { x: number; y: number }
    unproject(point: [number, number]): { lng: number; lat: number }
    getCanvas(): HTMLCanvasElement
    jumpTo(options: { center?: [number, number]; zoom?: number }): void
    getZoom(): number
    getCenter(): { lng: number; lat: number }
    getPaintProperty(layer: string, name: string): unknown
    getLayoutProperty(layer: string, name: string): unknown
    querySourceFeatures(source: string): RenderedFeature[]
    /** A GeoJSON source: `serialize().data` is the collection the page set. */
    getSource(
      id: string,
    ): { serialize(): { data: { features?: { id?: number | string; geometry: unknown }[] } } } | undefined
    on(type: string, listener: () => void): void
    once(type: string, listener: () => void): void
    getLayer(id: string): unknown
    getStyle(): { layers: { id: string }[] }
    getFeatureState(feature: { source: string; id: number }): Record<string, unknown>
    isSourceLoaded(id: string): boolean
    setLayoutProperty(layer: string, name: string, value: unknown): void
    triggerRepaint(): void
  }
  /** The grid planner's map (web/src/map/planner-map-controller.ts). */
  gridwatchPlannerMap?: {
    loaded(): boolean
    jumpTo(options: { center?: [number, number]; zoom?: number }): void
    once(type: 'idle', listener: () => void): void
    queryRenderedFeatures(options: { layers: string[] }): RenderedFeature[]
  }
  /** The wall's WebGL point layer (web/src/map/layers/institution-points-layer.ts). */
  gridwatchInstitutionPoints?: {
    readonly count: number
    idsInView(): number[]
    positionOf(id: number): [number, number] | null
    colorOf(id: number): [number, number, number] | null
  }
}
