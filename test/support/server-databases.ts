// Test databases on a PostgreSQL server: copies of one template database, dropped afterwards.
import crypto from 'node:crypto'
import postgres from 'postgres'

/** The template of this test run: named by the run's process, so two runs on one server (a developer's
 * and CI's) never rebuild each other's template mid-run. */
export const templateDatabaseNameOf = (processId: number) => `gridwatch_test_template_${processId}`

export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${name}`
  return parsed.toString()
}

export function adminConnection(url: string) {
  return postgres(withDatabase(url, 'postgres'), { max: 1, onnotice: () => {} })
}

export async function createDatabase(url: string, template?: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `gridwatch_test_${crypto.randomBytes(6).toString('hex')}`
  const admin = adminConnection(url)
  await admin.unsafe(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`)
  await admin.end()
  return {
    url: withDatabase(url, name),
    async drop() {
      const dropper = adminConnection(url)
      await dropper.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await dropper.end()
    },
  }
}
