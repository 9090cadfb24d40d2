// A fresh copy of the seeded demo database for one test file, on the runtime this run uses.
import fs from 'node:fs'
import { inject } from 'vitest'
import { openDatabase, type Database } from '@gridwatch/db'
import { createDatabase } from './server-databases.ts'

export interface TestDatabase {
  database: Database
  close(): Promise<void>
}

export async function openSeededTestDatabase(): Promise<TestDatabase> {
  if (inject('databaseRuntime') === 'postgres') {
    const created = await createDatabase(inject('serverUrl'), inject('templateDatabase'))
    const database = await openDatabase({ databaseUrl: created.url })
    return {
      database,
      async close() {
        await database.close()
        await created.drop()
      },
    }
  }
  const database = await openDatabase({ loadDataDirectory: new Blob([fs.readFileSync(inject('pgliteTemplatePath'))]) })
  return { database, close: () => database.close() }
}
