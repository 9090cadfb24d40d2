// Whether an inspection recorded on a phone can be believed: refused outright when its time or
// position cannot be true, counted as verified when the member was demonstrably there (seed 002:
// 谁检查谁签字; the geofence, stay and poster photo), and flagged for level-2 and level-1
// members and supervisors when it looks wrong (impossible travel, a position repeated at another
// institution, outside working hours, an accuracy no phone reports).
import { bureauClock } from './bureau-calendar.ts'
import { haversineDistanceMeters } from './distance.ts'
import type { FieldSettings } from './field-settings.ts'

export type Position = [number, number]

/** Why an inspection's time is refused; null when it is acceptable. */
export function timeRefusal(
  arrivedAt: Date,
  departedAt: Date | null,
  now: Date,
  settings: FieldSettings,
): string | null {
  const aheadLimit = now.getTime() + settings.futureSkewMinutes * 60_000
  if (arrivedAt.getTime() > aheadLimit || (departedAt && departedAt.getTime() > aheadLimit))
    return 'the inspection lies in the future; check the phone’s clock'
  if (arrivedAt.getTime() < now.getTime() - settings.pastLimitHours * 3_600_000)
    return `the inspection lies more than ${settings.pastLimitHours} hours in the past; record it on the day`
  if (departedAt && departedAt.getTime() < arrivedAt.getTime()) return 'the departure lies before the arrival'
  return null
}

/** Why a position is refused before any geometry is consulted; null when it is a plausible one. */
export function positionRefusal(position: Position): string | null {
  if (Math.abs(position[0]) < 1e-9 && Math.abs(position[1]) < 1e-9)
    return 'the position [0, 0] is no position (the phone had no fix)'
  return null
}

export const verificationGaps = [
  'outside-geofence',
  'inaccurate-position',
  'short-stay',
  'no-departure',
  'no-sign-photo',
] as const
export type VerificationGap = (typeof verificationGaps)[number]

export interface VerificationInput {
  distanceMeters: number
  accuracyMeters: number
  arrivedAt: Date
  departedAt: Date | null
  /** Photos of the institution's contact poster or sign (统一张贴的网格人员信息). */
  signPhotos: number
}

/** Verified when nothing is missing; each gap says what is. */
export function verificationGapsOf(input: VerificationInput, settings: FieldSettings): VerificationGap[] {
  const gaps: VerificationGap[] = []
  if (input.distanceMeters > settings.geofenceMeters) gaps.push('outside-geofence')
  if (input.accuracyMeters > settings.geofenceMeters) gaps.push('inaccurate-position')
  if (!input.departedAt) gaps.push('no-departure')
  else if (input.departedAt.getTime() - input.arrivedAt.getTime() < settings.minimumStayMinutes * 60_000)
    gaps.push('short-stay')
  if (input.signPhotos === 0) gaps.push('no-sign-photo')
  return gaps
}

export const anomalyKinds = [
  'impossible-speed',
  'repeated-position',
  'outside-working-hours',
  'implausible-accuracy',
] as const
export type AnomalyKind = (typeof anomalyKinds)[number]

export interface Anomaly {
  kind: AnomalyKind
  /** A readable account, e.g. "312 km/h from 张楼村卫生室". */
  detail: string
}

export interface NeighbouringInspection {
  institutionId: number
  institutionName: string
  position: Position
  arrivedAt: Date
  departedAt: Date | null
}

export interface AnomalyInput {
  institutionId: number
  position: Position
  accuracyMeters: number
  arrivedAt: Date
  departedAt: Date | null
  /** The same member's inspections just before and just after this one. */
  neighbours: NeighbouringInspection[]
  /** Inspections of other institutions reported at exactly this position. */
  samePositionElsewhere: NeighbouringInspection[]
}

export function anomaliesOf(input: AnomalyInput, settings: FieldSettings): Anomaly[] {
  const anomalies: Anomaly[] = []
  for (const neighbour of input.neighbours) {
    if (neighbour.institutionId === input.institutionId) continue
    const meters = haversineDistanceMeters(neighbour.position, input.position)
    // The gap between leaving one place and arriving at the other.
    const [earlierEnd, laterStart] =
      neighbour.arrivedAt.getTime() <= input.arrivedAt.getTime()
        ? [(neighbour.departedAt ?? neighbour.arrivedAt).getTime(), input.arrivedAt.getTime()]
        : [(input.departedAt ?? input.arrivedAt).getTime(), neighbour.arrivedAt.getTime()]
    const hours = Math.max(laterStart - earlierEnd, 60_000) / 3_600_000
    const speedKmh = meters / 1000 / hours
    if (meters > 1000 && speedKmh > settings.maximumSpeedKmh)
      anomalies.push({
        kind: 'impossible-speed',
        detail: `${Math.round(speedKmh)} km/h to or from ${neighbour.institutionName}`,
      })
  }
  for (const other of input.samePositionElsewhere)
    anomalies.push({
      kind: 'repeated-position',
      detail: `the same position as an inspection of ${other.institutionName}`,
    })
  const local = bureauClock(input.arrivedAt, 'minute', settings.timeZone)
  const hour = Number(local.slice(11, 13)) + Number(local.slice(14, 16)) / 60
  const weekday = new Date(`${local.slice(0, 10)}T00:00:00Z`).getUTCDay()
  const { startHour, endHour, weekdays } = settings.workingHours
  if (!weekdays.includes(weekday) || hour < startHour || hour >= endHour)
    anomalies.push({ kind: 'outside-working-hours', detail: `recorded at ${local} local time` })
  if (input.accuracyMeters <= settings.implausibleAccuracyMeters)
    anomalies.push({
      kind: 'implausible-accuracy',
      detail: `an accuracy of ${input.accuracyMeters} m, which no phone reports`,
    })
  return anomalies
}
