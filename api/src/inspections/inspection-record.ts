// Recording one inspection: the checks a phone's record must pass (time, position, photos,
// signatures), what the server works out (distance, verification, anomalies, content hash), and the
// one transaction that writes the inspection, its signatures, its photos' link and a ledger item for
// each finding.
import crypto from 'node:crypto'
import { sql } from 'drizzle-orm'
import { schema, type Database } from '@gridwatch/db'
import type { InspectionKind } from '@gridwatch/db/schema'
import {
  anomaliesOf,
  positionRefusal,
  timeRefusal,
  verificationGapsOf,
  type Anomaly,
  type NeighbouringInspection,
  type VerificationGap,
} from '@gridwatch/domain/field-checks.ts'
import type { FieldSettings } from '@gridwatch/domain/field-settings.ts'
import {
  inspectionContentText,
  signatureSealText,
  type ChecklistResult,
  type SignerRole,
} from '@gridwatch/domain/inspection-content.ts'
import type { LedgerSeverity } from '@gridwatch/domain/ledger-items.ts'
import { staffWorkRefusal, type StaffWorkEntry } from '@gridwatch/domain/cross-checks.ts'
import { haversineDistanceMeters } from '@gridwatch/domain/distance.ts'
import { findingCategoriesOf } from '@gridwatch/domain/violation-categories.ts'
import type { SessionUser } from '../auth/session-user.ts'
import type { WritePath } from '../platform/write-path.ts'
import { failures } from '../platform/failure.ts'
import type { PlacedInstitution } from '../institutions/institution-place.ts'
import { openLedgerItem } from '../ledger-items/ledger-item-queries.ts'
import { checkCampaignInspection } from '../campaigns/campaign-queries.ts'

export interface InspectionInput {
  institutionId: number
  kind: InspectionKind
  arrivedAt: string
  departedAt: string | null
  deviceRecordedAt?: string | undefined
  position: [number, number]
  accuracyMeters: number
  checklist: { category: string; result: ChecklistResult }[]
  staffWork: StaffWorkEntry[]
  campaignId?: number | undefined
  findings: {
    category: string
    problem: string
    severity: LedgerSeverity
    measure?: string | undefined
    responsiblePerson?: string | undefined
    /** The finding's own photos, among `photoIds`: its ledger item's 整改前 picture. */
    photoIds?: number[] | undefined
  }[]
  note: string
  photoIds: number[]
  signatures: { role: SignerRole; signerName: string; signedAt: string; contentHash: string; image: string }[]
}

export interface RecordedInspection {
  id: number
  institutionId: number
  gridId: number | null
  kind: InspectionKind
  arrivedAt: string
  departedAt: string | null
  position: [number, number]
  accuracyMeters: number
  distanceMeters: number
  verified: boolean
  verificationGaps: VerificationGap[]
  anomalies: Anomaly[]
  note: string
  contentHash: string
  photoIds: number[]
  ledgerItemIds: number[]
  signatures: { role: SignerRole; signerName: string; signedAt: string; seal: string }[]
}

const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex')
const iso = (value: string | null) => (value === null ? null : new Date(value).toISOString())

