// POST /api/inspections: record an inspection of one institution from the phone (Idempotency-Key:
// a retried send makes one record). The caller must be allowed to inspect that institution (scope
// and role); time, position, photos and signatures are checked (inspection-record.ts); the
// inspection, its signatures, its findings as ledger items and the audit row are written in one
// transaction, and the live screens hear of it once it has committed.
// GET /api/inspections: the inspections in the caller's scope, newest first; `flagged=true` lists
// those with anomalies for level-1 and level-2 members and supervisors.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { inspectionKinds } from '@gridwatch/db/schema'
import { checklistResults, signerRoles } from '@gridwatch/domain/inspection-content.ts'
import { staffWorkItems } from '@gridwatch/domain/cross-checks.ts'
import { ledgerSeverities } from '@gridwatch/domain/ledger-items.ts'
import { anomalyKinds, verificationGaps } from '@gridwatch/domain/field-checks.ts'
import type { AppEnv } from '../app-env.ts'
import { writePathOf } from '../platform/write-path.ts'
import { idempotent } from '../platform/idempotency.ts'
import { allowed, authorise, caller, signedIn } from '../auth/access.ts'
import { placedInstitution } from '../institutions/institution-place.ts'
import { countyFieldSettings } from '../settings/field-settings.ts'
import { recordInspection } from './inspection-record.ts'
import { inspectionsInScope } from './inspection-list.ts'
import { databaseId, databaseIdText } from '../platform/http/ids.ts'

const isoTime = z.iso.datetime({ offset: true })
const position = z
  .tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)])
  .openapi({ description: '[longitude, latitude] in WGS84' })

const createInspectionSchema = z
  .object({
    institutionId: databaseId,
    kind: z.enum(inspectionKinds),
    arrivedAt: isoTime.openapi({
      example: '2026-11-20T09:30:00+08:00',
      description: 'When the inspector arrived (the phone’s clock)',
    }),
    departedAt: isoTime
      .nullable()
      .default(null)
      .openapi({ description: 'When the inspector left; needed for a verified inspection' }),
    deviceRecordedAt: isoTime.optional().openapi({ description: 'The phone’s clock when the record was saved' }),
    position: position.openapi({ description: '[longitude, latitude] in WGS84 where the phone was' }),
    accuracyMeters: z
      .number()
      .min(0)
      .max(100_000)
      .openapi({ description: 'The position’s accuracy as the phone reported it' }),
    checklist: z
      .array(z.object({ category: z.string().min(1).max(50), result: z.enum(checklistResults) }))
      .max(50)
      .default([]),
    staffWork: z
      .array(z.object({ item: z.enum(staffWorkItems), result: z.enum(checklistResults) }))
      .max(staffWorkItems.length)
      .default([])
      .openapi({
        description:
          'A cross-check’s check of the grid staff’s work at this institution (poster, ledger, weekly visits, closures)',
      }),
    campaignId: z.number().int().positive().max(2_147_483_647).optional().openapi({
      description:
        'A full-coverage campaign this inspection is made for (拉网式检查); its checklist must cover the campaign’s categories',
    }),
    findings: z
      .array(
        z.object({
          category: z.string().min(1).max(50),
          problem: z.string().trim().min(1).max(2000),
          severity: z.enum(ledgerSeverities),
          measure: z.string().max(2000).optional(),
          responsiblePerson: z.string().max(100).optional(),
          photoIds: z.array(z.number().int().positive()).max(5).optional().openapi({
            description: 'The finding’s own photos, also listed in photoIds: its ledger item’s 整改前 picture',
          }),
        }),
      )
      .max(30)
      .default([])
      .openapi({ description: 'Each finding opens a ledger item in the same transaction' }),
    note: z.string().max(4000).default(''),
    photoIds: z
      .array(z.number().int().positive())
      .max(30)
      .default([])
      .openapi({ description: 'Photos uploaded first through POST /api/photos' }),
    signatures: z
      .array(
        z.object({
          role: z.enum(signerRoles),
          signerName: z.string().trim().min(1).max(100),
          signedAt: isoTime,
          contentHash: z
            .string()
            .regex(/^[0-9a-f]{64}$/)
            .openapi({
              description: 'SHA-256 of the record’s canonical content (inspection-content.ts) the signer saw',
            }),
          image: z
            .string()
            .regex(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/)
            .max(200_000)
            .openapi({ description: 'The drawn signature as a PNG data URL' }),
        }),
      )
      .max(2)
      .default([]),
  })
  .openapi('CreateInspection')

