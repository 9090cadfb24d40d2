// In-process publish/subscribe for live updates (server-sent events at /api/events). Events are
// published after their transaction commits, so a subscriber never sees a change that rolls back.

import type { ChangeSet } from './changes.ts'
import type { InstitutionRecord } from '@gridwatch/domain/institution-layer-format.ts'

export type LiveEvent =
  | { type: 'inspection.created'; institutionId: number; gridId: number | null; arrivedAt: string }
  | { type: 'ledger-item.changed'; institutionId: number; ledgerItemId: number }
  /**
   * A risk report was raised, acknowledged, timed out at a level, or closed; a report about a place
   * (no institution) names its grid instead, for the streams to send it within scope.
   */
  | {
      type: 'risk-report.changed'
      institutionId: number | null
      riskReportId: number
      place?: { countyCode: string; gridId: number | null; zoneId: number | null } | null
    }
  /** The institution layer re-read these institutions after a change: screens update them in place. */
  | { type: 'institutions.changed'; revision: number; records: InstitutionRecord[] }
  /** The institution layer was re-read whole (e.g. new boundaries): screens fetch it again. */
  | { type: 'institutions.reloaded'; revision: number }
  /** A boundary version was published: screens re-read those counties' areas (moved institutions come as institutions.changed). */
  | { type: 'boundaries.changed'; revision: number; countyCodes: string[] }
  /** A leader approved a circular (通报): the wall and the dashboard show the latest. */
  | { type: 'circular.published'; countyCode: string; circularId: number }
  /** Screens holding this display token lose access: their streams close. */
  | { type: 'display-token.revoked'; displayTokenId: number }

export class EventBus {
  #listeners = new Set<(event: LiveEvent) => void>()
  #commitListeners = new Set<(set: ChangeSet) => void>()

  /** A write committed with this change set: caches in this process catch up (other processes read change_sets). */
  committed(set: ChangeSet): void {
    for (const listener of this.#commitListeners) listener(set)
  }

  onCommitted(listener: (set: ChangeSet) => void): () => void {
    this.#commitListeners.add(listener)
    return () => this.#commitListeners.delete(listener)
  }

  publish(event: LiveEvent): void {
    for (const listener of this.#listeners) listener(event)
  }

  subscribe(listener: (event: LiveEvent) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  get subscriberCount(): number {
    return this.#listeners.size
  }
}
