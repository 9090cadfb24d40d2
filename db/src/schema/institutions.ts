// Designated medical institutions (定点医药机构): each is a point in exactly one grid.
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { areas } from './areas.ts'
import { pointColumn } from './geometry.ts'

import { institutionTypes, type InstitutionType } from '@gridwatch/domain/institution-types.ts'
import { creditGrades, type CreditGrade } from '@gridwatch/domain/credit.ts'

export { institutionTypes, creditGrades, type InstitutionType, type CreditGrade }

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
    status: text('status', { enum: ['active', 'suspended', 'closed'] }).notNull().default('active'),
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
  },
  (table) => [index('credit_evaluations_institution').on(table.institutionId, table.evaluatedAt)],
)
