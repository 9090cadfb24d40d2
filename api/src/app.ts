// The whole API in one place: middleware order (request id → services → session → validation →
// handler → error handler → problem+json) and every resource's routes.
import { writeAudit } from './platform/audit.ts'
import type { SessionUser } from './auth/session-user.ts'
import crypto from 'node:crypto'
import { OpenAPIHono } from '@hono/zod-openapi'
import { getCookie } from 'hono/cookie'
import { HTTPException } from 'hono/http-exception'
import type { Context, MiddlewareHandler } from 'hono'
import type { AppEnv, AppServices } from './app-env.ts'
import { sessionCookieName, userForToken } from './auth/sessions.ts'
import { displayCookieName, viewerForDisplayToken } from './display-tokens/display-tokens.ts'
import { displayTokenEndpoints } from './display-tokens/display-tokens.endpoints.ts'
import { failureResponse, problemResponse, problemType } from './platform/http/problem.ts'
import { Failure } from './platform/failure.ts'
import { AnsweredMeanwhile, answerKeptMeanwhile } from './platform/idempotency.ts'
import { validationProblem } from './platform/http/validation.ts'
import { healthEndpoints } from './health/health.endpoints.ts'
import { areaEndpoints } from './areas/areas.endpoints.ts'
import { institutionFeatureEndpoints } from './institutions/institution-features.endpoints.ts'
import { authEndpoints } from './auth/auth.endpoints.ts'
import { secondFactorEndpoints } from './auth/second-factor.endpoints.ts'
import { auditEndpoints } from './audit/audit.endpoints.ts'
import { phrase } from './platform/phrases.ts'
import { secondFactorHeader } from './auth/second-factor.ts'
import { inspectionEndpoints } from './inspections/inspections.endpoints.ts'
import { eventEndpoints } from './events/events.endpoints.ts'
import { mapEndpoints } from './map/map.endpoints.ts'
import { wallEndpoints } from './wall/wall.endpoints.ts'
import { InstitutionLayer } from './map/institution-layer.ts'
import { AreaLayers } from './areas/area-layers.ts'
import { InstitutionSearch } from './institutions/institution-search.ts'
import { institutionEndpoints } from './institutions/institutions.endpoints.ts'
import { gridEndpoints } from './grids/grids.endpoints.ts'
import { routePlanEndpoints } from './route-plans/route-plans.endpoints.ts'
import { rotationEndpoints } from './rotations/rotations.endpoints.ts'
import { teamEndpoints } from './teams/teams.endpoints.ts'
import { staffEndpoints } from './staff/staff.endpoints.ts'
import { userEndpoints } from './users/users.endpoints.ts'
import { creditEndpoints } from './credit/credit.endpoints.ts'
import { reportEndpoints } from './reports/reports.endpoints.ts'
import { dispatchEndpoints } from './dispatch/dispatch.endpoints.ts'
import { assessmentEndpoints } from './assessments/assessments.endpoints.ts'
import { crossCheckEndpoints } from './cross-checks/cross-checks.endpoints.ts'
import { circularEndpoints } from './circulars/circulars.endpoints.ts'
import { campaignEndpoints } from './campaigns/campaigns.endpoints.ts'
import { drawEndpoints } from './draws/draws.endpoints.ts'
import { boundaryEndpoints } from './boundaries/boundaries.endpoints.ts'
import { draftEndpoints } from './boundaries/drafts.endpoints.ts'
import { userForBasicCredentials } from './auth/basic-credentials.ts'
import { transferEndpoints } from './transfers/transfers.endpoints.ts'
import { ogcEndpoints } from './ogc/ogc.endpoints.ts'
import { roundEndpoints } from './rounds/rounds.endpoints.ts'
import { splitEndpoints } from './rounds/split.endpoints.ts'
import { roundRouteEndpoints } from './route-plans/round-route.endpoints.ts'
import { routeSheetEndpoints } from './route-plans/route-sheet.endpoints.ts'
import { institutionsWithinEndpoints } from './institutions/institutions-within.endpoints.ts'
import { bodyLimit } from 'hono/body-limit'
import { csrfGuard } from './platform/http/csrf.ts'
import { securityHeaders } from './platform/http/security-headers.ts'
import { SecretBox } from './platform/secret-box.ts'
import { AuditChainCheck } from './audit/audit-chain.ts'
import { compress } from 'hono/compress'
import { photoEndpoints } from './photos/photos.endpoints.ts'
import { ledgerItemEndpoints } from './ledger-items/ledger-items.endpoints.ts'
import { riskReportEndpoints } from './risk-reports/risk-reports.endpoints.ts'
import { clueEndpoints } from './clues/clues.endpoints.ts'
import { posterEndpoints } from './posters/posters.endpoints.ts'
import { settingsEndpoints } from './settings/settings.endpoints.ts'
import { weeklyPlanEndpoints } from './weekly-plans/weekly-plans.endpoints.ts'
import { inboxEndpoints } from './inbox/inbox.endpoints.ts'
import { gridRecordEndpoints } from './grids/grid-records.endpoints.ts'
import { logger } from './platform/logger.ts'
import { perAddress } from './platform/http/rate-limits.ts'

