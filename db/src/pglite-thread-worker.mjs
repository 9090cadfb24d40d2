// The embedded database's own thread. PGlite runs PostgreSQL compiled to WebAssembly, and a query
// runs synchronously on the thread that owns it: on the server's main thread a 5-second validation
// froze every other request, /api/health included. Here it freezes only this thread.
//
// Plain JavaScript on purpose: a worker thread is started from a file, and this one must start the
// same way under node, tsx and vitest, which would each need their own TypeScript loader for it.
// The protocol (pglite-thread.ts is the other side): the parent sends {id, op, ...} and gets
// {id, result} or {id, error}; 'query' keeps the columns of `rawTypes` as PostgreSQL's text, for the
// parent to apply its own parsers (functions do not cross threads).
import { parentPort, workerData } from 'node:worker_threads'
import { PGlite } from '@electric-sql/pglite'
import { postgis } from '@electric-sql/pglite-postgis'

/** An error as plain fields, with the database's (code, detail, constraint …) kept. */
function describe(error) {
  const described = { message: String(error?.message ?? error), name: error?.name ?? 'Error', stack: error?.stack }
  if (error && typeof error === 'object') {
    for (const [key, value] of Object.entries(error)) {
      if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) described[key] = value
    }
  }
  return described
}

const keepText = (value) => value

let client
try {
  const { dataDir, loadDataDir } = workerData
  client = await PGlite.create({
    dataDir,
    loadDataDir: loadDataDir ? new Blob([loadDataDir]) : undefined,
    extensions: { postgis },
  })
  parentPort.postMessage({ id: 0, result: 'ready' })
} catch (error) {
  parentPort.postMessage({ id: 0, error: describe(error) })
}

const operations = {
  async query({ sql, params, rowMode, rawTypes }) {
    const parsers = Object.fromEntries((rawTypes ?? []).map((type) => [type, keepText]))
    const result = await client.query(sql, params, { rowMode, parsers })
    return { rows: result.rows, fields: result.fields, affectedRows: result.affectedRows }
  },
  async exec({ sql }) {
    return (await client.exec(sql)).map((result) => ({
      rows: result.rows,
      fields: result.fields,
      affectedRows: result.affectedRows,
    }))
  },
  async dump({ compression }) {
    return await (await client.dumpDataDir(compression)).arrayBuffer()
  },
  async close() {
    await client.close()
    return 'closed'
  },
}

parentPort.on('message', async (message) => {
  try {
    const result = await operations[message.op](message)
    parentPort.postMessage({ id: message.id, result }, result instanceof ArrayBuffer ? [result] : [])
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: describe(error) })
  }
})
