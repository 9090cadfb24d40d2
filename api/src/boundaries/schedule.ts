// Boundary versions for a later date. Publishing a draft with an effective date after the bureau's
// today schedules it instead: the draft waits, read-only, as 'scheduled', and on that day the
// server publishes it exactly as a planner would have (the same check first, the same
// transaction). One draft per county waits at a time, and nothing is published at once while one
// waits, so the waiting draft still fits the grids in force on its day. A draft that fails its
// check on the day goes back to 'open' with the reason, for the planner to see.
import { sql } from 'drizzle-orm'
import type { Database } from '@gridwatch/db'
import type { ScheduleProblem } from '@gridwatch/db/schema'
import { writePath, type WritePath } from '../platform/write-path.ts'
import { startRecurring } from '../platform/recurring.ts'
import type { EventBus } from '../platform/events.ts'
import { Failure } from '../platform/failure.ts'
import { phrase } from '../platform/phrases.ts'
import type { InstitutionLayer } from '../map/institution-layer.ts'
import { readDraft, auditDraft, type StoredDraft } from './drafts.ts'
import { requireCheckPasses } from './draft-check.ts'
import { publishDraft, requirePublishable, type PublishResult } from './draft-publish.ts'

/** Schedules a checked draft of the given revision for its date; nothing else changes until then. */
export async function scheduleDraft(
  database: Database,
  write: WritePath,
  countyCode: string,
  userId: number,
  draft: StoredDraft,
  effectiveFrom: string,
): Promise<StoredDraft> {
  await requirePublishable(database, countyCode, draft)
  await write(async (transaction, record) => {
    // Status and revision are compared in the UPDATE itself, so a save landing meanwhile wins cleanly.
    const updated = await database.rows<{ id: number }>(
      sql`UPDATE boundary_drafts SET status = 'scheduled', effective_from = ${effectiveFrom}::date, scheduled_by = ${userId}, schedule_problem = NULL,
            updated_by = ${userId}, updated_at = now()
          WHERE id = ${draft.id} AND county_code = ${countyCode} AND status = 'open' AND revision = ${draft.revision} RETURNING id`,
      transaction,
    )
    if (updated.length === 0) {
      const now = await readDraft(database, countyCode, draft.id, transaction)
      if (now.status !== 'open')
        throw Failure.phrased(
          'conflict',
          'conflict',
          'Conflict',
          phrase('draft-closed', { id: draft.id, status: now.status }),
        )
      throw Failure.phrased(
        'conflict',
        'stale-draft',
        'The draft changed meanwhile',
        phrase('draft-revision-stale', { id: draft.id, revision: now.revision, yours: draft.revision }),
      )
    }
    await auditDraft(record, { action: 'schedule', draftId: draft.id, effectiveFrom })
  })
  return readDraft(database, countyCode, draft.id)
}

/** Takes a scheduled draft back to open, for editing or for publishing at once. */
export async function unscheduleDraft(
  database: Database,
  write: WritePath,
  countyCode: string,
  userId: number,
  id: number,
): Promise<StoredDraft> {
  const draft = await readDraft(database, countyCode, id)
  await write(async (transaction, record) => {
    const updated = await database.rows<{ id: number }>(
      sql`UPDATE boundary_drafts SET status = 'open', effective_from = NULL, scheduled_by = NULL, updated_by = ${userId}, updated_at = now()
          WHERE id = ${id} AND county_code = ${countyCode} AND status = 'scheduled' RETURNING id`,
      transaction,
    )
    if (updated.length === 0)
      throw Failure.phrased('conflict', 'conflict', 'Conflict', phrase('draft-not-scheduled', { id }))
    await auditDraft(record, { action: 'unschedule', draftId: id, effectiveFrom: draft.effectiveFrom ?? '' })
  })
  return readDraft(database, countyCode, id)
}

export type DueOutcome =
  | { draftId: number; countyCode: string; published: PublishResult }
  | { draftId: number; countyCode: string; problem: ScheduleProblem }

/**
 * Publishes every scheduled draft whose date has come (`today` is the bureau's date). A draft that
 * no longer passes its check, or whose base was replaced, is opened again with the reason.
 */
export async function publishDueDrafts(
  database: Database,
  events: EventBus,
  institutionLayer: InstitutionLayer,
  today: string,
): Promise<DueOutcome[]> {
  const due = await database.rows<{
    id: number
    county_code: string
    effective_from: string
    scheduled_by: number | null
  }>(sql`
    SELECT id, county_code, to_char(effective_from, 'YYYY-MM-DD') AS effective_from, scheduled_by FROM boundary_drafts
    WHERE status = 'scheduled' AND effective_from <= ${today}::date ORDER BY effective_from, id`)
  const outcomes: DueOutcome[] = []
  for (const entry of due) {
    const countyCode = entry.county_code
    const draft = await readDraft(database, countyCode, entry.id)
    // The server itself writes here: no user, no request.
    const write = writePath(database, events, { user: null, requestId: undefined, countyCode })
    const reopen = async (problem: ScheduleProblem) => {
      await write(async (transaction, record) => {
        await database.rows(
          sql`UPDATE boundary_drafts SET status = 'open', schedule_problem = ${JSON.stringify(problem)}::jsonb, effective_from = NULL, scheduled_by = NULL, updated_at = now()
              WHERE id = ${draft.id} AND status = 'scheduled'`,
          transaction,
        )
        await record.audit({
          action: 'schedule-failed',
          entity: 'boundary_draft',
          entityId: draft.id,
          after: { effectiveFrom: entry.effective_from, problem },
          changes: [],
        })
      })
      outcomes.push({ draftId: draft.id, countyCode, problem })
    }
    try {
      await requireCheckPasses(database, countyCode, draft)
      const published = await publishDraft(
        database,
        countyCode,
        entry.scheduled_by,
        draft,
        entry.effective_from,
        write,
        { scheduledBy: entry.scheduled_by },
      )
      outcomes.push({ draftId: draft.id, countyCode, published })
    } catch (error) {
      if (!(error instanceof Failure) || !error.phrase) throw error
      await reopen(error.phrase)
    }
  }
  if (outcomes.some((outcome) => 'published' in outcome)) await institutionLayer.refresh()
  return outcomes
}

/** Publishes due drafts now and then every minute; stop() ends it (and waits for a pass under way). */
export function startBoundarySchedule(
  database: Database,
  events: EventBus,
  institutionLayer: InstitutionLayer,
  today: () => string,
  everyMilliseconds = 60_000,
): { stop(): Promise<void> } {
  return startRecurring(
    'publishing scheduled boundary drafts',
    () => publishDueDrafts(database, events, institutionLayer, today()),
    everyMilliseconds,
  )
}
