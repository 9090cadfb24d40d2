// Rate limits for what anyone may call without an account (the public contact page's clue form)
// and for password guessing from one address (login form and OGC Basic credentials): a client
// address may send so many in a window, then gets 429 problem+json with Retry-After.
// hono-rate-limiter keeps the counts in memory (one process serves the county). Behind a reverse
// proxy every request comes from the proxy's address: set the proxy to add X-Forwarded-For and
// GRIDWATCH_TRUST_PROXY=1 so the first address in it is used.
import type { Context, MiddlewareHandler } from 'hono'
import { getConnInfo } from '@hono/node-server/conninfo'
import { rateLimiter } from 'hono-rate-limiter'
import type { PlatformEnv } from '../platform-env.ts'
import { failures } from '../failure.ts'

/** The client's address: the socket's, or with a trusted proxy the first X-Forwarded-For entry; 'local' in-process. */
export function clientAddress(context: Context): string {
  if (process.env.GRIDWATCH_TRUST_PROXY === '1') {
    const forwarded = context.req.header('x-forwarded-for')?.split(',')[0]?.trim()
    if (forwarded) return forwarded
  }
  try {
    return getConnInfo(context).remote.address ?? 'local'
  } catch {
    return 'local'
  }
}

/**
 * At most `limit` requests per `windowMinutes` from one address to the routes it guards; with
 * `countOnly`, only the requests it picks count (wrong passwords: a whole office behind one address
 * logs in each morning without coming near the limit, one address guessing at many accounts does).
 */
export function perAddress(
  name: string,
  limit: number,
  windowMinutes: number,
  options: { countOnly?: (context: Context) => boolean } = {},
): MiddlewareHandler<PlatformEnv> {
  const { countOnly } = options
  return rateLimiter<PlatformEnv>({
    windowMs: windowMinutes * 60_000,
    limit,
    ...(countOnly
      ? { skipSuccessfulRequests: true, requestWasSuccessful: (context: Context) => !countOnly(context) }
      : {}),
    standardHeaders: 'draft-6',
    keyGenerator: (context) => `${name}:${clientAddress(context)}`,
    handler: (context) => {
      const info = context.get('rateLimit' as never) as { resetTime?: Date } | undefined
      const seconds = info?.resetTime
        ? Math.max(1, Math.ceil((info.resetTime.getTime() - Date.now()) / 1000))
        : windowMinutes * 60
      throw failures.tooMany(
        `Too many requests from this address; try again in ${Math.ceil(seconds / 60)} minute(s).`,
        seconds,
      )
    },
  })
}
