// Password hashing with scrypt, a memory-hard function built into Node (no native add-on to
// install). Parameters travel with the hash so they can be raised later without a migration.
import crypto from 'node:crypto'
import { promisify } from 'node:util'

const scrypt = promisify(crypto.scrypt) as (
  password: string,
  salt: Buffer,
  keyLength: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>

/** 2^15 × 8 × 128 bytes = 32 MiB of memory per hash. */
const cost = { N: 2 ** 15, r: 8, p: 1 }
const keyLengthBytes = 32

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16)
  const hash = await scrypt(password, salt, keyLengthBytes, { ...cost, maxmem: 64 * 1024 * 1024 })
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), hash.toString('base64')].join('$')
}

/**
 * Verified against when the username is unknown, at the same cost as a real hash, so timing does
 * not reveal which usernames exist (it was 2^14 against 2^15: unknown names answered twice as fast).
 */
export const unknownUserPasswordHash = [
  'scrypt',
  cost.N,
  cost.r,
  cost.p,
  Buffer.alloc(16).toString('base64'),
  Buffer.alloc(keyLengthBytes).toString('base64'),
].join('$')

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [algorithm, N, r, p, salt, hash] = stored.split('$')
  if (algorithm !== 'scrypt' || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64')
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(N),
    r: Number(r),
    p: Number(p),
    maxmem: 256 * 1024 * 1024,
  })
  return crypto.timingSafeEqual(actual, expected)
}
