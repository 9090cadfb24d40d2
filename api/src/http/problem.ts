// RFC 9457 problem details: every error the API returns has this shape, a stable `type`, a
// message a clerk can act on, and the request id to quote when reporting it.
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { phrase, type Phrase, type PhraseParams } from '../phrases.ts'

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

/** An error that maps to one problem type and HTTP status. */
export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly slug: string,
    readonly title: string,
    detail: string,
    readonly errors?: { path: string; message: string }[],
    readonly phrase?: Phrase,
  ) {
    super(detail)
  }

  /** The error with its detail given as a phrase (English detail, key and params for the web). */
  static phrased(status: ContentfulStatusCode, slug: string, title: string, phrase: Phrase, errors?: { path: string; message: string }[]): AppError {
    return new AppError(status, slug, title, phrase.message, errors, phrase)
  }
}

export const problems = {
  badRequest: (detail: string, errors?: { path: string; message: string }[]) =>
    new AppError(400, 'invalid-request', 'Invalid request', detail, errors),
  unauthenticated: () => AppError.phrased(401, 'unauthenticated', 'Login required', phrase('login-required')),
  forbidden: (detail: string) => new AppError(403, 'forbidden', 'Not allowed', detail),
  notFound: (detail: string) => new AppError(404, 'not-found', 'Not found', detail),
  conflict: (detail: string) => new AppError(409, 'conflict', 'Conflict', detail),
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
