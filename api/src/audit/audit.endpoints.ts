// The audit log (审计日志) for the audit administrator alone (三员分立; can.ts `audit.read`):
//   GET /api/audit            rows, newest first, by day range, username, action and entity; a page at a time
//   GET /api/audit/choices    the actions and entities that occur, for the filters
//   GET /api/audit/export     the same filter as .xlsx (at most 50,000 rows); the export is itself audited
//   GET /api/audit/chain      the hash chain checked from the first row: intact, or the first broken link
// Rows of the caller's county, and the failed logins of unknown usernames (which have no county).
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { sql, type SQL } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import type { AppEnv } from '../app-env.ts'
import { allowed, caller } from '../auth/access.ts'
import { auditExport } from '../platform/write-path.ts'
import { failures } from '../platform/failure.ts'
import { bureauClock } from '@gridwatch/domain/bureau-calendar.ts'

const exportLimit = 50_000

const filterSchema = z.object({
  from: z.iso.date().optional().openapi({ description: 'First day (China time)' }),
  to: z.iso.date().optional().openapi({ description: 'Last day (China time)' }),
  username: z.string().trim().min(1).max(100).optional(),
  action: z.string().trim().min(1).max(60).optional(),
  entity: z.string().trim().min(1).max(60).optional(),
})

const entrySchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    username: z
      .string()
      .nullable()
      .openapi({ description: 'Who acted; for logins and failed logins, the account name given' }),
    action: z.string(),
    entity: z.string(),
    entityId: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
    requestId: z.string().nullable(),
  })
  .openapi('AuditEntry')

type Filter = z.infer<typeof filterSchema>

interface EntryRow {
  id: string
  at: Date | string
  username: string | null
  action: string
  entity: string
  entity_id: string | null
  before: unknown
  after: unknown
  request_id: string | null
}

function conditions(countyCode: string, filter: Filter): SQL {
  if (filter.from && filter.to && filter.to < filter.from)
    throw failures.invalid('The period ends before it begins.', [{ path: 'to', message: 'before from' }])
  const parts: SQL[] = [sql`county_code IN (${countyCode}, '')`]
  // Bureau days: midnight China time, not UTC's.
  if (filter.from) parts.push(sql`at >= (${filter.from}::date)::timestamp AT TIME ZONE 'Asia/Shanghai'`)
  if (filter.to) parts.push(sql`at < (${filter.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`)
  // A failed login has no user: the username tried is in its `after`.
  if (filter.username)
    parts.push(sql`(username = ${filter.username} OR (username IS NULL AND after->>'username' = ${filter.username}))`)
  if (filter.action) parts.push(sql`action = ${filter.action}`)
  if (filter.entity) parts.push(sql`entity = ${filter.entity}`)
  return sql.join(parts, sql` AND `)
}

const entry = (row: EntryRow) => ({
  id: Number(row.id),
  at: new Date(row.at).toISOString(),
  username: row.username,
  action: row.action,
  entity: row.entity,
  entityId: row.entity_id,
  before: row.before,
  after: row.after,
  requestId: row.request_id,
})

const selectEntries = (where: SQL, limit: number) =>
  sql`SELECT id::text, at, coalesce(username, after->>'username') AS username, action, entity, entity_id, before, after, request_id FROM audit_log WHERE ${where} ORDER BY audit_log.id DESC LIMIT ${limit}`

