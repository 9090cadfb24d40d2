// Security headers on every response (Hono's secure-headers): a Content-Security-Policy the built
// app passes — scripts, styles, workers, images and connections from our own origin only (images
// also as data: and blob: URLs: signatures, photo previews; workers also as blob: for MapLibre),
// inline styles for Vue's style bindings, no objects, no framing — nosniff, a same-origin referrer
// and cross-origin isolation of our resources. The wall may be framed by the origins configured
// in GRIDWATCH_WALL_FRAME_ORIGINS (a screen-management page); nothing else may frame any page.
// A configured base map's origins (GRIDWATCH_BASE_MAP_STYLE_URL and _ORIGINS) may be fetched from
// and shown as images; without one the browser reaches nothing but our origin.
// Strict-Transport-Security only when cookies are Secure (the deployment serves HTTPS).
import type { MiddlewareHandler } from 'hono'
import { secureHeaders } from 'hono/secure-headers'
import type { PlatformEnv } from '../platform-env.ts'

export function securityHeaders(options: {
  wallFrameOrigins: readonly string[]
  https: boolean
  mapOrigins?: readonly string[]
}): MiddlewareHandler<PlatformEnv> {
  const policy = (frameAncestors: string[]) =>
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', ...(options.mapOrigins ?? [])],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", ...(options.mapOrigins ?? [])],
        workerSrc: ["'self'", 'blob:'],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors,
      },
      xFrameOptions: frameAncestors.includes("'none'") ? 'DENY' : false,
      referrerPolicy: 'same-origin',
      strictTransportSecurity: options.https ? 'max-age=31536000; includeSubDomains' : false,
      crossOriginResourcePolicy: 'same-origin',
      crossOriginOpenerPolicy: 'same-origin',
      crossOriginEmbedderPolicy: false,
      originAgentCluster: '?1',
      xContentTypeOptions: 'nosniff',
      xDnsPrefetchControl: 'off',
      xDownloadOptions: 'noopen',
      xPermittedCrossDomainPolicies: 'none',
      xXssProtection: '0',
      permissionsPolicy: { camera: ['self'], geolocation: ['self'], microphone: [], payment: [], usb: [] },
    })
  const everywhere = policy(["'none'"])
  const wall = options.wallFrameOrigins.length > 0 ? policy([...options.wallFrameOrigins]) : everywhere
  return (context, next) =>
    context.req.path === '/wall' || context.req.path.startsWith('/wall/')
      ? wall(context, next)
      : everywhere(context, next)
}
