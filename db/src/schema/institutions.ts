// Designated medical institutions (定点医药机构): each is a point in exactly one grid.
import { boolean, date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { areas } from './areas.ts'
import { pointColumn } from './geometry.ts'

import { institutionTypes, type InstitutionType } from '@gridwatch/domain/institution-types.ts'
import { blacklistSubjects, creditGrades, type BlacklistSubject, type CreditGrade } from '@gridwatch/domain/credit.ts'

export {
  institutionTypes,
  creditGrades,
  blacklistSubjects,
  type InstitutionType,
  type CreditGrade,
  type BlacklistSubject,
}

/** 定点医药机构 — a designated medical institution or retail pharmacy. */
export const institutions = pgTable(
  'institutions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    countyCode: text('county_code').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    type: text('type', { enum: institutionTypes }).notNull(),
    position: pointColumn('position').notNull(),
    villageId: integer('village_id').references(() => areas.id),
    /** Derived from the published boundaries; kept in step when a boundary version is published. */
    gridId: integer('grid_id').references(() => areas.id),
    creditScore: integer('credit_score'),
    creditGrade: text('credit_grade', { enum: creditGrades }),
    blacklisted: boolean('blacklisted').notNull().default(false),
    status: text('status', { enum: ['active', 'suspended', 'closed'] })
      .notNull()
      .default('active'),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    address: text('address'),
    isDemo: boolean('is_demo').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('institutions_position_gist').using('gist', table.position),
    index('institutions_grid').on(table.gridId),
    uniqueIndex('institutions_county_code_code').on(table.countyCode, table.code),
  ],
)

/** One change of an institution's credit evaluation (信用评价), for its history. */
export const creditEvaluations = pgTable(
  'credit_evaluations',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    countyCode: text('county_code').notNull(),
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    score: integer('score').notNull(),
    grade: text('grade', { enum: creditGrades }).notNull(),
    blacklisted: boolean('blacklisted').notNull().default(false),
    evaluatedAt: timestamp('evaluated_at', { withTimezone: true }).notNull(),
    reason: text('reason'),
    /** What the change rests on: a document number, an inspection, a finding (required for changes made in the system). */
    evidence: text('evidence'),
    /** The account that made the change (null: imported or demo history). */
    evaluatedBy: integer('evaluated_by'),
  },
  (table) => [index('credit_evaluations_institution').on(table.institutionId, table.evaluatedAt)],
)

/**
 * 黑名单 — an entry on the blacklist: the institution itself, or a physician or legal
 * representative of it, for a period (open-ended until lifted), with its reason and basis. A
 * lifted entry stays as history. The institution's `blacklisted` flag follows its entries in force.
 */
export const blacklistEntries = pgTable(
  'blacklist_entries',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    countyCode: text('county_code').notNull(),
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    subject: text('subject', { enum: blacklistSubjects }).notNull(),
    /** The person's name for a physician or legal representative; null for the institution. */
    personName: text('person_name'),
    reason: text('reason').notNull(),
    /** The decision it rests on (处理决定书 number or similar). */
    basis: text('basis').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    liftedAt: timestamp('lifted_at', { withTimezone: true }),
    liftedBy: integer('lifted_by'),
    liftReason: text('lift_reason'),
  },
  (table) => [index('blacklist_entries_institution').on(table.institutionId)],
)
