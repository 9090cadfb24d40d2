// The server's own recurring jobs (scheduled publishes, risk escalation, pruning): run now and then
// every interval, one pass at a time, a failed pass logged and tried again next time.

/** Runs `pass` now and every `everyMilliseconds`; stop() ends it and waits for a pass under way. */
export function startRecurring(what: string, pass: () => Promise<unknown>, everyMilliseconds: number): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve()
  const run = () => {
    running = running.then(pass).catch((error: unknown) => console.error(`${what} failed; trying again later:`, error))
  }
  run()
  const timer = setInterval(run, everyMilliseconds)
  timer.unref()
  return {
    async stop() {
      clearInterval(timer)
      await running
    },
  }
}
