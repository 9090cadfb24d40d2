// A full-coverage campaign (拉网式全面检查, seed 004: 逐一检查辖区内的定点医药机构，列出问题清单，逐个击破、
// 销号管理): an area (a zone, a grid or the whole county), a period, and the violation categories every
// inspection made for it must check. An inspection counts for the campaign when it names it, falls
// in the period, is of an institution in the area, and its checklist covers the campaign's
// categories that apply to the institution's type. The campaign is done when every institution of
// the area has been inspected once for it.
import { violationCategories } from './violation-categories.ts'
import type { InstitutionType } from './institution-types.ts'

export interface CampaignRules {
  startsOn: string
  endsOn: string
  categories: readonly string[]
}

/** Every violation category of any institution type: what a campaign's checklist may name. */
export const campaignCategories: readonly string[] = [...new Set(Object.values(violationCategories).flat())]

/** Why a campaign definition is refused, and which field, or null. */
export function campaignDefinitionRefusal(
  rules: CampaignRules,
): { path: 'endsOn' | 'categories'; message: string } | null {
  if (rules.endsOn < rules.startsOn) return { path: 'endsOn', message: 'the campaign ends before it starts' }
  if (rules.categories.length === 0)
    return { path: 'categories', message: 'a campaign checks at least one violation category' }
  const unknown = rules.categories.filter((category) => !campaignCategories.includes(category))
  if (unknown.length > 0) return { path: 'categories', message: `not a violation category: ${unknown.join(', ')}` }
  if (new Set(rules.categories).size !== rules.categories.length)
    return { path: 'categories', message: 'each category once' }
  return null
}

/** The campaign's categories an institution of this type is checked for. */
export function categoriesFor(rules: CampaignRules, type: InstitutionType): string[] {
  return rules.categories.filter((category) => violationCategories[type].includes(category))
}

/** Why an inspection cannot count for the campaign, or null. `arrivedOn` is the bureau's date of arrival. */
export function campaignInspectionRefusal(
  rules: CampaignRules,
  inspection: { arrivedOn: string; inArea: boolean; type: InstitutionType; checked: readonly string[] },
): string | null {
  if (!inspection.inArea) return 'the institution lies outside the campaign’s area'
  if (inspection.arrivedOn < rules.startsOn || inspection.arrivedOn > rules.endsOn)
    return `the campaign runs from ${rules.startsOn} to ${rules.endsOn}`
  const missing = categoriesFor(rules, inspection.type).filter((category) => !inspection.checked.includes(category))
  if (missing.length > 0) return `the checklist must cover the campaign’s categories: ${missing.join(', ')}`
  return null
}

export type CampaignPhase = 'upcoming' | 'running' | 'ended'

export function campaignPhase(rules: CampaignRules, today: string): CampaignPhase {
  return today < rules.startsOn ? 'upcoming' : today > rules.endsOn ? 'ended' : 'running'
}
