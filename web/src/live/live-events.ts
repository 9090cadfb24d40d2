// The server-sent event stream (/api/events) as a page sees it: live, or offline since a moment.
// EventSource reconnects by itself (the server asks for a retry after 2 s); when it comes back
// after a loss, the page re-reads what it shows, because events sent meanwhile were missed.
import { onBeforeUnmount, ref, shallowRef } from 'vue'
import type { InstitutionRecord } from '@gridwatch/domain/institution-layer-format.ts'

export interface LiveHandlers {
  onInstitutionsChanged(records: InstitutionRecord[]): void
  /** After a reconnect or a whole-layer reload on the server: fetch everything again. */
  onResync(): void
  /** Any change worth re-reading summaries for. */
  onActivity?(): void
  /** A ledger item of this institution was raised or moved: re-read what shows it. */
  onLedgerItemChanged?(change: { institutionId: number; ledgerItemId: number }): void
  /** A risk report in scope was raised, acknowledged, timed out or closed. */
  onRiskReportChanged?(): void
  /** A circular (通报) was published in the reader's county. */
  onCircularPublished?(): void
  /** New grid boundaries were published in these counties: re-read their areas. */
  onBoundariesChanged?(countyCodes: string[]): void
}

export function useLiveEvents(handlers: LiveHandlers) {
  const status = ref<'connecting' | 'live' | 'offline'>('connecting')
  const offlineSince = shallowRef<Date | null>(null)
  let everConnected = false
  const source = new EventSource('/api/events')

  source.addEventListener('ready', () => {
    if (everConnected) handlers.onResync()
    everConnected = true
    status.value = 'live'
    offlineSince.value = null
  })
  source.addEventListener('institutions.changed', (event) => {
    handlers.onInstitutionsChanged(
      (JSON.parse((event as MessageEvent<string>).data) as { records: InstitutionRecord[] }).records,
    )
    handlers.onActivity?.()
  })
  source.addEventListener('institutions.reloaded', () => handlers.onResync())
  source.addEventListener('boundaries.changed', (event) => {
    handlers.onBoundariesChanged?.(
      (JSON.parse((event as MessageEvent<string>).data) as { countyCodes: string[] }).countyCodes,
    )
    handlers.onActivity?.()
  })
  source.addEventListener('ledger-item.changed', (event) => {
    handlers.onLedgerItemChanged?.(
      JSON.parse((event as MessageEvent<string>).data) as { institutionId: number; ledgerItemId: number },
    )
    handlers.onActivity?.()
  })
  source.addEventListener('risk-report.changed', () => {
    handlers.onRiskReportChanged?.()
    handlers.onActivity?.()
  })
  source.addEventListener('circular.published', () => {
    handlers.onCircularPublished?.()
    handlers.onActivity?.()
  })
  source.addEventListener('error', () => {
    if (status.value !== 'offline') offlineSince.value = new Date()
    status.value = 'offline'
  })
  onBeforeUnmount(() => source.close())
  return { status, offlineSince }
}
