// `pnpm province`: builds the province-sized benchmark set (Shandong: 136 counties, 62,074 village
// institutions) or reuses the built file, and loads it into a database that holds none of its counties — the embedded one in
// ./data-province unless GRIDWATCH_DATA_DIR or DATABASE_URL says otherwise. Then
// `GRIDWATCH_DATA_DIR=./data-province pnpm start` shows it.
import { DatabaseConfigurationError, openDatabase } from '@gridwatch/db'
import { readOrBuildProvince, shandong } from '@gridwatch/geodata'
import { ConfigurationError, databaseOptions, readConfig } from './platform/config.ts'
import { CountiesPresentError, loadProvince } from './demo/load-province.ts'

export const defaultProvinceDataDirectory = './data-province'

function progressBar(title: string) {
  const started = performance.now()
  let lastLoggedTenth = -1
  return (done: number, total: number, label: string) => {
    const seconds = Math.round((performance.now() - started) / 1000)
    if (process.stderr.isTTY) {
      const width = 30
      const filled = Math.round((done / total) * width)
      process.stderr.write(
        `\r${title} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${seconds}s ${label}`.padEnd(
          90,
        ),
      )
      if (done === total) process.stderr.write('\n')
    } else {
      const tenth = Math.floor((done / total) * 10)
      if (tenth !== lastLoggedTenth) {
        lastLoggedTenth = tenth
        process.stderr.write(`${title}: ${done}/${total} (${seconds}s)\n`)
      }
    }
  }
}

async function main() {
  const config = readConfig({ GRIDWATCH_DATA_DIR: defaultProvinceDataDirectory, ...process.env })
  const buildStarted = performance.now()
  const province = readOrBuildProvince(shandong, progressBar('building counties'))
  const buildMs = Math.round(performance.now() - buildStarted)
  console.log(
    `${province.built ? 'built' : 'read'} ${province.file}: ${province.counties.length} counties in ${buildMs} ms`,
  )

  console.log(
    config.databaseUrl
      ? 'loading into the PostgreSQL server…'
      : `loading into the embedded database in ${config.dataDirectory}…`,
  )
  const database = await openDatabase(databaseOptions(config))
  try {
    const report = await loadProvince(database, province.counties, { progress: progressBar('loading counties') })
    console.log(
      `loaded ${report.counties} counties, ${report.institutions} institutions and ${report.visits} visits in ${report.durationMs} ms` +
        (config.databaseUrl ? '' : `; start with GRIDWATCH_DATA_DIR=${config.dataDirectory} pnpm start`),
    )
  } finally {
    await database.close()
  }
}

try {
  await main()
} catch (error) {
  if (
    error instanceof ConfigurationError ||
    error instanceof DatabaseConfigurationError ||
    error instanceof CountiesPresentError
  ) {
    console.error(`province: ${error.message}`)
    process.exit(1)
  }
  throw error
}
