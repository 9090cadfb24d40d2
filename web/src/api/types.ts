// The shapes the pages read from the API, taken from the types generated from /api/openapi.json
// (schema.ts, `pnpm api-types`): never copied by hand.
import type { components, paths } from './schema.ts'
import type { InstitutionDetail as InstitutionDetailFields } from '@gridwatch/domain/institution-views.ts'
import type { FeatureCollection, MultiPolygon } from 'geojson'

type Schemas = components['schemas']

type JsonOf<Response> = Response extends { content: { 'application/json': infer Body } } ? Body : never

/** The JSON an endpoint answers with on success. */
export type ResponseOf<
  Path extends keyof paths,
  Method extends 'get' | 'post' | 'put' | 'delete',
> = paths[Path][Method] extends { responses: infer Responses }
  ? Responses extends { 200: infer Ok }
    ? JsonOf<Ok>
    : Responses extends { 201: infer Created }
      ? JsonOf<Created>
      : never
  : never

export type AreaProperties = Schemas['AreaCollection']['features'][number]['properties']

export type InstitutionProperties = Schemas['InstitutionCollection']['features'][number]['properties']

export type AreaCollection = FeatureCollection<MultiPolygon, AreaProperties>

export type User = Schemas['User']

export type DemoAccount = Schemas['DemoAccount']

export type { GridDetail, StaffContact } from '@gridwatch/domain/institution-views.ts'

/** GET /api/institutions/{id}: the map figures and the panel's detail. */
export type InstitutionDetail = Schemas['Institution'] & InstitutionDetailFields

/** GET /api/institutions/search */
export type SearchHit = Schemas['InstitutionSearchHit']

export type InstitutionType = InstitutionProperties['type']
export type SecondFactorStatus = Schemas['SecondFactorStatus']
export type RouteSheet = Schemas['RouteSheet']
