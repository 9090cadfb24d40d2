// The parent's side of the embedded database's thread (pglite-thread-worker.mjs): the part of
// PGlite's client that Drizzle and the migrator use — query, exec, transaction, dumpDataDir, close —
// answered by PGlite running on a worker thread, so that a long query leaves the server's main
// thread free for /api/health, cached layers and every request that needs no database.
//
// PGlite has a worker wrapper of its own (PGliteWorker), but it is built on the browser's Worker
// and BroadcastChannel (multi-tab leader election) and does not run on Node's worker_threads; this
// is the small part of it a server needs.
//
// One connection, as with PGlite itself: calls run one at a time in arrival order, and a
// transaction holds the connection from BEGIN to COMMIT/ROLLBACK (other calls wait for it).
import { Worker } from 'node:worker_threads'
import type { PGliteInterface, QueryOptions, Results, Transaction } from '@electric-sql/pglite'

type Reply = { id: number; result?: unknown; error?: Record<string, unknown> & { message: string } }

/** Statements that may change data or schema; a SELECT calling a writing function would not be caught: test/db/write-counting.test.ts keeps gridwatch free of any. */
const writing =
  /\b(insert|update|delete|truncate|merge|copy|alter|drop|create|grant|revoke|comment|call|do|vacuum|reindex|cluster|refresh)\b/i

function rebuilt(error: Reply['error']): Error {
  const { message, name, stack, ...fields } = error!
  const rebuilt = Object.assign(new Error(message), fields)
  rebuilt.name = String(name ?? 'Error')
  if (typeof stack === 'string') rebuilt.stack = stack
  return rebuilt
}

export class PgliteThread {
  readonly #worker: Worker
  readonly #pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>()
  #nextId = 1
  /** The end of the queue: each call starts when the one before it has settled. */
  #queue: Promise<unknown> = Promise.resolve()
  #failure: Error | null = null
  #changes = 0

