// What the data layer and the handlers throw when a request cannot be carried out: a kind (what
// went wrong, in the API's terms, not HTTP's), a stable slug, a title and a detail a clerk can
// act on, optionally per-field errors and the detail as a phrase the web words in Chinese.
// platform/http/problem.ts is the one place that turns a failure into problem+json.
import { phrase, type Phrase } from './phrases.ts'

export type FailureKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'too-large'
  | 'rejected'
  | 'too-many'
  | 'unsupported-type'

export interface FieldError {
  path: string
  message: string
}

export class Failure extends Error {
  constructor(
    readonly kind: FailureKind,
    readonly slug: string,
    readonly title: string,
    detail: string,
    readonly errors?: FieldError[],
    readonly phrase?: Phrase,
  ) {
    super(detail)
  }

  /** The failure with its detail given as a phrase (English detail, key and params for the web). */
  static phrased(kind: FailureKind, slug: string, title: string, phrase: Phrase, errors?: FieldError[]): Failure {
    return new Failure(kind, slug, title, phrase.message, errors, phrase)
  }
}

export const failures = {
  invalid: (detail: string, errors?: FieldError[]) =>
    new Failure('invalid', 'invalid-request', 'Invalid request', detail, errors),
  unauthenticated: () =>
    Failure.phrased('unauthenticated', 'unauthenticated', 'Login required', phrase('login-required')),
  forbidden: (detail: string) => new Failure('forbidden', 'forbidden', 'Not allowed', detail),
  notFound: (detail: string) => new Failure('not-found', 'not-found', 'Not found', detail),
  conflict: (detail: string) => new Failure('conflict', 'conflict', 'Conflict', detail),
  /** A request body of a media type this route does not take (415). */
  unsupportedType: (detail: string) =>
    new Failure('unsupported-type', 'unsupported-media-type', 'Unsupported media type', detail),
  /** Too many requests from one client: try again after `retryAfterSeconds` (sent as Retry-After). */
  tooMany: (detail: string, retryAfterSeconds: number) =>
    Object.assign(new Failure('too-many', 'too-many-requests', 'Too many requests', detail), { retryAfterSeconds }),
  /** Well-formed, but what it says cannot be true or cannot be done (a time beyond the limits, a signature over another record). */
  rejected: (slug: string, title: string, detail: string, errors?: FieldError[]) =>
    new Failure('rejected', slug, title, detail, errors),
}
