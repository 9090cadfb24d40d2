// The handlers' one way to ask can(): the caller, or a 401 when nobody is logged in and a 403
// with can()'s reason when the role or scope does not allow the action.
import { can, type Action } from '../auth/can.ts'
import type { SessionUser } from '../auth/session-user.ts'
import { problems } from './problem.ts'

export function authorised(user: SessionUser | null, action: Action): SessionUser {
  if (!user) throw problems.unauthenticated()
  const decision = can(user, action)
  if (!decision.allowed) throw problems.forbidden(decision.reason)
  return user
}
