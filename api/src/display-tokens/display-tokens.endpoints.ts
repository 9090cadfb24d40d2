// Wall-screen display tokens: administrators and leaders issue one per screen (the token is shown
// once), list them and revoke them; a screen exchanges its token for a cookie at
// POST /api/auth/display. Revoking closes the screen's live stream at once.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { sql } from 'drizzle-orm'
import { setCookie } from 'hono/cookie'
import { schema } from '@gridwatch/db'
import type { AppEnv } from '../app-env.ts'
import {
  displayCookieMaxAgeSeconds,
  displayCookieName,
  newDisplayToken,
  viewerForDisplayToken,
} from './display-tokens.ts'
import { hashToken } from '../auth/sessions.ts'
import { Failure, failures } from '../platform/failure.ts'
import { anyone, allowed, caller } from '../auth/access.ts'
import { writePathOf } from '../platform/write-path.ts'
import { databaseIdText } from '../platform/http/ids.ts'

const displayTokenSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    createdAt: z.string(),
    createdBy: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi('DisplayToken')

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString())

export function displayTokenEndpoints() {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'display-token.manage' })],
        method: 'post',
        path: '/api/display-tokens',
        tags: ['wall'],
        request: {
          body: {
            required: true,
            content: {
              'application/json': {
                schema: z.object({ name: z.string().trim().min(1).max(100).openapi({ example: '局三楼调度大厅' }) }),
              },
            },
          },
        },
        responses: {
          201: {
            content: {
              'application/json': { schema: displayTokenSchema.extend({ token: z.string(), wallUrl: z.string() }) },
            },
            description: 'Issued; the token is shown this once',
          },
        },
      }),
      async (context) => {
        const user = caller(context)
        const { name } = context.req.valid('json')
        const { now } = context.get('services')
        const token = newDisplayToken()
        const row = await writePathOf(context)(async (transaction, record) => {
          const [created] = await transaction
            .insert(schema.displayTokens)
            .values({
              countyCode: user.countyCode,
              name,
              tokenHash: hashToken(token),
              createdBy: user.id,
              createdAt: now(),
            })
            .returning({ id: schema.displayTokens.id, createdAt: schema.displayTokens.createdAt })
          await record.audit({
            action: 'issue',
            entity: 'display_token',
            entityId: created!.id,
            after: { name },
            changes: [],
          })
          return created!
        })
        return context.json(
          {
            id: row.id,
            name,
            createdAt: iso(row.createdAt)!,
            createdBy: user.username,
            revokedAt: null,
            token,
            wallUrl: `/wall?display=${token}`,
          },
          201,
        )
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'display-token.manage' })],
        method: 'get',
        path: '/api/display-tokens',
        tags: ['wall'],
        responses: {
          200: {
            content: { 'application/json': { schema: z.array(displayTokenSchema) } },
            description: 'Every display token, newest first (never the tokens themselves)',
          },
        },
      }),
      async (context) => {
        const rows = await context.get('services').database.rows<{
          id: number
          name: string
          created_at: Date | string
          created_by: string | null
          revoked_at: Date | string | null
        }>(sql`
          SELECT d.id, d.name, d.created_at, u.username AS created_by, d.revoked_at
          FROM display_tokens d LEFT JOIN users u ON u.id = d.created_by ORDER BY d.id DESC`)
        return context.json(
          rows.map((row) => ({
            id: row.id,
            name: row.name,
            createdAt: iso(row.created_at)!,
            createdBy: row.created_by,
            revokedAt: iso(row.revoked_at),
          })),
          200,
        )
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'display-token.manage' })],
        method: 'delete',
        path: '/api/display-tokens/{id}',
        tags: ['wall'],
        request: { params: z.object({ id: databaseIdText }) },
        responses: {
          204: { description: 'Revoked; screens using it lose access at once' },
          404: { description: 'No such token' },
        },
      }),
      async (context) => {
        const { id } = context.req.valid('param')
        const { now } = context.get('services')
        await writePathOf(context)(async (transaction, record) => {
          const [row] = await transaction
            .update(schema.displayTokens)
            .set({ revokedAt: now() })
            .where(sql`${schema.displayTokens.id} = ${id} AND ${schema.displayTokens.revokedAt} IS NULL`)
            .returning({ id: schema.displayTokens.id, name: schema.displayTokens.name })
          if (!row) throw failures.notFound(`Display token ${id} does not exist or is already revoked.`)
          await record.audit({
            action: 'revoke',
            entity: 'display_token',
            entityId: id,
            before: { name: row.name },
            changes: [],
          })
          record.announce({ type: 'display-token.revoked', displayTokenId: id })
        })
        return context.body(null, 204)
      },
    )
    .openapi(
      createRoute({
        middleware: [anyone],
        method: 'post',
        path: '/api/auth/display',
        tags: ['auth'],
        request: {
          body: {
            required: true,
            content: { 'application/json': { schema: z.object({ token: z.string().min(1).max(200) }) } },
          },
        },
        responses: {
          204: { description: 'The display cookie is set; this browser now reads the map as that wall screen' },
        },
      }),
      async (context) => {
        const { token } = context.req.valid('json')
        const { database, config } = context.get('services')
        const viewer = await viewerForDisplayToken(database, token)
        if (!viewer)
          throw new Failure(
            'unauthenticated',
            'invalid-display-token',
            'Display not authorised',
            'This display token is unknown or has been revoked; ask an administrator for a new one.',
          )
        setCookie(context, displayCookieName, token, {
          httpOnly: true,
          sameSite: 'Strict',
          secure: config.cookieSecure,
          path: '/',
          maxAge: displayCookieMaxAgeSeconds,
        })
        return context.body(null, 204)
      },
    )
}
