// The boundary version in force: the most recently published one.
import { sql } from 'drizzle-orm'
import type { Database } from '@gridwatch/db'

export async function publishedBoundaryVersionId(database: Database): Promise<number | null> {
  const [row] = await database.rows<{ id: number }>(
    sql`SELECT id FROM boundary_versions WHERE status = 'published' ORDER BY published_at DESC, id DESC LIMIT 1`,
  )
  return row?.id ?? null
}
