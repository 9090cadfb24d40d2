// drizzle-kit generates db/migrations from db/src/schema; migrations are committed and
// applied by db/src/migrate.ts on both runtimes.
import { defineConfig } from 'drizzle-kit'

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/index.ts',
  out: './migrations',
  extensionsFilters: ['postgis'],
})