export function auditEndpoints() {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'audit.read' })],
        method: 'get',
        path: '/api/audit',
        tags: ['audit'],
        request: {
          query: filterSchema.extend({
            before: z.coerce
              .number()
              .int()
              .min(1)
              .max(Number.MAX_SAFE_INTEGER)
              .optional()
              .openapi({ description: 'Rows older than this id: the next page' }),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          }),
        },
        responses: {
          200: {
            content: {
              'application/json': {
                schema: z
                  .object({ entries: z.array(entrySchema), next: z.number().int().nullable() })
                  .openapi('AuditPage'),
              },
            },
            description: 'Newest first; `next` asks for the following page (null: no more)',
          },
        },
      }),
      async (context) => {
        const user = caller(context)
        const { before, limit, ...filter } = context.req.valid('query')
        const where =
          before === undefined
            ? conditions(user.countyCode, filter)
            : sql`${conditions(user.countyCode, filter)} AND id < ${before}`
        const rows = await context.get('services').database.rows<EntryRow>(selectEntries(where, limit + 1))
        const entries = rows.slice(0, limit).map(entry)
        return context.json({ entries, next: rows.length > limit ? entries[entries.length - 1]!.id : null }, 200)
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'audit.read' })],
        method: 'get',
        path: '/api/audit/choices',
        tags: ['audit'],
        responses: {
          200: {
            content: {
              'application/json': {
                schema: z
                  .object({ actions: z.array(z.string()), entities: z.array(z.string()) })
                  .openapi('AuditChoices'),
              },
            },
            description: 'The actions and entities the county’s audit log holds',
          },
        },
      }),
      async (context) => {
        const user = caller(context)
        const { database } = context.get('services')
        const where = conditions(user.countyCode, {})
        const [actions, entities] = await Promise.all([
          database.rows<{ value: string }>(
            sql`SELECT DISTINCT action AS value FROM audit_log WHERE ${where} ORDER BY 1`,
          ),
          database.rows<{ value: string }>(
            sql`SELECT DISTINCT entity AS value FROM audit_log WHERE ${where} ORDER BY 1`,
          ),
        ])
        return context.json(
          { actions: actions.map((row) => row.value), entities: entities.map((row) => row.value) },
          200,
        )
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'audit.read' })],
        method: 'get',
        path: '/api/audit/export',
        tags: ['audit'],
        request: { query: filterSchema },
        responses: {
          200: {
            content: {
              'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
                schema: z.string().openapi({ format: 'binary' }),
              },
            },
            description:
              'The filtered rows, newest first, as a 审计日志 sheet (at most 50,000; narrow the filter for more)',
          },
        },
      }),
      async (context) => {
        const user = caller(context)
        const filter = context.req.valid('query')
        const rows = (
          await context
            .get('services')
            .database.rows<EntryRow>(selectEntries(conditions(user.countyCode, filter), exportLimit))
        ).map(entry)
        const workbook = new ExcelJS.Workbook()
        const sheet = workbook.addWorksheet('审计日志', { views: [{ state: 'frozen', ySplit: 1 }] })
        sheet.columns = [
          { header: '序号', key: 'id', width: 10 },
          { header: '时间', key: 'at', width: 22 },
          { header: '账号', key: 'username', width: 16 },
          { header: '操作', key: 'action', width: 18 },
          { header: '对象', key: 'entity', width: 18 },
          { header: '对象编号', key: 'entityId', width: 12 },
          { header: '变更前', key: 'before', width: 50 },
          { header: '变更后', key: 'after', width: 50 },
          { header: '请求编号', key: 'requestId', width: 38 },
        ]
        sheet.getRow(1).font = { bold: true }
        for (const row of rows)
          sheet.addRow({
            ...row,
            at: bureauClock(row.at),
            username: row.username ?? '',
            before: row.before === null ? '' : JSON.stringify(row.before),
            after: row.after === null ? '' : JSON.stringify(row.after),
          })
        const bytes = new Uint8Array(await workbook.xlsx.writeBuffer())
        await auditExport(context, 'audit_log', { ...filter, rows: rows.length })
        return context.body(bytes as never, 200, {
          'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'content-disposition': `attachment; filename="audit-log.xlsx"; filename*=UTF-8''${encodeURIComponent(`审计日志-${filter.from ?? ''}-${filter.to ?? ''}.xlsx`)}`,
        })
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'audit.read' })],
        method: 'get',
        path: '/api/audit/chain',
        tags: ['audit'],
        request: {
          query: z.object({
            whole: z
              .enum(['true', 'false'])
              .optional()
              .openapi({ description: 'Read the whole chain now, not only what came since the last check' }),
          }),
        },
        responses: {
          200: {
            content: {
              'application/json': {
                schema: z
                  .object({
                    rows: z.number().int(),
                    head: z.object({ chainSeq: z.number().int(), hash: z.string() }).nullable(),
                    firstBroken: z
                      .object({ id: z.number().int(), chainSeq: z.number().int().nullable(), reason: z.string() })
                      .nullable(),
                    wholeCheckedAt: z.string().openapi({
                      description:
                        'When the whole chain was last read from its first row; since then only the rows written after the last intact link',
                    }),
                  })
                  .openapi('AuditChain'),
              },
            },
            description:
              'The log’s hash chain (all counties: one chain): intact, or the first broken link. Read whole at most hourly or with whole=true; otherwise from the last intact link',
          },
        },
      }),
      async (context) =>
        context.json(
          await context.get('services').auditChain.check({ whole: context.req.valid('query').whole === 'true' }),
          200,
        ),
    )
}
