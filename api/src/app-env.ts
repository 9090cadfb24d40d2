// What every request carries through the middleware chain.
import type { Database } from '@gridwatch/db'
import type { SessionUser } from './auth/session-user.ts'
import type { Config } from './platform/config.ts'
import type { Logger } from './platform/logger.ts'
import type { SecretBox } from './platform/secret-box.ts'
import type { AuditChainCheck } from './audit/audit-chain.ts'
import type { EventBus } from './platform/events.ts'
import type { InstitutionLayer } from './map/institution-layer.ts'
import type { IdempotentRequest } from './platform/idempotency.ts'
import type { PlatformEnv } from './platform/platform-env.ts'
import type { AreaLayers } from './areas/area-layers.ts'
import type { InstitutionSearch } from './institutions/institution-search.ts'

export interface AppServices {
  database: Database
  config: Pick<Config, 'mode' | 'cookieSecure'> &
    Partial<Pick<Config, 'wallFrameOrigins' | 'sessionIdleMinutes' | 'secondFactorRoles' | 'baseMap'>>
  events: EventBus
  institutionLayer: InstitutionLayer
  areaLayers: AreaLayers
  institutionSearch: InstitutionSearch
  /** The clock; tests pass a fixed one. */
  now: () => Date
  /** Where request and error lines go (JSON lines, platform/logger.ts). */
  logger: Logger
  /** Seals and opens the secrets kept in the database (platform/secret-box.ts). */
  secrets: SecretBox
  /** The audit log's hash chain, checked from the last intact link (audit/audit-chain.ts). */
  auditChain: AuditChainCheck
}

export interface AppEnv extends PlatformEnv {
  Variables: {
    requestId: string
    user: SessionUser | null
    /** A wall screen's reader from its display token; only map reads accept it. */
    display: SessionUser | null
    services: AppServices
    /** The caller an endpoint's access middleware admitted (auth/access.ts). */
    reader: SessionUser | null
    /** Set on write endpoints called with an Idempotency-Key; the write path keeps the answer. */
    idempotency: IdempotentRequest | undefined
  }
}
