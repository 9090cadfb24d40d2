// Kinds of inspection (检查), from seed 002 (多形式检查: 日常巡查、专项检查、交叉互查、病历评查、联合检查、
// 聘请第三方检查) and seed 000/003 (飞行检查, 回头看). The level-3 member's weekly visit is the daily
// patrol (日常巡查) of a village clinic; a supervision team's cross-check is 片区推磨互查.
export const inspectionKinds = [
  'weekly-visit', // 日常巡查 / 每周走访
  'special', // 专项检查
  'cross-check', // 交叉互查 (片区推磨互查)
  'record-review', // 病历评查
  'joint', // 联合检查
  'third-party', // 第三方检查
  'flying', // 飞行检查
  'follow-up', // 回头看
] as const
export type InspectionKind = (typeof inspectionKinds)[number]

/** Kinds a grid member records on the phone; cross-checks are the supervision teams'. */
export const gridMemberInspectionKinds: readonly InspectionKind[] = [
  'weekly-visit',
  'special',
  'record-review',
  'joint',
  'third-party',
  'flying',
  'follow-up',
]
