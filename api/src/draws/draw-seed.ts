// The server's half of a double random draw (双随机一公开): the secret seed, its SHA-256
// commitment and the numbers drawn from it, with Node's crypto. The rule itself is pure
// (domain/draw.ts) and runs in the browser too, where verification uses Web Crypto. The
// seed is fixed before anyone sees a result and only its SHA-256 is shown (the commitment); after
// the draw the seed is revealed, and anyone holding the frozen inputs can recompute the result
// with this function — or with any SHA-256 tool, since the random numbers are plain hashes of
// `seed:counter`. Institutions may be weighted towards risk; inspectors with a conflict of
// interest (their own grid or assigned institutions among the drawn) are excluded before drawing.
import crypto from 'node:crypto'
import {
  canonicalDrawInputs,
  drawWith,
  numberFromDigest,
  type DrawInputs,
  type DrawResult,
} from '@gridwatch/domain/draw.ts'

export function newDrawSeed(): string {
  return crypto.randomBytes(32).toString('hex')
}

export function drawCommitment(seed: string): string {
  return crypto.createHash('sha256').update(seed).digest('hex')
}

/** SHA-256 of the inputs' canonical text: public from commitment, so the candidates cannot change unseen. */
export function drawInputsDigest(inputs: DrawInputs): string {
  return crypto.createHash('sha256').update(canonicalDrawInputs(inputs)).digest('hex')
}

/** The `counter`-th number in [0, 1) of the seed's stream: the first 52 bits of SHA-256("seed:counter"). */
export function drawNumber(seed: string, counter: number): number {
  return numberFromDigest(crypto.createHash('sha256').update(`${seed}:${counter}`).digest())
}

export function draw(inputs: DrawInputs, seed: string): DrawResult {
  return drawWith(inputs, (counter) => drawNumber(seed, counter))
}
