// Child process for the durability test: commits one audit row through database.write, says
// "ack <id>" the moment the write returns, then waits to be killed.
import { openDatabase, schema } from '@gridwatch/db'

const database = await openDatabase({ dataDirectory: process.argv[2]! })
const id = await database.write(async (transaction) => {
  const [row] = await transaction
    .insert(schema.auditLog)
    .values({ countyCode: '371703', action: 'durability-probe', entity: 'test', entityId: process.argv[3]! })
    .returning({ id: schema.auditLog.id })
  return row!.id
})
process.stdout.write(`ack ${id}\n`)
setInterval(() => {}, 60_000)
