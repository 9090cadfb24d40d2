// `pnpm officer`: the accounts of the security administrator (安全管理员) and the audit
// administrator (安全审计员), kept on the server and not by the system administrator (三员分立:
// api/src/users/user-queries.ts refuses them on /users). `pnpm auditor …` is `pnpm officer … --role auditor`.
//   pnpm officer create <username> <display name> --role security|auditor [--county <code>]   a new account; prints its temporary password
//   pnpm officer reset <username>                                     a new temporary password, no second factor, every session ends
// Uses the configured database (DATABASE_URL, or the embedded one in GRIDWATCH_DATA_DIR — stop the
// server first, it holds that directory). Both are audited, as done on the server's console.
import { sql } from 'drizzle-orm'
import { openDatabase, schema } from '@gridwatch/db'
import { officerRoles, type Role } from '@gridwatch/domain/roles.ts'
import { databaseOptions, readConfig } from '../platform/config.ts'
import { writeAudit } from '../platform/audit.ts'
import { hashPassword } from '../auth/password.ts'
import { clearSecondFactor } from '../auth/second-factor.ts'
import { endSessions, temporaryPassword, usernamePattern } from './user-queries.ts'

/** Takes `--name value` out of the arguments. */
function flag(parameters: string[], name: string): string | undefined {
  const index = parameters.indexOf(name)
  if (index < 0) return undefined
  const [, value] = parameters.splice(index, 2)
  return value
}
const parameters = process.argv.slice(2)
const role = flag(parameters, '--role') as Role | undefined
const county = flag(parameters, '--county')
const [command, username, ...rest] = parameters
const displayName = rest.join(' ')
const usage =
  'usage: pnpm officer create <username> <display name> --role security|auditor [--county <code>] | pnpm officer reset <username>'

if (
  !username ||
  (command !== 'create' && command !== 'reset') ||
  (command === 'create' && (!displayName || !role || !officerRoles.includes(role)))
) {
  console.error(usage)
  process.exit(2)
}

const config = readConfig()
const database = await openDatabase(databaseOptions(config))
const console_ = { user: null, requestId: 'pnpm-officer' }
try {
  const password = temporaryPassword()
  const passwordHash = await hashPassword(password)
  if (command === 'create') {
    const counties = await database.rows<{ county_code: string }>(
      sql`SELECT DISTINCT county_code FROM areas WHERE level = 'district' ORDER BY 1`,
    )
    const countyCode = county ?? (counties.length === 1 ? counties[0]!.county_code : undefined)
    if (!countyCode || !counties.some((row) => row.county_code === countyCode))
      throw new Error(`name the county with --county (one of ${counties.map((row) => row.county_code).join(', ')})`)
    if (!usernamePattern.test(username))
      throw new Error(
        'a username is 3–40 lowercase letters, digits, dots, dashes or underscores, starting with a letter',
      )
    await database.write(async (transaction) => {
      const [row] = await transaction
        .insert(schema.users)
        .values({ countyCode, username, displayName, passwordHash, role: role!, scopeKind: 'district' })
        .returning({ id: schema.users.id })
      await writeAudit(
        transaction,
        { ...console_, countyCode },
        { action: 'create', entity: 'user', entityId: row!.id, after: { username, displayName, role } },
      )
    })
  } else {
    const [row] = await database.rows<{ id: number; county_code: string; role: Role }>(
      sql`SELECT id, county_code, role FROM users WHERE username = ${username}`,
    )
    if (!row) throw new Error(`no account ${username}`)
    if (!officerRoles.includes(row.role) || (role && row.role !== role))
      throw new Error(
        `${username} is not a${role === 'auditor' ? 'n audit' : ' security or audit'} administrator: the security administrator resets it on /users`,
      )
    await database.write(async (transaction) => {
      await database.rows(
        sql`UPDATE users SET password_hash = ${passwordHash}, disabled = false WHERE id = ${row.id}`,
        transaction,
      )
      await clearSecondFactor(database, transaction, row.id)
      await endSessions(database, transaction, row.id)
      await writeAudit(
        transaction,
        { ...console_, countyCode: row.county_code },
        { action: 'reset-password', entity: 'user', entityId: row.id, after: { username, secondFactor: 'removed' } },
      )
    })
  }
  console.log(
    `${username}: temporary password ${password} (shown once; the account sets its own password and second factor at first login)`,
  )
} catch (error) {
  console.error(`pnpm officer ${command}: ${(error as Error).message}`)
  process.exitCode = 1
} finally {
  await database.close()
}