export type { AppServices } from './app-env.ts'

/** Responses worth compressing: JSON, GeoJSON, scripts, styles; never the event stream. */
const compressible = (type: string) => /json|javascript|css|svg|html/.test(type)

type DerivedServices = 'institutionLayer' | 'areaLayers' | 'institutionSearch' | 'logger' | 'secrets' | 'auditChain'

/** Routes that take files: their own limits (boundaries.endpoints.ts, transfers.endpoints.ts, photos.endpoints.ts) apply instead. */
const uploadPaths = ['/api/boundaries/', '/api/planner/import/', '/api/photos']
export const defaultMaximumBodyBytes = 1024 * 1024
export const failedPasswordsPerAddress = 30
const defaultBodyLimit: MiddlewareHandler<AppEnv> = async (context, next) => {
  if (uploadPaths.some((prefix) => context.req.path.startsWith(prefix))) return next()
  return bodyLimit({
    maxSize: defaultMaximumBodyBytes,
    onError: () => {
      throw new Failure(
        'too-large',
        'payload-too-large',
        'Request too large',
        `A request body may be at most ${defaultMaximumBodyBytes / 1024 / 1024} MB here.`,
      )
    },
  })(context, next)
}

let secretsOfProcess: SecretBox | undefined
/** Without a key file (tests): one key for the whole process, so an app made again after a restart still opens what it sealed. */
function processSecrets(): SecretBox {
  return (secretsOfProcess ??= SecretBox.random())
}

