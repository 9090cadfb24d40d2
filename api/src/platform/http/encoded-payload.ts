// A JSON payload encoded once, compressed once per encoding asked for, and served many times:
// brotli or gzip as the client accepts, with an ETag so that an unchanged payload costs a 304. The
// institution layer and the area layers are served this way.
import crypto from 'node:crypto'
import zlib from 'node:zlib'
import type { Context } from 'hono'

export interface EncodedPayload {
  etag: string
  /** The JSON text, or its UTF-8 bytes. */
  body: string | Buffer
  /** Compressed on first use and kept: a screen asks for one encoding, and a province layer costs hundreds of milliseconds per encoding. */
  readonly gzip: Buffer
  readonly brotli: Buffer
}

class LazyPayload implements EncodedPayload {
  #gzip: Buffer | null = null
  #brotli: Buffer | null = null
  constructor(
    readonly body: string | Buffer,
    readonly etag: string,
  ) {}

  get gzip(): Buffer {
    return (this.#gzip ??= zlib.gzipSync(this.body, { level: 6 }))
  }

  get brotli(): Buffer {
    return (this.#brotli ??= zlib.brotliCompressSync(this.body, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 6 },
    }))
  }
}

export function encodePayload(
  body: string | Buffer,
  etag = `"${crypto.createHash('sha1').update(body).digest('base64url').slice(0, 20)}"`,
): EncodedPayload {
  return new LazyPayload(body, etag)
}

export function sendEncoded(context: Context, payload: EncodedPayload, contentType: string): Response {
  const headers: Record<string, string> = {
    etag: payload.etag,
    'cache-control': 'no-cache',
    vary: 'Accept-Encoding, Cookie',
  }
  if (context.req.header('if-none-match') === payload.etag) return context.body(null, 304, headers)
  const accepted = context.req.header('accept-encoding') ?? ''
  const [body, encoding] = /\bbr\b/.test(accepted)
    ? [payload.brotli, 'br']
    : /\bgzip\b/.test(accepted)
      ? [payload.gzip, 'gzip']
      : [payload.body, undefined]
  return context.body(body as never, 200, {
    ...headers,
    'content-type': contentType,
    ...(encoding ? { 'content-encoding': encoding } : {}),
  })
}
