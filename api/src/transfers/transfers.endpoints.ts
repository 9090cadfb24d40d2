// Imports and exports for planners (and administrators):
//   POST /api/planner/import/grids?crs=&apply=          GeoJSON or zipped Shapefile of grid polygons →
//                                                        report; with apply=true and no errors, a new draft
//   POST /api/planner/import/villages?crs=&apply=          GeoJSON or zipped Shapefile of real village polygons →
//                                                        report; with apply=true and no errors, they replace
//                                                        the villages (grids and zones re-dissolved)
//   POST /api/planner/import/institutions?crs=&apply=   CSV or XLSX of institutions → report; with
//                                                        apply=true and no rejected row, written in one go
//   GET  /api/planner/export/grids?crs=&format=&draft=  GeoJSON or zipped Shapefile (published grids, or a draft's)
//   GET  /api/planner/export/villages?crs=&format=         GeoJSON or zipped Shapefile of the villages
//   GET  /api/planner/export/institutions?format=&crs=  GeoJSON, CSV, XLSX or zipped Shapefile
// The body of an import is the file itself (any content type); the file name, for the draft's
// name and the audit, comes in `name`. Without apply=true an import writes nothing.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { auditExport, writePathOf } from '../platform/write-path.ts'
import { boundaryUploadLimit } from '../boundaries/boundaries.endpoints.ts'
import { coordinateSystems, featuresToWgs84, readFeatureFile, readTableFile } from './upload-files.ts'
import { importGrids } from './grid-import.ts'
import { importInstitutions } from './institution-import.ts'
import { importVillages } from './village-import.ts'
import {
  exportGrids,
  exportVillages,
  institutionCollection,
  institutionsCsv,
  institutionsXlsx,
  institutionTable,
  shapefileOf,
} from './layer-exports.ts'
import { allowed, caller } from '../auth/access.ts'
import { can } from '../auth/can.ts'
import { gridImportReportSchema, institutionImportReportSchema, villageImportReportSchema } from './report-schemas.ts'
import { databaseIdText } from '../platform/http/ids.ts'

const crs = z
  .enum(coordinateSystems)
  .default('wgs84')
  .openapi({ description: 'Coordinate system of the file: wgs84, gcj02 (Amap, Tencent) or bd09 (Baidu)' })
const importQuery = z.object({
  crs,
  apply: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  name: z.string().trim().max(200).default('upload'),
})
const fileBody = {
  required: true,
  content: {
    'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) },
  },
  description: 'The file: GeoJSON or a zipped Shapefile for grids; CSV or XLSX for institutions',
}
const report = <Schema extends z.ZodTypeAny>(schema: Schema, description: string) => ({
  200: { content: { 'application/json': { schema } }, description },
  400: { description: 'The file cannot be read (what is wrong, and where)' },
  413: { description: 'Upload too large' },
})

async function uploadedBytes(context: Context<AppEnv>): Promise<Uint8Array> {
  return new Uint8Array(await context.req.arrayBuffer())
}

