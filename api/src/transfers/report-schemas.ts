// The import reports as the OpenAPI document describes them, so that the planner's page reads
// generated types instead of copies. Each phrase carries an English message and a key with
// params the web words in Chinese.
import { z } from '@hono/zod-openapi'

const phrase = z.object({ message: z.string(), key: z.string(), params: z.record(z.string(), z.unknown()) })
const problem = phrase
  .extend({
    kind: z.string(),
    severity: z.enum(['error', 'warning']),
    at: z.tuple([z.number(), z.number()]).optional(),
  })
  .passthrough()
const rejectedFeature = z.object({ feature: z.number().int(), name: z.string(), reasons: z.array(phrase) })

export const gridImportReportSchema = z
  .object({
    valid: z.boolean(),
    applied: z.boolean(),
    draftId: z.number().int().nullable(),
    features: z.number().int(),
    grids: z.array(
      z.object({
        feature: z.number().int(),
        name: z.string(),
        zone: z.string().nullable(),
        status: z.enum(['new', 'changed', 'unchanged']),
        gridId: z.number().int().nullable(),
        villages: z.number().int(),
        institutions: z.number().int(),
        villagesMoved: z.number().int(),
        fit: z.number(),
      }),
    ),
    retired: z.array(z.object({ gridId: z.number().int(), name: z.string(), villages: z.number().int() })),
    rejected: z.array(rejectedFeature),
    problems: z.array(problem),
    format: z.string(),
    crs: z.string(),
  })
  .openapi('GridImportReport')

export const villageImportReportSchema = z
  .object({
    valid: z.boolean(),
    applied: z.boolean(),
    features: z.number().int(),
    matched: z.number().int(),
    missing: z.array(z.object({ villageId: z.number().int(), name: z.string() })),
    rejected: z.array(rejectedFeature),
    problems: z.array(problem),
    format: z.string(),
    crs: z.string(),
  })
  .openapi('VillageImportReport')

export const institutionImportReportSchema = z
  .object({
    valid: z.boolean(),
    applied: z.boolean(),
    rows: z.number().int(),
    created: z.array(z.object({ row: z.number().int(), code: z.string(), name: z.string(), grid: z.string() })),
    changed: z.array(z.object({ row: z.number().int(), code: z.string(), name: z.string(), changes: z.array(phrase) })),
    unchanged: z.number().int(),
    rejected: z.array(z.object({ row: z.number().int(), code: z.string(), reasons: z.array(phrase) })),
    notInFile: z.number().int(),
    ignoredColumns: z.array(z.string()),
    format: z.string(),
    crs: z.string(),
  })
  .openapi('InstitutionImportReport')
