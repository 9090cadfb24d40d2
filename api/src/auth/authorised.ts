// The handlers' one way to ask can(): the caller, or a 401 when nobody is logged in and a 403
// with can()'s reason when the role or scope does not allow the action.
import { can, type Action } from './can.ts'
import type { SessionUser } from './session-user.ts'
import { failures } from '../platform/failure.ts'

export function authorised(user: SessionUser | null, action: Action): SessionUser {
  if (!user) throw failures.unauthenticated()
  const decision = can(user, action)
  if (!decision.allowed) throw failures.forbidden(decision.reason)
  return user
}
