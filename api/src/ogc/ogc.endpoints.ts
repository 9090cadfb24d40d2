// OGC API – Features, Part 1: Core, with GeoJSON, at /ogc: the published zones, grids and village
// units and the institutions, so that planners open the layers in QGIS or read them with GDAL's
// OAPIF driver. Items support `limit` (1–10,000, default 100), `bbox` (CRS84) and `offset` paging
// through `next` links; `datetime` is accepted and ignored (the layers have no time axis);
// unknown parameters are a 400, as the standard asks. Reading needs what the map needs: a
// session (or the user's name and password as HTTP Basic credentials, for QGIS and GDAL), a wall
// display or demo mode; institutions are limited to the caller's scope.
import { Hono, type Context } from 'hono'
import { sql, type SQL } from 'drizzle-orm'
import type { AppEnv } from '../app-env.ts'
import type { SessionUser } from '../auth/session-user.ts'
import type { InstitutionLayer } from '../map/institution-layer.ts'
import { Failure, failures } from '../platform/failure.ts'
import { publishedBoundaryVersionIds } from '../boundaries/published-version.ts'
import { mapReader } from '../auth/map-reader.ts'

const conformance = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
]
const crs84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84'
const geoJson = 'application/geo+json'
const maximumLimit = 10_000
const defaultLimit = 100

interface Collection {
  id: string
  title: string
  description: string
  /** Rows of the collection: id, properties as JSON, geometry as GeoJSON text; `scope` limits institutions. */
  rows(scope: SQL, where: SQL, limit: number, offset: number): SQL
  count(scope: SQL, where: SQL): SQL
  /** The geometry column in the collection's FROM, for bbox filters. */
  geometry: SQL
  extent: SQL
}

const areaCollection = (
  id: string,
  level: 'zone' | 'grid' | 'village',
  title: string,
  description: string,
): Collection => {
  const from = sql`areas a LEFT JOIN areas p ON p.id = a.parent_id WHERE a.level = ${level} AND a.geom IS NOT NULL AND a.boundary_version_id IN ${publishedBoundaryVersionIds}`
  return {
    id,
    title,
    description,
    geometry: sql`a.geom`,
    rows: (_scope, where, limit, offset) => sql`
      SELECT a.id, ST_AsGeoJSON(a.geom, 6) AS geometry,
        json_build_object('name', a.name, 'code', a.statistical_code, 'parentId', a.parent_id, 'parentName', p.name, 'countyCode', a.county_code,
          'boundaryVersionId', a.boundary_version_id, 'demo', a.is_demo) AS properties
      FROM ${from} ${where} ORDER BY a.id LIMIT ${limit} OFFSET ${offset}`,
    count: (_scope, where) => sql`SELECT count(*)::int AS count FROM ${from} ${where}`,
    extent: sql`SELECT ST_XMin(e) AS x1, ST_YMin(e) AS y1, ST_XMax(e) AS x2, ST_YMax(e) AS y2 FROM (SELECT ST_Extent(a.geom) AS e FROM ${from}) extent`,
  }
}

/**
 * Institutions the user may see, as a condition: their counties for county-wide roles, else the ids the
 * institution layer holds for them (the one scope rule, can.ts's, applied there).
 */
async function institutionScope(user: SessionUser, layer: InstitutionLayer): Promise<SQL> {
  if (user.scopeKind === 'district') return sql`starts_with(i.county_code, ${user.countyCode})`
  const ids = (await layer.records(user)).map((record) => record.id)
  return sql`i.id IN (${sql.join(
    [-1, ...ids].map((id) => sql`${id}`),
    sql`, `,
  )})`
}

