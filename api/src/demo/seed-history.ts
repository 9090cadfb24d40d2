// About eight weeks of demo history ending at `now`: weekly visits with realistic gaps (most
// institutions on time, some late, a few overdue, a handful never visited), ledger items in every
// state including overdue, credit grades with a few blacklisted, four supervision teams with
// this month's rotation, one public-opinion risk report mid-escalation, and complaint clues.
// Deterministic for a given `now`.
import { sql } from 'drizzle-orm'
import { schema, type Database, type Transaction } from '@gridwatch/db'
import { pick, seededRandom, type DemoCounty, type RandomSource } from '@gridwatch/geodata'
import { creditGradeOf } from '@gridwatch/domain/credit.ts'
import { violationCategories } from '@gridwatch/domain/violation-categories.ts'
import { staffWorkItems } from '@gridwatch/domain/cross-checks.ts'
import type { SeededCounty } from './seed-county.ts'
import type { SeededStaff } from './seed-staff.ts'
import { demoPersonName } from './demo-people.ts'
import { bureauDate, bureauInstant, dueAfterDays, lastDayOfMonth } from '@gridwatch/domain/bureau-calendar.ts'

const dayMs = 86_400_000
type InstitutionRow = {
  id: number
  grid_id: number
  type: schema.InstitutionType
  name: string
  lon: number
  lat: number
}

/** A working-hours moment (08:30–17:00 Beijing time) on the day `daysAgo` before `now`. */
function workingMoment(random: RandomSource, now: Date, daysAgo: number): Date {
  const beijingMidnight = bureauInstant(bureauDate(now)).getTime()
  const moment = new Date(beijingMidnight - daysAgo * dayMs + (8.5 + random() * 8.5) * 3600_000)
  return moment.getTime() > now.getTime() ? new Date(now.getTime() - (1 + random() * 60) * 60_000) : moment
}

const cleanFindings = [
  '未发现问题',
  '药品进销存台账规范',
  '就诊登记完整，未发现问题',
  '宣传海报张贴到位',
  '已核对医保结算记录，未见异常',
]
const problemFindings: Record<string, string> = {
  挂床住院: '现场核查住院患者不在床',
  分解住院: '同一患者短期内多次出入院',
  无指征住院: '住院指征不充分',
  串换药品: '处方药品与结算药品不一致',
  串换耗材: '耗材使用记录与结算不符',
  串换诊疗项目: '结算项目与实际诊疗不符',
  虚构医疗服务: '就诊登记人次多于实际就诊',
  伪造医疗文书票据: '处方与收费票据记载不一致',
  盗刷社保卡: '发现代刷他人医保卡结算记录',
}

/** One verified cross-check at the institution's door, by the given inspectors; its id. */
async function insertCrossCheck(
  transaction: Transaction,
  check: {
    countyCode: string
    institution: InstitutionRow
    arrivedAt: Date
    minutes: number
    checklist: (typeof schema.inspections.$inferInsert)['checklist']
    staffWork: (typeof schema.inspections.$inferInsert)['staffWork']
    note: string
    inspectors: number[]
  },
): Promise<number> {
  const { institution, arrivedAt } = check
  const [inspection] = await transaction
    .insert(schema.inspections)
    .values({
      countyCode: check.countyCode,
      institutionId: institution.id,
      gridId: institution.grid_id,
      kind: 'cross-check',
      arrivedAt,
      departedAt: new Date(arrivedAt.getTime() + check.minutes * 60_000),
      position: { type: 'Point', coordinates: [institution.lon + 0.0002, institution.lat - 0.0001] },
      positionAccuracyMeters: 12,
      distanceMeters: 25,
      verified: true,
      checklist: check.checklist,
      staffWork: check.staffWork,
      note: check.note,
    })
    .returning({ id: schema.inspections.id })
  await transaction
    .insert(schema.inspectionInspectors)
    .values(check.inspectors.map((staffId) => ({ inspectionId: inspection!.id, staffId })))
  return inspection!.id
}

/**
 * This month so far: the team's cross-checks of its target zone on working days up to now (at most
 * `count`, the latest slots first), so the wall's progress tile means something on any day of the
 * demo. Institutions from the end of the zone's list; no round is assigned (planners do that).
 */
