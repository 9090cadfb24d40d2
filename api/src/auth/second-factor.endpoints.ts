// A user's own sign-in security (账号安全):
//   GET    /api/auth/second-factor              whether a second factor is on, required, recovery codes left, a GIS key
//   POST   /api/auth/second-factor/enrolment    a new secret and its otpauth:// URI (shown as a QR code)
//   POST   /api/auth/second-factor              confirm with a code from the app: on, ten recovery codes shown once
//   DELETE /api/auth/second-factor              off again (password required; not for roles that must keep it)
//   POST   /api/auth/gis-key                    a new GIS key for QGIS/GDAL, shown once; DELETE withdraws it
// An administrator resets a lost second factor at POST /api/users/{id}/second-factor/reset (users.endpoints.ts).
import crypto from 'node:crypto'
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { sql } from 'drizzle-orm'
import type { AppEnv } from '../app-env.ts'
import { caller, signedIn } from './access.ts'
import { Failure, failures } from '../platform/failure.ts'
import { phrase } from '../platform/phrases.ts'
import { writePathOf } from '../platform/write-path.ts'
import { verifyPassword } from './password.ts'
import { forgetBasicCredentials } from './basic-credentials.ts'
import {
  acceptedStep,
  clearSecondFactor,
  enrolmentUri,
  hashSecret,
  newRecoveryCodes,
  newSecondFactorSecret,
  storeRecoveryCodes,
} from './second-factor.ts'
import type { SessionUser } from './session-user.ts'

const statusSchema = z
  .object({
    on: z.boolean(),
    required: z.boolean().openapi({ description: 'The role must sign in with a second factor here' }),
    since: z.string().nullable(),
    recoveryCodesLeft: z.number().int(),
    gisKey: z.boolean().openapi({ description: 'A GIS key exists for OGC Basic credentials' }),
  })
  .openapi('SecondFactorStatus')

function person(user: SessionUser): SessionUser {
  if (user.id <= 0 || user.displayTokenId !== undefined)
    throw failures.forbidden('A wall display has no sign-in to secure.')
  return user
}

