// Accounts (账号), kept by administrators:
//   GET  /api/users                      every account of the county, with its role, scope and last login
//   POST /api/users                      create one; its temporary password is shown this once
//   PATCH /api/users/{id}                role, scope, staff member, clue handler, disabled
//   POST /api/users/{id}/password        reset to a new temporary password (every session ends)
//   POST /api/users/{id}/second-factor/reset   a lost phone: the second factor is removed, sessions end
//   POST /api/auth/password              a user changes their own password
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { getCookie } from 'hono/cookie'
import { roles, scopeKinds } from '@gridwatch/db/schema'
import type { AppEnv } from '../app-env.ts'
import { allowed, caller, signedIn } from '../auth/access.ts'
import { hashToken, sessionCookieName } from '../auth/sessions.ts'
import { failures } from '../platform/failure.ts'
import { writePathOf } from '../platform/write-path.ts'
import { databaseId, idParam } from '../platform/http/ids.ts'
import {
  changeOwnPassword,
  createUser,
  listUsers,
  resetPassword,
  resetSecondFactor,
  updateUser,
} from './user-queries.ts'

const areaId = databaseId.nullable()

const accountSchema = z
  .object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(roles),
    scopeKind: z.enum(scopeKinds),
    scopeAreaId: z.number().int().nullable(),
    scopeAreaName: z.string().nullable(),
    staffId: z.number().int().nullable(),
    staffName: z.string().nullable(),
    clueHandler: z.boolean(),
    disabled: z.boolean(),
    awaitingGrant: z.boolean().openapi({
      description:
        'Opened by the system administrator and not yet granted (enabled) by the security administrator: it cannot sign in',
    }),
    secondFactor: z.boolean().openapi({ description: 'A second factor (authenticator app) is on' }),
    createdAt: z.string(),
    lastLoginAt: z.string().nullable(),
  })
  .openapi('Account')

const settingsSchema = z.object({
  displayName: z.string().trim().min(1).max(50),
  role: z.enum(roles),
  scopeAreaId: areaId
    .default(null)
    .openapi({ description: 'The zone of a grid_member_1, the grid of a grid_member_2; null otherwise' }),
  staffId: areaId
    .default(null)
    .openapi({ description: 'The staff record of a grid member (required for grid_member_3)' }),
  clueHandler: z.boolean().default(false),
})

export function userEndpoints() {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'user.read' })],
        method: 'get',
        path: '/api/users',
        tags: ['users'],
        responses: {
          200: {
            content: { 'application/json': { schema: z.array(accountSchema) } },
            description: 'The county’s accounts, enabled first',
          },
        },
      }),
      async (context) =>
        context.json(await listUsers(context.get('services').database, caller(context).countyCode), 200),
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'user.manage' })],
        method: 'post',
        path: '/api/users',
        tags: ['users'],
        request: {
          body: {
            required: true,
            content: {
              'application/json': {
                schema: settingsSchema.extend({ username: z.string().trim().min(1).max(40) }).openapi('NewAccount'),
              },
            },
          },
        },
        responses: {
          201: {
            content: {
              'application/json': { schema: z.object({ id: z.number().int(), temporaryPassword: z.string() }) },
            },
            description:
              'Created disabled, awaiting the security administrator’s grant; the temporary password is shown this once',
          },
        },
      }),
      async (context) =>
        context.json(
          await createUser(
            context.get('services').database,
            writePathOf(context),
            caller(context),
            context.req.valid('json'),
          ),
          201,
        ),
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'user.read' })],
        method: 'patch',
        path: '/api/users/{id}',
        tags: ['users'],
        request: {
          params: idParam,
          body: {
            required: true,
            content: {
              'application/json': {
                schema: z
                  .object({
                    displayName: z.string().trim().min(1).max(50),
                    role: z.enum(roles),
                    scopeAreaId: areaId,
                    staffId: areaId,
                    clueHandler: z.boolean(),
                    disabled: z.boolean().openapi({ description: 'A disabled account is refused at its next request' }),
                  })
                  .partial()
                  .openapi('AccountChange'),
              },
            },
          },
        },
        responses: {
          204: {
            description: 'Saved; a disabled account, or one whose role or scope changed, is signed out everywhere',
          },
          403: {
            description:
              'The system administrator changes the name and disables; the security administrator grants (role, scope, staff, clue handling, enabling) and disables',
          },
        },
      }),
      async (context) => {
        await updateUser(
          context.get('services').database,
          writePathOf(context),
          caller(context),
          context.req.valid('param').id,
          context.req.valid('json'),
        )
        return context.body(null, 204)
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'user.grant' })],
        method: 'post',
        path: '/api/users/{id}/password',
        tags: ['users'],
        request: { params: idParam },
        responses: {
          200: {
            content: { 'application/json': { schema: z.object({ temporaryPassword: z.string() }) } },
            description: 'Reset; the new temporary password is shown this once',
          },
        },
      }),
      async (context) => {
        const temporaryPassword = await resetPassword(
          context.get('services').database,
          writePathOf(context),
          caller(context),
          context.req.valid('param').id,
        )
        return context.json({ temporaryPassword }, 200)
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'user.grant' })],
        method: 'post',
        path: '/api/users/{id}/second-factor/reset',
        tags: ['users'],
        request: { params: idParam },
        responses: {
          204: {
            description:
              'The account’s second factor and recovery codes are gone (a lost phone); every session of the account ends; it sets a new one up at its next login',
          },
        },
      }),
      async (context) => {
        await resetSecondFactor(
          context.get('services').database,
          writePathOf(context),
          caller(context),
          context.req.valid('param').id,
        )
        return context.body(null, 204)
      },
    )
    .openapi(
      createRoute({
        middleware: [signedIn],
        method: 'post',
        path: '/api/auth/password',
        tags: ['auth'],
        request: {
          body: {
            required: true,
            content: {
              'application/json': {
                schema: z
                  .object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) })
                  .openapi('PasswordChange'),
              },
            },
          },
        },
        responses: { 204: { description: 'Changed; the account’s other sessions have ended' } },
      }),
      async (context) => {
        const user = caller(context)
        if (user.id <= 0) throw failures.forbidden('A wall display has no password to change.')
        const { currentPassword, newPassword } = context.req.valid('json')
        const token = getCookie(context, sessionCookieName(context.get('services').config.cookieSecure))
        await changeOwnPassword(
          context.get('services').database,
          writePathOf(context),
          user,
          currentPassword,
          newPassword,
          token ? hashToken(token) : null,
        )
        return context.body(null, 204)
      },
    )
}