const institutionCollection: Collection = {
  id: 'institutions',
  title: '定点医药机构 Designated medical institutions',
  description: 'Active designated institutions (points) with their grid and credit grade.',
  geometry: sql`i.position`,
  rows: (scope, where, limit, offset) => sql`
    SELECT i.id, ST_AsGeoJSON(i.position, 6) AS geometry,
      json_build_object('name', i.name, 'code', i.code, 'type', i.type, 'gridId', i.grid_id, 'gridName', g.name, 'creditGrade', i.credit_grade,
        'blacklisted', i.blacklisted, 'countyCode', i.county_code, 'demo', i.is_demo) AS properties
    FROM institutions i LEFT JOIN areas g ON g.id = i.grid_id
    WHERE i.status = 'active' AND ${scope} ${where} ORDER BY i.id LIMIT ${limit} OFFSET ${offset}`,
  count: (scope, where) =>
    sql`SELECT count(*)::int AS count FROM institutions i WHERE i.status = 'active' AND ${scope} ${where}`,
  extent: sql`SELECT ST_XMin(e) AS x1, ST_YMin(e) AS y1, ST_XMax(e) AS x2, ST_YMax(e) AS y2 FROM (SELECT ST_Extent(position) AS e FROM institutions WHERE status = 'active') extent`,
}

const collections: Collection[] = [
  areaCollection('zones', 'zone', '片区 Zones', 'Supervision zones of the published boundary version.'),
  areaCollection(
    'grids',
    'grid',
    '网格 Grids',
    'Grids of the published boundary version: the union of their villages.',
  ),
  areaCollection(
    'villages',
    'village',
    '村 Villages',
    'The base units grids are built from (demo cells where real village polygons are not loaded).',
  ),
  institutionCollection,
]

const itemParameters = new Set(['limit', 'offset', 'bbox', 'bbox-crs', 'datetime', 'f'])

function reader(context: Context<AppEnv>): SessionUser {
  const user = mapReader(context)
  if (!user) {
    // Tells QGIS and GDAL to send the user's name and password.
    context.header('WWW-Authenticate', 'Basic realm="gridwatch OGC API", charset="UTF-8"')
    throw failures.unauthenticated()
  }
  return user
}

function baseUrl(context: Context<AppEnv>): string {
  const url = new URL(context.req.url)
  return `${url.protocol}//${url.host}/ogc`
}

function respond(context: Context<AppEnv>, body: unknown, type = 'application/json') {
  return context.body(JSON.stringify(body), 200, { 'content-type': type })
}

function checkFormat(context: Context<AppEnv>) {
  const format = context.req.query('f')
  if (format !== undefined && format !== 'json' && format !== 'geojson')
    throw failures.invalid(`Format "${format}" is not offered; use f=json (or no f).`, [
      { path: 'f', message: 'json only' },
    ])
}

async function describe(context: Context<AppEnv>, collection: Collection) {
  const base = baseUrl(context)
  const [extent] = await context
    .get('services')
    .database.rows<{ x1: number | null; y1: number | null; x2: number | null; y2: number | null }>(collection.extent)
  const bbox = extent && extent.x1 !== null ? [[extent.x1, extent.y1, extent.x2, extent.y2]] : [[-180, -90, 180, 90]]
  return {
    id: collection.id,
    title: collection.title,
    description: collection.description,
    itemType: 'feature',
    crs: [crs84],
    extent: { spatial: { bbox, crs: crs84 } },
    links: [
      { href: `${base}/collections/${collection.id}`, rel: 'self', type: 'application/json', title: collection.title },
      {
        href: `${base}/collections/${collection.id}/items`,
        rel: 'items',
        type: geoJson,
        title: `${collection.title} (GeoJSON)`,
      },
    ],
  }
}

function findCollection(id: string): Collection {
  const collection = collections.find((candidate) => candidate.id === id)
  if (!collection)
    throw failures.notFound(
      `There is no collection "${id}"; the collections are ${collections.map((candidate) => candidate.id).join(', ')}.`,
    )
  return collection
}