export async function recordInspection(
  database: Database,
  write: WritePath,
  user: SessionUser,
  institution: PlacedInstitution,
  input: InspectionInput,
  settings: FieldSettings,
  now: Date,
): Promise<RecordedInspection> {
  const arrivedAt = new Date(input.arrivedAt)
  const departedAt = input.departedAt === null ? null : new Date(input.departedAt)
  const refusedTime = timeRefusal(arrivedAt, departedAt, now, settings)
  if (refusedTime)
    throw failures.rejected(
      'inspection-time-refused',
      'Inspection time refused',
      `The inspection cannot be recorded: ${refusedTime}.`,
      [{ path: 'arrivedAt', message: refusedTime }],
    )
  const refusedPosition = positionRefusal(input.position)
  if (refusedPosition)
    throw failures.rejected(
      'inspection-position-refused',
      'Position refused',
      `The inspection cannot be recorded: ${refusedPosition}.`,
      [{ path: 'position', message: refusedPosition }],
    )
  if (!(await insideCounty(database, institution.countyCode, input.position)))
    throw failures.rejected(
      'inspection-position-refused',
      'Position refused',
      'The inspection cannot be recorded: the position lies outside the county.',
      [{ path: 'position', message: 'outside the county' }],
    )

  const allowed = new Set(findingCategoriesOf(institution.type))
  const unknown = [
    ...input.checklist.map((entry) => entry.category),
    ...input.findings.map((finding) => finding.category),
  ].filter((category) => !allowed.has(category))
  if (unknown.length > 0)
    throw failures.invalid(`Not a violation category of this institution type: ${[...new Set(unknown)].join(', ')}.`, [
      { path: 'findings', message: 'unknown category' },
    ])

  const refusedStaffWork = staffWorkRefusal(input.kind, input.staffWork)
  if (refusedStaffWork)
    throw failures.invalid(`The staff-work checks cannot be recorded: ${refusedStaffWork}.`, [
      { path: 'staffWork', message: refusedStaffWork },
    ])

  if (input.campaignId !== undefined)
    await checkCampaignInspection(database, input.campaignId, institution, { arrivedAt, checklist: input.checklist })

  const photos = await database.rows<{
    id: number
    kind: string
    source_sha256: string
    institution_id: number
    uploaded_by: number
    inspection_id: number | null
  }>(
    input.photoIds.length === 0
      ? sql`SELECT NULL::int AS id WHERE false`
      : sql`SELECT id, kind, source_sha256, institution_id, uploaded_by, inspection_id FROM photos WHERE id IN (${sql.join(
          input.photoIds.map((id) => sql`${id}`),
          sql`, `,
        )})`,
  )
  const foreign = input.photoIds.filter((id) => {
    const photo = photos.find((row) => row.id === id)
    return (
      !photo || photo.uploaded_by !== user.id || photo.institution_id !== institution.id || photo.inspection_id !== null
    )
  })
  if (foreign.length > 0)
    throw failures.rejected(
      'photo-not-attachable',
      'Photo cannot be attached',
      `Photo ${foreign.join(', ')} was not uploaded by you for this institution, or belongs to another inspection already.`,
      [{ path: 'photoIds', message: 'not attachable' }],
    )

  const strayFindingPhotos = input.findings
    .flatMap((finding) => finding.photoIds ?? [])
    .filter((id) => !input.photoIds.includes(id))
  if (strayFindingPhotos.length > 0)
    throw failures.invalid(
      `A finding's photo must be one of the inspection's photos: ${strayFindingPhotos.join(', ')} is not.`,
      [{ path: 'findings', message: 'photo not among photoIds' }],
    )
  const digestOf = new Map(photos.map((photo) => [photo.id, photo.source_sha256]))

  const content = {
    institutionId: institution.id,
    kind: input.kind,
    arrivedAt: input.arrivedAt,
    departedAt: input.departedAt,
    position: input.position,
    accuracyMeters: input.accuracyMeters,
    checklist: input.checklist,
    staffWork: input.staffWork,
    findings: input.findings.map(({ category, problem, severity, photoIds }) => ({
      category,
      problem,
      severity,
      photoDigests: (photoIds ?? []).map((id) => digestOf.get(id)!),
    })),
    note: input.note,
    photoDigests: photos.map((photo) => photo.source_sha256),
  }
  const contentHash = sha256(inspectionContentText(content))
  for (const signature of input.signatures)
    if (signature.contentHash !== contentHash)
      throw failures.rejected(
        'signature-mismatch',
        'Signature does not belong to this record',
        `The ${signature.role}’s signature was made over another record (or this record changed after signing); sign again.`,
        [{ path: 'signatures', message: 'content hash differs' }],
      )
  if (new Set(input.signatures.map((signature) => signature.role)).size !== input.signatures.length)
    throw failures.invalid('One signature per role.', [{ path: 'signatures', message: 'duplicate role' }])

  const distanceMeters = Math.round(haversineDistanceMeters(input.position, institution.position))
  const verificationGaps = verificationGapsOf(
    {
      distanceMeters,
      accuracyMeters: input.accuracyMeters,
      arrivedAt,
      departedAt,
      signPhotos: photos.filter((photo) => photo.kind === 'sign').length,
    },
    settings,
  )
  const anomalies = anomaliesOf(
    {
      institutionId: institution.id,
      position: input.position,
      accuracyMeters: input.accuracyMeters,
      arrivedAt,
      departedAt,
      neighbours: await neighbouringInspections(database, user.id, arrivedAt),
      samePositionElsewhere: await samePositionElsewhere(database, institution.id, input.position, now),
    },
    settings,
  )

  return write(async (transaction, record) => {
    const [row] = await transaction
      .insert(schema.inspections)
      .values({
        countyCode: institution.countyCode,
        institutionId: institution.id,
        gridId: institution.gridId,
        kind: input.kind,
        arrivedAt,
        departedAt,
        deviceRecordedAt: input.deviceRecordedAt ? new Date(input.deviceRecordedAt) : null,
        position: { type: 'Point', coordinates: input.position },
        positionAccuracyMeters: input.accuracyMeters,
        distanceMeters,
        verified: verificationGaps.length === 0,
        verificationGaps,
        anomalies,
        checklist: input.checklist,
        staffWork: input.staffWork,
        campaignId: input.campaignId ?? null,
        note: input.note,
        contentHash,
        recordedBy: user.id,
      })
      .returning({ id: schema.inspections.id })
    const id = row!.id
    if (user.staffId !== null)
      await transaction.insert(schema.inspectionInspectors).values({ inspectionId: id, staffId: user.staffId })
    const signatures = input.signatures.map((signature) => ({
      role: signature.role,
      signerName: signature.signerName,
      signedAt: new Date(signature.signedAt).toISOString(),
      seal: sha256(signatureSealText(contentHash, signature.role, signature.signerName, signature.signedAt)),
    }))
    if (input.signatures.length > 0)
      await transaction.insert(schema.inspectionSignatures).values(
        input.signatures.map((signature, index) => ({
          inspectionId: id,
          role: signature.role,
          signerName: signature.signerName,
          signerUserId: signature.role === 'inspector' ? user.id : null,
          signedAt: new Date(signature.signedAt),
          contentHash,
          seal: signatures[index]!.seal,
          image: signature.image,
        })),
      )
    if (input.photoIds.length > 0)
      await transaction.execute(
        sql`UPDATE photos SET inspection_id = ${id} WHERE id IN (${sql.join(
          input.photoIds.map((photoId) => sql`${photoId}`),
          sql`, `,
        )})`,
      )
    const ledgerItemIds: number[] = []
    for (const { photoIds: findingPhotoIds = [], ...finding } of input.findings) {
      const { itemId } = await openLedgerItem(
        transaction,
        institution,
        { source: 'inspection', inspectionId: id, ...finding },
        user.id,
        arrivedAt,
        settings.timeZone,
      )
      ledgerItemIds.push(itemId)
      if (findingPhotoIds.length > 0)
        await transaction.execute(
          sql`UPDATE photos SET ledger_item_id = ${itemId} WHERE id IN (${sql.join(
            findingPhotoIds.map((photoId) => sql`${photoId}`),
            sql`, `,
          )})`,
        )
      record.announce({ type: 'ledger-item.changed', institutionId: institution.id, ledgerItemId: itemId })
    }
    const recorded: RecordedInspection = {
      id,
      institutionId: institution.id,
      gridId: institution.gridId,
      kind: input.kind,
      arrivedAt: arrivedAt.toISOString(),
      departedAt: iso(input.departedAt),
      position: input.position,
      accuracyMeters: input.accuracyMeters,
      distanceMeters,
      verified: verificationGaps.length === 0,
      verificationGaps,
      anomalies,
      note: input.note,
      contentHash,
      photoIds: input.photoIds,
      ledgerItemIds,
      signatures,
    }
    await record.audit({
      action: 'create',
      entity: 'inspection',
      entityId: id,
      after: recorded,
      countyCode: institution.countyCode,
      changes: [{ kind: 'institutions', institutionIds: [institution.id] }],
    })
    record.announce({
      type: 'inspection.created',
      institutionId: institution.id,
      gridId: institution.gridId,
      arrivedAt: recorded.arrivedAt,
    })
    return recorded
  })
}

