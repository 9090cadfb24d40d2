// Environment, validated once at start-up.
import { z } from 'zod'
import { roles, secondFactorRoles, type Role } from '@gridwatch/domain/roles.ts'

const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().optional(),
  GRIDWATCH_MIGRATION_DATABASE_URL: z.string().optional(),
  GRIDWATCH_DATA_DIR: z.string().default('./data'),
  GRIDWATCH_MODE: z.enum(['demo', 'production']).default('demo'),
  GRIDWATCH_COOKIE_SECURE: z.enum(['true', 'false']).optional(),
  GRIDWATCH_STATEMENT_TIMEOUT_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  GRIDWATCH_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  GRIDWATCH_SECOND_FACTOR_ROLES: z
    .string()
    .optional()
    .refine(
      (value) =>
        value === undefined ||
        value === 'none' ||
        value
          .split(/[\s,]+/)
          .filter(Boolean)
          .every((role) => (roles as readonly string[]).includes(role)),
      `comma-separated roles (${roles.join(', ')}) or none`,
    ),
  GRIDWATCH_BACKUP_DIR: z.string().default('./backups'),
  GRIDWATCH_BACKUP_COPY_DIR: z.string().optional(),
  GRIDWATCH_BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(14),
  GRIDWATCH_BACKUP_EVERY_HOURS: z.coerce
    .number()
    .min(0)
    .max(24 * 30)
    .optional(),
  GRIDWATCH_PGBACKREST_STANZA: z
    .string()
    .regex(/^[\w.-]+$/, 'a pgBackRest stanza name')
    .optional(),
  GRIDWATCH_PGBACKREST_COMMAND: z.string().default('pgbackrest'),
  GRIDWATCH_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(720).default(30),
  GRIDWATCH_WALL_FRAME_ORIGINS: z
    .string()
    .default('')
    .refine(
      (value) =>
        value
          .split(/[\s,]+/)
          .filter(Boolean)
          .every((origin) => /^https?:\/\/[^\s/]+$/.test(origin)),
      'space- or comma-separated origins such as https://screens.example',
    ),
  GRIDWATCH_SECRET_KEY_FILE: z.string().min(1).default('./secret.key'),
  GRIDWATCH_BASE_MAP_STYLE_URL: z
    .string()
    .optional()
    .refine(
      (value) => !value || /^https?:\/\/[^\s/]+\/\S*$/.test(value),
      'the http(s) URL of a MapLibre style, e.g. https://tiles.example/styles/basic/style.json',
    ),
  GRIDWATCH_BASE_MAP_ORIGINS: z
    .string()
    .default('')
    .refine(
      (value) =>
        value
          .split(/[\s,]+/)
          .filter(Boolean)
          .every((origin) => /^https?:\/\/[^\s/]+$/.test(origin)),
      'space- or comma-separated origins such as https://t0.tianditu.gov.cn',
    ),
})

export interface Config {
  port: number
  host: string
  databaseUrl: string | undefined
  /** On a server: the tables' owner, who runs the migrations; DATABASE_URL's role then gets only what the application needs. */
  migrationDatabaseUrl?: string | undefined
  dataDirectory: string
  mode: 'demo' | 'production'
  /** Secure cookies need HTTPS; on by default in production. */
  cookieSecure: boolean
  /** Origins that may show the wall (/wall) in a frame; nothing else may frame any page. */
  wallFrameOrigins: string[]
  /**
   * A base map under our layers: the URL of a MapLibre style (a self-hosted vector tile service, or
   * 天地图 on a government network), and every origin its tiles, sprites and style come from (the
   * Content-Security-Policy lets the browser reach these and nothing else). Absent: fully offline.
   */
  baseMap?: { styleUrl: string; origins: string[] } | undefined
  /** The key that seals second-factor secrets in the database (platform/secret-box.ts); made on first start. Absent in tests: a key for the process. */
  secretKeyFile?: string | undefined
  /** A login session ends after this many minutes without a request (and after 12 hours in any case). */
  sessionIdleMinutes: number
  /** Roles that must sign in with a second factor (TOTP); by default in production the county-wide ones, in demo mode none. */
  secondFactorRoles: readonly Role[]
  /** Backups (pnpm backup, and the server's own schedule: `everyHours` 0 is none). Absent in tests. */
  backup?: {
    directory: string
    copyDirectory: string | undefined
    keep: number
    everyHours: number
    pgbackrest?: { command: string[]; stanza: string } | undefined
  }
  /** On a PostgreSQL server, statements running longer are cancelled (0: no limit). */
  statementTimeoutSeconds: number
}

