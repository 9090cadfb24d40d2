// RFC 9457 problem details: every error the API returns has this shape, a stable `type`, a
// message a clerk can act on, and the request id to quote when reporting it.
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { PhraseParams } from '../phrases.ts'
import type { Failure, FailureKind } from '../failure.ts'

export interface ProblemDetails {
  type: string
  title: string
  status: number
  detail: string
  instance?: string
  requestId?: string
  /** For validation problems: which field, what is wrong. */
  errors?: { path: string; message: string }[]
  /** Extension members: the detail as a phrase the web can word in the reader's language. */
  key?: string
  params?: PhraseParams
}

/** The HTTP status of each kind of failure: the one mapping from the API's errors to HTTP. */
export const statusOfFailure: Record<FailureKind, ContentfulStatusCode> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'too-large': 413,
  rejected: 422,
  'too-many': 429,
  'unsupported-type': 415,
}

export function failureResponse(context: Context, failure: Failure) {
  const retryAfter = (failure as Failure & { retryAfterSeconds?: number }).retryAfterSeconds
  if (retryAfter !== undefined) context.header('retry-after', String(retryAfter))
  return problemResponse(context, {
    type: problemType(failure.slug),
    title: failure.title,
    status: statusOfFailure[failure.kind],
    detail: failure.message,
    ...(failure.errors ? { errors: failure.errors } : {}),
    ...(failure.phrase ? { key: failure.phrase.key, params: failure.phrase.params } : {}),
  })
}

export function problemResponse(context: Context, problem: Omit<ProblemDetails, 'instance' | 'requestId'>) {
  const body: ProblemDetails = {
    ...problem,
    instance: new URL(context.req.url).pathname,
    requestId: context.get('requestId'),
  }
  return context.body(JSON.stringify(body), problem.status as ContentfulStatusCode, {
    'content-type': 'application/problem+json',
  })
}

export function problemType(slug: string): string {
  return `/api/problems/${slug}`
}
