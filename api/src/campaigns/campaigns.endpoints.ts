// Full-coverage campaigns (拉网式全面检查):
//   GET  /api/campaigns        the county's campaigns with their progress in the caller's scope
//   GET  /api/campaigns/{id}   one campaign: progress per grid, its institutions, its problem list
//   POST /api/campaigns        a supervisor or leader starts one: area, period, categories
// An inspection counts for a campaign when POST /api/inspections names it (`campaignId`).
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { institutionTypes } from '@gridwatch/domain/institution-types.ts'
import type { AppEnv } from '../app-env.ts'
import { writePathOf } from '../platform/write-path.ts'
import { allowed, caller, signedIn } from '../auth/access.ts'
import { databaseId, idParam } from '../platform/http/ids.ts'
import { campaignDetail, campaignsOf, createCampaign } from './campaign-queries.ts'

const day = z.iso.date()
const summarySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  areaId: z.number().int().nullable(),
  areaName: z.string().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  categories: z.array(z.string()),
  phase: z.enum(['upcoming', 'running', 'ended']),
  institutions: z.number().int(),
  inspected: z.number().int(),
  gridIds: z.array(z.number().int()),
  createdBy: z.string(),
})

const detailSchema = summarySchema
  .extend({
    grids: z.array(
      z.object({
        gridId: z.number().int(),
        gridName: z.string(),
        zoneName: z.string().nullable(),
        institutions: z.number().int(),
        inspected: z.number().int(),
      }),
    ),
    institutionsList: z.array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        type: z.enum(institutionTypes),
        gridId: z.number().int(),
        position: z.tuple([z.number(), z.number()]),
        inspectedAt: z.string().nullable(),
      }),
    ),
    problems: z.array(
      z.object({
        ledgerItemId: z.number().int(),
        institutionId: z.number().int(),
        institutionName: z.string(),
        gridName: z.string().nullable(),
        category: z.string(),
        problem: z.string(),
        status: z.string(),
        deadlineAt: z.string(),
        overdue: z.boolean(),
      }),
    ),
  })
  .openapi('Campaign')

export function campaignEndpoints() {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      createRoute({
        middleware: [signedIn],
        method: 'get',
        path: '/api/campaigns',
        tags: ['field work'],
        responses: {
          200: {
            content: { 'application/json': { schema: z.array(summarySchema.openapi('CampaignSummary')) } },
            description: 'Latest ending first',
          },
        },
      }),
      async (context) => {
        const { database, now } = context.get('services')
        return context.json(await campaignsOf(database, caller(context), now()), 200)
      },
    )
    .openapi(
      createRoute({
        middleware: [signedIn],
        method: 'get',
        path: '/api/campaigns/{id}',
        tags: ['field work'],
        request: { params: idParam },
        responses: {
          200: {
            content: { 'application/json': { schema: detailSchema } },
            description: 'Progress per grid, institutions, problems — within the caller’s scope',
          },
          404: { description: 'No such campaign' },
        },
      }),
      async (context) => {
        const { database, now } = context.get('services')
        return context.json(await campaignDetail(database, caller(context), context.req.valid('param').id, now()), 200)
      },
    )
    .openapi(
      createRoute({
        middleware: [allowed({ kind: 'campaign.manage' })],
        method: 'post',
        path: '/api/campaigns',
        tags: ['field work'],
        request: {
          body: {
            required: true,
            content: {
              'application/json': {
                schema: z
                  .object({
                    name: z.string().trim().min(1).max(200),
                    areaId: databaseId
                      .nullable()
                      .openapi({ description: 'A zone or grid in force; null for the whole county' }),
                    startsOn: day,
                    endsOn: day,
                    categories: z.array(z.string().min(1).max(50)).min(1).max(50),
                  })
                  .openapi('CampaignStart'),
              },
            },
          },
        },
        responses: { 201: { content: { 'application/json': { schema: summarySchema } }, description: 'Started' } },
      }),
      async (context) => {
        const { database, now } = context.get('services')
        return context.json(
          await createCampaign(database, writePathOf(context), caller(context), context.req.valid('json'), now()),
          201,
        )
      },
    )
}
