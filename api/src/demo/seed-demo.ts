// Seeds the demo county and its history into an empty database, in one transaction.
import { sql } from 'drizzle-orm'
import type { Database } from '@gridwatch/db'
import { readDemoCounty } from '@gridwatch/geodata'
import { seedCounty } from './seed-county.ts'
import { seedStaff } from './seed-staff.ts'
import { seedHistory } from './seed-history.ts'
import { seedDemoAccounts } from './demo-accounts.ts'

export interface DemoSeedReport {
  seeded: boolean
  durationMs: number
}

/** Seeds only when no area exists yet, so restarts and a second process leave data alone. */
/** What the seed reports as it goes, for the start-up log: a step's name and what it wrote. */
export type SeedProgress = (step: string, counts: Record<string, number>) => void

export async function seedDemoIfEmpty(
  database: Database,
  now = new Date(),
  progress: SeedProgress = () => {},
): Promise<DemoSeedReport> {
  const started = performance.now()
  const county = readDemoCounty()
  const seeded = await database.write(async (transaction) => {
    // Serialises concurrent first starts on a server: the second waits, then finds data.
    await database.rows(sql`SELECT pg_advisory_xact_lock(7420314002)`, transaction)
    const [row] = await database.rows<{ count: number }>(sql`SELECT count(*)::int AS count FROM areas`, transaction)
    if (row!.count > 0) return false
    const step = performance.now()
    const countySeed = await seedCounty(database, transaction, county)
    progress('boundaries and institutions', {
      villages: county.villages.length,
      institutions: county.institutions.length,
      ms: Math.round(performance.now() - step),
    })
    const staff = await seedStaff(database, transaction, county, countySeed)
    progress('grid staff', { ms: Math.round(performance.now() - step) })
    await seedHistory(database, transaction, county, countySeed, staff, now)
    progress('a year of inspections, ledger items and reports', { ms: Math.round(performance.now() - step) })
    await seedDemoAccounts(database, transaction, countySeed, staff)
    progress('demo accounts', { ms: Math.round(performance.now() - step) })
    return true
  })
  return { seeded, durationMs: Math.round(performance.now() - started) }
}
