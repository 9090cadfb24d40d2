// The workload of a supervision team's month: time at each institution plus the drive round them
// from the bureau, from the optimised route. Straight-line distances stretched by a road factor;
// no road network is loaded.
import { routeOrder } from './route-order.ts'

/** Time at each institution and travel assumptions for the workload estimate. */
export const workloadAssumptions = { serviceMinutesPerStop: 30, roadFactor: 1.3, travelSpeedKilometersPerHour: 40 }

/**
 * Service time plus the round trip from `start`. `quick` runs the local search without kicks (a
 * millisecond or two for a zone), for searches that compare many candidate splits.
 */
export function estimatedHours(
  start: [number, number],
  stops: readonly { id: number; position: [number, number] }[],
  quick = false,
): { hours: number; routeKilometers: number } {
  if (stops.length === 0) return { hours: 0, routeKilometers: 0 }
  const search = quick ? { maximumKicks: 0 } : {}
  const route = routeOrder(
    start,
    stops.map((stop) => ({ id: String(stop.id), lon: stop.position[0], lat: stop.position[1] })),
    { returnToStart: true, ...search },
  )
  const routeKilometers = (route.distanceMeters * workloadAssumptions.roadFactor) / 1000
  const hours =
    (stops.length * workloadAssumptions.serviceMinutesPerStop) / 60 +
    routeKilometers / workloadAssumptions.travelSpeedKilometersPerHour
  return { hours: Math.round(hours * 10) / 10, routeKilometers: Math.round(routeKilometers * 10) / 10 }
}
