// Who may call an endpoint, decided before its input is read: every endpoint names one of these in
// its route's `middleware`, which @hono/zod-openapi runs ahead of the validators, so an anonymous
// caller gets 401 and a caller whose role may not act gets 403 before any 400 about the body.
// Checks that need the resource (an institution's scope, a plan's date) call authorise() inside
// the handler; both end in can().
import type { Context, MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { Failure, failures } from '../platform/failure.ts'
import { can, officerReach, type Action } from './can.ts'
import { mapReader } from './map-reader.ts'
import type { SessionUser } from './session-user.ts'

type ActionWithoutResource = Extract<
  Action,
  {
    kind:
      | 'map.read'
      | 'audit.read'
      | 'phone.read'
      | 'rotation.plan'
      | 'display-token.manage'
      | 'boundary.edit'
      | 'settings.edit'
      | 'field.record'
      | 'ledger.work'
      | 'risk-report.read'
      | 'risk.raise'
      | 'risk.handle'
      | 'clue.read'
      | 'clue.handle'
      | 'clue.investigate'
      | 'clue-complainant.read'
      | 'staff.read'
      | 'staff.manage'
      | 'user.manage'
      | 'user.read'
      | 'user.grant'
      | 'credit.read'
      | 'credit.manage'
      | 'monthly-report.read'
      | 'monthly-report.work'
      | 'dispatch.read'
      | 'assessment.read'
      | 'cross-check-result.read'
      | 'circular.draft'
      | 'circular.approve'
      | 'campaign.manage'
  }
>

/**
 * A 403 for `action`: can()'s reason in English, with a phrase that lets the web say in the
 * reader's language which role may not do what (or that the thing is outside their scope).
 */
export function refusal(user: SessionUser, action: Action['kind'], reason: string, explanation?: string): Failure {
  const detail = explanation ? `${explanation}: ${reason}.` : reason
  const key = reason.includes('outside your scope') ? 'not-in-scope' : 'not-allowed'
  return new Failure('forbidden', 'forbidden', 'Not allowed', detail, undefined, {
    message: detail,
    key,
    params: { role: user.role, action: action.replace(/\./g, '-'), reason },
  })
}

/** The caller may act (or a 403 with can()'s reason); used where the resource is known. */
export function authorise(user: SessionUser, action: Action, explanation?: string): void {
  const decision = can(user, action)
  if (!decision.allowed) throw refusal(user, action.kind, decision.reason, explanation)
}

/** An officer of 三员分立 outside the paths their role reaches (officerReach) is refused. */
function refuseBeyondOfficerReach(user: SessionUser, path: string): void {
  const reach = officerReach[user.role]
  if (reach && !reach.paths.some((prefix) => path.startsWith(prefix))) throw refusal(user, 'map.read', reach.refusal)
}

/** Anyone, signed in or not: health, login, the public draws. */
export const anyone: MiddlewareHandler<AppEnv> = async (_context, next) => next()

/** A signed-in user, a wall screen's display token, or (demo mode) the anonymous wall viewer. */
export const mapReaders: MiddlewareHandler<AppEnv> = async (context, next) => {
  const reader = mapReader(context)
  if (!reader) throw failures.unauthenticated()
  const decision = can(reader, { kind: 'map.read' })
  if (!decision.allowed) throw refusal(reader, 'map.read', decision.reason)
  // The security administrator reads the areas that scopes name, not the supervision data on them.
  refuseBeyondOfficerReach(reader, context.req.path)
  context.set('reader', reader)
  await next()
}

/**
 * Any signed-in user; what they may see is narrowed by the handler. The audit administrator only
 * on their own account (/api/auth/…): their role sees no supervision data at all.
 */
export const signedIn: MiddlewareHandler<AppEnv> = async (context, next) => {
  const user = context.get('user')
  if (!user) throw failures.unauthenticated()
  refuseBeyondOfficerReach(user, context.req.path)
  context.set('reader', user)
  await next()
}

/** A signed-in user whose role may take this action. */
export function allowed(action: ActionWithoutResource): MiddlewareHandler<AppEnv> {
  return async (context, next) => {
    const user = context.get('user')
    if (!user) throw failures.unauthenticated()
    authorise(user, action)
    context.set('reader', user)
    await next()
  }
}

/** The caller the endpoint's access middleware admitted. */
export function caller(context: Context<AppEnv>): SessionUser {
  const reader = context.get('reader')
  if (!reader) throw new Error(`${context.req.method} ${context.req.path} has no access middleware`)
  return reader
}