  private constructor(worker: Worker) {
    this.#worker = worker
    worker.on('message', (reply: Reply) => {
      const pending = this.#pending.get(reply.id)
      if (!pending) return
      this.#pending.delete(reply.id)
      if (this.#pending.size === 0) worker.unref()
      if (reply.error) pending.reject(rebuilt(reply.error))
      else pending.resolve(reply.result)
    })
    const stopped = (error: Error) => {
      this.#failure ??= error
      for (const pending of this.#pending.values()) pending.reject(this.#failure)
      this.#pending.clear()
    }
    worker.on('error', (error) =>
      stopped(new Error(`The embedded database stopped: ${error.message}`, { cause: error })),
    )
    worker.on('exit', (code) => stopped(new Error(`The embedded database's thread ended (exit code ${code}).`)))
  }

  /** Starts the thread and opens PGlite (with PostGIS) in it: on a data directory, or in memory from a dump. */
  static async open(options: { dataDir?: string; loadDataDir?: Blob }): Promise<PgliteThread> {
    const loadDataDir = options.loadDataDir ? await options.loadDataDir.arrayBuffer() : undefined
    const worker = new Worker(new URL('./pglite-thread-worker.mjs', import.meta.url), {
      workerData: { dataDir: options.dataDir, loadDataDir },
      transferList: loadDataDir ? [loadDataDir] : [],
      // Plain JavaScript: no TypeScript loader (tsx), whose one hooks thread would make the worker's
      // imports wait behind the main thread's while the server is still loading.
      execArgv: [],
    })
    const thread = new PgliteThread(worker)
    try {
      await thread.#call(0, {})
    } catch (error) {
      await worker.terminate()
      throw error
    }
    return thread
  }

  /**
   * A number that grows whenever data may have changed: after every statement that can write and
   * after every transaction. Equal numbers mean nothing was written in between (this thread is the
   * only way into its data directory).
   */
  get changes(): number {
    return this.#changes
  }

  /** Whether the thread is still running (it answers nothing while a query runs, so this asks nobody). */
  get alive(): boolean {
    return this.#failure === null
  }

  #call(id: number, message: Record<string, unknown>): Promise<unknown> {
    if (this.#failure) return Promise.reject(this.#failure)
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject })
      this.#worker.ref()
      if (id !== 0) this.#worker.postMessage({ id, ...message })
    })
  }

  #send(message: Record<string, unknown>): Promise<unknown> {
    return this.#call(this.#nextId++, message)
  }

  /** Runs work once every call before it has settled. */
  #inTurn<Result>(work: () => Promise<Result>): Promise<Result> {
    const turn = this.#queue.then(work, work)
    this.#queue = turn.catch(() => {})
    return turn
  }

  async #query<Row>(sql: string, params: unknown[] = [], options: QueryOptions = {}): Promise<Results<Row>> {
    if (options.serializers || options.blob)
      throw new Error('serializers and blob are not supported on the embedded database thread')
    const parsers = options.parsers ?? {}
    const rawTypes = Object.keys(parsers).map(Number)
    if (writing.test(sql)) this.#changes++
    const result = (await this.#send({ op: 'query', sql, params, rowMode: options.rowMode, rawTypes })) as Results<Row>
    if (rawTypes.length > 0) {
      result.fields.forEach((field, index) => {
        const parse = parsers[field.dataTypeID]
        if (!parse) return
        const key = options.rowMode === 'array' ? index : field.name
        for (const row of result.rows as Record<string | number, unknown>[]) {
          if (row[key] !== null) row[key] = parse(row[key] as string)
        }
      })
    }
    return result
  }

  async #exec(sql: string): Promise<Results[]> {
    if (writing.test(sql)) this.#changes++
    return (await this.#send({ op: 'exec', sql })) as Results[]
  }

  query<Row>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<Row>> {
    return this.#inTurn(() => this.#query<Row>(sql, params, options))
  }

  exec(sql: string): Promise<Results[]> {
    return this.#inTurn(() => this.#exec(sql))
  }

  /** BEGIN … COMMIT holding the connection; ROLLBACK when the work throws. */
  transaction<Result>(work: (transaction: Transaction) => Promise<Result>): Promise<Result> {
    return this.#inTurn(async () => {
      let open = true
      const inside = <Value>(run: () => Promise<Value>) =>
        open ? run() : Promise.reject(new Error('the transaction has already ended'))
      const transaction = {
        query: <Row>(sql: string, params?: unknown[], options?: QueryOptions) =>
          inside(() => this.#query<Row>(sql, params, options)),
        sql: () =>
          Promise.reject(new Error('tagged template queries are not supported on the embedded database thread')),
        exec: (sql: string) => inside(() => this.#exec(sql)),
        rollback: () => inside(async () => void (await this.#exec('ROLLBACK'), (open = false))),
        listen: () => Promise.reject(new Error('LISTEN is not supported on the embedded database thread')),
        get closed() {
          return !open
        },
      } as unknown as Transaction
      await this.#exec('BEGIN')
      try {
        const result = await work(transaction)
        if (open) await this.#exec('COMMIT')
        return result
      } catch (error) {
        if (open) await this.#exec('ROLLBACK').catch(() => {})
        throw error
      } finally {
        open = false
        this.#changes++
      }
    })
  }

  /** The data directory as a .tar.gz (PGlite's dumpDataDir), taken between two calls. */
  dumpDataDir(compression: 'gzip' | 'none' = 'gzip'): Promise<Blob> {
    return this.#inTurn(async () => new Blob([(await this.#send({ op: 'dump', compression })) as ArrayBuffer]))
  }

  /** Waits for every call before it, closes PGlite (which writes its files) and ends the thread. */
  close(): Promise<void> {
    return this.#inTurn(async () => {
      try {
        if (this.alive) await this.#send({ op: 'close' })
      } finally {
        this.#failure ??= new Error('The embedded database is closed.')
        await this.#worker.terminate()
      }
    })
  }
}

/** What Drizzle's PGlite driver calls; the thread answers all of it. */
export type PgliteClient = Pick<PGliteInterface, 'query' | 'exec' | 'transaction'>
