// Login, logout, the current user, and (demo mode only) the list of demo accounts.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { sql } from 'drizzle-orm'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { roles, scopeKinds, type Role } from '@gridwatch/db/schema'
import type { AppEnv, AppServices } from '../app-env.ts'
import type { SessionUser } from './session-user.ts'
import { writePath, writePathOf } from '../platform/write-path.ts'
import { unknownUserPasswordHash, verifyPassword } from './password.ts'
import { lockedUntil, recordFailedLogin } from './login-guard.ts'
import { secondFactorHeader, takeSecondFactorCode } from './second-factor.ts'
import { createSession, hashToken, sessionCookieName, sessionLifetimeHours } from './sessions.ts'
import { demoPasswords } from '../demo/demo-accounts.ts'
import { SecretKeyMismatch } from '../platform/secret-box.ts'
import { Failure, failures } from '../platform/failure.ts'
import { phrase } from '../platform/phrases.ts'
import { anyone, caller, signedIn } from '../auth/access.ts'

const userSchema = z
  .object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(roles),
    scopeKind: z.enum(scopeKinds),
    scopeAreaId: z.number().int().nullable(),
    clueHandler: z
      .boolean()
      .openapi({ description: 'Designated to handle complaint clues: may read who a complainant is' }),
    passwordChangeNeeded: z.boolean().openapi({
      description:
        'The password is a temporary one an administrator set: nothing but changing it (POST /api/auth/password) works until then',
    }),
    secondFactorNeeded: z.boolean().openapi({
      description:
        'The role must sign in with a second factor and the account has none yet: nothing but setting it up works until then',
    }),
  })
  .openapi('User')

const demoAccountSchema = z
  .object({
    username: z.string(),
    password: z.string(),
    role: z.enum(roles),
    scope: z.string(),
    displayName: z.string(),
  })
  .openapi('DemoAccount')

/** The role must sign in with a second factor here and the account has none. */
function secondFactorNeeded(config: AppServices['config'], role: Role, on: boolean): boolean {
  return !on && (config.secondFactorRoles ?? []).includes(role)
}

function userView(user: SessionUser, config: AppServices['config']) {
  const { id, username, displayName, role, scopeKind, scopeAreaId, clueHandler } = user
  return {
    id,
    username,
    displayName,
    role,
    scopeKind,
    scopeAreaId,
    clueHandler,
    passwordChangeNeeded: user.passwordMustChange === true,
    secondFactorNeeded: user.secondFactor === false && secondFactorNeeded(config, role, false),
  }
}

const invalidLogin = () =>
  Failure.phrased('unauthenticated', 'invalid-credentials', 'Login failed', phrase('login-failed'))

