// Sealing second-factor secrets: a round trip, a fresh nonce each time, nothing opens under another
// key or after tampering, values from before sealing pass through, and the key file is made once
// (owner-only) and refused when it holds no key.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { loadSecretKey, SecretBox, SecretKeyMismatch } from './secret-box.ts'
import { ConfigurationError } from './config.ts'

let scratch = ''
beforeEach(() => void (scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'gridwatch-secret-'))))
afterEach(() => fs.rmSync(scratch, { recursive: true, force: true }))

describe('SecretBox', () => {
  const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'

  test('seals with a fresh nonce each time and opens what it sealed', () => {
    const box = SecretBox.random()
    const [first, second] = [box.seal(secret), box.seal(secret)]
    expect(first).not.toBe(second)
    expect(first).not.toContain(secret)
    expect(SecretBox.isSealed(first)).toBe(true)
    expect(box.open(first)).toBe(secret)
    expect(box.open(second)).toBe(secret)
  })

  test('another key or a changed byte opens nothing; a value stored before sealing passes through', () => {
    const sealed = SecretBox.random().seal(secret)
    expect(() => SecretBox.random().open(sealed)).toThrow(SecretKeyMismatch)
    const box = SecretBox.random()
    const mine = box.seal(secret)
    const raw = Buffer.from(mine.slice('sealed:v1:'.length), 'base64')
    raw[raw.length - 1]! ^= 1
    expect(() => box.open(`sealed:v1:${raw.toString('base64')}`)).toThrow(SecretKeyMismatch)
    expect(box.open(secret)).toBe(secret)
  })
})

describe('the key file', () => {
  test('is made once, readable by its owner only, and read back the same', () => {
    const file = path.join(scratch, 'keys', 'secret.key')
    const made = loadSecretKey(file)
    expect(made.created).toBe(true)
    expect(fs.statSync(file).mode & 0o777).toBe(0o600)
    const again = loadSecretKey(file)
    expect(again.created).toBe(false)
    expect(again.key.equals(made.key)).toBe(true)
    // What one box sealed, a box from the same file opens.
    expect(new SecretBox(again.key).open(new SecretBox(made.key).seal('a'))).toBe('a')
  })

  test('holding anything but a key stops the start with a clear message', () => {
    const file = path.join(scratch, 'secret.key')
    fs.writeFileSync(file, 'not a key\n')
    expect(() => loadSecretKey(file)).toThrow(ConfigurationError)
    expect(() => loadSecretKey(file)).toThrow(/openssl rand -base64 32/)
  })
})
