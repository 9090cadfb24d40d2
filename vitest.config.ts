// One test command for the whole tree. The database runtime follows DATABASE_URL: unset, every
// suite runs on embedded PGlite; set, on that PostgreSQL server. CI runs both.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['{api,db,geodata,web,test}/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
})
