// A fresh Idempotency-Key for a write the person means to make once (crypto.randomUUID needs HTTPS;
// getRandomValues does not, and a county intranet may serve HTTP). The phone's outbox and the desk's
// one-off writes (a clue taken in, a step on a report or an item) use the same keys.
import { bytesToHex } from '@noble/hashes/utils.js'

export function newKey(): string {
  return bytesToHex(crypto.getRandomValues(new Uint8Array(16)))
}