function download(context: Context<AppEnv>, body: string | Uint8Array, type: string, fileName: string) {
  return context.body(body as never, 200, {
    'content-type': type,
    'content-disposition': `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
  })
}

/** Grids and villages: GeoJSON (the default) or a zipped Shapefile. */
const layerFormat = z.enum(['geojson', 'shapefile']).default('geojson')

export function transferEndpoints() {
  const app = new OpenAPIHono<AppEnv>()
  app.use('/api/planner/import/*', boundaryUploadLimit)
  return app
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'boundary.edit' })],
        method: 'post',
        path: '/api/planner/import/grids',
        tags: ['planner'],
        request: { query: importQuery, body: fileBody },
        responses: report(
          gridImportReportSchema,
          'What the import would do (or did): grids new/changed/unchanged, retired, rejected features with reasons',
        ),
      }),
      async (context) => {
        const user = caller(context)
        const { database } = context.get('services')
        const query = context.req.valid('query')
        const { features, format } = await readFeatureFile(await uploadedBytes(context))
        featuresToWgs84(features, query.crs)
        const result = await importGrids(database, user.countyCode, features, {
          apply: query.apply,
          fileName: query.name,
          userId: user.id,
          write: writePathOf(context),
          audit: { action: 'import', details: { crs: query.crs, format } },
        })
        return context.json({ ...result, format, crs: query.crs }, 200)
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'boundary.edit' })],
        method: 'post',
        path: '/api/planner/import/villages',
        tags: ['planner'],
        request: { query: importQuery, body: fileBody },
        responses: report(
          villageImportReportSchema,
          'What the import would do (or did): villages matched, villages without a polygon, rejected features with reasons',
        ),
      }),
      async (context) => {
        const user = caller(context)
        const { database, institutionLayer } = context.get('services')
        const query = context.req.valid('query')
        const { features, format } = await readFeatureFile(await uploadedBytes(context))
        featuresToWgs84(features, query.crs)
        const result = await importVillages(database, user.countyCode, features, {
          apply: query.apply,
          write: writePathOf(context),
          auditDetails: { file: query.name, crs: query.crs, format },
        })
        if (result.applied) await institutionLayer.refresh()
        return context.json({ ...result, format, crs: query.crs }, 200)
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'boundary.edit' })],
        method: 'post',
        path: '/api/planner/import/institutions',
        tags: ['planner'],
        request: { query: importQuery, body: fileBody },
        responses: report(
          institutionImportReportSchema,
          'What the import would do (or did): new, changed and unchanged rows, rejected rows with reasons',
        ),
      }),
      async (context) => {
        const user = caller(context)
        const { database, institutionLayer } = context.get('services')
        const query = context.req.valid('query')
        const table = await readTableFile(await uploadedBytes(context))
        const { changedIds, ...result } = await importInstitutions(database, user.countyCode, table, {
          apply: query.apply,
          system: query.crs,
          write: writePathOf(context),
          auditDetails: { file: query.name, crs: query.crs, format: table.format },
        })
        if (changedIds.length > 0) await institutionLayer.refresh()
        return context.json({ ...result, format: table.format, crs: query.crs }, 200)
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'boundary.edit' })],
        method: 'get',
        path: '/api/planner/export/grids',
        tags: ['planner'],
        request: { query: z.object({ crs, format: layerFormat, draft: databaseIdText.optional() }) },
        responses: {
          200: { description: 'Grids as GeoJSON (application/geo+json) or a zipped Shapefile (application/zip)' },
        },
      }),
      async (context) => {
        const user = caller(context)
        const { crs: system, format, draft } = context.req.valid('query')
        const grids = await exportGrids(context.get('services').database, user.countyCode, {
          system,
          ...(draft ? { draftId: draft } : {}),
        })
        const name = `grids-${draft ? `draft-${draft}` : 'published'}-${system}`
        await auditExport(context, 'grid', { format, crs: system, draft: draft ?? null, rows: grids.features.length })
        if (format === 'shapefile')
          return download(context, await shapefileOf('grids', 'polygon', grids), 'application/zip', `${name}.zip`)
        return download(context, JSON.stringify(grids), 'application/geo+json', `${name}.geojson`)
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'boundary.edit' })],
        method: 'get',
        path: '/api/planner/export/villages',
        tags: ['planner'],
        request: { query: z.object({ crs, format: layerFormat }) },
        responses: {
          200: { description: 'Villages as GeoJSON (application/geo+json) or a zipped Shapefile (application/zip)' },
        },
      }),
      async (context) => {
        const user = caller(context)
        const { crs: system, format } = context.req.valid('query')
        const villages = await exportVillages(context.get('services').database, user.countyCode, { system })
        await auditExport(context, 'village', { format, crs: system, rows: villages.features.length })
        if (format === 'shapefile')
          return download(
            context,
            await shapefileOf('villages', 'polygon', villages),
            'application/zip',
            `villages-${system}.zip`,
          )
        return download(context, JSON.stringify(villages), 'application/geo+json', `villages-${system}.geojson`)
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'boundary.edit' })],
        method: 'get',
        path: '/api/planner/export/institutions',
        tags: ['planner'],
        request: { query: z.object({ crs, format: z.enum(['geojson', 'csv', 'xlsx', 'shapefile']).default('csv') }) },
        responses: {
          200: {
            description:
              'Institutions as GeoJSON, CSV (UTF-8 with BOM) or XLSX with the importer’s column names, or a zipped Shapefile (English field names)',
          },
        },
      }),
      async (context) => {
        const user = caller(context)
        const { database } = context.get('services')
        const { crs: system, format } = context.req.valid('query')
        const name = `institutions-${system}.${format === 'shapefile' ? 'zip' : format}`
        // Phone numbers as the reader sees them on screen: masked unless the role reads them.
        const options = { system, maskPhones: !can(user, { kind: 'phone.read' }).allowed }
        const table = await institutionTable(database, user.countyCode, options)
        // Every export is on record: who, what, in which form, how many rows, whether phones were masked.
        await auditExport(context, 'institution', {
          format,
          crs: system,
          rows: table.length,
          phonesMasked: options.maskPhones,
        })
        if (format === 'shapefile')
          return download(
            context,
            await shapefileOf('institutions', 'point', institutionCollection(table)),
            'application/zip',
            name,
          )
        if (format === 'geojson')
          return download(context, JSON.stringify(institutionCollection(table)), 'application/geo+json', name)
        if (format === 'csv') return download(context, institutionsCsv(table), 'text/csv; charset=utf-8', name)
        return download(
          context,
          await institutionsXlsx(table),
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          name,
        )
      },
    )
}
