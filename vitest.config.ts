// One test command for the whole tree, in projects that share one pool of two workers:
//  - unit: runtime-free tests beside their sources (domain rules, web views, geodata), run once;
//  - pglite: the API, database and geodata suites on embedded PGlite;
//  - postgres: the same suites on the PostgreSQL server named by DATABASE_URL, when it is set.
// The browser journeys run once: on PostgreSQL when DATABASE_URL is set (a county's production
// runtime, and a copy of its seeded database costs ~1 s there against ~5 s on PGlite), except the
// journeys that lean on the embedded runtime (the wall surviving a restart of the server over the
// same data directory, the phone's offline loop), which stay on PGlite. Without DATABASE_URL every
// journey runs on PGlite.
// With a server, the API files that test business rules over the same SQL run on the server only
// (the coverage CI trades for time; GRIDWATCH_EVERY_RUNTIME=1 runs them on PGlite too); the files
// whose subject differs between the runtimes — the driver and its types, bytes, transactions and
// the write path, sessions, PostGIS-heavy work, the platform — always run on both.
// Files run longest first (test/support/longest-first.ts).
import { defineConfig } from 'vitest/config'
import { LongestFirst } from './test/support/longest-first.ts'

const serverUrl = process.env.DATABASE_URL ?? ''
const everyRuntime = !serverUrl || process.env.GRIDWATCH_EVERY_RUNTIME === '1'
/** Journeys that run on PGlite even when a server is there. */
const embeddedJourneys = ['test/e2e/wall-reconnect.test.ts', 'test/e2e/field-phone.test.ts']
const databaseSuites = ['test/api/**/*.test.ts', 'test/db/**/*.test.ts', 'test/geodata/**/*.test.ts']
/** API files run on both runtimes whatever the settings. */
const runtimeSensitive = [
  'access',
  'audit-chain',
  'audit-log',
  'auth',
  'boundaries',
  'busy-database',
  'field-work',
  'inspections',
  'login-guard',
  'malformed-ids',
  'map-layer',
  'map-reads',
  'ogc',
  'second-factor',
  'start',
  'transfers-grids',
  'transfers-villages',
  'unstorable-text',
  'write-path',
].map((name) => `test/api/${name}.test.ts`)
const pgliteSuites = everyRuntime
  ? databaseSuites
  : [...runtimeSensitive, 'test/db/**/*.test.ts', 'test/geodata/**/*.test.ts']

export default defineConfig({
  test: {
    exclude: ['**/node_modules/**', '**/dist/**'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    // Browser tests poll for what the page shows; one deadline for all of them, long enough for a
    // loaded two-core machine (vitest's default of one second flaked there). Latency is measured
    // in `pnpm bench`, never here.
    expect: { poll: { timeout: 20_000, interval: 100 } },
    hookTimeout: 120_000,
    // The tests in a file run in a new order every run (the seed is printed): a test that leans on
    // another's writes fails here, not in somebody's refactor months later. Files are ordered
    // longest first instead, so that the two workers finish together.
    sequence: { shuffle: { files: false, tests: true }, sequencer: LongestFirst },
    reporters: ['default', './test/support/summary-reporter.ts'],
    // Servers started by tests log warnings and errors only: request lines would bury the report.
    env: { GRIDWATCH_LOG_LEVEL: process.env.GRIDWATCH_LOG_LEVEL ?? 'warn' },
    projects: [
      { extends: true, test: { name: 'unit', include: ['{api,db,geodata,web}/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'pglite',
          include: [...pgliteSuites, ...(serverUrl ? embeddedJourneys : ['test/e2e/**/*.test.ts'])],
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
      ...(serverUrl
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: [...databaseSuites, 'test/e2e/**/*.test.ts'],
                exclude: ['**/node_modules/**', ...embeddedJourneys],
                globalSetup: ['test/support/global-setup.ts'],
              },
            },
          ]
        : []),
    ],
  },
})
