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
    // Browser tests poll for what the page shows; one deadline for all of them, long enough for a
    // loaded two-core machine (vitest's default of one second flaked there). Latency is measured
    // in `pnpm bench`, never here.
    expect: { poll: { timeout: 20_000, interval: 100 } },
    hookTimeout: 120_000,
    // Files and the tests in them run in a new order every run (the seed is printed): a test that
    // leans on another's writes fails here, not in somebody's refactor months later.
    sequence: { shuffle: true },
    reporters: ['default', './test/support/summary-reporter.ts'],
    // Servers started by tests log warnings and errors only: request lines would bury the report.
    env: { GRIDWATCH_LOG_LEVEL: process.env.GRIDWATCH_LOG_LEVEL ?? 'warn' },
  },
})
