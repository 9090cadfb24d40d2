// Who reads the map: the logged-in user, else a wall screen holding a display token (resolved by
// the session middleware), else in demo mode an anonymous district-wide viewer so that the wall
// opens without a login.
import type { Context } from 'hono'
import type { AppEnv } from '../app-env.ts'
import type { SessionUser } from './session-user.ts'

const demoWallViewer: SessionUser = {
  id: 0,
  username: 'wall',
  displayName: 'Wall display (demo)',
  countyCode: '',
  role: 'leader',
  scopeKind: 'district',
  scopeAreaId: null,
  staffId: null,
  assignedInstitutionIds: new Set(),
  clueHandler: false,
}

export function mapReader(context: Context<AppEnv>): SessionUser | null {
  const user = context.get('user') ?? context.get('display')
  if (user) return user
  return context.get('services').config.mode === 'demo' ? demoWallViewer : null
}