const anomalySchema = z.object({ kind: z.enum(anomalyKinds), detail: z.string() })

const inspectionSchema = z
  .object({
    id: z.number().int(),
    institutionId: z.number().int(),
    gridId: z.number().int().nullable(),
    kind: z.enum(inspectionKinds),
    arrivedAt: z.string(),
    departedAt: z.string().nullable(),
    position: z.tuple([z.number(), z.number()]),
    accuracyMeters: z.number(),
    distanceMeters: z.number().int(),
    verified: z.boolean(),
    verificationGaps: z.array(z.enum(verificationGaps)),
    anomalies: z.array(anomalySchema),
    note: z.string(),
    contentHash: z.string(),
    photoIds: z.array(z.number().int()),
    ledgerItemIds: z.array(z.number().int()),
    signatures: z.array(
      z.object({ role: z.enum(signerRoles), signerName: z.string(), signedAt: z.string(), seal: z.string() }),
    ),
  })
  .openapi('Inspection')

const listedInspectionSchema = z
  .object({
    id: z.number().int(),
    institutionId: z.number().int(),
    institutionName: z.string(),
    gridId: z.number().int().nullable(),
    kind: z.enum(inspectionKinds),
    arrivedAt: z.string(),
    departedAt: z.string().nullable(),
    distanceMeters: z.number().int().nullable(),
    verified: z.boolean(),
    verificationGaps: z.array(z.enum(verificationGaps)),
    anomalies: z.array(anomalySchema),
    recordedBy: z.string().nullable(),
    note: z.string(),
  })
  .openapi('ListedInspection')

export function inspectionEndpoints() {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'field.record' }), idempotent(201)],
        method: 'post',
        path: '/api/inspections',
        tags: ['field'],
        request: {
          headers: z.object({
            'idempotency-key': z
              .string()
              .optional()
              .openapi({ description: 'A UUID per record; the same key again returns the first answer' }),
          }),
          body: { required: true, content: { 'application/json': { schema: createInspectionSchema } } },
        },
        responses: {
          201: {
            content: { 'application/json': { schema: inspectionSchema } },
            description: 'Recorded (or, for a known Idempotency-Key, the first answer again)',
          },
          403: { description: 'The institution is outside the caller’s scope, or the role does not record this kind' },
          422: {
            description:
              'Refused: a time beyond the limits, a position outside the county, a signature over another record, a reused key',
          },
        },
      }),
      async (context) => {
        const user = caller(context)
        const input = context.req.valid('json')
        const { database, now } = context.get('services')
        const institution = await placedInstitution(database, input.institutionId)
        authorise(
          user,
          { kind: 'inspection.create', institution, inspectionKind: input.kind },
          'You cannot record this inspection',
        )
        const settings = await countyFieldSettings(database, institution.countyCode)
        const recorded = await recordInspection(
          database,
          writePathOf(context, user),
          user,
          institution,
          input,
          settings,
          now(),
        )
        return context.json(recorded, 201)
      },
    )
    .openapi(
      createRoute({
        middleware: [signedIn],
        method: 'get',
        path: '/api/inspections',
        tags: ['field'],
        request: {
          query: z.object({
            institutionId: databaseIdText.optional(),
            flagged: z.enum(['true', 'false']).optional().openapi({ description: 'Only inspections with anomalies' }),
            mine: z
              .enum(['true', 'false'])
              .optional()
              .openapi({ description: 'Only those the caller recorded (the phone shows whether each counted)' }),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          }),
        },
        responses: {
          200: {
            content: { 'application/json': { schema: z.object({ inspections: z.array(listedInspectionSchema) }) } },
            description: 'Newest first, within the caller’s scope',
          },
        },
      }),
      async (context) => {
        const user = caller(context)
        const query = context.req.valid('query')
        const { database } = context.get('services')
        const rows = await inspectionsInScope(database, user, {
          institutionId: query.institutionId,
          flagged: query.flagged === 'true',
          mine: query.mine === 'true',
          limit: query.limit,
        })
        return context.json({ inspections: rows }, 200)
      },
    )
}