export function createApp(given: Omit<AppServices, DerivedServices> & Partial<Pick<AppServices, DerivedServices>>) {
  const institutionLayer = given.institutionLayer ?? new InstitutionLayer(given.database, given.events, given.now)
  const services: AppServices = {
    ...given,
    institutionLayer,
    areaLayers: given.areaLayers ?? new AreaLayers(given.database, institutionLayer),
    institutionSearch: given.institutionSearch ?? new InstitutionSearch(given.database, institutionLayer),
    logger: given.logger ?? logger,
    secrets: given.secrets ?? processSecrets(),
    auditChain: given.auditChain ?? new AuditChainCheck(given.database, given.now),
  }
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result, context) => (result.success ? undefined : validationProblem(result.error, context)),
  })

  app.use('*', async (context, next) => {
    // A caller's own request id is kept when it is a plain token; anything else gets a new one.
    const given = context.req.header('x-request-id')
    const requestId = given && /^[\w.:-]{1,100}$/.test(given) ? given : crypto.randomUUID()
    context.set('requestId', requestId)
    context.set('services', services)
    context.header('x-request-id', requestId)
    const started = performance.now()
    await next()
    // One line per request: never its query string or body, which carry what people typed.
    services.logger.info(
      {
        requestId,
        method: context.req.method,
        path: context.req.path.slice(0, 300),
        status: context.res.status,
        ms: Math.round(performance.now() - started),
        userId: context.get('user')?.id,
      },
      'request',
    )
  })

  app.use(
    '*',
    securityHeaders({
      wallFrameOrigins: services.config.wallFrameOrigins ?? [],
      https: services.config.cookieSecure,
      mapOrigins: services.config.baseMap?.origins ?? [],
    }),
  )
  app.use('*', compress({ contentTypeFilter: compressible }))

  // Every request body is bounded before anything reads it: 1 MB by default, refused at once when
  // its Content-Length says more; uploads (boundary and village files, imports, photos) have their
  // own larger limits on their routes.
  app.use('/api/*', defaultBodyLimit)

  // Nothing changes at another site's request: the origin and the body's type are checked first.
  app.use('/api/*', csrfGuard)
  app.use('/ogc/*', csrfGuard)

  // Who is asking: the API and the OGC API alike; the OGC API also takes a user's name and
  // password as HTTP Basic credentials, which is how QGIS and GDAL authenticate.
  const identify: MiddlewareHandler<AppEnv> = async (context, next) => {
    const token = getCookie(context, sessionCookieName(services.config.cookieSecure))
    let user = token
      ? await userForToken(services.database, token, services.now(), services.config.sessionIdleMinutes)
      : null
    const authorization = context.req.header('authorization')
    if (!user && authorization && context.req.path.startsWith('/ogc'))
      user = await userForBasicCredentials(services.database, authorization, services.now())
    const displayToken = user ? undefined : getCookie(context, displayCookieName)
    context.set('user', user)
    context.set('display', displayToken ? await viewerForDisplayToken(services.database, displayToken) : null)
    await next()
  }
  // A role that must sign in with a second factor (production) and has none yet may only set one
  // up: everything outside /api/auth answers 403 until then, the OGC API included.
  const enrolmentGate: MiddlewareHandler<AppEnv> = async (context, next) => {
    const user = context.get('user')
    if (
      user &&
      user.secondFactor === false &&
      (services.config.secondFactorRoles ?? []).includes(user.role) &&
      !context.req.path.startsWith('/api/auth/')
    )
      throw Failure.phrased(
        'forbidden',
        'second-factor-enrolment-required',
        'Second factor required',
        phrase('second-factor-enrolment-required'),
      )
    await next()
  }
  // A temporary password (a new account, a reset) is changed before anything else: everything
  // outside /api/auth answers 403 until then.
  const temporaryPasswordGate: MiddlewareHandler<AppEnv> = async (context, next) => {
    const user = context.get('user')
    if (user?.passwordMustChange && !context.req.path.startsWith('/api/auth/'))
      throw Failure.phrased(
        'forbidden',
        'password-change-required',
        'Password change required',
        phrase('password-change-required'),
      )
    await next()
  }
  app.use('/api/*', identify)
  app.use('/api/*', temporaryPasswordGate)
  app.use('/api/*', enrolmentGate)
  // Guessing passwords from one address, at one account or many: 30 wrong ones in 15 minutes, then
  // 429 until the window passes (the per-account lockout is auth/login-guard.ts).
  // A 401 counts when a password was sent: a GIS client's first request without one does not.
  // The 401 that only asks for a second-factor code (the password was right) does not count.
  const wrongPassword = (context: Context) =>
    context.res.status === 401 &&
    !context.res.headers.has(secondFactorHeader) &&
    (context.req.path === '/api/auth/login' || context.req.header('authorization') !== undefined)
  const guessing = perAddress('password-guessing', failedPasswordsPerAddress, 15, { countOnly: wrongPassword })
  app.use('/api/auth/login', guessing)
  app.use('/ogc', guessing)
  app.use('/ogc/*', guessing)
  app.use('/ogc', identify)
  app.use('/ogc/*', identify)
  app.use('/ogc', enrolmentGate)
  app.use('/ogc/*', enrolmentGate)

  app.route('/', healthEndpoints())
  app.route('/', authEndpoints())
  app.route('/', secondFactorEndpoints())
  app.route('/', auditEndpoints())
  app.route('/', areaEndpoints())
  app.route('/', institutionFeatureEndpoints())
  app.route('/', institutionEndpoints())
  app.route('/', gridEndpoints())
  app.route('/', inspectionEndpoints())
  app.route('/', photoEndpoints())
  app.route('/', ledgerItemEndpoints())
  app.route('/', riskReportEndpoints())
  app.route('/', clueEndpoints())
  app.route('/', posterEndpoints())
  app.route('/', settingsEndpoints())
  app.route('/', weeklyPlanEndpoints())
  app.route('/', inboxEndpoints())
  app.route('/', gridRecordEndpoints())
  app.route('/', eventEndpoints())
  app.route('/', mapEndpoints())
  app.route('/', wallEndpoints())
  app.route('/', displayTokenEndpoints())
  app.route('/', routePlanEndpoints())
  app.route('/', teamEndpoints())
  app.route('/', staffEndpoints())
  app.route('/', userEndpoints())
  app.route('/', creditEndpoints())
  app.route('/', reportEndpoints())
  app.route('/', dispatchEndpoints())
  app.route('/', assessmentEndpoints())
  app.route('/', crossCheckEndpoints())
  app.route('/', circularEndpoints())
  app.route('/', campaignEndpoints())
  app.route('/', rotationEndpoints())
  app.route('/', drawEndpoints())
  app.route('/', institutionsWithinEndpoints())
  app.route('/', roundEndpoints())
  app.route('/', splitEndpoints())
  app.route('/', roundRouteEndpoints())
  app.route('/', routeSheetEndpoints())
  app.route('/', boundaryEndpoints())
  app.route('/', draftEndpoints())
  app.route('/', transferEndpoints())
  // OGC API – Features describes itself (its landing page, /ogc/conformance and /ogc/collections,
  // as that standard asks) and is read by GIS tools, not by our clients: it stays out of
  // /api/openapi.json.
  app.route('/', ogcEndpoints())

  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'gridwatch API',
      version: '0.1.0',
      description: 'Grid management (网格化监管) of designated medical institutions. Errors are RFC 9457 problem+json.',
    },
  })

  app.notFound((context) =>
    problemResponse(context, {
      type: problemType('not-found'),
      title: 'Not found',
      status: 404,
      detail: `No such resource: ${context.req.method} ${new URL(context.req.url).pathname}`,
    }),
  )

  app.onError(async (error, context) => {
    if (error instanceof Failure) {
      // A signed-in user refused (403) is an audit row: who tried what, and why it was refused.
      const user = context.get('user')
      if (error.kind === 'forbidden' && user) await auditDenial(context, user, error.message)
      return failureResponse(context, error)
    }
    // Two sends of one Idempotency-Key at once: the later one answers what the first kept.
    if (error instanceof AnsweredMeanwhile) {
      const kept = await answerKeptMeanwhile(context)
      if (kept) return kept
    }
    // Hono's own 4xx, e.g. a body that is not JSON at all.
    if (error instanceof HTTPException && error.status < 500) {
      return problemResponse(context, {
        type: problemType('invalid-request'),
        title: 'Invalid request',
        status: error.status,
        detail: error.message || 'The request could not be read.',
      })
    }
    // A statement the server cancelled for running past GRIDWATCH_STATEMENT_TIMEOUT_SECONDS.
    if (databaseCode(error) === '57014') {
      return problemResponse(context, {
        type: problemType('too-slow'),
        title: 'Took too long',
        status: 503,
        detail:
          'The database stopped this request for taking too long; nothing was changed. Ask for less at once (a smaller area, fewer points).',
      })
    }
    // A number beyond what its column holds (e.g. an id above 2³¹−1 that no schema bounded): the request's.
    if (databaseCode(error) === '22003') {
      return problemResponse(context, {
        type: problemType('invalid-request'),
        title: 'Invalid request',
        status: 400,
        detail: 'A number in this request is out of range; nothing was changed.',
      })
    }
    // Text the database cannot hold (a NUL character, a broken escape): the request's fault, not ours.
    if (unstorableText(error)) {
      return problemResponse(context, {
        type: problemType('invalid-request'),
        title: 'Invalid request',
        status: 400,
        detail:
          'Text in this request contains a character that cannot be stored (such as NUL, \\u0000); nothing was changed.',
      })
    }
    services.logger.error(
      {
        requestId: context.get('requestId'),
        method: context.req.method,
        path: context.req.path.slice(0, 300),
        err: error,
      },
      'request failed',
    )
    return problemResponse(context, {
      type: problemType('internal'),
      title: 'Internal error',
      status: 500,
      detail: 'Something went wrong on the server; nothing was changed. Quote the request id when reporting it.',
    })
  })

  return app
}

