// The whole API in one place: middleware order (request id → services → session → validation →
// handler → error handler → problem+json) and every resource's routes.
import crypto from 'node:crypto'
import { OpenAPIHono } from '@hono/zod-openapi'
import { getCookie } from 'hono/cookie'
import { HTTPException } from 'hono/http-exception'
import type { MiddlewareHandler } from 'hono'
import type { AppEnv, AppServices } from './app-env.ts'
import { sessionCookieName, userForToken } from './auth/sessions.ts'
import { displayCookieName, viewerForDisplayToken } from './auth/display-tokens.ts'
import { displayTokenRoutes } from './routes/display-tokens.ts'
import { AppError, problemResponse, problemType } from './http/problem.ts'
import { validationProblem } from './http/validation.ts'
import { healthRoutes } from './routes/health.ts'
import { areaRoutes } from './routes/areas.ts'
import { clinicRoutes } from './routes/clinics.ts'
import { authRoutes } from './routes/auth.ts'
import { inspectionRoutes } from './routes/inspections.ts'
import { eventRoutes } from './routes/events.ts'
import { mapLayerRoutes } from './routes/map-layer.ts'
import { wallRoutes } from './routes/wall.ts'
import { ClinicLayer } from './map-layer/clinic-layer.ts'
import { AreaLayers } from './map-layer/area-layers.ts'
import { InstitutionSearch } from './map-layer/institution-search.ts'
import { institutionRoutes } from './routes/institutions.ts'
import { gridRoutes } from './routes/grids.ts'
import { routeRoutes } from './routes/routes.ts'
import { rotationRoutes } from './routes/rotations.ts'
import { drawRoutes } from './routes/draws.ts'
import { boundaryRoutes } from './routes/boundaries.ts'
import { plannerRoutes } from './routes/planner.ts'
import { userForBasicCredentials } from './auth/basic-credentials.ts'
import { transferRoutes } from './routes/transfers.ts'
import { ogcRoutes } from './routes/ogc.ts'
import { rotationInstitutionRoutes } from './routes/rotation-institutions.ts'
import { compress } from 'hono/compress'

export type { AppServices } from './app-env.ts'

/** Responses worth compressing: JSON, GeoJSON, scripts, styles; never the event stream. */
const compressible = (type: string) => /json|javascript|css|svg|html/.test(type)

type DerivedServices = 'clinicLayer' | 'areaLayers' | 'institutionSearch'

export function createApp(given: Omit<AppServices, DerivedServices> & Partial<Pick<AppServices, DerivedServices>>) {
  const clinicLayer = given.clinicLayer ?? new ClinicLayer(given.database, given.events, given.now)
  const services: AppServices = {
    ...given,
    clinicLayer,
    areaLayers: given.areaLayers ?? new AreaLayers(given.database, clinicLayer),
    institutionSearch: given.institutionSearch ?? new InstitutionSearch(given.database, clinicLayer),
  }
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result, context) => (result.success ? undefined : validationProblem(result.error, context)),
  })

  app.use('*', async (context, next) => {
    const requestId = context.req.header('x-request-id')?.slice(0, 100) || crypto.randomUUID()
    context.set('requestId', requestId)
    context.set('services', services)
    context.header('x-request-id', requestId)
    await next()
  })

  app.use('*', compress({ contentTypeFilter: compressible }))

  // Who is asking: the API and the OGC API alike; the OGC API also takes a user's name and
  // password as HTTP Basic credentials, which is how QGIS and GDAL authenticate.
  const identify: MiddlewareHandler<AppEnv> = async (context, next) => {
    const token = getCookie(context, sessionCookieName)
    let user = token ? await userForToken(services.database, token, services.now()) : null
    const authorization = context.req.header('authorization')
    if (!user && authorization && context.req.path.startsWith('/ogc')) user = await userForBasicCredentials(services.database, authorization, services.now())
    const displayToken = user ? undefined : getCookie(context, displayCookieName)
    context.set('user', user)
    context.set('display', displayToken ? await viewerForDisplayToken(services.database, displayToken) : null)
    await next()
  }
  app.use('/api/*', identify)
  app.use('/ogc', identify)
  app.use('/ogc/*', identify)

  app.route('/', healthRoutes())
  app.route('/', authRoutes())
  app.route('/', areaRoutes())
  app.route('/', clinicRoutes())
  app.route('/', institutionRoutes())
  app.route('/', gridRoutes())
  app.route('/', inspectionRoutes())
  app.route('/', eventRoutes())
  app.route('/', mapLayerRoutes())
  app.route('/', wallRoutes())
  app.route('/', displayTokenRoutes())
  app.route('/', routeRoutes())
  app.route('/', rotationRoutes())
  app.route('/', drawRoutes())
  app.route('/', rotationInstitutionRoutes())
  app.route('/', boundaryRoutes())
  app.route('/', plannerRoutes())
  app.route('/', transferRoutes())
  app.route('/', ogcRoutes())

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

  app.onError((error, context) => {
    if (error instanceof AppError) {
      return problemResponse(context, {
        type: problemType(error.slug),
        title: error.title,
        status: error.status,
        detail: error.message,
        ...(error.errors ? { errors: error.errors } : {}),
        ...(error.phrase ? { key: error.phrase.key, params: error.phrase.params } : {}),
      })
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
    console.error(`[${context.get('requestId')}]`, error)
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
