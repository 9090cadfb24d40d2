// A deployment's base map under our layers (GRIDWATCH_BASE_MAP_STYLE_URL: a self-hosted vector
// tile service, or 天地图 on a government network): its sources and layers are added below the
// first of ours, with ids prefixed so they never meet our own. Without one, nothing is fetched from
// anywhere else and the map stays our offline style. Its text is drawn from the browser's fonts
// like ours (no glyph server), so a style's `glyphs` is not used.
import type { Map as MapLibreMap, SourceSpecification, StyleSpecification } from 'maplibre-gl'
import { apiRequest } from '../api/client.ts'
import type { components } from '../api/schema.ts'

export const baseMapPrefix = 'base-map:'

let loading: Promise<StyleSpecification | null> | undefined

/** The configured base style (asked once per page load), or null: none configured, or it could not be read. */
export function loadBaseMap(): Promise<StyleSpecification | null> {
  loading ??= (async () => {
    try {
      const { styleUrl } = await apiRequest<components['schemas']['BaseMap']>('/api/map/base-map')
      if (!styleUrl) return null
      const response = await fetch(styleUrl, { signal: AbortSignal.timeout(10_000) })
      if (!response.ok) throw new Error(`${styleUrl} answered ${response.status}`)
      return resolveUrls((await response.json()) as StyleSpecification, styleUrl)
    } catch (error) {
      console.warn('The base map could not be read; the map shows our own layers only.', error)
      return null
    }
  })()
  return loading
}

/** A style's relative URLs (sources, tiles, sprite) read against the style's own address, as MapLibre would. */
export function resolveUrls(style: StyleSpecification, styleUrl: string): StyleSpecification {
  const absolute = (url: string) =>
    url.startsWith('mapbox://') ? url : new URL(url, styleUrl).toString().replaceAll('%7B', '{').replaceAll('%7D', '}')
  const sources = Object.fromEntries(
    Object.entries(style.sources).map(([id, source]) => {
      const resolved: Record<string, unknown> = { ...source }
      if (typeof resolved.url === 'string') resolved.url = absolute(resolved.url)
      if (Array.isArray(resolved.tiles)) resolved.tiles = (resolved.tiles as string[]).map(absolute)
      if (typeof resolved.data === 'string') resolved.data = absolute(resolved.data)
      return [id, resolved as unknown as SourceSpecification]
    }),
  )
  const sprite =
    typeof style.sprite === 'string'
      ? absolute(style.sprite)
      : style.sprite?.map((entry) => ({ ...entry, url: absolute(entry.url) }))
  return { ...style, sources, ...(sprite ? { sprite } : {}) }
}

/** Adds the base style's sources and layers under ours (ours stay on top whichever comes first). */
export function addBaseMap(map: MapLibreMap, style: StyleSpecification): void {
  for (const [id, source] of Object.entries(style.sources)) map.addSource(baseMapPrefix + id, source)
  if (typeof style.sprite === 'string') map.setSprite(style.sprite)
  else for (const { id, url } of style.sprite ?? []) map.addSprite(id, url)
  const firstOfOurs = map
    .getStyle()
    .layers.find((layer) => layer.id !== 'background' && !layer.id.startsWith(baseMapPrefix))?.id
  for (const layer of style.layers) {
    const prefixed = {
      ...layer,
      id: baseMapPrefix + layer.id,
      ...('source' in layer && typeof layer.source === 'string' ? { source: baseMapPrefix + layer.source } : {}),
    }
    map.addLayer(prefixed as typeof layer, firstOfOurs)
  }
  // The county's own fill would hide the base map: it becomes a wash.
  if (map.getLayer('district-fill')) map.setPaintProperty('district-fill', 'fill-opacity', 0.35)
}
