// Secrets the server must read back — the second factor's TOTP secret — are kept sealed in the
// database: AES-256-GCM (Node's crypto) under a key that lives outside it, in a file of its own
// (GRIDWATCH_SECRET_KEY_FILE, made on first start, readable by the server's user only). A copy of
// the database alone — a backup, a dump, a replica — then carries no secret a code could be made
// from. Keep the key file with the server, and a copy of it somewhere safe apart from the backups:
// without it, everyone's second factor has to be reset.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import type { Database } from '@gridwatch/db'
import { ConfigurationError } from './config.ts'

const sealedPrefix = 'sealed:v1:'
const keyBytes = 32

export class SecretBox {
  readonly #key: Buffer

  constructor(key: Buffer) {
    if (key.length !== keyBytes) throw new Error(`a secret key has ${keyBytes} bytes`)
    this.#key = key
  }

  /** A new box with a random key (tests, and servers started without a key file: secrets last as long as the process). */
  static random(): SecretBox {
    return new SecretBox(crypto.randomBytes(keyBytes))
  }

  static isSealed(stored: string): boolean {
    return stored.startsWith(sealedPrefix)
  }

  seal(plain: string): string {
    const iv = crypto.randomBytes(12)
    const cipher = crypto.createCipheriv('aes-256-gcm', this.#key, iv)
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
    return sealedPrefix + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')
  }

  /** The plain secret; a value written before secrets were sealed comes back as it is. */
  open(stored: string): string {
    if (!SecretBox.isSealed(stored)) return stored
    const raw = Buffer.from(stored.slice(sealedPrefix.length), 'base64')
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.#key, raw.subarray(0, 12))
    decipher.setAuthTag(raw.subarray(12, 28))
    try {
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')
    } catch {
      throw new SecretKeyMismatch()
    }
  }
}

export class SecretKeyMismatch extends Error {
  override name = 'SecretKeyMismatch'
  constructor() {
    super(
      "A sealed secret does not open with this server's key file (GRIDWATCH_SECRET_KEY_FILE): it was sealed under another key. Restore the key file that belongs to this database, or reset the second factors concerned.",
    )
  }
}

/**
 * The server's secret key: read from `file`, or made there (32 random bytes, base64, mode 0600)
 * when there is none yet. A file that holds anything else stops the start with a clear message.
 */
export function loadSecretKey(file: string): { key: Buffer; created: boolean } {
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
    const key = crypto.randomBytes(keyBytes)
    fs.writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' })
    return { key, created: true }
  }
  const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64')
  if (key.length !== keyBytes)
    throw new ConfigurationError(
      `${file} (GRIDWATCH_SECRET_KEY_FILE) does not hold a key: it should be ${keyBytes} random bytes in base64 (\`openssl rand -base64 32\`), as the server writes it when the file is missing.`,
    )
  return { key, created: false }
}

/**
 * Seals the second-factor secrets still stored in the clear (written before sealing existed), and
 * checks that the sealed ones open with this key. Returns how many were sealed and how many do not open.
 */
export async function sealStoredSecrets(
  database: Database,
  box: SecretBox,
): Promise<{ sealed: number; unreadable: number }> {
  const rows = await database.rows<{ id: number; secret: string | null; pending: string | null }>(
    sql`SELECT id, second_factor_secret AS secret, second_factor_pending_secret AS pending FROM users WHERE second_factor_secret IS NOT NULL OR second_factor_pending_secret IS NOT NULL`,
  )
  let sealed = 0
  let unreadable = 0
  const plain = rows.filter((row) =>
    [row.secret, row.pending].some((value) => value !== null && !SecretBox.isSealed(value)),
  )
  if (plain.length > 0)
    await database.write(async (transaction) => {
      for (const row of plain) {
        const seal = (value: string | null) => (value === null || SecretBox.isSealed(value) ? value : box.seal(value))
        await database.rows(
          sql`UPDATE users SET second_factor_secret = ${seal(row.secret)}, second_factor_pending_secret = ${seal(row.pending)} WHERE id = ${row.id}`,
          transaction,
        )
        sealed++
      }
    })
  for (const row of rows)
    for (const value of [row.secret, row.pending])
      if (value !== null && SecretBox.isSealed(value)) {
        try {
          box.open(value)
        } catch {
          unreadable++
        }
      }
  return { sealed, unreadable }
}
