// The parts of the page's MapLibre map that browser tests reach through window.gridwatchMap.
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
    getCanvas(): HTMLCanvasElement
    jumpTo(options: { center?: [number, number]; zoom?: number }): void
    getZoom(): number
    getPaintProperty(layer: string, name: string): unknown
    querySourceFeatures(source: string): RenderedFeature[]
    on(type: string, listener: () => void): void
  }
}