async function seedMonthSoFar(
  transaction: Transaction,
  round: {
    countyCode: string
    month: string
    zoneId: number
    count: number
    inspectors: number[]
    zoneOfGrid: Map<number, number>
    institutions: InstitutionRow[]
    now: Date
  },
) {
  const monthStart = bureauInstant(round.month).getTime()
  const slots: number[] = []
  for (let day = monthStart; day < round.now.getTime(); day += dayMs)
    for (const hour of [9, 10.5, 14, 15.5])
      if (day + hour * 3600_000 + 50 * 60_000 < round.now.getTime()) slots.push(day + hour * 3600_000)
  const chosen = round.institutions
    .filter((institution) => round.zoneOfGrid.get(institution.grid_id) === round.zoneId)
    .sort((a, b) => b.id - a.id)
    .slice(0, Math.min(round.count, slots.length))
  const times = slots.slice(-chosen.length)
  for (const [stop, institution] of chosen.entries()) {
    const arrivedAt = new Date(times[stop]!)
    await insertCrossCheck(transaction, {
      countyCode: round.countyCode,
      institution,
      arrivedAt,
      minutes: 45,
      checklist: violationCategories[institution.type].map((category) => ({ category, result: 'ok' as const })),
      staffWork: staffWorkItems.map((item) => ({ item, result: 'ok' as const })),
      note: '交叉互查：未发现问题',
      inspectors: round.inspectors,
    })
  }
}

/**
 * A finished round of last month: the rotation, its institutions (six of the target zone, spread
 * over its grids) and a structured cross-check of each — the institution's checklist, the grid
 * staff's work, and a ledger item for each finding.
 */
async function seedCrossChecks(
  transaction: Transaction,
  random: RandomSource,
  round: {
    countyCode: string
    teamId: number
    month: string
    zoneId: number
    inspectors: number[]
    zoneOfGrid: Map<number, number>
    institutions: InstitutionRow[]
    now: Date
  },
) {
  const lastDay = lastDayOfMonth(round.month)
  const checkDate = new Date(`${lastDay}T00:00:00Z`).getTime() - 6 * dayMs
  const [rotation] = await transaction
    .insert(schema.rotations)
    .values({
      countyCode: round.countyCode,
      teamId: round.teamId,
      month: round.month,
      targetZoneId: round.zoneId,
      checkDate: new Date(checkDate).toISOString().slice(0, 10),
      status: 'done',
    })
    .returning({ id: schema.rotations.id })
  const inZone = round.institutions.filter((institution) => round.zoneOfGrid.get(institution.grid_id) === round.zoneId)
  const byGrid = new Map<number, InstitutionRow[]>()
  for (const institution of inZone)
    byGrid.set(institution.grid_id, [...(byGrid.get(institution.grid_id) ?? []), institution])
  const chosen: InstitutionRow[] = []
  for (let turn = 0; chosen.length < 6 && turn < 6; turn++)
    for (const list of byGrid.values()) if (list[turn] && chosen.length < 6) chosen.push(list[turn]!)
  if (chosen.length === 0) return
  await transaction.insert(schema.roundInstitutions).values(
    chosen.map((institution) => ({
      rotationId: rotation!.id,
      month: round.month,
      institutionId: institution.id,
      countyCode: round.countyCode,
    })),
  )
  for (const [stop, institution] of chosen.entries()) {
    // 09:00 Beijing on the check date (or the day after), an hour per stop.
    const arrivedAt = new Date(checkDate + Math.floor(stop / 4) * dayMs + (1 + (stop % 4) * 1.5) * 3600_000)
    const checklist = violationCategories[institution.type].map((category) => ({
      category,
      result: random() < 0.1 ? ('problem' as const) : ('ok' as const),
    }))
    const staffWork = staffWorkItems.map((item) => ({
      item,
      result: random() < 0.2 ? ('problem' as const) : ('ok' as const),
    }))
    const problems = checklist.filter((entry) => entry.result === 'problem')
    const inspectionId = await insertCrossCheck(transaction, {
      countyCode: round.countyCode,
      institution,
      arrivedAt,
      minutes: 50,
      checklist,
      staffWork,
      note:
        problems.length === 0
          ? '交叉互查：未发现问题'
          : `交叉互查发现：${problems.map((entry) => entry.category).join('、')}`,
      inspectors: round.inspectors,
    })
    for (const problem of problems) {
      const deadlineAt = dueAfterDays(arrivedAt, 15)
      const closed = deadlineAt.getTime() < round.now.getTime() && random() < 0.7
      await transaction.insert(schema.ledgerItems).values({
        countyCode: round.countyCode,
        institutionId: institution.id,
        gridId: institution.grid_id,
        source: 'inspection',
        inspectionId,
        category: problem.category,
        problem: `交叉互查发现${problem.category}：${problemFindings[problem.category] ?? '发现疑似违规行为'}`,
        measure: `限期整改${problem.category}问题，整改材料报督导组复核`,
        deadlineAt,
        responsiblePerson: `${institution.name}负责人`,
        status: closed ? 'closed' : 'rectifying',
        openedAt: arrivedAt,
        rectifyingAt: new Date(arrivedAt.getTime() + 2 * dayMs),
        awaitingVerificationAt: closed ? new Date(arrivedAt.getTime() + 8 * dayMs) : null,
        closedAt: closed ? new Date(arrivedAt.getTime() + 10 * dayMs) : null,
      })
    }
  }
}

