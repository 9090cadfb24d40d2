// What a field photo shows burnt in: when (the county's wall clock, to the minute) and where it was
// taken (the institution, the phone's position and its accuracy), and who took it. Two short lines,
// so that they stay legible on a phone's thumbnail.
import { bureauClock } from '@gridwatch/domain/bureau-calendar.ts'

export interface WatermarkInput {
  takenAt: Date
  timeZone: string
  institutionName: string
  position: [number, number] | null
  accuracyMeters: number | null
  member: string
}

export function watermarkOf(input: WatermarkInput): string[] {
  const where = input.position
    ? `${input.position[0].toFixed(5)}, ${input.position[1].toFixed(5)}${input.accuracyMeters === null ? '' : ` ±${Math.round(input.accuracyMeters)} m`}`
    : '无定位'
  return [
    `${bureauClock(input.takenAt, 'minute', input.timeZone)} · ${input.institutionName}`,
    `${where} · ${input.member}`,
  ]
}
