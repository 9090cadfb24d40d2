import { expect, test } from 'vitest'
import { anomaliesOf, positionRefusal, timeRefusal, verificationGapsOf } from './field-checks.ts'
import { defaultFieldSettings, fieldSettingsOf } from './field-settings.ts'
import { inspectionContentText, type InspectionContent } from './inspection-content.ts'

const now = new Date('2026-11-25T04:00:00Z') // Wednesday 12:00 in UTC+8
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000)

test('times more than 72 h past or ahead of the clock are refused; the limit is a setting', () => {
  expect(timeRefusal(hoursAgo(71), hoursAgo(70.5), now, defaultFieldSettings)).toBeNull()
  expect(timeRefusal(hoursAgo(73), null, now, defaultFieldSettings)).toContain('72 hours')
  expect(timeRefusal(hoursAgo(-1), null, now, defaultFieldSettings)).toContain('future')
  expect(timeRefusal(hoursAgo(1), hoursAgo(2), now, defaultFieldSettings)).toContain('before the arrival')
  expect(timeRefusal(hoursAgo(73), null, now, fieldSettingsOf({ pastLimitHours: 96 }))).toBeNull()
})

test('[0, 0] is refused as no position', () => {
  expect(positionRefusal([0, 0])).toContain('[0, 0]')
  expect(positionRefusal([115.5, 35.1])).toBeNull()
})

test('verified only within the geofence, after the minimum stay, with a sign photo', () => {
  const good = {
    distanceMeters: 50,
    accuracyMeters: 12,
    arrivedAt: hoursAgo(1),
    departedAt: hoursAgo(0.5),
    signPhotos: 1,
  }
  expect(verificationGapsOf(good, defaultFieldSettings)).toEqual([])
  expect(verificationGapsOf({ ...good, distanceMeters: 201 }, defaultFieldSettings)).toEqual(['outside-geofence'])
  expect(verificationGapsOf({ ...good, distanceMeters: 201 }, fieldSettingsOf({ geofenceMeters: 300 }))).toEqual([])
  expect(
    verificationGapsOf({ ...good, departedAt: new Date(hoursAgo(1).getTime() + 5 * 60_000) }, defaultFieldSettings),
  ).toEqual(['short-stay'])
  expect(verificationGapsOf({ ...good, departedAt: null, signPhotos: 0 }, defaultFieldSettings)).toEqual([
    'no-departure',
    'no-sign-photo',
  ])
})

test('anomalies: impossible travel, a repeated position, outside working hours, implausible accuracy', () => {
  const base = {
    institutionId: 1,
    position: [115.5, 35.1] as [number, number],
    accuracyMeters: 15,
    arrivedAt: hoursAgo(1),
    departedAt: hoursAgo(0.7),
    neighbours: [],
    samePositionElsewhere: [],
  }
  expect(anomaliesOf(base, defaultFieldSettings)).toEqual([])
  // 30 km in 10 minutes.
  const far = {
    institutionId: 2,
    institutionName: '远村卫生室',
    position: [115.83, 35.1] as [number, number],
    arrivedAt: hoursAgo(1.5),
    departedAt: new Date(hoursAgo(1).getTime() - 10 * 60_000),
  }
  expect(anomaliesOf({ ...base, neighbours: [far] }, defaultFieldSettings).map((anomaly) => anomaly.kind)).toEqual([
    'impossible-speed',
  ])
  // The same 30 km in two hours is a car.
  expect(
    anomaliesOf(
      { ...base, neighbours: [{ ...far, arrivedAt: hoursAgo(4), departedAt: hoursAgo(3) }] },
      defaultFieldSettings,
    ),
  ).toEqual([])
  expect(
    anomaliesOf({ ...base, samePositionElsewhere: [far] }, defaultFieldSettings).map((anomaly) => anomaly.kind),
  ).toEqual(['repeated-position'])
  const sunday = new Date('2026-11-29T02:00:00Z')
  expect(
    anomaliesOf({ ...base, arrivedAt: sunday, departedAt: null }, defaultFieldSettings).map((anomaly) => anomaly.kind),
  ).toEqual(['outside-working-hours'])
  const evening = new Date('2026-11-25T11:30:00Z') // 19:30 local
  expect(anomaliesOf({ ...base, arrivedAt: evening, departedAt: null }, defaultFieldSettings)[0]!.detail).toContain(
    '19:30',
  )
  expect(anomaliesOf({ ...base, accuracyMeters: 0 }, defaultFieldSettings).map((anomaly) => anomaly.kind)).toEqual([
    'implausible-accuracy',
  ])
})

test('the content text is canonical: photo order and time notation do not change it; any field does', () => {
  const content: InspectionContent = {
    institutionId: 7,
    kind: 'weekly-visit',
    arrivedAt: '2026-11-25T09:00:00+08:00',
    departedAt: '2026-11-25T01:20:00Z',
    position: [115.5, 35.1],
    accuracyMeters: 12,
    checklist: [{ category: '挂床住院', result: 'ok' }],
    findings: [],
    note: '',
    photoDigests: ['b', 'a'],
  }
  const text = inspectionContentText(content)
  expect(inspectionContentText({ ...content, arrivedAt: '2026-11-25T01:00:00.000Z', photoDigests: ['a', 'b'] })).toBe(
    text,
  )
  expect(inspectionContentText({ ...content, institutionId: 8 })).not.toBe(text)
  expect(inspectionContentText({ ...content, note: '补充' })).not.toBe(text)
})
