// A grid's records as the materials clerk (资料员) keeps them (seed 000: 材料员负责收集; 问题台账; 逐一销账):
// its ledger items and its inspection records in one workbook with Chinese headers, laid out to
// print on A4 (landscape, one page wide, the header row repeated). exceljs writes it.
import ExcelJS from 'exceljs'
import { sql } from 'drizzle-orm'
import type { Database } from '@gridwatch/db'
import { addDays, bureauClock, bureauDate, bureauInstant } from '@gridwatch/domain/bureau-calendar.ts'

const statusNames: Record<string, string> = {
  open: '待整改',
  rectifying: '整改中',
  'awaiting-verification': '待核验',
  closed: '已销号',
}
const severityNames: Record<string, string> = { minor: '轻微', general: '一般', serious: '严重' }
const kindNames: Record<string, string> = {
  'weekly-visit': '日常巡查',
  special: '专项检查',
  'cross-check': '交叉互查',
  'record-review': '病历评查',
  joint: '联合检查',
  'third-party': '第三方检查',
  flying: '飞行检查',
  'follow-up': '回头看',
}

export const ledgerColumns = [
  '序号',
  '机构',
  '问题类别',
  '问题描述',
  '严重程度',
  '整改措施',
  '整改期限',
  '责任人',
  '状态',
  '登记日期',
  '登记人',
  '整改报告人',
  '核验销号人',
  '销号日期',
  '是否逾期',
] as const
export const inspectionColumns = [
  '序号',
  '日期',
  '机构',
  '检查类型',
  '到达',
  '离开',
  '距机构（米）',
  '是否核验',
  '异常',
  '检查人',
  '备注',
] as const

/** The county's calendar day and time (UTC+8). */
const local = (value: Date | string | null, withTime = false) =>
  value === null ? '' : withTime ? bureauClock(value, 'minute') : bureauDate(value)

function printOnA4(sheet: ExcelJS.Worksheet, title: string) {
  sheet.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: '1:1',
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  }
  sheet.headerFooter = { oddHeader: `&C${title}`, oddFooter: '&C第 &P 页，共 &N 页' }
  sheet.views = [{ state: 'frozen', ySplit: 1 }]
  sheet.getRow(1).font = { bold: true }
}

export async function gridRecordsWorkbook(
  database: Database,
  grid: { id: number; name: string },
  from: string,
  to: string,
  now: Date,
): Promise<{ bytes: Uint8Array; rows: number }> {
  // The period's days are the bureau's (China Standard Time), not UTC's: a visit at 00:10 on the 1st belongs to the 1st.
  const start = bureauInstant(from)
  const end = bureauInstant(addDays(to, 1))
  const items = await database.rows<{
    institution: string
    category: string
    problem: string
    severity: string
    measure: string
    deadline_at: Date | string
    responsible_person: string
    status: string
    opened_at: Date | string
    raised_by: string | null
    rectified_by: string | null
    verified_by: string | null
    closed_at: Date | string | null
  }>(sql`
    SELECT i.name AS institution, l.category, l.problem, l.severity, l.measure, l.deadline_at, l.responsible_person, l.status, l.opened_at,
      ur.display_name AS raised_by, uc.display_name AS rectified_by, uv.display_name AS verified_by, l.closed_at
    FROM ledger_items l JOIN institutions i ON i.id = l.institution_id
    LEFT JOIN users ur ON ur.id = l.raised_by LEFT JOIN users uc ON uc.id = l.rectified_by LEFT JOIN users uv ON uv.id = l.verified_by
    WHERE i.grid_id = ${grid.id} AND (l.status <> 'closed' OR l.closed_at >= ${start.toISOString()}::timestamptz) AND l.opened_at < ${end.toISOString()}::timestamptz
    ORDER BY l.opened_at, l.id`)
  const inspections = await database.rows<{
    arrived_at: Date | string
    institution: string
    kind: string
    departed_at: Date | string | null
    distance_meters: number | null
    verified: boolean
    anomalies: { detail: string }[]
    inspectors: string | null
    note: string
  }>(sql`
    SELECT v.arrived_at, i.name AS institution, v.kind, v.departed_at, v.distance_meters, v.verified, v.anomalies, v.note,
      (SELECT string_agg(s.name, '、' ORDER BY s.level, s.id) FROM inspection_inspectors vi JOIN staff s ON s.id = vi.staff_id WHERE vi.inspection_id = v.id) AS inspectors
    FROM inspections v JOIN institutions i ON i.id = v.institution_id
    WHERE v.grid_id = ${grid.id} AND v.arrived_at >= ${start.toISOString()}::timestamptz AND v.arrived_at < ${end.toISOString()}::timestamptz
    ORDER BY v.arrived_at, v.id`)

  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'gridwatch'
  const ledger = workbook.addWorksheet('问题台账')
  ledger.addRow([...ledgerColumns])
  items.forEach((item, index) =>
    ledger.addRow([
      index + 1,
      item.institution,
      item.category,
      item.problem,
      severityNames[item.severity] ?? item.severity,
      item.measure,
      local(item.deadline_at),
      item.responsible_person,
      statusNames[item.status] ?? item.status,
      local(item.opened_at),
      item.raised_by ?? '',
      item.rectified_by ?? '',
      item.verified_by ?? '',
      local(item.closed_at),
      item.status !== 'closed' && new Date(item.deadline_at) < now ? '是' : '否',
    ]),
  )
  ledger.columns.forEach(
    (column, index) => (column.width = [6, 22, 12, 34, 8, 30, 12, 16, 8, 12, 14, 14, 14, 12, 8][index] ?? 12),
  )
  ledger.getColumn(4).alignment = { wrapText: true, vertical: 'top' }
  ledger.getColumn(6).alignment = { wrapText: true, vertical: 'top' }
  printOnA4(ledger, `${grid.name} 问题台账（${from} 至 ${to}）`)

  const records = workbook.addWorksheet('检查记录')
  records.addRow([...inspectionColumns])
  inspections.forEach((inspection, index) =>
    records.addRow([
      index + 1,
      local(inspection.arrived_at),
      inspection.institution,
      kindNames[inspection.kind] ?? inspection.kind,
      local(inspection.arrived_at, true).slice(11),
      local(inspection.departed_at, true).slice(11),
      inspection.distance_meters ?? '',
      inspection.verified ? '是' : '否',
      inspection.anomalies.map((anomaly) => anomaly.detail).join('；'),
      inspection.inspectors ?? '',
      inspection.note,
    ]),
  )
  records.columns.forEach((column, index) => (column.width = [6, 12, 22, 10, 8, 8, 10, 8, 30, 18, 34][index] ?? 12))
  printOnA4(records, `${grid.name} 检查记录（${from} 至 ${to}）`)
  return { bytes: new Uint8Array(await workbook.xlsx.writeBuffer()), rows: items.length + inspections.length }
}
