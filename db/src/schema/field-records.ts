// What field work keeps besides inspections and ledger items: photos, the answers to retried
// writes (Idempotency-Key), and each county's field-work settings.
import { sql } from 'drizzle-orm'
import { customType, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp } from 'drizzle-orm/pg-core'
import { inspections } from './inspections.ts'
import { institutions } from './institutions.ts'
import { ledgerItems, ledgerTransitions } from './ledger-items.ts'
import { riskReports } from './risk-reports.ts'
import { users } from './users.ts'
import { areas } from './areas.ts'
import { staff } from './staff.ts'
import { pointColumn } from './geometry.ts'
import { photoKinds } from '@gridwatch/domain/photo-kinds.ts'
import type { FieldSettingsOverrides } from '@gridwatch/domain/field-settings.ts'

export { photoKinds }

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType() {
    return 'bytea'
  },
})

/** 照片 — a photo taken in the field, re-encoded on receipt (no EXIF; its time and place kept as columns). */
export const photos = pgTable(
  'photos',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    countyCode: text('county_code').notNull(),
    kind: text('kind', { enum: photoKinds }).notNull(),
    /** The institution the photo was taken at: whoever may read it may see the photo. */
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    uploadedBy: integer('uploaded_by')
      .notNull()
      .references(() => users.id),
    /** SHA-256 (hex) of the file as the phone sent it: what an inspection's content hash names. */
    sourceSha256: text('source_sha256').notNull(),
    takenAt: timestamp('taken_at', { withTimezone: true }),
    position: pointColumn('position'),
    positionAccuracyMeters: real('position_accuracy_meters'),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    /** The re-encoded JPEG as taken (the evidence) and the thumbnail of the shown one. */
    image: bytea('image').notNull(),
    thumbnail: bytea('thumbnail').notNull(),
    /** The photo as shown: time, place, institution and member burnt in; null for photos from before. */
    marked: bytea('marked'),
    inspectionId: integer('inspection_id').references(() => inspections.id),
    ledgerTransitionId: integer('ledger_transition_id').references(() => ledgerTransitions.id),
    /** A finding's photo: the ledger item it opened shows it as 整改前 (before rectification). */
    ledgerItemId: integer('ledger_item_id').references(() => ledgerItems.id),
    riskReportId: integer('risk_report_id').references(() => riskReports.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('photos_inspection').on(table.inspectionId),
    index('photos_ledger_transition').on(table.ledgerTransitionId),
    index('photos_ledger_item').on(table.ledgerItemId),
  ],
)

/** The answer to a write sent with an Idempotency-Key, so that a retried request gets it again. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    key: text('key').notNull(),
    /** SHA-256 of method, path and body: the same key with another request is refused. */
    requestHash: text('request_hash').notNull(),
    responseStatus: integer('response_status').notNull(),
    responseBody: jsonb('response_body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true })
      .notNull()
      .default(sql`now()`),
  },
  (table) => [primaryKey({ columns: [table.userId, table.key] })],
)

/** 资料员 — the member of staff who keeps a grid's records (its ledger and inspection records). */
export const materialsClerks = pgTable('materials_clerks', {
  gridId: integer('grid_id')
    .primaryKey()
    .references(() => areas.id),
  staffId: integer('staff_id')
    .notNull()
    .references(() => staff.id),
  namedAt: timestamp('named_at', { withTimezone: true }).notNull().defaultNow(),
  namedBy: integer('named_by').references(() => users.id),
})

/** A county's field-work settings over the defaults (field-settings.ts). */
export const countySettings = pgTable('county_settings', {
  countyCode: text('county_code').primaryKey(),
  field: jsonb('field').$type<FieldSettingsOverrides>().notNull().default({}),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})
