// What every map of the app shares: a MapLibre map on our offline base style; its sources and
// layers added once the style has loaded; a ready check that answers no once the map was removed
// (its page was left while data was on the way), so late data never touches a dead map. A
// configured base map (base-map.ts) goes under the layers once both are there; the layers never wait for it.
import './maplibre-setup.ts'
import { Map as MapLibreMap } from 'maplibre-gl'
import { baseStyle } from './base-style.ts'
import { addBaseMap, loadBaseMap } from './base-map.ts'
import type { AreaColors } from './palette.ts'

export interface MapViewOptions {
  colors?: AreaColors
  interactive?: boolean
  /** Keep the drawn frame in the canvas (a map that is printed). */
  preserveDrawingBuffer?: boolean
}

export class MapView {
  readonly map: MapLibreMap
  readonly #styleLoaded: Promise<void>
  #prepared: Promise<void>
  #destroyed = false

  constructor(container: HTMLElement, options: MapViewOptions = {}) {
    this.map = new MapLibreMap({
      container,
      style: baseStyle(options.colors),
      center: [115.58, 35.08],
      zoom: 9.5,
      attributionControl: false,
      fadeDuration: 0,
      interactive: options.interactive ?? true,
      ...(options.preserveDrawingBuffer ? { canvasContextAttributes: { preserveDrawingBuffer: true } } : {}),
    })
    this.#styleLoaded = new Promise((resolve) => this.map.once('load', () => resolve()))
    this.#prepared = this.#styleLoaded
  }

  /** Adds the map's own sources and layers once the style has loaded (call once, from the constructor). */
  protected prepare(setup: (map: MapLibreMap) => void): void {
    this.#prepared = this.#styleLoaded.then(() => {
      if (!this.#destroyed) setup(this.map)
    })
    void Promise.all([this.#prepared, loadBaseMap()]).then(([, base]) => {
      if (base && !this.#destroyed) addBaseMap(this.map, base)
    })
  }

  /** Resolves once the style and the map's own layers are in place. */
  whenLoaded(): Promise<void> {
    return this.#prepared
  }

  /** Waits for the layers; false once the map is removed. */
  protected async ready(): Promise<boolean> {
    await this.#prepared
    return !this.#destroyed
  }

  get destroyed(): boolean {
    return this.#destroyed
  }

  readonly #beforeDestroy: (() => void)[] = []

  /** Runs `release` before the map is removed (while its style and sources still exist). */
  beforeDestroy(release: () => void): void {
    this.#beforeDestroy.push(release)
  }

  destroy(): void {
    this.#destroyed = true
    for (const release of this.#beforeDestroy.splice(0)) release()
    this.map.remove()
  }
}
