import fs from 'node:fs'
import { openDatabase } from '@gridwatch/db'
for (const file of ['template-gzip.tar.gz', 'template-none.tar']) {
  const bytes = fs.readFileSync(`/tmp/copybench/${file}`)
  for (let i = 0; i < 3; i++) {
    const started = performance.now(); const cpu = process.cpuUsage()
    const database = await openDatabase({ loadDataDirectory: new Blob([bytes]) })
    const opened = performance.now()
    await database.close()
    const used = process.cpuUsage(cpu)
    console.log(file, i, 'open ms', Math.round(opened - started), 'cpu s', ((used.user + used.system) / 1e6).toFixed(1))
  }
}
