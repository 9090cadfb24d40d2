// `pnpm auditor`: the audit administrator's account (安全审计员), kept on the server and not by the
// system administrator (三员分立: api/src/users/user-queries.ts refuses them there).
//   pnpm auditor create <username> <display name> [--county <code>]   a new account; prints its temporary password
//   pnpm auditor reset <username>                                     a new temporary password, no second factor, every session ends
// Uses the configured database (DATABASE_URL, or the embedded one in GRIDWATCH_DATA_DIR — stop the
// server first, it holds that directory). Both are audited, as done on the server's console.
import { sql } from 'drizzle-orm'
import { openDatabase, schema } from '@gridwatch/db'
import { readConfig } from '../platform/config.ts'
import { writeAudit } from '../platform/audit.ts'
import { hashPassword } from '../auth/password.ts'
import { clearSecondFactor } from '../auth/second-factor.ts'
import { endSessions, temporaryPassword, usernamePattern } from './user-queries.ts'

const [command, username, ...rest] = process.argv.slice(2)
const countyFlag = rest.indexOf('--county')
const county = countyFlag >= 0 ? rest[countyFlag + 1] : undefined
const displayName = (countyFlag >= 0 ? [...rest.slice(0, countyFlag), ...rest.slice(countyFlag + 2)] : rest).join(' ')
const usage = 'usage: pnpm auditor create <username> <display name> [--county <code>] | pnpm auditor reset <username>'

if (!username || (command !== 'create' && command !== 'reset') || (command === 'create' && !displayName)) {
  console.error(usage)
  process.exit(2)
}

const config = readConfig()
const database = await openDatabase({ databaseUrl: config.databaseUrl, migrationDatabaseUrl: config.migrationDatabaseUrl, dataDirectory: config.dataDirectory })
const console_ = { user: null, requestId: 'pnpm-auditor' }
try {
  const password = temporaryPassword()
  const passwordHash = await hashPassword(password)
  if (command === 'create') {
    const counties = await database.rows<{ county_code: string }>(sql`SELECT DISTINCT county_code FROM areas WHERE level = 'district' ORDER BY 1`)
    const countyCode = county ?? (counties.length === 1 ? counties[0]!.county_code : undefined)
    if (!countyCode || !counties.some((row) => row.county_code === countyCode)) throw new Error(`name the county with --county (one of ${counties.map((row) => row.county_code).join(', ')})`)
    if (!usernamePattern.test(username)) throw new Error('a username is 3–40 lowercase letters, digits, dots, dashes or underscores, starting with a letter')
    await database.write(async (transaction) => {
      const [row] = await transaction
        .insert(schema.users)
        .values({ countyCode, username, displayName, passwordHash, role: 'auditor', scopeKind: 'district' })
        .returning({ id: schema.users.id })
      await writeAudit(transaction, { ...console_, countyCode }, { action: 'create', entity: 'user', entityId: row!.id, after: { username, displayName, role: 'auditor' } })
    })
  } else {
    const [row] = await database.rows<{ id: number; county_code: string; role: string }>(sql`SELECT id, county_code, role FROM users WHERE username = ${username}`)
    if (!row) throw new Error(`no account ${username}`)
    if (row.role !== 'auditor') throw new Error(`${username} is not an audit administrator: an administrator resets it on /users`)
    await database.write(async (transaction) => {
      await database.rows(sql`UPDATE users SET password_hash = ${passwordHash}, disabled = false WHERE id = ${row.id}`, transaction)
      await clearSecondFactor(database, transaction, row.id)
      await endSessions(database, transaction, row.id)
      await writeAudit(transaction, { ...console_, countyCode: row.county_code }, { action: 'reset-password', entity: 'user', entityId: row.id, after: { username, secondFactor: 'removed' } })
    })
  }
  console.log(`${username}: temporary password ${password} (shown once; the account sets its own password and second factor at first login)`)
} catch (error) {
  console.error(`pnpm auditor ${command}: ${(error as Error).message}`)
  process.exitCode = 1
} finally {
  await database.close()
}
