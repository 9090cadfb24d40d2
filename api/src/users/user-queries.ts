// Accounts (users) in the database: the administrator's list, creating one with a temporary
// password shown once, changing role, scope, staff link or the clue-handler designation,
// disabling (every session ends at once) and resetting a password; and a user changing their own.
import crypto from 'node:crypto'
import { sql } from 'drizzle-orm'
import { schema, type Database } from '@gridwatch/db'
import { officerRoles, type Role, type ScopeKind } from '@gridwatch/domain/roles.ts'
import { can } from '../auth/can.ts'
import { refusal } from '../auth/access.ts'
import { minimumPasswordLength, passwordProblem, scopeKindOfRole, staffLevelOfRole } from '@gridwatch/domain/staff.ts'
import { forgetBasicCredentials } from '../auth/basic-credentials.ts'
import { hashPassword, verifyPassword } from '../auth/password.ts'
import { clearSecondFactor } from '../auth/second-factor.ts'
import type { SessionUser } from '../auth/session-user.ts'
import { publishedBoundaryVersionIds } from '../boundaries/published-version.ts'
import { Failure, failures } from '../platform/failure.ts'
import { phrase } from '../platform/phrases.ts'
import type { Recorder, WritePath } from '../platform/write-path.ts'
import type { Transaction } from '@gridwatch/db'

export interface UserView {
  id: number
  username: string
  displayName: string
  role: Role
  scopeKind: ScopeKind
  scopeAreaId: number | null
  scopeAreaName: string | null
  staffId: number | null
  staffName: string | null
  clueHandler: boolean
  disabled: boolean
  /** Opened by the system administrator and never granted (enabled) by the security administrator since. */
  awaitingGrant: boolean
  /** A second factor is on (动态口令). */
  secondFactor: boolean
  createdAt: string
  lastLoginAt: string | null
}

export async function listUsers(database: Database, countyCode: string): Promise<UserView[]> {
  const rows = await database.rows<{
    id: number
    username: string
    display_name: string
    role: Role
    scope_kind: ScopeKind
    scope_area_id: number | null
    area_name: string | null
    staff_id: number | null
    staff_name: string | null
    clue_handler: boolean
    disabled: boolean
    awaiting_grant: boolean
    second_factor: boolean
    created_at: Date | string
    last_login: Date | string | null
  }>(sql`
    SELECT u.id, u.username, u.display_name, u.role, u.scope_kind, u.scope_area_id, a.name AS area_name, u.staff_id, s.name AS staff_name,
      u.clue_handler, u.disabled, u.second_factor_secret IS NOT NULL AS second_factor,
      u.disabled AND NOT EXISTS (SELECT 1 FROM audit_log g WHERE g.entity = 'user' AND g.entity_id = u.id::text AND g.action = 'enable') AS awaiting_grant, u.created_at, (SELECT max(created_at) FROM sessions WHERE user_id = u.id) AS last_login
    FROM users u LEFT JOIN areas a ON a.id = u.scope_area_id LEFT JOIN staff s ON s.id = u.staff_id
    WHERE u.county_code = ${countyCode} ORDER BY u.disabled, u.id`)
  return rows.map((row) => ({
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    scopeKind: row.scope_kind,
    scopeAreaId: row.scope_area_id,
    scopeAreaName: row.area_name,
    staffId: row.staff_id,
    staffName: row.staff_name,
    clueHandler: row.clue_handler,
    disabled: row.disabled,
    awaitingGrant: row.awaiting_grant,
    secondFactor: row.second_factor,
    createdAt: new Date(row.created_at).toISOString(),
    lastLoginAt: row.last_login === null ? null : new Date(row.last_login).toISOString(),
  }))
}

export interface UserSettings {
  displayName: string
  role: Role
  scopeAreaId: number | null
  staffId: number | null
  clueHandler: boolean
}

/**
 * Separation of duties (三员分立): neither the system nor the security administrator makes an
 * officer's account (security or audit administrator), nor changes, resets or takes one over (a
 * reset would hand them its password); those accounts are kept on the server with `pnpm officer`.
 * Disabling one (someone left) stays possible.
 */
