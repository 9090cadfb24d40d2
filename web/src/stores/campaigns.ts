// Full-coverage campaigns (拉网式检查, server state of /campaigns): the county's campaigns with their
// progress, the open campaign's detail (per grid, per institution, its problems), the zones and
// grids a campaign can cover, and starting one.
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { apiRequest } from '../api/client.ts'
import type { AreaCollection, ResponseOf } from '../api/types.ts'

export type CampaignSummary = ResponseOf<'/api/campaigns', 'get'>[number]
export type CampaignDetail = ResponseOf<'/api/campaigns/{id}', 'get'>
export interface CampaignDraft {
  name: string
  areaId: number | null
  startsOn: string
  endsOn: string
  categories: string[]
}

export const useCampaignsStore = defineStore('campaigns', () => {
  const campaigns = shallowRef<CampaignSummary[]>([])
  const detail = shallowRef<CampaignDetail | null>(null)
  const zones = shallowRef<AreaCollection | null>(null)
  const grids = shallowRef<AreaCollection | null>(null)
  const error = ref<string | null>(null)

  async function load() {
    try {
      campaigns.value = await apiRequest<CampaignSummary[]>('/api/campaigns')
      error.value = null
    } catch (failure) {
      error.value = (failure as Error).message
    }
  }

  /** The campaign's detail and the grids its map shades; null clears it. */
  async function open(campaignId: number | null) {
    if (campaignId === null) return void (detail.value = null)
    try {
      detail.value = await apiRequest<CampaignDetail>(`/api/campaigns/${campaignId}`)
      await loadAreas(['grid'])
    } catch (failure) {
      error.value = (failure as Error).message
    }
  }

  /** The zones and grids a new campaign can cover (each read once). */
  async function loadAreas(levels: readonly ('zone' | 'grid')[] = ['zone', 'grid']) {
    await Promise.all(
      levels.map(async (level) => {
        const target = level === 'zone' ? zones : grids
        target.value ??= await apiRequest<AreaCollection>(`/api/areas?level=${level}`)
      }),
    )
  }

  /** Starts a campaign; the list is read again. Throws the server's reason. */
  async function start(draft: CampaignDraft): Promise<CampaignSummary> {
    const started = await apiRequest<CampaignSummary>('/api/campaigns', { method: 'POST', body: draft })
    await load()
    return started
  }

  return { campaigns, detail, zones, grids, error, load, open, loadAreas, start }
})
