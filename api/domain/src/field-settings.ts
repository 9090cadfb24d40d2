// A county's field-work settings (巡查规则): the inspection intervals and what makes an inspection
// verified and plausible. Every value has a default here; a county overrides what it must in the
// `county_settings` table (GET/PUT /api/settings/field).
import { defaultIntervalTable, mergeIntervalTable, type IntervalTable } from './inspection-intervals.ts'
import { bureauTimeZone } from './bureau-calendar.ts'
import type { CreditGrade } from './credit.ts'
import type { InstitutionType } from './institution-types.ts'
import type { AssessmentWeights } from './assessment.ts'
import { defaultCircularThresholds, type CircularThresholds } from './circulars.ts'

export interface FieldSettings {
  intervals: IntervalTable
  /** A verified inspection was recorded within this distance of the institution. */
  geofenceMeters: number
  /** …and lasted at least this long, arrival to departure. */
  minimumStayMinutes: number
  /** An inspection recorded longer ago than this is refused (a phone offline for days sends it late). */
  pastLimitHours: number
  /** How far a phone's clock may run ahead of the server's. */
  futureSkewMinutes: number
  /** The county's time zone (IANA): its days, weeks, months, due dates and working hours run on it. */
  timeZone: string
  /** Working hours in the county's time zone; inspections outside are flagged, not refused. */
  workingHours: { startHour: number; endHour: number; weekdays: number[] }
  /** Faster than this between one member's consecutive inspections is impossible travel. */
  maximumSpeedKmh: number
  /** A position claimed to be this accurate or better is implausible for a phone (mock locations report 0–1 m). */
  implausibleAccuracyMeters: number
  /** A risk report (舆情) waits this long for acknowledgement at one level before it climbs on by itself. */
  riskHopLimitMinutes: number
  /** A complaint clue must be concluded within this many days of receipt (限时办结). */
  clueTimeLimitDays: number
  /** A grid's monthly report (月上报) is due on this day of the next month. */
  reportDueDay: number
  /** The annual assessment's weights by year (YYYY); a year without its own uses the defaults. */
  assessmentWeights: Record<string, AssessmentWeights>
  /** Where a circular (通报) draws its lines: below `failBelow` criticised, at `commendAtLeast` commended. */
  circularThresholds: CircularThresholds
}

export const defaultFieldSettings: FieldSettings = {
  intervals: defaultIntervalTable,
  geofenceMeters: 200,
  minimumStayMinutes: 10,
  pastLimitHours: 72,
  futureSkewMinutes: 10,
  timeZone: bureauTimeZone,
  workingHours: { startHour: 8, endHour: 18, weekdays: [1, 2, 3, 4, 5] },
  maximumSpeedKmh: 120,
  implausibleAccuracyMeters: 1,
  riskHopLimitMinutes: 30,
  clueTimeLimitDays: 30,
  reportDueDay: 5,
  assessmentWeights: {},
  circularThresholds: defaultCircularThresholds,
}

export type FieldSettingsOverrides = Partial<Omit<FieldSettings, 'intervals'>> & {
  intervals?: Partial<Record<InstitutionType, Partial<Record<CreditGrade, number>>>>
}

export function fieldSettingsOf(overrides: FieldSettingsOverrides | null | undefined): FieldSettings {
  const { intervals, ...rest } = overrides ?? {}
  return { ...defaultFieldSettings, ...rest, intervals: mergeIntervalTable(intervals) }
}