function parseBbox(text: string | undefined): [number, number, number, number] | null {
  if (text === undefined) return null
  const values = text.split(',').map((part) => Number(part.trim()))
  const invalid = () =>
    new Failure(
      'invalid',
      'invalid-request',
      'Invalid request',
      `bbox must be four (or six) numbers: minLon,minLat,maxLon,maxLat in CRS84; got "${text}".`,
      [{ path: 'bbox', message: 'invalid' }],
    )
  if ((values.length !== 4 && values.length !== 6) || values.some((value) => !Number.isFinite(value))) throw invalid()
  const [x1, y1, x2, y2] =
    values.length === 6
      ? [values[0]!, values[1]!, values[3]!, values[4]!]
      : (values as [number, number, number, number])
  if (y1 < -90 || y2 > 90 || y1 > y2 || x1 < -180 || x2 > 180) throw invalid()
  return [x1, y1, x2, y2]
}

function integerParameter(
  context: Context<AppEnv>,
  name: string,
  fallback: number,
  minimum: number,
  maximum: number,
): number {
  const text = context.req.query(name)
  if (text === undefined) return fallback
  const value = Number(text)
  if (!Number.isInteger(value) || value < minimum)
    throw failures.invalid(`${name} must be a whole number of at least ${minimum}; got "${text}".`, [
      { path: name, message: 'invalid' },
    ])
  // Above the maximum the standard lets the server use its maximum.
  return Math.min(value, maximum)
}

