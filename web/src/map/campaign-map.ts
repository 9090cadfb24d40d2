// The map of a full-coverage campaign (拉网式检查): the campaign's grids shaded by the share of their
// institutions inspected for it, with the share as a label, and every institution as a dot —
// green once inspected for the campaign, red while not yet; grid names and shares as place labels.
import bbox from '@turf/bbox'
import type { FeatureCollection, MultiPolygon, Point } from 'geojson'
import type { GeoJSONSource } from 'maplibre-gl'
import { MapView } from './map-view.ts'
import { addPlaceImages, placeFeatureCollection, placeLayers, placesSourceId } from './layers/places-layer.ts'
import { areaColors } from './palette.ts'
import { exposeForTests, withdrawForTests } from './test-hooks.ts'

export interface CampaignGridShare {
  gridId: number
  share: number
  label: string
}

export class CampaignMap extends MapView {
  constructor(container: HTMLElement) {
    super(container)
    exposeForTests('gridwatchMap', this.map)
    this.prepare((map) => {
      map.addSource('campaign-grids', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } })
      map.addSource('campaign-institutions', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } })
      map.addLayer({
        id: 'campaign-grid-fill',
        type: 'fill',
        source: 'campaign-grids',
        paint: {
          'fill-color': ['interpolate', ['linear'], ['get', 'share'], 0, '#fee2e2', 0.5, '#fde68a', 1, '#86efac'],
          'fill-opacity': ['case', ['get', 'inCampaign'], 0.75, 0.15],
        },
      })
      map.addLayer({
        id: 'campaign-grid-line',
        type: 'line',
        source: 'campaign-grids',
        paint: { 'line-color': '#334155', 'line-width': 1.2 },
      })
      map.addLayer({
        id: 'campaign-institution',
        type: 'circle',
        source: 'campaign-institutions',
        paint: {
          'circle-radius': 4,
          'circle-color': ['case', ['get', 'inspected'], '#16a34a', '#dc2626'],
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 1,
        },
      })
      map.addSource(placesSourceId, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } })
      addPlaceImages(map, areaColors)
      for (const layer of placeLayers(areaColors)) if (layer.type === 'symbol') map.addLayer(layer)
    })
  }

  override destroy(): void {
    withdrawForTests('gridwatchMap', this.map)
    super.destroy()
  }

  async show(
    grids: FeatureCollection<MultiPolygon, { id: number; name: string; seat: number[] | null }>,
    shares: readonly CampaignGridShare[],
    institutions: readonly { position: [number, number]; inspected: boolean }[],
  ): Promise<void> {
    if (!(await this.ready())) return
    const shareOf = new Map(shares.map((entry) => [entry.gridId, entry]))
    const gridFeatures = grids.features.map((feature) => {
      const entry = shareOf.get(feature.properties.id)
      return {
        ...feature,
        properties: { ...feature.properties, inCampaign: entry !== undefined, share: entry?.share ?? 0 },
      }
    })
    // Each campaign grid's name at its seat, with its share inspected.
    ;(this.map.getSource(placesSourceId) as GeoJSONSource).setData(
      placeFeatureCollection(
        grids.features.flatMap((feature) => {
          const entry = shareOf.get(feature.properties.id)
          const seat = feature.properties.seat
          return entry && seat
            ? [
                {
                  kind: 'grid' as const,
                  name: feature.properties.name,
                  detail: entry.label,
                  at: [seat[0]!, seat[1]!] as [number, number],
                },
              ]
            : []
        }),
      ),
    )
    ;(this.map.getSource('campaign-grids') as GeoJSONSource).setData({
      type: 'FeatureCollection',
      features: gridFeatures,
    })
    const points: FeatureCollection<Point, { inspected: boolean }> = {
      type: 'FeatureCollection',
      features: institutions.map((institution) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: institution.position },
        properties: { inspected: institution.inspected },
      })),
    }
    ;(this.map.getSource('campaign-institutions') as GeoJSONSource).setData(points)
    const covered = gridFeatures.filter((feature) => feature.properties.inCampaign)
    if (covered.length > 0) {
      const [west, south, east, north] = bbox({ type: 'FeatureCollection', features: covered })
      this.map.fitBounds([west, south, east, north], { padding: 30, animate: false })
    }
  }
}
