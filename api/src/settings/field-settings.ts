// Each county's field-work settings: its overrides from `county_settings` over the defaults in the
// domain (field-settings.ts). Read per write; the institution layer reads every county's at once.
import { sql } from 'drizzle-orm'
import type { Database, Executor } from '@gridwatch/db'
import { fieldSettingsOf, type FieldSettings, type FieldSettingsOverrides } from '@gridwatch/domain/field-settings.ts'

export async function countyFieldOverrides(
  database: Database,
  countyCode: string,
  executor?: Executor,
): Promise<FieldSettingsOverrides> {
  const [row] = await database.rows<{ field: FieldSettingsOverrides }>(
    sql`SELECT field FROM county_settings WHERE county_code = ${countyCode}`,
    executor,
  )
  return row?.field ?? {}
}

export async function countyFieldSettings(
  database: Database,
  countyCode: string,
  executor?: Executor,
): Promise<FieldSettings> {
  return fieldSettingsOf(await countyFieldOverrides(database, countyCode, executor))
}

/** Every county that has overrides, by code; the rest use the defaults. */
export async function allFieldSettings(
  database: Database,
  executor?: Executor,
): Promise<(countyCode: string) => FieldSettings> {
  const rows = await database.rows<{ county_code: string; field: FieldSettingsOverrides }>(
    sql`SELECT county_code, field FROM county_settings`,
    executor,
  )
  const byCounty = new Map(rows.map((row) => [row.county_code, fieldSettingsOf(row.field)]))
  const defaults = fieldSettingsOf({})
  return (countyCode) => byCounty.get(countyCode) ?? defaults
}
