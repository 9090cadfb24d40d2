// Kinds of inspection (检查): the level-3 member's weekly visit (每周至少1次), a supervision team's
// cross-check (片区推磨互查), a special check.
export const inspectionKinds = ['weekly-visit', 'cross-check', 'special'] as const
export type InspectionKind = (typeof inspectionKinds)[number]
