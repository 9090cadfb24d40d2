// The server's own recurring jobs (scheduled publishes, risk escalation, pruning): run now and then
// every interval, one pass at a time, a failed pass logged and tried again next time.
import { logger } from './logger.ts'

/** Runs `pass` now and every `everyMilliseconds`; stop() ends it and waits for a pass under way. */
export function startRecurring(
  what: string,
  pass: () => Promise<unknown>,
  everyMilliseconds: number,
): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve()
  const run = () => {
    running = running
      .then(pass)
      .catch((error: unknown) => logger.error({ err: error, job: what }, 'a recurring job failed; trying again later'))
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
