// The database package: schema, the two-runtime opener and the migrator.
export * from './open-database.ts'
export * from './errors.ts'
export * from './backup.ts'
export { migrate, readMigrations, migrationsDirectory } from './migrate.ts'
export * as schema from './schema/index.ts'
export { instant } from './sql-values.ts'
export * from './point-in-time.ts'