function keepOfficersApart(role: Role, targetRole?: Role): void {
  if (officerRoles.includes(role) || (targetRole !== undefined && officerRoles.includes(targetRole)))
    throw Failure.phrased('forbidden', 'forbidden', 'Not allowed', phrase('officer-kept-apart'))
}

/** Refuses what the caller's role may not do to accounts, in the words every refusal uses. */
function demand(user: SessionUser, kind: 'user.manage' | 'user.grant'): void {
  const decision = can(user, { kind })
  if (!decision.allowed) throw refusal(user, kind, decision.reason)
}

/** An account's settings must agree: the scope a role needs, a staff member of the role's level, clue handling by the bureau only. */

async function checkSettings(database: Database, countyCode: string, settings: UserSettings): Promise<void> {
  const scopeKind = scopeKindOfRole(settings.role)
  if (scopeKind === 'zone' || scopeKind === 'grid') {
    if (settings.scopeAreaId === null)
      throw failures.invalid(`A ${settings.role} account needs the ${scopeKind} it covers.`, [
        { path: 'scopeAreaId', message: `a ${scopeKind} is required` },
      ])
    const [area] = await database.rows<{ id: number }>(sql`
      SELECT id FROM areas WHERE id = ${settings.scopeAreaId} AND level = ${scopeKind} AND county_code = ${countyCode} AND boundary_version_id IN ${publishedBoundaryVersionIds}`)
    if (!area)
      throw failures.invalid(`Area ${settings.scopeAreaId} is not a ${scopeKind} of the boundaries in force.`, [
        { path: 'scopeAreaId', message: `not a ${scopeKind}` },
      ])
  } else if (settings.scopeAreaId !== null) {
    throw failures.invalid(
      `A ${settings.role} account covers ${scopeKind === 'district' ? 'the whole county' : 'its own institutions'}, not an area.`,
      [{ path: 'scopeAreaId', message: 'must be null for this role' }],
    )
  }
  const level = staffLevelOfRole(settings.role)
  if (settings.role === 'grid_member_3' && settings.staffId === null)
    throw failures.invalid(
      'A level-3 member’s account sees the institutions of its staff record: name the staff member.',
      [{ path: 'staffId', message: 'required for grid_member_3' }],
    )
  if (settings.staffId !== null) {
    const [member] = await database.rows<{ level: number }>(
      sql`SELECT level FROM staff WHERE id = ${settings.staffId} AND county_code = ${countyCode}`,
    )
    if (!member)
      throw failures.invalid(`Staff member ${settings.staffId} does not exist.`, [
        { path: 'staffId', message: 'unknown' },
      ])
    if (level !== null && member.level !== level)
      throw failures.invalid(
        `A ${settings.role} account belongs to a level-${level} member; staff member ${settings.staffId} is level ${member.level}.`,
        [{ path: 'staffId', message: 'level does not match the role' }],
      )
  }
  if (settings.clueHandler && settings.role !== 'supervisor' && settings.role !== 'leader')
    throw failures.invalid('Only a supervisor or leader account can be a designated clue handler.', [
      { path: 'clueHandler', message: 'not for this role' },
    ])
}

/** A temporary password shown once: 16 characters of letters and digits in groups, which the password rule accepts. */
export function temporaryPassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789'
  const bytes = crypto.randomBytes(16)
  const characters = [...bytes].map((byte) => alphabet[byte % alphabet.length])
  // At least one digit and one letter, whatever the draw.
  characters[3] = String(2 + (bytes[3]! % 8))
  characters[7] = 'k'
  return [0, 4, 8, 12].map((start) => characters.slice(start, start + 4).join('')).join('-')
}

/** A username: 3–40 lowercase letters, digits, dots, dashes or underscores, starting with a letter. */
export const usernamePattern = /^[a-z][a-z0-9_.-]{2,39}$/

export interface NewUser extends UserSettings {
  username: string
}

/**
 * The system administrator makes an account with the role and scope it should have; it stays
 * disabled (待授权) until the security administrator grants it by enabling it.
 */
