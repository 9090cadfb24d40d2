// The scope rule of can.ts (institutionInScope) as a SQL condition, for lists read straight from
// the database: the query names the institution `i` and its grid `g` (LEFT JOIN areas g ON g.id = i.grid_id).
import { sql, type SQL } from 'drizzle-orm'
import type { SessionUser } from './session-user.ts'

export function institutionScopeCondition(user: SessionUser): SQL {
  switch (user.scopeKind) {
    case 'district':
      return sql`starts_with(i.county_code, ${user.countyCode})`
    case 'zone':
      return sql`g.parent_id = ${user.scopeAreaId}`
    case 'grid':
      return sql`i.grid_id = ${user.scopeAreaId}`
    case 'own_institutions':
      return idsCondition([...user.assignedInstitutionIds])
  }
}

export function idsCondition(ids: number[]): SQL {
  return ids.length === 0
    ? sql`false`
    : sql`i.id IN (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`
}