/**
 * Where the configured database is, for openDatabase: every entry point (the server, backups, the
 * officers' accounts, the audit check, the province import) opens it the same way, the owner's
 * migration URL included.
 */
export function databaseOptions(config: Pick<Config, 'databaseUrl' | 'migrationDatabaseUrl' | 'dataDirectory'>): {
  databaseUrl: string | undefined
  migrationDatabaseUrl: string | undefined
  dataDirectory: string
} {
  return {
    databaseUrl: config.databaseUrl,
    migrationDatabaseUrl: config.migrationDatabaseUrl,
    dataDirectory: config.dataDirectory,
  }
}

export class ConfigurationError extends Error {
  override name = 'ConfigurationError'
}

export function readConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(environment)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')
    throw new ConfigurationError(`Invalid configuration: ${problems}`)
  }
  const values = parsed.data
  return {
    port: values.PORT,
    host: values.HOST,
    databaseUrl: values.DATABASE_URL || undefined,
    migrationDatabaseUrl: values.GRIDWATCH_MIGRATION_DATABASE_URL || undefined,
    dataDirectory: values.GRIDWATCH_DATA_DIR,
    mode: values.GRIDWATCH_MODE,
    cookieSecure: values.GRIDWATCH_COOKIE_SECURE
      ? values.GRIDWATCH_COOKIE_SECURE === 'true'
      : values.GRIDWATCH_MODE === 'production',
    wallFrameOrigins: values.GRIDWATCH_WALL_FRAME_ORIGINS.split(/[\s,]+/).filter(Boolean),
    baseMap: values.GRIDWATCH_BASE_MAP_STYLE_URL
      ? {
          styleUrl: values.GRIDWATCH_BASE_MAP_STYLE_URL,
          origins: [
            ...new Set([
              new URL(values.GRIDWATCH_BASE_MAP_STYLE_URL).origin,
              ...values.GRIDWATCH_BASE_MAP_ORIGINS.split(/[\s,]+/).filter(Boolean),
            ]),
          ],
        }
      : undefined,
    sessionIdleMinutes: values.GRIDWATCH_SESSION_IDLE_MINUTES,
    secretKeyFile: values.GRIDWATCH_SECRET_KEY_FILE,
    statementTimeoutSeconds: values.GRIDWATCH_STATEMENT_TIMEOUT_SECONDS,
    backup: {
      directory: values.GRIDWATCH_BACKUP_DIR,
      copyDirectory: values.GRIDWATCH_BACKUP_COPY_DIR || undefined,
      keep: values.GRIDWATCH_BACKUP_KEEP,
      // Daily in production unless configured; none in demo mode.
      everyHours: values.GRIDWATCH_BACKUP_EVERY_HOURS ?? (values.GRIDWATCH_MODE === 'production' ? 24 : 0),
      // The server runtime's point-in-time backups (db/src/point-in-time.ts), when a stanza is named.
      pgbackrest: values.GRIDWATCH_PGBACKREST_STANZA
        ? {
            stanza: values.GRIDWATCH_PGBACKREST_STANZA,
            command: values.GRIDWATCH_PGBACKREST_COMMAND.split(/\s+/).filter(Boolean),
          }
        : undefined,
    },
    secondFactorRoles:
      values.GRIDWATCH_SECOND_FACTOR_ROLES === undefined
        ? values.GRIDWATCH_MODE === 'production'
          ? secondFactorRoles
          : []
        : values.GRIDWATCH_SECOND_FACTOR_ROLES === 'none'
          ? []
          : (values.GRIDWATCH_SECOND_FACTOR_ROLES.split(/[\s,]+/).filter(Boolean) as Role[]),
  }
}
