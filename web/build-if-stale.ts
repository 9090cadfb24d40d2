// `pnpm start` builds the web app only when it is missing or older than its sources (the web
// app's own files, the shared domain code and the lockfile): a restart on an unchanged checkout
// starts at once instead of spending ten seconds on an identical build.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const webDirectory = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(webDirectory, '..')

/** The newest modification time (ms) of the files under `entries` (files or directories). */
function newest(entries: string[]): number {
  let latest = 0
  const visit = (entry: string) => {
    if (!fs.existsSync(entry)) return
    const stat = fs.statSync(entry)
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(entry))
        if (name !== 'node_modules' && name !== 'dist') visit(path.join(entry, name))
    } else latest = Math.max(latest, stat.mtimeMs)
  }
  entries.forEach(visit)
  return latest
}

/** Why the build is needed, or null when web/dist is newer than every source. */
export function staleReason(web = webDirectory, repository = root): string | null {
  const built = path.join(web, 'dist', 'index.html')
  if (!fs.existsSync(built)) return 'no build yet'
  const sources = [
    path.join(web, 'src'),
    path.join(web, 'public'),
    path.join(web, 'index.html'),
    path.join(web, 'vite.config.ts'),
    path.join(web, 'package.json'),
    path.join(repository, 'api', 'domain', 'src'),
    path.join(repository, 'pnpm-lock.yaml'),
  ]
  return newest(sources) > fs.statSync(built).mtimeMs ? 'sources changed since the last build' : null
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const reason = staleReason()
  if (reason === null) console.log('web app: the build in web/dist is up to date')
  else {
    console.log(`web app: building (${reason})…`)
    const started = Date.now()
    execFileSync('pnpm', ['--filter', '@gridwatch/web', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] })
    console.log(`web app: built in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  }
}