export function secondFactorEndpoints() {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      createRoute({
        middleware: [signedIn],
        method: 'get',
        path: '/api/auth/second-factor',
        tags: ['auth'],
        responses: {
          200: {
            content: { 'application/json': { schema: statusSchema } },
            description: 'The caller’s second factor and GIS key',
          },
        },
      }),
      async (context) => {
        const user = person(caller(context))
        const { database, config } = context.get('services')
        const [row] = await database.rows<{ since: Date | string | null; left: number; gis_key: boolean }>(sql`
          SELECT second_factor_since AS since, gis_key_hash IS NOT NULL AS gis_key,
            (SELECT count(*)::int FROM recovery_codes r WHERE r.user_id = u.id AND r.used_at IS NULL) AS left
          FROM users u WHERE id = ${user.id}`)
        return context.json(
          {
            on: row!.since !== null,
            required: (config.secondFactorRoles ?? []).includes(user.role),
            since: row!.since === null ? null : new Date(row!.since).toISOString(),
            recoveryCodesLeft: row!.since === null ? 0 : row!.left,
            gisKey: row!.gis_key,
          },
          200,
        )
      },
    )
    .openapi(
      createRoute({
        middleware: [signedIn],
        method: 'post',
        path: '/api/auth/second-factor/enrolment',
        tags: ['auth'],
        responses: {
          200: {
            content: {
              'application/json': {
                schema: z.object({ secret: z.string(), uri: z.string() }).openapi('SecondFactorEnrolment'),
              },
            },
            description: 'A new secret, not yet in force: confirm it with a code from the app',
          },
        },
      }),
      async (context) => {
        const user = person(caller(context))
        const secret = newSecondFactorSecret()
        const { database, secrets } = context.get('services')
        await database.rows(
          sql`UPDATE users SET second_factor_pending_secret = ${secrets.seal(secret)} WHERE id = ${user.id}`,
        )
        return context.json({ secret, uri: enrolmentUri(secret, user.username) }, 200)
      },
    )
    .openapi(
      createRoute({
        middleware: [signedIn],
        method: 'post',
        path: '/api/auth/second-factor',
        tags: ['auth'],
        request: {
          body: {
            required: true,
            content: {
              'application/json': {
                schema: z.object({ code: z.string().min(1).max(20) }).openapi('SecondFactorConfirmation'),
              },
            },
          },
        },
        responses: {
          200: {
            content: {
              'application/json': { schema: z.object({ recoveryCodes: z.array(z.string()) }).openapi('RecoveryCodes') },
            },
            description: 'The second factor is on; the recovery codes are shown this once',
          },
        },
      }),
      async (context) => {
        const user = person(caller(context))
        const { database, now, secrets } = context.get('services')
        const [row] = await database.rows<{ pending: string | null }>(
          sql`SELECT second_factor_pending_secret AS pending FROM users WHERE id = ${user.id}`,
        )
        if (!row?.pending) throw failures.conflict('Start the set-up first: no secret is waiting for confirmation.')
        const step = acceptedStep(secrets.open(row.pending), user.username, context.req.valid('json').code, now())
        if (step === null)
          throw Failure.phrased('invalid', 'invalid-request', 'Invalid request', phrase('second-factor-wrong'), [
            { path: 'code', message: 'wrong code' },
          ])
        const codes = newRecoveryCodes()
        await writePathOf(context)(async (transaction, record) => {
          await database.rows(
            sql`UPDATE users SET second_factor_secret = second_factor_pending_secret, second_factor_pending_secret = NULL,
                  second_factor_since = ${now().toISOString()}::timestamptz, second_factor_last_step = ${step}
                WHERE id = ${user.id}`,
            transaction,
          )
          await storeRecoveryCodes(database, transaction, user.id, codes, now())
          await record.audit({ action: 'second-factor-on', entity: 'user', entityId: user.id, changes: [] })
        })
        // The password alone no longer opens the OGC API.
        forgetBasicCredentials(user.id)
        return context.json({ recoveryCodes: codes }, 200)
      },
    )
    .openapi(
      createRoute({
        middleware: [signedIn],
        method: 'delete',
        path: '/api/auth/second-factor',
        tags: ['auth'],
        request: {
          body: {
            required: true,
            content: {
              'application/json': {
                schema: z.object({ password: z.string().min(1).max(200) }).openapi('SecondFactorRemoval'),
              },
            },
          },
        },
        responses: { 204: { description: 'The second factor is off' } },
      }),
      async (context) => {
        const user = person(caller(context))
        const { database, config } = context.get('services')
        if ((config.secondFactorRoles ?? []).includes(user.role))
          throw Failure.phrased('forbidden', 'forbidden', 'Not allowed', phrase('second-factor-kept'))
        const [row] = await database.rows<{ password_hash: string }>(
          sql`SELECT password_hash FROM users WHERE id = ${user.id}`,
        )
        if (!row || !(await verifyPassword(context.req.valid('json').password, row.password_hash)))
          throw Failure.phrased('invalid', 'invalid-request', 'Invalid request', phrase('password-wrong'), [
            { path: 'password', message: 'wrong password' },
          ])
        await writePathOf(context)(async (transaction, record) => {
          await clearSecondFactor(database, transaction, user.id)
          await record.audit({ action: 'second-factor-off', entity: 'user', entityId: user.id, changes: [] })
        })
        return context.body(null, 204)
      },
    )
    .openapi(
      createRoute({
        middleware: [signedIn],
        method: 'post',
        path: '/api/auth/gis-key',
        tags: ['auth'],
        responses: {
          200: {
            content: { 'application/json': { schema: z.object({ key: z.string() }).openapi('GisKey') } },
            description:
              'A new GIS key (the old one stops working), shown this once: QGIS or GDAL send it as the password of HTTP Basic credentials on /ogc',
          },
        },
      }),
      async (context) => {
        const user = person(caller(context))
        const key = crypto.randomBytes(24).toString('base64url')
        await writePathOf(context)(async (transaction, record) => {
          await context
            .get('services')
            .database.rows(sql`UPDATE users SET gis_key_hash = ${hashSecret(key)} WHERE id = ${user.id}`, transaction)
          await record.audit({ action: 'gis-key-new', entity: 'user', entityId: user.id, changes: [] })
        })
        forgetBasicCredentials(user.id)
        return context.json({ key }, 200)
      },
    )
    .openapi(
      createRoute({
        middleware: [signedIn],
        method: 'delete',
        path: '/api/auth/gis-key',
        tags: ['auth'],
        responses: { 204: { description: 'The GIS key no longer works' } },
      }),
      async (context) => {
        const user = person(caller(context))
        await writePathOf(context)(async (transaction, record) => {
          await context
            .get('services')
            .database.rows(sql`UPDATE users SET gis_key_hash = NULL WHERE id = ${user.id}`, transaction)
          await record.audit({ action: 'gis-key-withdrawn', entity: 'user', entityId: user.id, changes: [] })
        })
        forgetBasicCredentials(user.id)
        return context.body(null, 204)
      },
    )
}