export function authEndpoints() {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      createRoute({
        middleware: [anyone],
        method: 'post',
        path: '/api/auth/login',
        tags: ['auth'],
        request: {
          body: {
            required: true,
            content: {
              'application/json': {
                schema: z.object({
                  username: z.string().min(1).max(100),
                  password: z.string().min(1).max(200),
                  code: z.string().max(40).optional().openapi({
                    description:
                      'The second factor: a 6-digit code from the authenticator app or a recovery code; asked for (401 second-factor-required) when the account has one',
                  }),
                }),
              },
            },
          },
        },
        responses: {
          200: {
            content: { 'application/json': { schema: userSchema } },
            description: 'Logged in; the session cookie is set',
          },
        },
      }),
      async (context) => {
        const { username, password, code } = context.req.valid('json')
        const { database, now, config, secrets } = context.get('services')
        const [row] = await database.rows<{
          id: number
          password_hash: string
          county_code: string
          display_name: string
          role: (typeof roles)[number]
          scope_kind: (typeof scopeKinds)[number]
          scope_area_id: number | null
          clue_handler: boolean
          second_factor_secret: string | null
          password_must_change: boolean
        }>(
          sql`SELECT id, password_hash, county_code, display_name, role, scope_kind, scope_area_id, clue_handler, second_factor_secret, password_must_change FROM users WHERE username = ${username} AND NOT disabled`,
        )
        const locked = await lockedUntil(database, username, now())
        if (locked) {
          const seconds = Math.max(1, Math.ceil((locked.getTime() - now().getTime()) / 1000))
          throw failures.tooMany(
            `Too many failed logins for this account: try again in ${Math.ceil(seconds / 60)} minutes.`,
            seconds,
          )
        }
        const valid = await verifyPassword(password, row?.password_hash ?? unknownUserPasswordHash)
        if (!row || !valid) {
          await recordFailedLogin(database, {
            username,
            userId: row?.id ?? null,
            countyCode: row?.county_code ?? null,
            channel: 'password',
            requestId: context.get('requestId'),
            at: now(),
          })
          throw invalidLogin()
        }
        // The password is right; an account with a second factor also needs its code. Asked for
        // without counting as a failure; a wrong code counts like a wrong password.
        let secondFactor: 'code' | 'recovery-code' | null = null
        if (row.second_factor_secret) {
          if (!code) {
            context.header(secondFactorHeader, 'required')
            throw Failure.phrased(
              'unauthenticated',
              'second-factor-required',
              'Second factor required',
              phrase('second-factor-required'),
            )
          }
          let secret: string
          try {
            secret = secrets.open(row.second_factor_secret)
          } catch (error) {
            // Restored without its key file: say so, rather than fail as an error of ours.
            if (error instanceof SecretKeyMismatch)
              throw Failure.phrased(
                'conflict',
                'second-factor-unreadable',
                'Second factor cannot be checked',
                phrase('second-factor-unreadable'),
              )
            throw error
          }
          secondFactor = await takeSecondFactorCode(database, { id: row.id, username, secret }, code, now())
          if (!secondFactor) {
            await recordFailedLogin(database, {
              username,
              userId: row.id,
              countyCode: row.county_code,
              channel: 'second-factor',
              requestId: context.get('requestId'),
              at: now(),
            })
            throw Failure.phrased('unauthenticated', 'second-factor-wrong', 'Wrong code', phrase('second-factor-wrong'))
          }
        }
        const write = writePath(database, context.get('services').events, {
          user: null,
          requestId: context.get('requestId'),
          countyCode: row.county_code,
        })
        const token = await write(async (transaction, record) => {
          const created = await createSession(transaction, row.id, now())
          await record.audit({
            action: 'login',
            entity: 'user',
            entityId: row.id,
            after: { username, ...(secondFactor ? { secondFactor } : {}) },
            changes: [],
          })
          return created
        })
        setCookie(context, sessionCookieName(config.cookieSecure), token, {
          httpOnly: true,
          sameSite: 'Lax',
          secure: config.cookieSecure,
          path: '/',
          maxAge: sessionLifetimeHours * 3600,
        })
        return context.json(
          {
            id: row.id,
            username,
            displayName: row.display_name,
            role: row.role,
            scopeKind: row.scope_kind,
            scopeAreaId: row.scope_area_id,
            clueHandler: row.clue_handler,
            passwordChangeNeeded: row.password_must_change,
            secondFactorNeeded: secondFactorNeeded(config, row.role, row.second_factor_secret !== null),
          },
          200,
        )
      },
    )
    .openapi(
      createRoute({
        middleware: [anyone],
        method: 'post',
        path: '/api/auth/logout',
        tags: ['auth'],
        responses: { 204: { description: 'Logged out' } },
      }),
      async (context) => {
        const { database, config } = context.get('services')
        const cookieName = sessionCookieName(config.cookieSecure)
        const token = getCookie(context, cookieName)
        const user = context.get('user')
        if (token)
          await writePathOf(context)(async (transaction, record) => {
            const ended = await database.rows(
              sql`DELETE FROM sessions WHERE token_hash = ${hashToken(token)} RETURNING user_id`,
              transaction,
            )
            if (user && ended.length > 0)
              await record.audit({
                action: 'logout',
                entity: 'user',
                entityId: user.id,
                after: { username: user.username },
                changes: [],
              })
          })
        deleteCookie(context, cookieName, { path: '/', secure: config.cookieSecure })
        return context.body(null, 204)
      },
    )
    .openapi(
      createRoute({
        middleware: [signedIn],
        method: 'get',
        path: '/api/auth/me',
        tags: ['auth'],
        responses: {
          200: { content: { 'application/json': { schema: userSchema } }, description: 'The logged-in user' },
        },
      }),
      async (context) => {
        return context.json(userView(caller(context), context.get('services').config), 200)
      },
    )
    .openapi(
      createRoute({
        middleware: [anyone],
        method: 'get',
        path: '/api/auth/session',
        tags: ['auth'],
        responses: {
          200: {
            content: { 'application/json': { schema: z.object({ user: userSchema.nullable() }) } },
            description: 'The logged-in user, or null: lets a page ask without provoking a 401',
          },
        },
      }),
      async (context) => {
        const user = context.get('user')
        if (!user) return context.json({ user: null }, 200)
        return context.json({ user: userView(user, context.get('services').config) }, 200)
      },
    )
    .openapi(
      createRoute({
        middleware: [anyone],
        method: 'get',
        path: '/api/auth/demo-accounts',
        tags: ['auth'],
        responses: {
          200: {
            content: { 'application/json': { schema: z.array(demoAccountSchema) } },
            description: 'Demo accounts (demo mode only)',
          },
        },
      }),
      async (context) => {
        const { database, config } = context.get('services')
        if (config.mode !== 'demo') throw failures.notFound('Demo accounts exist only in demo mode.')
        const rows = await database.rows<{
          username: string
          display_name: string
          role: (typeof roles)[number]
          scope_kind: string
          scope_name: string | null
        }>(sql`
          SELECT u.username, u.display_name, u.role, u.scope_kind, a.name AS scope_name
          FROM users u LEFT JOIN areas a ON a.id = u.scope_area_id
          WHERE u.is_demo AND NOT u.disabled ORDER BY u.id`)
        return context.json(
          rows
            .filter((row) => demoPasswords[row.username])
            .map((row) => ({
              username: row.username,
              password: demoPasswords[row.username]!,
              role: row.role,
              displayName: row.display_name,
              scope:
                row.scope_kind === 'district'
                  ? '全区'
                  : row.scope_kind === 'own_institutions'
                    ? '本人包联机构'
                    : row.scope_name!,
            })),
          200,
        )
      },
    )
}
