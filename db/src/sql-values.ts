// Values for raw SQL that behave the same on both drivers. postgres-js under Drizzle does not
// serialise Date parameters, so instants travel as ISO strings with an explicit cast.
import { sql, type SQL } from 'drizzle-orm'

export function instant(date: Date): SQL {
  return sql`${date.toISOString()}::timestamptz`
}