export function ogcEndpoints() {
  return new Hono<AppEnv>()
    .get('/ogc', (context) => {
      reader(context)
      checkFormat(context)
      const base = baseUrl(context)
      return respond(context, {
        title: 'gridwatch — 医保网格化监管',
        description:
          'Grid management of designated medical institutions: zones, grids, villages and institutions (OGC API – Features).',
        links: [
          { href: base, rel: 'self', type: 'application/json', title: 'This document' },
          {
            href: `${base.replace(/\/ogc$/, '')}/api/openapi.json`,
            rel: 'service-desc',
            type: 'application/vnd.oai.openapi+json;version=3.1',
            title: 'The API definition',
          },
          { href: `${base}/conformance`, rel: 'conformance', type: 'application/json', title: 'Conformance classes' },
          {
            href: `${base}/conformance`,
            rel: 'http://www.opengis.net/def/rel/ogc/1.0/conformance',
            type: 'application/json',
            title: 'Conformance classes',
          },
          { href: `${base}/collections`, rel: 'data', type: 'application/json', title: 'Collections' },
          {
            href: `${base}/collections`,
            rel: 'http://www.opengis.net/def/rel/ogc/1.0/data',
            type: 'application/json',
            title: 'Collections',
          },
        ],
      })
    })
    .get('/ogc/conformance', (context) => {
      reader(context)
      checkFormat(context)
      return respond(context, { conformsTo: conformance })
    })
    .get('/ogc/collections', async (context) => {
      reader(context)
      checkFormat(context)
      const base = baseUrl(context)
      return respond(context, {
        links: [{ href: `${base}/collections`, rel: 'self', type: 'application/json', title: 'Collections' }],
        collections: await Promise.all(collections.map((collection) => describe(context, collection))),
      })
    })
    .get('/ogc/collections/:collection', async (context) => {
      reader(context)
      checkFormat(context)
      return respond(context, await describe(context, findCollection(context.req.param('collection'))))
    })
    .get('/ogc/collections/:collection/items', async (context) => {
      const user = reader(context)
      checkFormat(context)
      const collection = findCollection(context.req.param('collection'))
      const unknown = Object.keys(context.req.query()).filter((name) => !itemParameters.has(name))
      if (unknown.length > 0)
        throw failures.invalid(
          `Unknown parameter(s): ${unknown.join(', ')}. Items take limit, offset, bbox, bbox-crs, datetime and f.`,
          unknown.map((name) => ({ path: name, message: 'unknown parameter' })),
        )
      const bboxCrs = context.req.query('bbox-crs')
      if (bboxCrs !== undefined && bboxCrs !== crs84)
        throw failures.invalid(`Only ${crs84} is supported for bbox-crs.`, [
          { path: 'bbox-crs', message: 'unsupported' },
        ])
      const limit = integerParameter(context, 'limit', defaultLimit, 1, maximumLimit)
      const offset = integerParameter(context, 'offset', 0, 0, Number.MAX_SAFE_INTEGER)
      const bbox = parseBbox(context.req.query('bbox'))
      const where = bbox
        ? sql`AND ${collection.geometry} && ST_MakeEnvelope(${bbox[0]}, ${bbox[1]}, ${bbox[2]}, ${bbox[3]}, 4326) AND ST_Intersects(${collection.geometry}, ST_MakeEnvelope(${bbox[0]}, ${bbox[1]}, ${bbox[2]}, ${bbox[3]}, 4326))`
        : sql``
      const { database, institutionLayer } = context.get('services')
      const scope = collection === institutionCollection ? await institutionScope(user, institutionLayer) : sql`TRUE`
      const [rows, [counted]] = await Promise.all([
        database.rows<{ id: number; geometry: string; properties: Record<string, unknown> }>(
          collection.rows(scope, where, limit, offset),
        ),
        database.rows<{ count: number }>(collection.count(scope, where)),
      ])
      const base = baseUrl(context)
      const page = (start: number) => {
        const query = new URLSearchParams()
        query.set('limit', String(limit))
        if (start > 0) query.set('offset', String(start))
        if (bbox) query.set('bbox', bbox.join(','))
        return `${base}/collections/${collection.id}/items?${query.toString()}`
      }
      const links = [
        { href: page(offset), rel: 'self', type: geoJson, title: 'This page' },
        {
          href: `${base}/collections/${collection.id}`,
          rel: 'collection',
          type: 'application/json',
          title: collection.title,
        },
      ]
      if (offset + rows.length < counted!.count)
        links.push({ href: page(offset + limit), rel: 'next', type: geoJson, title: 'Next page' })
      if (offset > 0)
        links.push({ href: page(Math.max(0, offset - limit)), rel: 'prev', type: geoJson, title: 'Previous page' })
      return respond(
        context,
        {
          type: 'FeatureCollection',
          timeStamp: context.get('services').now().toISOString(),
          numberMatched: counted!.count,
          numberReturned: rows.length,
          features: rows.map((row) => ({
            type: 'Feature',
            id: row.id,
            properties: row.properties,
            geometry: JSON.parse(row.geometry) as unknown,
          })),
          links,
        },
        geoJson,
      )
    })
    .get('/ogc/collections/:collection/items/:featureId', async (context) => {
      const user = reader(context)
      checkFormat(context)
      const collection = findCollection(context.req.param('collection'))
      const id = Number(context.req.param('featureId'))
      if (!Number.isInteger(id))
        throw failures.notFound(`There is no feature "${context.req.param('featureId')}" in ${collection.id}.`)
      const { database, institutionLayer } = context.get('services')
      const scope = collection === institutionCollection ? await institutionScope(user, institutionLayer) : sql`TRUE`
      const [row] = await database.rows<{ id: number; geometry: string; properties: Record<string, unknown> }>(
        collection.rows(scope, sql`AND ${collection === institutionCollection ? sql`i.id` : sql`a.id`} = ${id}`, 1, 0),
      )
      if (!row) throw failures.notFound(`There is no feature ${id} in ${collection.id}.`)
      const base = baseUrl(context)
      return respond(
        context,
        {
          type: 'Feature',
          id: row.id,
          properties: row.properties,
          geometry: JSON.parse(row.geometry) as unknown,
          links: [
            { href: `${base}/collections/${collection.id}/items/${row.id}`, rel: 'self', type: geoJson },
            { href: `${base}/collections/${collection.id}`, rel: 'collection', type: 'application/json' },
          ],
        },
        geoJson,
      )
    })
}
