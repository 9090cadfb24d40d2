// The rotation shapes the teams page and the rotations store read and write, from the generated API types (tag "teams").
import type { components } from './schema.ts'
import type { ResponseOf } from './types.ts'

export type RotationPlan = components['schemas']['RotationPlan']

export type RoundInstitution = ResponseOf<'/api/rotations/{teamId}/{month}/institutions', 'get'>[number]

export type Workload = ResponseOf<'/api/rotations/workload', 'get'>

export type OptimizedRoute = components['schemas']['RouteOptimizeResult']

/** YYYY-MM of a plan month (YYYY-MM-01). */
export const monthKey = (month: string) => month.slice(0, 7)

export type SplitSuggestion = ResponseOf<'/api/rotations/split/suggest', 'post'>
