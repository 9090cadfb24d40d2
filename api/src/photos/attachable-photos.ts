// Photos are uploaded first (POST /api/photos) and attached by id to what they show: a ledger
// step or a risk report. Only the uploader's own photos of that institution, not attached yet.
import { sql } from 'drizzle-orm'
import type { Database } from '@gridwatch/db'
import type { SessionUser } from '../auth/session-user.ts'
import { failures } from '../platform/failure.ts'

/** Refuses (422) any photo the caller did not upload for this institution, or that is attached already. */
export async function requireAttachablePhotos(
  database: Database,
  user: SessionUser,
  institutionId: number,
  photoIds: readonly number[],
): Promise<void> {
  if (photoIds.length === 0) return
  const rows = await database.rows<{ id: number }>(sql`
    SELECT id FROM photos WHERE id IN (${sql.join(
      photoIds.map((id) => sql`${id}`),
      sql`, `,
    )})
      AND uploaded_by = ${user.id} AND institution_id = ${institutionId}
      AND inspection_id IS NULL AND ledger_transition_id IS NULL AND risk_report_id IS NULL`)
  const found = new Set(rows.map((row) => row.id))
  const foreign = photoIds.filter((id) => !found.has(id))
  if (foreign.length > 0)
    throw failures.rejected(
      'photo-not-attachable',
      'Photo cannot be attached',
      `Photo ${foreign.join(', ')} was not uploaded by you for this institution, or is attached already.`,
      [{ path: 'photoIds', message: 'not attachable' }],
    )
}
