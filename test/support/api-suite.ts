// An API test file's set-up: a copy of the seeded database and the app over it, made once for the
// file (the default: its tests make their own data with the builders and do not read each other's
// writes) or afresh for each test (`fresh: 'test'`, for a file whose tests need a pristine county).
// Call `apiSuite()` at the top of the file and read `suite.database` and `suite.app` in tests.
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'
import type { Database } from '@gridwatch/db'
import { openSeededTestDatabase, type TestDatabase } from './test-database.ts'
import { createTestApp } from './test-app.ts'

type AppOptions = NonNullable<Parameters<typeof createTestApp>[1]>
type TestApp = ReturnType<typeof createTestApp>

export interface ApiSuite {
  readonly database: Database
  readonly app: TestApp['app']
  readonly events: TestApp['events']
  readonly institutionLayer: TestApp['institutionLayer']
}

export interface ApiSuiteOptions extends AppOptions {
  fresh?: 'file' | 'test'
  /** Runs on each new database before the app is made over it (builders whose rows the app reads at start). */
  prepare?: (database: Database) => Promise<void>
}

export function apiSuite({ fresh = 'file', prepare, ...appOptions }: ApiSuiteOptions = {}): ApiSuite {
  let testDatabase: TestDatabase | undefined
  let made: TestApp | undefined
  const open = async () => {
    testDatabase = await openSeededTestDatabase()
    await prepare?.(testDatabase.database)
    made = createTestApp(testDatabase.database, appOptions)
  }
  const close = async () => {
    await testDatabase?.close()
    testDatabase = undefined
  }
  if (fresh === 'test') {
    beforeEach(open)
    afterEach(close)
  } else {
    beforeAll(open)
    afterAll(close)
  }
  return {
    get database() {
      return testDatabase!.database
    },
    get app() {
      return made!.app
    },
    get events() {
      return made!.events
    },
    get institutionLayer() {
      return made!.institutionLayer
    },
  }
}
