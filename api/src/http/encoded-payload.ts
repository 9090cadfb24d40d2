// A JSON payload encoded and compressed once and served many times: brotli or gzip as the client
// accepts, with an ETag so that an unchanged payload costs a 304. The clinic layer and the area
// layers are served this way.
import crypto from 'node:crypto'
import zlib from 'node:zlib'
import type { Context } from 'hono'

export interface EncodedPayload {
  etag: string
  json: string
  gzip: Buffer
  brotli: Buffer
}

export function encodePayload(json: string, etag = `"${crypto.createHash('sha1').update(json).digest('base64url').slice(0, 20)}"`): EncodedPayload {
  return {
    etag,
    json,
    gzip: zlib.gzipSync(json, { level: 6 }),
    brotli: zlib.brotliCompressSync(json, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 6 } }),
  }
}

export function sendEncoded(context: Context, payload: EncodedPayload, contentType: string): Response {
  const headers: Record<string, string> = { etag: payload.etag, 'cache-control': 'no-cache', vary: 'Accept-Encoding, Cookie' }
  if (context.req.header('if-none-match') === payload.etag) return context.body(null, 304, headers)
  const accepted = context.req.header('accept-encoding') ?? ''
  const [body, encoding] = /\bbr\b/.test(accepted) ? [payload.brotli, 'br'] : /\bgzip\b/.test(accepted) ? [payload.gzip, 'gzip'] : [payload.json, undefined]
  return context.body(body as never, 200, { ...headers, 'content-type': contentType, ...(encoding ? { 'content-encoding': encoding } : {}) })
}
