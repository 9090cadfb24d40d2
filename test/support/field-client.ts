// What a phone does against the API, for tests: upload a photo (multipart, Idempotency-Key), work out
// the content hash it signs over, and record an inspection.
import crypto from 'node:crypto'
import sharp from 'sharp'
import type { App } from '@gridwatch/api'
import { inspectionContentText, type InspectionContent } from '@gridwatch/domain/inspection-content.ts'

/** A real JPEG as a phone camera writes it: with EXIF naming the device. */
export async function cameraJpeg(options: { width?: number; height?: number; colour?: string } = {}): Promise<Buffer> {
  return sharp({
    create: {
      width: options.width ?? 1600,
      height: options.height ?? 1200,
      channels: 3,
      background: options.colour ?? '#7fa35a',
    },
  })
    .jpeg({ quality: 85 })
    .withExif({ IFD0: { Make: 'GridPhone', Model: 'GP-1', Copyright: 'serial 0042' } })
    .toBuffer()
}

export function sha256(bytes: Buffer | string): string {
  return crypto.createHash('sha256').update(bytes).digest('hex')
}

export async function uploadPhoto(
  app: App,
  cookie: string,
  fields: {
    institutionId: number
    kind: 'sign' | 'scene' | 'evidence'
    bytes: Buffer
    fileName?: string
    type?: string
    takenAt?: string
    position?: [number, number]
  },
  key: string = crypto.randomUUID(),
): Promise<Response> {
  const form = new FormData()
  form.set(
    'file',
    new Blob([new Uint8Array(fields.bytes)], { type: fields.type ?? 'image/jpeg' }),
    fields.fileName ?? 'photo.jpg',
  )
  form.set('kind', fields.kind)
  form.set('institutionId', String(fields.institutionId))
  if (fields.takenAt) form.set('takenAt', fields.takenAt)
  if (fields.position) {
    form.set('longitude', String(fields.position[0]))
    form.set('latitude', String(fields.position[1]))
    form.set('accuracyMeters', '10')
  }
  return app.request('/api/photos', { method: 'POST', headers: { cookie, 'idempotency-key': key }, body: form })
}

/** The hash a phone shows the signers: of the record's canonical content. */
export function contentHashOf(content: InspectionContent): string {
  return sha256(inspectionContentText(content))
}

/** A tiny drawn signature, as signature_pad's toDataURL gives it. */
export async function signatureImage(): Promise<string> {
  const png = await sharp({
    create: { width: 40, height: 16, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
  })
    .png()
    .toBuffer()
  return `data:image/png;base64,${png.toString('base64')}`
}
