// What the phone says once records have reached the server: for each visit whether it counts
// (已核验) or not (未核验) and why, in the member's words; other records are counted.
import type { FieldSettings } from '@gridwatch/domain/field-settings.ts'
import type { SentRecord } from '../../offline/outbox.ts'

type Translate = (key: string, values?: Record<string, unknown>) => string

export function sentMessage(sent: readonly SentRecord[], settings: FieldSettings, t: Translate): string | null {
  if (sent.length === 0) return null
  const limits = { limit: settings.geofenceMeters, minutes: settings.minimumStayMinutes }
  const visits = sent
    .filter((record) => record.type === 'inspection' && record.answer.verified !== undefined)
    .map((record) =>
      record.answer.verified
        ? t('verification.sentVerified', { name: record.label })
        : t('verification.sentUnverified', {
            name: record.label,
            reasons: (record.answer.verificationGaps ?? [])
              .map((gap) => t(`verification.gaps.${gap}`, limits))
              .join('；'),
          }),
    )
  const others = sent.length - visits.length
  return [...visits, ...(others > 0 ? [t('verification.sentOthers', { count: others })] : [])].join(' ')
}
