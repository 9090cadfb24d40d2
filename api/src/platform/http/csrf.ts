// Cross-site request forgery: a state-changing request (anything but GET, HEAD, OPTIONS) to the API
// or the OGC API must come from the app's own origin, and its body must be of a type a page on
// another site cannot send without the browser asking first (a CORS preflight, which we never
// grant): JSON everywhere, multipart only where files are uploaded, raw bytes only on imports.
// Hono's csrf middleware checks Origin and Sec-Fetch-Site, but only for form-like content types;
// here every unsafe request is checked, and a "same-site" request from another port of the same
// host is refused too (Sec-Fetch-Site: same-site is cross-origin). Clients that are not browsers
// (QGIS, GDAL, curl) send neither header and pass the origin check; the content-type rule holds
// for them as for everyone.
import type { MiddlewareHandler } from 'hono'
import type { PlatformEnv } from '../platform-env.ts'
import { failures } from '../failure.ts'

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS'])

/** Body types each route family takes; JSON is taken everywhere. */
const bodyTypes: { prefix: string; types: string[] }[] = [
  { prefix: '/api/photos', types: ['multipart/form-data'] },
  { prefix: '/api/planner/import/', types: ['application/octet-stream'] },
]

/**
 * Whether the request carries a body: a non-zero Content-Length, chunked transfer, or (a request
 * made in-process, which has no length header) a declared Content-Type. A body-less DELETE from a
 * browser has none of them, though Node's request object still offers an empty stream.
 */
function hasBody(request: Request): boolean {
  const length = request.headers.get('content-length')
  if (length !== null) return length !== '0'
  return request.headers.get('transfer-encoding') !== null || request.headers.get('content-type') !== null
}

/** Whether an Origin header names the host this request was sent to (scheme aside: a TLS proxy may sit in front). */
function sameHost(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host
  } catch {
    return false
  }
}

export const csrfGuard: MiddlewareHandler<PlatformEnv> = async (context, next) => {
  if (safeMethods.has(context.req.method)) return next()
  const site = context.req.header('sec-fetch-site')
  if (site !== undefined && site !== 'same-origin' && site !== 'none')
    throw failures.forbidden(`A ${site} request may not change anything here (cross-site request forgery protection).`)
  const origin = context.req.header('origin')
  if (origin !== undefined && !sameHost(origin, context.req.header('host') ?? new URL(context.req.url).host))
    throw failures.forbidden(
      `A request from ${origin.slice(0, 100)} may not change anything here (cross-site request forgery protection).`,
    )
  if (hasBody(context.req.raw)) {
    const type = (context.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
    const allowed = [
      'application/json',
      ...(bodyTypes.find((entry) => context.req.path.startsWith(entry.prefix))?.types ?? []),
    ]
    if (!allowed.includes(type))
      throw failures.unsupportedType(
        `This request's body must be ${allowed.join(' or ')}${type ? `, not ${type.slice(0, 100)}` : ''}.`,
      )
  }
  await next()
}