/** Inside the county's outline, with 2 km to spare for the outline's precision; true where no outline is known. */
async function insideCounty(database: Database, countyCode: string, position: [number, number]): Promise<boolean> {
  const point = sql`ST_SetSRID(ST_MakePoint(${position[0]}, ${position[1]}), 4326)`
  const [row] = await database.rows<{ outlines: number; inside: boolean }>(sql`
    SELECT count(*)::int AS outlines, coalesce(bool_or(ST_Covers(geom, ${point}) OR ST_DWithin(geom::geography, ${point}::geography, 2000)), false) AS inside
    FROM areas WHERE level = 'district' AND county_code = ${countyCode} AND geom IS NOT NULL`)
  return row!.outlines === 0 || row!.inside
}

/** The same member's inspection just before and just after `at` (within a day). */
async function neighbouringInspections(
  database: Database,
  userId: number,
  at: Date,
): Promise<NeighbouringInspection[]> {
  const rows = await database.rows<{
    institution_id: number
    name: string
    lon: number
    lat: number
    arrived_at: Date | string
    departed_at: Date | string | null
  }>(sql`
    (SELECT v.institution_id, i.name, ST_X(v.position) AS lon, ST_Y(v.position) AS lat, v.arrived_at, v.departed_at
     FROM inspections v JOIN institutions i ON i.id = v.institution_id
     WHERE v.recorded_by = ${userId} AND v.position IS NOT NULL AND v.arrived_at <= ${at.toISOString()}::timestamptz AND v.arrived_at > ${at.toISOString()}::timestamptz - interval '1 day'
     ORDER BY v.arrived_at DESC LIMIT 1)
    UNION ALL
    (SELECT v.institution_id, i.name, ST_X(v.position) AS lon, ST_Y(v.position) AS lat, v.arrived_at, v.departed_at
     FROM inspections v JOIN institutions i ON i.id = v.institution_id
     WHERE v.recorded_by = ${userId} AND v.position IS NOT NULL AND v.arrived_at > ${at.toISOString()}::timestamptz AND v.arrived_at < ${at.toISOString()}::timestamptz + interval '1 day'
     ORDER BY v.arrived_at LIMIT 1)`)
  return rows.map(neighbourOf)
}

