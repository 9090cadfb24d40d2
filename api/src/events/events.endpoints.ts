// GET /api/events: server-sent events for live screens. A comment line every 15 s keeps proxies
// from closing an idle stream; EventSource reconnects by itself when the server comes back.
import { OpenAPIHono, z } from '@hono/zod-openapi'
import { streamSSE } from 'hono/streaming'
import type { AppEnv } from '../app-env.ts'
import { caller, mapReaders } from '../auth/access.ts'
import { coversCounty } from '@gridwatch/domain/county-scope.ts'
import { gridInScope } from '../auth/can.ts'

const keepAliveMilliseconds = 15_000

export function eventEndpoints() {
  const app = new OpenAPIHono<AppEnv>()
  // A stream has no response schema to validate; the document names it so that clients and the
  // route × role test find it.
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/api/events',
    tags: ['map'],
    responses: {
      200: {
        description: "Server-sent events (text/event-stream), each filtered by the listener's scope",
        content: { 'text/event-stream': { schema: z.string() } },
      },
    },
  })
  app.get('/api/events', mapReaders, (context) => {
    const user = caller(context)
    const { events, institutionLayer } = context.get('services')
    return streamSSE(context, async (stream) => {
      // The scope filter below asks the layer where each institution is: have it read first.
      await institutionLayer.refresh()
      let eventId = 0
      let revoked: () => void = () => {}
      const unsubscribe = events.subscribe((event) => {
        if (event.type === 'display-token.revoked') {
          if (event.displayTokenId === user.displayTokenId) revoked()
          return
        }
        // What happens at an institution goes only to screens whose scope holds it; new boundaries
        // only to screens of those counties.
        if (event.type === 'institutions.changed') {
          const records = event.records.filter((record) => institutionLayer.inScope(user, record))
          if (records.length === 0) return
          event = { ...event, records }
        }
        if (event.type === 'risk-report.changed' && event.institutionId === null) {
          // A report about a place: sent by its grid's scope.
          const place = event.place
          if (!place || place.gridId === null) return
          if (!gridInScope(user, { id: place.gridId, countyCode: place.countyCode, zoneId: place.zoneId })) return
        } else if (
          (event.type === 'inspection.created' ||
            event.type === 'ledger-item.changed' ||
            event.type === 'risk-report.changed') &&
          !institutionLayer.inScope(user, { id: event.institutionId! })
        )
          return
        if (
          event.type === 'boundaries.changed' &&
          !event.countyCodes.some((code) => coversCounty(user.countyCode, code))
        )
          return
        if (event.type === 'circular.published' && !coversCounty(user.countyCode, event.countyCode)) return
        void stream.writeSSE({ id: String(++eventId), event: event.type, data: JSON.stringify(event) })
      })
      // A screen that lost the stream retries after two seconds (the browser default is three).
      await stream.writeSSE({
        event: 'ready',
        data: JSON.stringify({ at: new Date().toISOString(), revision: institutionLayer.revision }),
        retry: 2000,
      })
      const keepAlive = setInterval(() => void stream.write(': keep-alive\n\n'), keepAliveMilliseconds)
      await new Promise<void>((resolve) => {
        stream.onAbort(resolve)
        revoked = resolve
      })
      clearInterval(keepAlive)
      unsubscribe()
    })
  })
  return app
}
