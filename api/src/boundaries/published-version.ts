// The boundary versions in force: per county, the most recently published one. A database may
// hold several counties (the province-sized benchmark set does), each with its own versions.
import { sql } from 'drizzle-orm'

export const publishedBoundaryVersionIds = sql`(
  SELECT DISTINCT ON (county_code) id FROM boundary_versions WHERE status = 'published'
  ORDER BY county_code, published_at DESC, id DESC)`
