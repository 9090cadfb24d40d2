// Loads the province-sized benchmark set into a database that holds none of its counties yet:
// every county through the same seedCounty as the demo, one transaction per county, then a few
// weeks of weekly visits written by PostgreSQL itself (insert … select), deterministic through
// hashes of the institution codes.
import { sql } from 'drizzle-orm'
import { instant, schema, type Database } from '@gridwatch/db'
import type { DemoCounty } from '@gridwatch/geodata'
import { hashPassword } from '../auth/password.ts'
import { seedCounty } from './seed-county.ts'

export interface ProvinceLoadReport {
  counties: number
  institutions: number
  visits: number
  durationMs: number
}

export const provinceSupervisor = { username: 'province-supervisor', password: 'province-supervisor-demo' }

export class CountiesPresentError extends Error {
  override name = 'CountiesPresentError'
}

export async function loadProvince(
  database: Database,
  counties: DemoCounty[],
  options: { now?: Date; weeks?: number; progress?: (done: number, total: number, label: string) => void } = {},
): Promise<ProvinceLoadReport> {
  const { now = new Date(), weeks = 4, progress = () => {} } = options
  const started = performance.now()
  const codes = counties.map((county) => county.county.code)
  const present = await database.rows<{ county_code: string }>(
    sql`SELECT DISTINCT county_code FROM areas WHERE county_code IN (${sql.join(
      codes.map((code) => sql`${code}`),
      sql`, `,
    )}) ORDER BY 1`,
  )
  if (present.length > 0)
    throw new CountiesPresentError(
      `the database already holds ${present.length} of these counties (${present
        .map((row) => row.county_code)
        .slice(0, 5)
        .join(', ')}…): load the province set into a new data directory or database`,
    )
  let institutions = 0
  let visits = 0
  for (const [index, county] of counties.entries()) {
    progress(index, counties.length, county.county.name)
    await database.write(async (transaction) => {
      const seeded = await seedCounty(database, transaction, county)
      institutions += seeded.institutionIds.length
      // About three visits in four per institution and week; one institution in thirty never visited.
      const [row] = await database.rows<{ count: number }>(
        sql`WITH inserted AS (
              INSERT INTO inspections (county_code, institution_id, grid_id, kind, arrived_at, note)
              SELECT i.county_code, i.id, i.grid_id, 'weekly-visit',
                ${instant(now)}::timestamptz - make_interval(days => week * 7 + abs(hashtext(i.code || ':day:' || week)) % 7,
                  mins => abs(hashtext(i.code || ':minute:' || week)) % 480),
                ''
              FROM institutions i CROSS JOIN generate_series(0, ${weeks - 1}) AS week
              WHERE i.county_code = ${seeded.countyCode}
                AND abs(hashtext(i.code)) % 30 <> 0
                AND abs(hashtext(i.code || ':week:' || week)) % 4 <> 0
              RETURNING 1)
            SELECT count(*)::int AS count FROM inserted`,
        transaction,
      )
      visits += row!.count
    })
  }
  // One province-wide supervisor so that benchmarks can record visits through the API; a demo
  // account like the others, so production mode refuses to start on this data set.
  await database.write(async (transaction) => {
    await transaction
      .insert(schema.users)
      .values({
        countyCode: '37',
        username: provinceSupervisor.username,
        displayName: '省级督导（演示）',
        passwordHash: await hashPassword(provinceSupervisor.password),
        role: 'supervisor',
        scopeKind: 'district',
        isDemo: true,
      })
      .onConflictDoNothing()
  })
  progress(counties.length, counties.length, 'done')
  return { counties: counties.length, institutions, visits, durationMs: Math.round(performance.now() - started) }
}
