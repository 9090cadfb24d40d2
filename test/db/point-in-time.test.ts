// The server runtime's point-in-time restore drill (issue 18, item 11): a throw-away PostgreSQL 15
// cluster archives its WAL with pgBackRest; gridwatch migrates it, a backup is taken, one write is
// made, the moment is noted, a second write follows; the cluster is restored into a fresh data
// directory to that moment, started, and must hold the first write and not the second, with every
// other table's rows and the audit log's hash chain as they were. Runs where PostgreSQL's binaries
// and pgBackRest are installed and the tests run as root (CI; GRIDWATCH_REQUIRE_PGBACKREST=1 there).
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, inject, test } from 'vitest'
import { sql } from 'drizzle-orm'
import postgres from 'postgres'
import {
  differingCounts,
  openDatabase,
  physicalBackup,
  physicalBackups,
  restoreToPointInTime,
  tableRowCounts,
  type Database,
  type PgBackRest,
} from '@gridwatch/db'
import { verifyAuditChain } from '@gridwatch/api/audit/audit-chain.ts'
import { freePort } from '../support/free-port.ts'

const binaries = '/usr/lib/postgresql/15/bin'
const available =
  fs.existsSync(`${binaries}/initdb`) && spawnSync('pgbackrest', ['version']).status === 0 && process.getuid?.() === 0
const asPostgres = (program: string, ...parameters: string[]) =>
  execFileSync('runuser', ['-u', 'postgres', '--', program, ...parameters], { stdio: 'pipe' }).toString()

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gridwatch-pitr-'))
const clusters: string[] = []
afterAll(() => {
  for (const data of clusters)
    spawnSync('runuser', ['-u', 'postgres', '--', `${binaries}/pg_ctl`, '-D', data, '-m', 'immediate', 'stop'])
  fs.rmSync(root, { recursive: true, force: true })
})

function startCluster(data: string, port: number) {
  fs.appendFileSync(
    path.join(data, 'postgresql.auto.conf'),
    `port = ${port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '${root}'\n`,
  )
  asPostgres(`${binaries}/pg_ctl`, '-D', data, '-l', `${data}.log`, '-w', 'start')
  clusters.push(data)
}

describe.runIf(inject('databaseRuntime') === 'postgres' && (available || process.env.GRIDWATCH_REQUIRE_PGBACKREST))(
  'point-in-time restore with pgBackRest',
  () => {
    test('restored to a moment between two writes, the cluster holds the first and not the second', async () => {
      const data = path.join(root, 'data')
      const config = path.join(root, 'pgbackrest.conf')
      const port = await freePort()
      fs.mkdirSync(path.join(root, 'repository'))
      fs.writeFileSync(
        config,
        `[global]\nrepo1-path=${root}/repository\nlog-path=${root}\nlock-path=${root}\nstart-fast=y\n\n[gridwatch]\npg1-path=${data}\npg1-port=${port}\npg1-socket-path=${root}\n`,
      )
      fs.chmodSync(root, 0o755)
      execFileSync('chown', ['-R', 'postgres:postgres', root])
      asPostgres(`${binaries}/initdb`, '-D', data, '-A', 'trust', '-U', 'postgres')
      fs.appendFileSync(
        path.join(data, 'postgresql.auto.conf'),
        `wal_level = replica\narchive_mode = on\narchive_command = 'pgbackrest --config=${config} --stanza=gridwatch archive-push %p'\n`,
      )
      startCluster(data, port)
      const tool: PgBackRest = {
        command: ['runuser', '-u', 'postgres', '--', 'pgbackrest', `--config=${config}`],
        stanza: 'gridwatch',
      }
      asPostgres('pgbackrest', `--config=${config}`, '--stanza=gridwatch', 'stanza-create')

      const url = `postgres://postgres@127.0.0.1:${port}/postgres`
      let database: Database = await openDatabase({ databaseUrl: url })
      const audit = (action: string) =>
        database.write((transaction) =>
          database.rows(
            sql`INSERT INTO audit_log (county_code, action, entity, entity_id, after, request_id) VALUES ('411623', ${action}, 'drill', '1', '{}'::jsonb, 'pitr-drill')`,
            transaction,
          ),
        )
      await audit('before-backup')
      const backup = await physicalBackup(tool, 'full')
      expect(backup.type).toBe('full')
      expect((await physicalBackups(tool)).map((listed) => listed.label)).toContain(backup.label)

      await audit('first-write')
      const counts = await tableRowCounts(database)
      await new Promise((resolve) => setTimeout(resolve, 1100))
      const [{ moment }] = (await database.rows<{ moment: string }>(sql`SELECT now()::text AS moment`)) as [
        { moment: string },
      ]
      await new Promise((resolve) => setTimeout(resolve, 1100))
      await audit('second-write')
      // The segment holding both writes goes to the archive now rather than when it fills.
      await database.rows(sql`SELECT pg_switch_wal()`)
      await database.close()
      asPostgres(`${binaries}/pg_ctl`, '-D', data, '-w', 'stop')

      const restored = path.join(root, 'restored')
      fs.mkdirSync(restored, { mode: 0o700 })
      execFileSync('chown', ['postgres:postgres', restored])
      await expect(restoreToPointInTime(tool, { dataDirectory: data, target: new Date(moment) })).rejects.toThrow(
        /not empty/,
      )
      await restoreToPointInTime(tool, { dataDirectory: restored, target: new Date(moment) })
      // The copy archives nothing into the original's repository.
      fs.appendFileSync(path.join(restored, 'postgresql.auto.conf'), 'archive_mode = off\n')
      const restoredPort = await freePort()
      startCluster(restored, restoredPort)
      // It takes connections while it replays the archive (read-only); it opens for writes once promoted at the target.
      const restoredUrl = `postgres://postgres@127.0.0.1:${restoredPort}/postgres`
      const probe = postgres(restoredUrl, { max: 1, onnotice: () => {} })
      for (let attempt = 0; ; attempt++) {
        const [state] = await probe<{ recovering: boolean }[]>`SELECT pg_is_in_recovery() AS recovering`
        if (!state!.recovering) break
        if (attempt > 600) throw new Error('the restored cluster is still recovering after a minute')
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      await probe.end()
      database = await openDatabase({ databaseUrl: restoredUrl })
      try {
        const actions = (
          await database.rows<{ action: string }>(
            sql`SELECT action FROM audit_log WHERE request_id = 'pitr-drill' ORDER BY id`,
          )
        ).map((row) => row.action)
        expect(actions).toEqual(['before-backup', 'first-write'])
        expect(differingCounts(counts, await tableRowCounts(database))).toEqual([])
        expect((await verifyAuditChain(database)).firstBroken).toBeNull()
      } finally {
        await database.close()
      }
    }, 180_000)
  },
)
