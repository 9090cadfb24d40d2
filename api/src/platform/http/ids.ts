// Ids as the API takes them: database integers (PostgreSQL `integer`), so anything above 2³¹−1 is
// a 400, not a database error. In bodies as numbers, in paths and queries coerced from text.
import { z } from '@hono/zod-openapi'

export const maximumId = 2_147_483_647

/** An id in a JSON body. */
export const databaseId = z.number().int().positive().max(maximumId)

/** An id in a path or query string. */
export const databaseIdText = z.coerce.number().int().positive().max(maximumId)

/** `{id}` in a path. */
export const idParam = z.object({ id: databaseIdText })
