// A photo from a phone, made safe to keep and show: its type judged by its content (not its name or
// the header), its size limited, re-encoded as JPEG (which drops EXIF: the device, its serial, the
// position written by the camera), turned upright, and a thumbnail made. The time and position a
// photo was taken at are kept as columns from what the phone reported, not from EXIF. The photo
// as shown carries them burnt in (time, place, institution, member: a picture cannot be passed off
// as another visit's); the re-encoded photo without them is kept as the evidence.
import crypto from 'node:crypto'
import sharp from 'sharp'
import { Failure, failures } from '../platform/failure.ts'

export const maximumPhotoBytes = 12 * 1024 * 1024
const maximumInputPixels = 50_000_000
const longestSide = 2048
const thumbnailSide = 320
const acceptedFormats = new Set(['jpeg', 'png', 'webp', 'heif'])

export interface ProcessedPhoto {
  sourceSha256: string
  /** As taken (re-encoded): the evidence. */
  image: Buffer
  /** As shown: the watermark burnt in (the image itself when there are no lines). */
  marked: Buffer
  /** Of the shown photo. */
  thumbnail: Buffer
  width: number
  height: number
}

const escapeXml = (text: string) => text.replace(/[<>&'"]/g, (character) => `&#${character.charCodeAt(0)};`)

/** The lines in a dark band along the bottom, sized to the photo (legible on a phone and in print). */
async function burnIn(image: Buffer, width: number, height: number, lines: readonly string[]): Promise<Buffer> {
  const fontSize = Math.max(14, Math.round(Math.min(width, height) / 28))
  const lineHeight = Math.round(fontSize * 1.35)
  const bandHeight = lineHeight * lines.length + Math.round(fontSize * 0.8)
  const text = lines
    .map(
      (line, index) =>
        `<text x="${Math.round(fontSize * 0.6)}" y="${Math.round(fontSize * 0.4) + lineHeight * (index + 1) - Math.round(lineHeight * 0.25)}">${escapeXml(line)}</text>`,
    )
    .join('')
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${bandHeight}">
    <rect width="100%" height="100%" fill="black" fill-opacity="0.55"/>
    <g font-family="Noto Sans CJK SC, Noto Sans SC, sans-serif" font-size="${fontSize}" fill="white">${text}</g>
  </svg>`
  return sharp(image)
    .composite([{ input: Buffer.from(svg), top: height - bandHeight, left: 0 }])
    .jpeg({ quality: 80, mozjpeg: true })
    .toBuffer()
}

/** `watermark`: the lines burnt into the shown photo (none: shown as taken). */
export async function processPhoto(bytes: Buffer, watermark: readonly string[] = []): Promise<ProcessedPhoto> {
  if (bytes.length === 0) throw failures.invalid('The photo is empty.', [{ path: 'file', message: 'empty' }])
  if (bytes.length > maximumPhotoBytes)
    throw new Failure(
      'too-large',
      'payload-too-large',
      'Upload too large',
      `A photo may be at most ${maximumPhotoBytes / 1024 / 1024} MB; this one is ${(bytes.length / 1024 / 1024).toFixed(1)} MB.`,
    )
  let format: string | undefined
  try {
    format = (await sharp(bytes, { limitInputPixels: maximumInputPixels }).metadata()).format
  } catch {
    format = undefined
  }
  if (!format || !acceptedFormats.has(format))
    throw failures.invalid(`The file is not a photo (JPEG, PNG, WebP or HEIF)${format ? `; it is ${format}` : ''}.`, [
      { path: 'file', message: 'not a photo' },
    ])
  try {
    const { data: image, info } = await sharp(bytes, { limitInputPixels: maximumInputPixels })
      .rotate()
      .resize({ width: longestSide, height: longestSide, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 80, mozjpeg: true })
      .toBuffer({ resolveWithObject: true })
    const marked = watermark.length === 0 ? image : await burnIn(image, info.width, info.height, watermark)
    const thumbnail = await sharp(marked)
      .resize({ width: thumbnailSide, height: thumbnailSide, fit: 'inside' })
      .jpeg({ quality: 70 })
      .toBuffer()
    return {
      sourceSha256: crypto.createHash('sha256').update(bytes).digest('hex'),
      image,
      marked,
      thumbnail,
      width: info.width,
      height: info.height,
    }
  } catch {
    throw failures.invalid('The photo cannot be decoded; it may be truncated. Take it again.', [
      { path: 'file', message: 'undecodable' },
    ])
  }
}