export type App = ReturnType<typeof createApp>

async function auditDenial(context: Context<AppEnv>, user: SessionUser, detail: string): Promise<void> {
  const { database, logger: log } = context.get('services')
  try {
    await database.write((transaction) =>
      writeAudit(
        transaction,
        { user, requestId: context.get('requestId'), countyCode: user.countyCode },
        {
          action: 'denied',
          entity: 'request',
          entityId: null,
          after: {
            method: context.req.method,
            path: storableText(context.req.path.slice(0, 300)),
            detail: storableText(detail.slice(0, 300)),
          },
        },
      ),
    )
  } catch (error) {
    // The refusal stands whatever happens to its audit row.
    log.error({ requestId: context.get('requestId'), err: error }, 'a denial could not be audited')
  }
}

/**
 * Text as the audit row can hold it: a refused address may carry what a JSON column refuses (a NUL
 * from %00, half of a surrogate pair); each becomes U+FFFD, so the refusal is still on record.
 */
function storableText(text: string): string {
  return text
    .replaceAll('\u0000', '\uFFFD')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
}

/** The SQLSTATE of a database error, on the error or what it wraps (drizzle wraps the driver's). */
function databaseCode(error: unknown): string | undefined {
  for (
    let current = error, depth = 0;
    current instanceof Error && depth < 4;
    current = (current as Error & { cause?: unknown }).cause, depth++
  ) {
    const code = (current as Error & { code?: unknown }).code
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code
  }
  return undefined
}

/** PostgreSQL's "character not in repertoire" (22021) and "untranslatable character" (22P05). */
function unstorableText(error: unknown): boolean {
  const code = databaseCode(error)
  return code === '22021' || code === '22P05'
}
