// PostGIS column types for Drizzle. Drizzle's built-in geometry column is point-only, so
// polygons get a custom type. Values travel as GeoJSON geometry objects in both directions:
// writes go through ST_GeomFromGeoJSON, reads should select ST_AsGeoJSON explicitly.
import { customType } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'

/** A GeoJSON geometry as RFC 7946 describes it (WGS84 longitude/latitude). */
export interface GeoJsonGeometry {
  type: 'Point' | 'MultiPoint' | 'LineString' | 'MultiLineString' | 'Polygon' | 'MultiPolygon'
  coordinates: unknown
}

function geometryColumn(geometryType: 'Point' | 'MultiPolygon' | 'Polygon') {
  return customType<{ data: GeoJsonGeometry; driverData: string }>({
    dataType() {
      return `geometry(${geometryType},4326)`
    },
    toDriver(value) {
      const json = JSON.stringify(value)
      return geometryType === 'MultiPolygon'
        ? sql`ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${json}), 4326))`
        : sql`ST_SetSRID(ST_GeomFromGeoJSON(${json}), 4326)`
    },
    fromDriver(value) {
      // Raw reads return hex EWKB; callers that need shapes select ST_AsGeoJSON instead.
      return { type: geometryType, coordinates: value } as GeoJsonGeometry
    },
  })
}

export const pointColumn = geometryColumn('Point')
export const multiPolygonColumn = geometryColumn('MultiPolygon')
