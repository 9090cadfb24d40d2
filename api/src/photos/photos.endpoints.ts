// POST /api/photos: a photo taken at an institution, uploaded before the inspection or ledger step
// that names it (multipart: the file and what it shows; Idempotency-Key so a retried upload makes
// one photo). GET /api/photos/{id} and …/thumbnail serve it to whoever may read its institution.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { bodyLimit } from 'hono/body-limit'
import { sql } from 'drizzle-orm'
import { schema } from '@gridwatch/db'
import { photoKinds } from '@gridwatch/db/schema'
import type { AppEnv } from '../app-env.ts'
import { writePathOf } from '../platform/write-path.ts'
import { Failure, failures } from '../platform/failure.ts'
import { idempotent } from '../platform/idempotency.ts'
import { allowed, authorise, caller, signedIn } from '../auth/access.ts'
import { placedInstitution } from '../institutions/institution-place.ts'
import { maximumPhotoBytes, processPhoto } from './photo-processing.ts'
import { watermarkOf } from './watermark.ts'
import { databaseIdText } from '../platform/http/ids.ts'
import { countyFieldSettings } from '../settings/field-settings.ts'

const photoUpload = z
  .object({
    file: z.any().openapi({ type: 'string', format: 'binary', description: 'JPEG, PNG, WebP or HEIF, at most 12 MB' }),
    kind: z.enum(photoKinds).openapi({
      description:
        'sign: the institution’s contact poster or sign (proves presence); scene; evidence of a rectification',
    }),
    institutionId: databaseIdText,
    takenAt: z.iso.datetime({ offset: true }).optional(),
    longitude: z.coerce.number().min(-180).max(180).optional(),
    latitude: z.coerce.number().min(-90).max(90).optional(),
    accuracyMeters: z.coerce.number().min(0).max(100_000).optional(),
  })
  .openapi('PhotoUpload')

const photoSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(photoKinds),
    institutionId: z.number().int(),
    width: z.number().int(),
    height: z.number().int(),
    sourceSha256: z.string(),
    takenAt: z.string().nullable(),
  })
  .openapi('Photo')

const photoLimit = bodyLimit({
  maxSize: maximumPhotoBytes + 64 * 1024,
  onError: () => {
    throw new Failure(
      'too-large',
      'payload-too-large',
      'Upload too large',
      `A photo may be at most ${maximumPhotoBytes / 1024 / 1024} MB.`,
    )
  },
})

export function photoEndpoints() {
  const app = new OpenAPIHono<AppEnv>()
  app.use('/api/photos', photoLimit)
  return app
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'field.record' }), idempotent(201)],
        method: 'post',
        path: '/api/photos',
        tags: ['field'],
        request: { body: { required: true, content: { 'multipart/form-data': { schema: photoUpload } } } },
        responses: {
          201: {
            content: { 'application/json': { schema: photoSchema } },
            description: 'Kept: re-encoded, without EXIF, with a thumbnail',
          },
          400: { description: 'Not a photo, or a field is wrong' },
          413: { description: 'Larger than 12 MB' },
        },
      }),
      async (context) => {
        const user = caller(context)
        const input = context.req.valid('form')
        if (!(input.file instanceof File))
          throw failures.invalid('Send the photo as the multipart field "file".', [
            { path: 'file', message: 'missing' },
          ])
        const { database, now } = context.get('services')
        const institution = await placedInstitution(database, input.institutionId)
        authorise(user, { kind: 'photo.create', institution }, 'You cannot add a photo here')
        const hasPosition = input.longitude !== undefined && input.latitude !== undefined
        const { timeZone } = await countyFieldSettings(database, institution.countyCode)
        const processed = await processPhoto(
          Buffer.from(await input.file.arrayBuffer()),
          watermarkOf({
            takenAt: input.takenAt ? new Date(input.takenAt) : now(),
            timeZone,
            institutionName: institution.name,
            position: hasPosition ? [input.longitude!, input.latitude!] : null,
            accuracyMeters: input.accuracyMeters ?? null,
            member: user.displayName,
          }),
        )
        const created = await writePathOf(
          context,
          user,
        )(async (transaction, record) => {
          const [row] = await transaction
            .insert(schema.photos)
            .values({
              countyCode: institution.countyCode,
              kind: input.kind,
              institutionId: institution.id,
              uploadedBy: user.id,
              sourceSha256: processed.sourceSha256,
              takenAt: input.takenAt ? new Date(input.takenAt) : null,
              position: hasPosition ? { type: 'Point', coordinates: [input.longitude!, input.latitude!] } : null,
              positionAccuracyMeters: input.accuracyMeters ?? null,
              width: processed.width,
              height: processed.height,
              image: processed.image,
              marked: processed.marked,
              thumbnail: processed.thumbnail,
            })
            .returning({ id: schema.photos.id })
          const photo = {
            id: row!.id,
            kind: input.kind,
            institutionId: institution.id,
            width: processed.width,
            height: processed.height,
            sourceSha256: processed.sourceSha256,
            takenAt: input.takenAt ? new Date(input.takenAt).toISOString() : null,
          }
          await record.audit({
            action: 'create',
            entity: 'photo',
            entityId: photo.id,
            after: photo,
            countyCode: institution.countyCode,
            changes: [],
          })
          return photo
        })
        return context.json(created, 201)
      },
    )
    .openapi(
      createRoute({
        middleware: [signedIn],
        method: 'get',
        path: '/api/photos/{id}/{size}',
        tags: ['field'],
        request: {
          params: z.object({
            id: databaseIdText,
            size: z.enum(['full', 'thumbnail', 'original']).openapi({
              description: 'full: as shown, time, place and member burnt in; original: as taken (the evidence)',
            }),
          }),
        },
        responses: {
          200: {
            content: { 'image/jpeg': { schema: z.string().openapi({ format: 'binary' }) } },
            description: 'The re-encoded JPEG or its thumbnail',
          },
        },
      }),
      async (context) => {
        const user = caller(context)
        const { id, size } = context.req.valid('param')
        const { database } = context.get('services')
        const [photo] = await database.rows<{
          institution_id: number
          uploaded_by: number
          bytes: Buffer | Uint8Array
        }>(sql`
          SELECT institution_id, uploaded_by, ${
            size === 'full' ? sql`coalesce(marked, image)` : size === 'original' ? sql`image` : sql`thumbnail`
          } AS bytes FROM photos WHERE id = ${id}`)
        if (!photo) throw failures.notFound(`Photo ${id} does not exist.`)
        if (photo.uploaded_by !== user.id)
          authorise(
            user,
            { kind: 'institution.read', institution: await placedInstitution(database, photo.institution_id) },
            'You cannot see this photo',
          )
        return context.body(new Uint8Array(photo.bytes), 200, {
          'content-type': 'image/jpeg',
          'cache-control': 'private, max-age=86400, immutable',
        })
      },
    )
}