export async function seedHistory(
  database: Database,
  transaction: Transaction,
  county: DemoCounty,
  seeded: SeededCounty,
  staff: SeededStaff,
  now: Date,
): Promise<void> {
  const random = seededRandom('history:371703')
  const countyCode = seeded.countyCode
  const institutions = await database.rows<InstitutionRow>(
    sql`SELECT id, grid_id, type, name, ST_X(position) AS lon, ST_Y(position) AS lat
        FROM institutions WHERE county_code = ${countyCode} ORDER BY id`,
    transaction,
  )

  // Credit: last year's annual evaluation and this year's mid-year one; three blacklisted.
  const blacklistedIds = new Set(
    institutions
      .filter((institution) => institution.type !== 'hospital')
      .filter((_, index) => index % 97 === 41)
      .map((institution) => institution.id),
  )
  const evaluations: (typeof schema.creditEvaluations.$inferInsert)[] = []
  for (const institution of institutions) {
    const blacklisted = blacklistedIds.has(institution.id)
    const lastYear = blacklisted ? 55 + Math.floor(random() * 10) : 68 + Math.floor(random() * 32)
    const thisYear = blacklisted ? lastYear - 5 : Math.min(100, Math.max(60, lastYear + Math.floor(random() * 11) - 5))
    evaluations.push(
      {
        countyCode,
        institutionId: institution.id,
        score: lastYear,
        grade: creditGradeOf(lastYear),
        evaluatedAt: new Date('2025-12-20T10:00:00+08:00'),
        reason: '年度信用评价',
      },
      {
        countyCode,
        institutionId: institution.id,
        score: thisYear,
        grade: creditGradeOf(thisYear),
        blacklisted,
        evaluatedAt: new Date('2026-06-30T10:00:00+08:00'),
        reason: blacklisted ? '查实欺诈骗保，列入黑名单' : '半年信用评价',
      },
    )
    await database.rows(
      sql`UPDATE institutions SET credit_score = ${thisYear}, credit_grade = ${creditGradeOf(thisYear)}, blacklisted = ${blacklisted},
          contact_name = ${demoPersonName(random)}, contact_phone = ${'1390000' + String(institution.id).padStart(4, '0')}
          WHERE id = ${institution.id}`,
      transaction,
    )
  }
  await transaction.insert(schema.creditEvaluations).values(evaluations)
  // Their blacklist entries (three years from the decision), and a physician blacklisted at a private clinic.
  const physicianAt = institutions.find(
    (institution) => institution.type === 'private_clinic' && !blacklistedIds.has(institution.id),
  )
  await transaction.insert(schema.blacklistEntries).values([
    ...[...blacklistedIds].map((institutionId, index) => ({
      countyCode,
      institutionId,
      subject: 'institution' as const,
      reason: '查实欺诈骗保，列入黑名单',
      basis: `定医保处〔2026〕${11 + index}号`,
      startsOn: '2026-06-30',
      endsOn: '2029-06-29',
      createdAt: new Date('2026-06-30T10:00:00+08:00'),
    })),
    ...(physicianAt
      ? [
          {
            countyCode,
            institutionId: physicianAt.id,
            subject: 'physician' as const,
            personName: '赵某明',
            reason: '为他人冒名就医开具处方',
            basis: '定医保处〔2026〕19号',
            startsOn: '2026-09-01',
            endsOn: '2028-08-31',
            createdAt: new Date('2026-09-01T10:00:00+08:00'),
          },
        ]
      : []),
  ])

  // Weekly visits to village clinics; monthly inspections of the rest.
  const visits: (typeof schema.inspections.$inferInsert)[] = []
  const inspectors: number[] = []
  for (const institution of institutions) {
    const visitor =
      staff.visitorByInstitutionId.get(institution.id) ?? staff.level2ByGridId.get(institution.grid_id)![0]!
    const roll = random()
    const weekly = institution.type === 'village_clinic'
    // never visited 2%, stopped 3–5 weeks ago 5%, missed the last week or two 12%, on time otherwise
    const profile = !weekly
      ? 'monthly'
      : roll < 0.02
        ? 'never'
        : roll < 0.07
          ? 'stopped'
          : roll < 0.19
            ? 'lagging'
            : 'regular'
    if (profile === 'never') continue
    const periods = weekly ? 8 : 2
    const periodDays = weekly ? 7 : 28
    const skipRecent =
      profile === 'stopped' ? 3 + Math.floor(random() * 3) : profile === 'lagging' ? 1 + Math.floor(random() * 1.6) : 0
    for (let period = skipRecent; period < periods; period++) {
      if (profile === 'regular' && period > 0 && random() < 0.05) continue
      const daysAgo = period * periodDays + Math.floor(random() * (weekly ? 6 : 20))
      const arrivedAt = workingMoment(random, now, daysAgo)
      const hasProblem = random() < 0.025
      const category = hasProblem ? pick(random, violationCategories[institution.type]) : null
      visits.push({
        countyCode,
        institutionId: institution.id,
        gridId: institution.grid_id,
        kind: weekly ? 'weekly-visit' : 'special',
        arrivedAt,
        departedAt: new Date(arrivedAt.getTime() + (12 + Math.floor(random() * 30)) * 60_000),
        position: {
          type: 'Point',
          coordinates: [institution.lon + (random() - 0.5) * 0.0008, institution.lat + (random() - 0.5) * 0.0006],
        },
        positionAccuracyMeters: 5 + Math.round(random() * 25),
        distanceMeters: Math.round(20 + random() * 40),
        // Demo inspections carry no photos; most count as verified so that the demo wall's coverage means something.
        verified: random() < 0.92,
        note: category
          ? `${category}：${problemFindings[category] ?? '发现疑似违规行为'}`
          : pick(random, cleanFindings),
      })
      inspectors.push(visitor)
    }
  }
  for (const visit of visits) if (!visit.verified) visit.verificationGaps = ['no-sign-photo']
  const insertedVisits: { id: number; institutionId: number; note: string; arrivedAt: Date; gridId: number | null }[] =
    []
  for (let start = 0; start < visits.length; start += 500) {
    insertedVisits.push(
      ...(await transaction
        .insert(schema.inspections)
        .values(visits.slice(start, start + 500))
        .returning({
          id: schema.inspections.id,
          institutionId: schema.inspections.institutionId,
          note: schema.inspections.note,
          arrivedAt: schema.inspections.arrivedAt,
          gridId: schema.inspections.gridId,
        })),
    )
  }
  await transaction
    .insert(schema.inspectionInspectors)
    .values(insertedVisits.map((visit, index) => ({ inspectionId: visit.id, staffId: inspectors[index]! })))

  // Ledger items from the visits that found something: older ones mostly closed, some overdue.
  const institutionById = new Map(institutions.map((institution) => [institution.id, institution]))
  const ledger: (typeof schema.ledgerItems.$inferInsert)[] = []
  // Every eighth finding past its deadline is still not closed: the overdue items the wall shows.
  // Counted, not rolled: a roll left none at some start times, and the demo needs a few always.
  let pastDeadline = 0
  // Likewise every fifth recent finding waits for verification (a roll of 10 % left none some hours).
  let recent = 0
  for (const visit of insertedVisits) {
    const [category] = visit.note.split('：')
    if (!category || !visit.note.includes('：')) continue
    const institution = institutionById.get(visit.institutionId)!
    const deadlineAt = dueAfterDays(visit.arrivedAt, 14)
    const ageDays = (now.getTime() - visit.arrivedAt.getTime()) / dayMs
    const roll = random()
    const status =
      ageDays > 14
        ? ++pastDeadline % 8 === 0
          ? 'rectifying'
          : 'closed'
        : ++recent % 5 === 2
          ? 'awaiting-verification'
          : roll < 0.35
            ? 'closed'
            : roll < 0.6
              ? 'rectifying'
              : 'open'
    const rectifyingAt = status === 'open' ? null : new Date(visit.arrivedAt.getTime() + (1 + random() * 3) * dayMs)
    const closedAt =
      status === 'closed'
        ? new Date(Math.min(now.getTime() - 3600_000, visit.arrivedAt.getTime() + (5 + random() * 9) * dayMs))
        : null
    ledger.push({
      countyCode,
      institutionId: institution.id,
      gridId: visit.gridId,
      source: 'inspection',
      inspectionId: visit.id,
      category,
      problem: visit.note,
      measure: `立即整改${category}问题，规范诊疗与结算行为，整改材料报网格长审核`,
      deadlineAt,
      responsiblePerson: `${institution.name}负责人`,
      status,
      openedAt: visit.arrivedAt,
      rectifyingAt,
      closedAt,
      awaitingVerificationAt: status === 'awaiting-verification' || status === 'closed' ? rectifyingAt : null,
    })
  }
  if (ledger.length > 0) await transaction.insert(schema.ledgerItems).values(ledger)

  // Four supervision teams, one per home zone, rotating so that none checks its own zone.
  const zoneIds = county.zones.map((zone) => seeded.zoneIdByName.get(zone.name)!)
  const teamNames = ['第一督导组', '第二督导组', '第三督导组', '第四督导组']
  // The bureau's month (China Standard Time), as the rotation rules read it.
  const month = `${bureauDate(now).slice(0, 7)}-01`
  const lastDay = new Date(`${lastDayOfMonth(month)}T00:00:00Z`)
  // Last month's round is done: each team cross-checked six institutions of its target zone.
  const lastMonthStart = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 2, 1))
  const lastMonth = lastMonthStart.toISOString().slice(0, 10)
  const zoneTarget = (monthStart: string, index: number) =>
    zoneIds[(index + 1 + ((Number(monthStart.slice(5, 7)) - 1) % 3)) % 4]!
  const zoneOfGrid = new Map(
    (
      await database.rows<{ id: number; parent_id: number }>(
        sql`SELECT id, parent_id FROM areas WHERE level = 'grid' AND boundary_version_id = ${seeded.boundaryVersionId}`,
        transaction,
      )
    ).map((row) => [row.id, row.parent_id]),
  )
  for (const [index, name] of teamNames.entries()) {
    const leader = staff.bureauStaffIds[index * 4]!
    const [team] = await transaction
      .insert(schema.teams)
      .values({ countyCode, name, homeZoneId: zoneIds[index]!, leaderStaffId: leader })
      .returning({ id: schema.teams.id })
    const members = [
      leader,
      staff.bureauStaffIds[index * 4 + 1]!,
      staff.bureauStaffIds[index * 4 + 2]!,
      staff.bureauLeaderIds[index]!,
    ]
    await transaction.insert(schema.teamMembers).values(members.map((staffId) => ({ teamId: team!.id, staffId })))
    await transaction.insert(schema.rotations).values({
      countyCode,
      teamId: team!.id,
      month,
      targetZoneId: zoneTarget(month, index),
      checkDate: new Date(lastDay.getTime() - (index % 2) * dayMs).toISOString().slice(0, 10),
    })
    await seedCrossChecks(transaction, random, {
      countyCode,
      teamId: team!.id,
      month: lastMonth,
      zoneId: zoneTarget(lastMonth, index),
      inspectors: members.slice(0, 2),
      zoneOfGrid,
      institutions,
      now,
    })
    await seedMonthSoFar(transaction, {
      countyCode,
      month,
      zoneId: zoneTarget(month, index),
      count: [7, 4, 9, 3][index]!,
      inspectors: members.slice(0, 2),
      zoneOfGrid,
      institutions,
      now,
    })
  }

  // One public-opinion risk report: level 3 found it two hours ago, level 2 acknowledged, level 1 not yet.
  const riskGridId = seeded.gridIdByCode.get('371703104')!
  const riskInstitution = institutions.find(
    (institution) => institution.grid_id === riskGridId && institution.type === 'village_clinic',
  )!
  const reportedAt = new Date(now.getTime() - 2 * 3600_000)
  const [report] = await transaction
    .insert(schema.riskReports)
    .values({
      countyCode,
      institutionId: riskInstitution.id,
      gridId: riskGridId,
      title: '群众反映卫生室收费问题',
      description: `有群众在短视频平台反映${riskInstitution.name}门诊收费与医保结算不一致，评论量上升。`,
      severity: 'medium',
      reportedBy: staff.visitorByInstitutionId.get(riskInstitution.id)!,
      reportedAt,
      status: 'escalating',
    })
    .returning({ id: schema.riskReports.id })
  await transaction.insert(schema.riskReportHops).values([
    {
      countyCode,
      riskReportId: report!.id,
      toLevel: 2,
      toStaffId: staff.level2ByGridId.get(riskGridId)![0]!,
      sentAt: new Date(reportedAt.getTime() + 60_000),
      acknowledgedAt: new Date(reportedAt.getTime() + 25 * 60_000),
    },
    {
      countyCode,
      riskReportId: report!.id,
      toLevel: 1,
      toStaffId: staff.level1ByGridId.get(riskGridId)![0]!,
      sentAt: new Date(reportedAt.getTime() + 27 * 60_000),
      acknowledgedAt: null,
    },
  ])

  // Complaint clues with time limits; the reporters' identities kept apart.
  const clueInstitutions = institutions.filter((_, index) => index % 120 === 7)
  for (const [index, institution] of clueInstitutions.entries()) {
    // 5, 18, 31 (past its 30-day limit), 44 days ago (concluded in time).
    const receivedAt = new Date(now.getTime() - (5 + index * 13) * dayMs)
    const concluded = index === clueInstitutions.length - 1
    const [clue] = await transaction
      .insert(schema.clues)
      .values({
        countyCode,
        institutionId: institution.id,
        receivedAt,
        channel: (['hotline', 'letter', 'online'] as const)[index % 3]!,
        summary: `举报${institution.name}涉嫌${pick(random, violationCategories[institution.type])}`,
        dueAt: dueAfterDays(receivedAt, 30),
        // Every other clue came with a name (and is owed a reply); the rest are anonymous.
        anonymous: index % 2 === 1,
        status: concluded ? 'concluded' : 'investigating',
        assignedStaffId: staff.level2ByGridId.get(institution.grid_id)?.[0] ?? null,
        assignedAt: new Date(receivedAt.getTime() + dayMs),
        finding: concluded ? 'partly-substantiated' : null,
        concludedAt: concluded ? new Date(receivedAt.getTime() + 20 * dayMs) : null,
        conclusion: concluded ? '经核查，部分属实，已责令整改' : null,
        reply: concluded && index % 2 === 0 ? '已电话告知举报人核查结果' : null,
      })
      .returning({ id: schema.clues.id })
    if (index % 2 === 0)
      await transaction.insert(schema.clueReporters).values({
        clueId: clue!.id,
        name: demoPersonName(random),
        phone: `139${String(5300_0000 + index * 7919).padStart(8, '0')}`,
      })
  }
}
