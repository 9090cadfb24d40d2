// Structured logs: one JSON line per event (pino), each request's with its request id. JSON
// escapes control characters, so a CR/LF sent in a request cannot forge a line. What a line holds
// is chosen here: method, path without its query, status, time and the user's id for a request;
// for an error its type, the SQL text and the database's error code — never request bodies, query
// strings, SQL parameter values, cookies, tokens or the database's message (which can quote a value).
// The level comes from GRIDWATCH_LOG_LEVEL (config.ts checks it): info by default.
import { pino, type DestinationStream, type Logger } from 'pino'

export type { Logger }

const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']

export function createLogger(destination?: DestinationStream, level = process.env.GRIDWATCH_LOG_LEVEL): Logger {
  return pino(
    {
      level: level && levels.includes(level) ? level : 'info',
      base: { service: 'gridwatch' },
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: { err: describeError },
    },
    destination,
  )
}

/** The process's logger; an app can be given another (tests read what it writes). */
export const logger = createLogger()

interface DescribedError {
  type: string
  message?: string
  query?: string
  code?: string
  constraint?: string
  table?: string
  column?: string
  routine?: string
  stack?: string
  cause?: DescribedError
}

const databaseFields = ['code', 'constraint', 'table', 'column', 'routine'] as const

/**
 * An error for the log without what it may carry of the request. drizzle's query errors read
 * "Failed query: <sql>\nparams: <values>": the SQL text stays, the values go. A database error keeps
 * its code and where it arose; its message is left out, since PostgreSQL quotes offending values.
 */
export function describeError(error: unknown, depth = 0): DescribedError {
  if (!(error instanceof Error)) return { type: typeof error }
  const fields = error as Error &
    Partial<Record<(typeof databaseFields)[number] | 'query', unknown>> & { cause?: unknown }
  const described: DescribedError = { type: error.name }
  const fromDatabase = typeof fields.code === 'string' && /^[0-9A-Z]{5}$/.test(fields.code)
  if (typeof fields.query === 'string') described.query = fields.query.slice(0, 2000)
  else if (!fromDatabase) described.message = error.message.split('\n')[0]!.slice(0, 500)
  for (const field of databaseFields) if (typeof fields[field] === 'string') described[field] = fields[field] as string
  const frames = error.stack?.split('\n').filter((line) => line.trimStart().startsWith('at '))
  if (frames?.length) described.stack = frames.slice(0, 12).join('\n')
  if (fields.cause !== undefined && depth < 3) described.cause = describeError(fields.cause, depth + 1)
  return described
}