export async function createUser(
  database: Database,
  write: WritePath,
  admin: SessionUser,
  input: NewUser,
): Promise<{ id: number; temporaryPassword: string }> {
  keepOfficersApart(input.role)
  if (!usernamePattern.test(input.username))
    throw Failure.phrased('invalid', 'invalid-request', 'Invalid request', phrase('username-invalid'), [
      { path: 'username', message: 'invalid username' },
    ])
  await checkSettings(database, admin.countyCode, input)
  const [taken] = await database.rows<{ id: number }>(sql`SELECT id FROM users WHERE username = ${input.username}`)
  if (taken)
    throw Failure.phrased('conflict', 'conflict', 'Conflict', phrase('username-taken', { username: input.username }))
  const password = temporaryPassword()
  const passwordHash = await hashPassword(password)
  const id = await write(async (transaction, record) => {
    const [row] = await transaction
      .insert(schema.users)
      .values({
        countyCode: admin.countyCode,
        username: input.username,
        displayName: input.displayName,
        passwordHash,
        passwordMustChange: true,
        role: input.role,
        scopeKind: scopeKindOfRole(input.role),
        scopeAreaId: input.scopeAreaId,
        staffId: input.staffId,
        clueHandler: input.clueHandler,
        disabled: true,
      })
      .returning({ id: schema.users.id })
    await record.audit({ action: 'create', entity: 'user', entityId: row!.id, after: input, changes: [] })
    return row!.id
  })
  return { id, temporaryPassword: password }
}

/** Ends the user's sessions but the one `keepTokenHash` names (the caller's own, when they change their password). */
export async function endSessions(
  database: Database,
  transaction: Transaction,
  userId: number,
  keepTokenHash: string | null = null,
): Promise<void> {
  await database.rows(
    sql`DELETE FROM sessions WHERE user_id = ${userId} ${keepTokenHash === null ? sql`` : sql`AND token_hash <> ${keepTokenHash}`}`,
    transaction,
  )
}

export async function updateUser(
  database: Database,
  write: WritePath,
  admin: SessionUser,
  id: number,
  change: Partial<UserSettings> & { disabled?: boolean | undefined },
): Promise<void> {
  const [row] = await database.rows<{
    display_name: string
    role: Role
    scope_area_id: number | null
    staff_id: number | null
    clue_handler: boolean
    disabled: boolean
  }>(
    sql`SELECT display_name, role, scope_area_id, staff_id, clue_handler, disabled FROM users WHERE id = ${id} AND county_code = ${admin.countyCode}`,
  )
  if (!row) throw failures.notFound(`Account ${id} does not exist.`)
  const before = {
    displayName: row.display_name,
    role: row.role,
    scopeAreaId: row.scope_area_id,
    staffId: row.staff_id,
    clueHandler: row.clue_handler,
    disabled: row.disabled,
  }
  const defined = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined))
  const after = { ...before, ...defined }
  const changed = (key: keyof typeof before) => key in defined && defined[key] !== before[key]
  // Who may change what: the system administrator names and disables accounts; the security
  // administrator grants — role, scope, staff link, clue handling, enabling — and may disable too.
  if (changed('displayName')) demand(admin, 'user.manage')
  if (
    changed('role') ||
    changed('scopeAreaId') ||
    changed('staffId') ||
    changed('clueHandler') ||
    (changed('disabled') && !after.disabled)
  )
    demand(admin, 'user.grant')
  // The officers' accounts are out of the other administrators' reach, disabling included (三员分立):
  // only the console changes them.
  if (Object.keys(defined).some((key) => key !== 'disabled') || changed('disabled'))
    keepOfficersApart(after.role, before.role)
  if (id === admin.id && (after.disabled || after.role !== before.role))
    throw Failure.phrased('conflict', 'conflict', 'Conflict', phrase('account-self-protected'))
  await checkSettings(database, admin.countyCode, after)
  await write(async (transaction, record) => {
    await transaction
      .update(schema.users)
      .set({
        displayName: after.displayName,
        role: after.role,
        scopeKind: scopeKindOfRole(after.role),
        scopeAreaId: after.scopeAreaId,
        staffId: after.staffId,
        clueHandler: after.clueHandler,
        disabled: after.disabled,
      })
      .where(sql`${schema.users.id} = ${id}`)
    // A disabled account, or one whose role or scope changed, signs in afresh.
    const ended = after.disabled || after.role !== before.role || after.scopeAreaId !== before.scopeAreaId
    if (ended) await endSessions(database, transaction, id)
    await record.audit({
      action: after.disabled && !before.disabled ? 'disable' : !after.disabled && before.disabled ? 'enable' : 'update',
      entity: 'user',
      entityId: id,
      before,
      after,
      changes:
        after.role !== before.role || after.scopeAreaId !== before.scopeAreaId || after.staffId !== before.staffId
          ? [{ kind: 'scope' }]
          : [],
    })
  })
  forgetBasicCredentials(id)
}

