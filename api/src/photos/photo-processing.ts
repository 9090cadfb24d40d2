// A photo from a phone, made safe to keep and show: its type judged by its content (not its name or
// the header), its size limited, re-encoded as JPEG (which drops EXIF: the device, its serial, the
// position written by the camera), turned upright, and a thumbnail made. The time and position a
// photo was taken at are kept as columns from what the phone reported, not from EXIF.
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
  image: Buffer
  thumbnail: Buffer
  width: number
  height: number
}

export async function processPhoto(bytes: Buffer): Promise<ProcessedPhoto> {
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
    const thumbnail = await sharp(image)
      .resize({ width: thumbnailSide, height: thumbnailSide, fit: 'inside' })
      .jpeg({ quality: 70 })
      .toBuffer()
    return {
      sourceSha256: crypto.createHash('sha256').update(bytes).digest('hex'),
      image,
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
