// Areas: the general hierarchy district → zone → grid → village (or city → township → village
// elsewhere). A level and a parent, never a hard-coded count of zones or grids.
import { sql } from 'drizzle-orm'
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core'
import { multiPolygonColumn, pointColumn } from './geometry.ts'

import { areaLevels, type AreaLevel } from '@gridwatch/domain/area-levels.ts'

export { areaLevels, type AreaLevel }

/** A published or draft set of grid boundaries (网格边界版本). */
export const boundaryVersions = pgTable('boundary_versions', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  countyCode: text('county_code').notNull(),
  name: text('name').notNull(),
  status: text('status', { enum: ['draft', 'published', 'retired'] }).notNull(),
  effectiveFrom: date('effective_from'),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  publishedBy: integer('published_by'),
  isDemo: boolean('is_demo').notNull().default(false),
  note: text('note'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})

/** An area of any level: 区 district, 片区 zone, 网格 grid, 村 village. */
export const areas = pgTable(
  'areas',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    countyCode: text('county_code').notNull(),
    level: text('level', { enum: areaLevels }).notNull(),
    parentId: integer('parent_id').references((): AnyPgColumn => areas.id),
    /** National Bureau of Statistics code where the area is an administrative unit. */
    statisticalCode: text('statistical_code'),
    name: text('name').notNull(),
    geom: multiPolygonColumn('geom'),
    /** Seat (镇街驻地) for grids, demo position for villages. */
    seat: pointColumn('seat'),
    seatEstimated: boolean('seat_estimated').notNull().default(false),
    boundaryVersionId: integer('boundary_version_id').references(() => boundaryVersions.id),
    isDemo: boolean('is_demo').notNull().default(false),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (table) => [
    index('areas_geom_gist').using('gist', table.geom),
    index('areas_level_parent').on(table.level, table.parentId),
    uniqueIndex('areas_version_level_code').on(table.boundaryVersionId, table.level, table.statisticalCode),
    check('areas_parent_not_self', sql`${table.parentId} is null or ${table.parentId} <> ${table.id}`),
  ],
)
