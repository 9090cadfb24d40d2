// Inspections: every recorded check of an institution — the weekly visit of a level-3
// member (每周至少1次), a supervision team's cross-check, or a special check.
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'
import { areas } from './areas.ts'
import { institutions } from './institutions.ts'
import { staff } from './staff.ts'
import { pointColumn } from './geometry.ts'

import { inspectionKinds, type InspectionKind } from '@gridwatch/domain/inspection-kinds.ts'

export { inspectionKinds, type InspectionKind }

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
    visitedAt: timestamp('visited_at', { withTimezone: true }).notNull(),
    /** Where the phone was when the visit was recorded. */
    position: pointColumn('position'),
    findings: text('findings').notNull().default(''),
    /** 谁检查谁签字: the signer's name and the moment of signing, as captured on the device. */
    signature: jsonb('signature').$type<{ signerName: string; signedAt: string } | null>(),
    recordedBy: integer('recorded_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('inspections_institution_time').on(table.institutionId, table.visitedAt),
    index('inspections_county_time').on(table.countyCode, table.visitedAt),
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
