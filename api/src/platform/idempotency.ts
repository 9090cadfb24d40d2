// Idempotency-Key (draft-ietf-httpapi-idempotency-key-header): a phone that sent a write and never
// heard back sends it again with the same key, and gets the first answer instead of a second record.
// The answer is kept in the write's own transaction (write-path.ts), so a record and its kept answer
// exist together or not at all. A key names one request: the same key with another body is refused.
// Hand-written: Hono has no idempotency middleware, and the ones for Express keep answers in Redis
// or memory, outside the transaction that makes the record.
import crypto from 'node:crypto'
import { sql } from 'drizzle-orm'
import type { MiddlewareHandler } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { Database, Transaction } from '@gridwatch/db'
import type { PlatformContext, PlatformEnv } from './platform-env.ts'
import { Failure, failures } from './failure.ts'
import { startRecurring } from './recurring.ts'

export const idempotencyHeader = 'Idempotency-Key'

/** What the write path needs to keep the answer. */
export interface IdempotentRequest {
  userId: number
  key: string
  requestHash: string
  status: ContentfulStatusCode
}

const keyPattern = /^[A-Za-z0-9._:-]{8,200}$/

interface StoredAnswer {
  request_hash: string
  response_status: number
  response_body: unknown
}

/** Thrown inside the write when another request with the same key committed first; rolls the write back. */
export class AnsweredMeanwhile extends Error {}

/**
 * For a write endpoint answering `status` on success: replays the kept answer for a known key,
 * refuses a known key with another request, and otherwise lets the write path keep the answer.
 * Requests without the header are served as usual (each makes its own record).
 */
export function idempotent(status: ContentfulStatusCode): MiddlewareHandler<PlatformEnv> {
  return async (context, next) => {
    const key = context.req.header(idempotencyHeader)
    const user = context.get('reader') ?? context.get('user')
    if (key === undefined || !user) return next()
    if (!keyPattern.test(key))
      throw failures.invalid(
        `The ${idempotencyHeader} header must be 8–200 letters, digits or ._:- (a UUID will do).`,
        [{ path: idempotencyHeader, message: 'malformed' }],
      )
    const requestHash = await hashOfRequest(context.req.raw, `${context.req.method} ${context.req.path}`)
    const { database } = context.get('services')
    const stored = await keptAnswer(database, user.id, key)
    if (stored) {
      if (stored.request_hash !== requestHash)
        throw new Failure(
          'rejected',
          'idempotency-key-reused',
          'Idempotency key reused',
          `This ${idempotencyHeader} was already used for a different request; send a new key for a new record.`,
        )
      return replayed(context, stored)
    }
    context.set('idempotency', { userId: user.id, key, requestHash, status })
    await next()
  }
}

/** The app's error handler calls this for AnsweredMeanwhile: the answer the other request kept. */
export async function answerKeptMeanwhile(context: PlatformContext): Promise<Response | null> {
  const request = context.get('idempotency')
  if (!request) return null
  const stored = await keptAnswer(context.get('services').database, request.userId, request.key)
  return stored && stored.request_hash === request.requestHash ? replayed(context, stored) : null
}

async function keptAnswer(database: Database, userId: number, key: string): Promise<StoredAnswer | undefined> {
  const [stored] = await database.rows<StoredAnswer>(
    sql`SELECT request_hash, response_status, response_body FROM idempotency_keys WHERE user_id = ${userId} AND key = ${key}`,
  )
  return stored
}

function replayed(context: PlatformContext, stored: StoredAnswer): Response {
  context.header('Idempotent-Replayed', 'true')
  return context.json(stored.response_body as object, stored.response_status as ContentfulStatusCode)
}

/**
 * SHA-256 of the request line and body. A multipart body is hashed by its fields (names, values,
 * file contents), not its bytes: each send of the same form draws a new boundary.
 */
async function hashOfRequest(request: Request, line: string): Promise<string> {
  const hash = crypto.createHash('sha256').update(`${line}\n`)
  if ((request.headers.get('content-type') ?? '').startsWith('multipart/form-data')) {
    const form = await request.clone().formData()
    const entries = [...form.entries()].sort(([a], [b]) => a.localeCompare(b))
    for (const [name, value] of entries) {
      hash.update(`${name}=`)
      hash.update(typeof value === 'string' ? value : Buffer.from(await value.arrayBuffer()))
      hash.update('\n')
    }
  } else hash.update(Buffer.from(await request.clone().arrayBuffer()))
  return hash.digest('hex')
}

/** Keeps the answer in the write's transaction; throws AnsweredMeanwhile when the key was taken meanwhile. */
export async function keepAnswer(transaction: Transaction, request: IdempotentRequest, body: unknown): Promise<void> {
  if (body === undefined) throw new Error('An idempotent write must answer with its result; this one returned nothing.')
  const kept = (await transaction.execute(sql`
    INSERT INTO idempotency_keys (user_id, key, request_hash, response_status, response_body)
    VALUES (${request.userId}, ${request.key}, ${request.requestHash}, ${request.status}, ${JSON.stringify(body)}::jsonb)
    ON CONFLICT (user_id, key) DO NOTHING RETURNING key`)) as unknown
  if (rowCount(kept) === 0) throw new AnsweredMeanwhile('another request with this Idempotency-Key committed first')
}

function rowCount(result: unknown): number {
  if (Array.isArray(result)) return result.length
  const rows = (result as { rows?: unknown[] }).rows
  return rows ? rows.length : 0
}

/** How long a kept answer is replayed: longer than any phone stays offline with a queued write. */
export const idempotencyKeepDays = 30

/**
 * Forgets kept answers older than `idempotencyKeepDays` by the database's clock, which stamped
 * them; a key sent again after that makes a new record. Returns how many were forgotten.
 */
export async function pruneIdempotencyKeys(database: Database): Promise<number> {
  const removed = await database.rows<{ key: string }>(
    sql`DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(days => ${idempotencyKeepDays}) RETURNING key`,
  )
  return removed.length
}

/** Prunes now and then every six hours; stop() ends it (and waits for a pass under way). */
export function startIdempotencyPruning(
  database: Database,
  everyMilliseconds = 6 * 3_600_000,
): { stop(): Promise<void> } {
  return startRecurring('pruning kept idempotent answers', () => pruneIdempotencyKeys(database), everyMilliseconds)
}
