// Grid boundary planning. A grid is a set of villages (the base units); its shape is the
// union of theirs, kept by PostGIS in boundary_draft_shapes whenever a draft's grids change, so
// reads never dissolve. Drafts are shared between planners; each save bumps the revision, and a
// save against an older revision is refused (409) with what changed. Publishing a draft creates a
// boundary version (at once, or on a later effective date: the draft waits as 'scheduled');
// boundary_snapshots keep every published version's grids for viewing,
// comparison and restoring.
import { sql } from 'drizzle-orm'
import { date, integer, jsonb, pgTable, primaryKey, text, timestamp, index } from 'drizzle-orm/pg-core'
import { areas, boundaryVersions } from './areas.ts'
import { multiPolygonColumn } from './geometry.ts'
import { users } from './users.ts'

import type { DraftGrid } from '@gridwatch/domain/draft-grid.ts'

export type { DraftGrid }

export const boundaryDraftStatuses = ['open', 'scheduled', 'published', 'discarded'] as const

/** Why a scheduled draft could not be published on its date: a server phrase (see api/src/phrases.ts). */
export interface ScheduleProblem {
  message: string
  key: string
  params: Record<string, unknown>
}

export const boundaryDrafts = pgTable(
  'boundary_drafts',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    countyCode: text('county_code').notNull(),
    name: text('name').notNull(),
    baseVersionId: integer('base_version_id')
      .notNull()
      .references(() => boundaryVersions.id),
    revision: integer('revision').notNull().default(1),
    grids: jsonb('grids').$type<DraftGrid[]>().notNull(),
    status: text('status', { enum: boundaryDraftStatuses }).notNull().default('open'),
    publishedVersionId: integer('published_version_id').references(() => boundaryVersions.id),
    // A draft published for a later date waits as 'scheduled' and is published on that day.
    effectiveFrom: date('effective_from', { mode: 'string' }),
    scheduledBy: integer('scheduled_by').references(() => users.id),
    scheduleProblem: jsonb('schedule_problem').$type<ScheduleProblem>(),
    createdBy: integer('created_by').references(() => users.id),
    updatedBy: integer('updated_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('boundary_drafts_county_status').on(table.countyCode, table.status)],
)

/** The dissolved shape of each grid of a draft, kept in step with its units on every save. */
export const boundaryDraftShapes = pgTable(
  'boundary_draft_shapes',
  {
    draftId: integer('draft_id')
      .notNull()
      .references(() => boundaryDrafts.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    geom: multiPolygonColumn('geom'),
    pieces: integer('pieces').notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.draftId, table.key] })],
)

/** A published version's grids as they were: shape, zone, name and units. */
export const boundarySnapshots = pgTable(
  'boundary_snapshots',
  {
    versionId: integer('version_id')
      .notNull()
      .references(() => boundaryVersions.id),
    gridId: integer('grid_id')
      .notNull()
      .references(() => areas.id),
    zoneId: integer('zone_id').references(() => areas.id),
    name: text('name').notNull(),
    geom: multiPolygonColumn('geom'),
    villageIds: integer('village_ids')
      .array()
      .notNull()
      .default(sql`'{}'`),
  },
  (table) => [primaryKey({ columns: [table.versionId, table.gridId] })],
)
