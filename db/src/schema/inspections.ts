// Inspections: every recorded check of an institution — the weekly visit of a level-3
// member (每周至少1次), a supervision team's cross-check, or a special check.
import { boolean, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp } from 'drizzle-orm/pg-core'
import { areas } from './areas.ts'
import { institutions } from './institutions.ts'
import { staff } from './staff.ts'
import { pointColumn } from './geometry.ts'

import { inspectionKinds, type InspectionKind } from '@gridwatch/domain/inspection-kinds.ts'
import { signerRoles, type ChecklistResult, type SignerRole } from '@gridwatch/domain/inspection-content.ts'
import type { Anomaly, VerificationGap } from '@gridwatch/domain/field-checks.ts'
import type { StaffWorkEntry } from '@gridwatch/domain/cross-checks.ts'
import { users } from './users.ts'
import { campaigns } from './campaigns.ts'

export { inspectionKinds, signerRoles, type InspectionKind, type SignerRole }

/** 检查/走访记录 — one inspection of one institution. */
export const inspections = pgTable(
  'inspections',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    countyCode: text('county_code').notNull(),
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    /** The grid the institution belonged to when the inspection was made; later boundary changes leave it. */
    gridId: integer('grid_id').references(() => areas.id),
    kind: text('kind', { enum: inspectionKinds }).notNull(),
    /** When the inspector arrived (the inspection's time on every screen). */
    arrivedAt: timestamp('arrived_at', { withTimezone: true }).notNull(),
    /** When the inspector left; null for inspections recorded before arrival and departure were kept. */
    departedAt: timestamp('departed_at', { withTimezone: true }),
    /** The phone's own clock when the record was made; the server's time is `createdAt`. */
    deviceRecordedAt: timestamp('device_recorded_at', { withTimezone: true }),
    /** Where the phone was when the inspection was recorded. */
    position: pointColumn('position'),
    positionAccuracyMeters: real('position_accuracy_meters'),
    /** From the recorded position to the institution. */
    distanceMeters: integer('distance_meters'),
    /** Within the geofence, long enough, with a photo of the institution's poster (field-checks.ts). */
    verified: boolean('verified').notNull().default(false),
    verificationGaps: jsonb('verification_gaps').$type<VerificationGap[]>().notNull().default([]),
    /** Flags for level-2 and level-1 members and supervisors; empty when nothing looks wrong. */
    anomalies: jsonb('anomalies').$type<Anomaly[]>().notNull().default([]),
    /** The violation categories of the institution's type, each checked. */
    checklist: jsonb('checklist').$type<{ category: string; result: ChecklistResult }[]>().notNull().default([]),
    /** A cross-check's check of the grid staff's work there (cross-checks.ts); empty on other kinds. */
    staffWork: jsonb('staff_work').$type<StaffWorkEntry[]>().notNull().default([]),
    /** Free text; each finding is a ledger item of its own. */
    note: text('note').notNull().default(''),
    /** SHA-256 of the canonical content (inspection-content.ts) that signatures seal. */
    contentHash: text('content_hash'),
    recordedBy: integer('recorded_by'),
    /** The full-coverage campaign this inspection was made for, if any. */
    campaignId: integer('campaign_id').references(() => campaigns.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('inspections_institution_time').on(table.institutionId, table.arrivedAt),
    index('inspections_county_time').on(table.countyCode, table.arrivedAt),
    index('inspections_recorder_time').on(table.recordedBy, table.arrivedAt),
    index('inspections_campaign').on(table.campaignId),
    // The repeated-position check looks inspections up by their point.
    index('inspections_position_gist').using('gist', table.position),
  ],
)

/** Who took part in an inspection. */
export const inspectionInspectors = pgTable(
  'inspection_inspectors',
  {
    inspectionId: integer('inspection_id')
      .notNull()
      .references(() => inspections.id, { onDelete: 'cascade' }),
    staffId: integer('staff_id')
      .notNull()
      .references(() => staff.id),
  },
  (table) => [primaryKey({ columns: [table.inspectionId, table.staffId] })],
)

/**
 * 谁检查谁签字: one signature on an inspection — the inspector's or the institution representative's —
 * sealed over the record's content hash, the signer and the time, so it cannot move to another record.
 */
export const inspectionSignatures = pgTable(
  'inspection_signatures',
  {
    inspectionId: integer('inspection_id')
      .notNull()
      .references(() => inspections.id, { onDelete: 'cascade' }),
    role: text('role', { enum: signerRoles }).notNull(),
    signerName: text('signer_name').notNull(),
    /** The signed-in user, for the inspector's signature. */
    signerUserId: integer('signer_user_id').references(() => users.id),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
    contentHash: text('content_hash').notNull(),
    /** SHA-256 of the seal text (inspection-content.ts): content hash, role, signer, time. */
    seal: text('seal').notNull(),
    /** The drawn signature as a PNG data URL. */
    image: text('image').notNull(),
  },
  (table) => [primaryKey({ columns: [table.inspectionId, table.role] })],
)