/** Inspections of other institutions reported at exactly this position in the last 90 days. */
async function samePositionElsewhere(
  database: Database,
  institutionId: number,
  position: [number, number],
  now: Date,
): Promise<NeighbouringInspection[]> {
  const rows = await database.rows<{
    institution_id: number
    name: string
    lon: number
    lat: number
    arrived_at: Date | string
    departed_at: Date | string | null
  }>(sql`
    SELECT v.institution_id, i.name, ST_X(v.position) AS lon, ST_Y(v.position) AS lat, v.arrived_at, v.departed_at
    FROM inspections v JOIN institutions i ON i.id = v.institution_id
    WHERE v.institution_id <> ${institutionId} AND v.arrived_at > ${now.toISOString()}::timestamptz - interval '90 days'
      AND v.position && ST_SetSRID(ST_MakePoint(${position[0]}, ${position[1]}), 4326)
      AND ST_X(v.position) = ${position[0]} AND ST_Y(v.position) = ${position[1]}
    LIMIT 3`)
  return rows.map(neighbourOf)
}

function neighbourOf(row: {
  institution_id: number
  name: string
  lon: number
  lat: number
  arrived_at: Date | string
  departed_at: Date | string | null
}): NeighbouringInspection {
  return {
    institutionId: row.institution_id,
    institutionName: row.name,
    position: [row.lon, row.lat],
    arrivedAt: new Date(row.arrived_at),
    departedAt: row.departed_at === null ? null : new Date(row.departed_at),
  }
}
