// What the platform's middleware and write path read from a request: the caller, the request id,
// an Idempotency-Key, the database and the event bus. The app's own env (api/src/app-env.ts) carries
// all of this, with the signed-in user in full and its resources' services besides; the platform
// knows no resource.
import type { Context } from 'hono'
import type { Database } from '@gridwatch/db'
import type { EventBus } from './events.ts'
import type { IdempotentRequest } from './idempotency.ts'

/** Who makes a request, as far as the platform needs to know: for audit rows and kept answers. */
export interface Caller {
  id: number
  username: string
  countyCode: string
}

export interface PlatformEnv {
  Variables: {
    requestId: string
    user: Caller | null
    /** The caller an endpoint's access middleware admitted. */
    reader: Caller | null
    /** Set on write endpoints called with an Idempotency-Key; the write path keeps the answer. */
    idempotency: IdempotentRequest | undefined
    services: { database: Database; events: EventBus }
  }
}

/**
 * What the platform reads of a request's context. Hono's Context is invariant in its env (it can
 * `set` as well as `get`), so the platform takes only the getter (and a reply's header and JSON body): any app env that carries the
 * platform's variables passes.
 */
export interface PlatformContext extends Pick<Context, 'header' | 'json'> {
  get<Key extends keyof PlatformEnv['Variables']>(key: Key): PlatformEnv['Variables'][Key]
}