async function setPassword(
  database: Database,
  transaction: Transaction,
  record: Recorder,
  userId: number,
  passwordHash: string,
  action: string,
  keepTokenHash: string | null = null,
): Promise<void> {
  // Set by an administrator (a reset) it is temporary; set by its owner it is theirs.
  const temporary = action === 'reset-password'
  await database.rows(
    sql`UPDATE users SET password_hash = ${passwordHash}, password_must_change = ${temporary} WHERE id = ${userId}`,
    transaction,
  )
  await endSessions(database, transaction, userId, keepTokenHash)
  await record.audit({ action, entity: 'user', entityId: userId, changes: [] })
}

/** The security administrator resets a password: a new temporary one, shown once; every session of the account ends. */
export async function resetPassword(
  database: Database,
  write: WritePath,
  admin: SessionUser,
  id: number,
): Promise<string> {
  const [row] = await database.rows<{ id: number; role: Role }>(
    sql`SELECT id, role FROM users WHERE id = ${id} AND county_code = ${admin.countyCode}`,
  )
  if (!row) throw failures.notFound(`Account ${id} does not exist.`)
  keepOfficersApart(row.role)
  const password = temporaryPassword()
  const passwordHash = await hashPassword(password)
  await write((transaction, record) => setPassword(database, transaction, record, id, passwordHash, 'reset-password'))
  forgetBasicCredentials(id)
  return password
}

/** A user changes their own password: the current one first; their other sessions end, this one stays. */
export async function changeOwnPassword(
  database: Database,
  write: WritePath,
  user: SessionUser,
  current: string,
  next: string,
  keepTokenHash: string | null,
): Promise<void> {
  const [row] = await database.rows<{ password_hash: string }>(
    sql`SELECT password_hash FROM users WHERE id = ${user.id}`,
  )
  if (!row || !(await verifyPassword(current, row.password_hash)))
    throw Failure.phrased('invalid', 'invalid-request', 'Invalid request', phrase('password-wrong'), [
      { path: 'currentPassword', message: 'wrong password' },
    ])
  const problem = passwordProblem(next, user.username)
  if (problem)
    throw Failure.phrased(
      'invalid',
      'invalid-request',
      'Invalid request',
      phrase(`password-${problem}`, { length: minimumPasswordLength }),
      [{ path: 'newPassword', message: problem }],
    )
  const passwordHash = await hashPassword(next)
  await write((transaction, record) =>
    setPassword(database, transaction, record, user.id, passwordHash, 'change-password', keepTokenHash),
  )
  forgetBasicCredentials(user.id)
}

/** The security administrator removes a lost second factor: secret and recovery codes go, every session ends. */
export async function resetSecondFactor(
  database: Database,
  write: WritePath,
  admin: SessionUser,
  id: number,
): Promise<void> {
  const [row] = await database.rows<{ id: number; role: Role }>(
    sql`SELECT id, role FROM users WHERE id = ${id} AND county_code = ${admin.countyCode}`,
  )
  if (!row) throw failures.notFound(`Account ${id} does not exist.`)
  keepOfficersApart(row.role)
  await write(async (transaction, record) => {
    await clearSecondFactor(database, transaction, id)
    await endSessions(database, transaction, id)
    await record.audit({ action: 'second-factor-reset', entity: 'user', entityId: id, changes: [] })
  })
  forgetBasicCredentials(id)
}
