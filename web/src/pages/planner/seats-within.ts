// Which villages a drawn polygon takes: those whose seat (representative point) lies inside it.
import booleanPointInPolygon from '@turf/boolean-point-in-polygon'
import { polygon } from '@turf/helpers'
import type { PlanIndex } from '@gridwatch/domain/grid-metrics.ts'

export function seatsWithin(ring: [number, number][], index: PlanIndex, among: Iterable<number>): number[] {
  const drawn = polygon([ring])
  return [...among].filter((villageId) => booleanPointInPolygon(index.villages.get(villageId)!.seat, drawn))
}
