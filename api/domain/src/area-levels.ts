// The levels of the area hierarchy, top to bottom (区 → 片区 → 网格 → 村). Other deployments use
// other words for the same levels; the hierarchy itself is level + parent.
export const areaLevels = ['district', 'zone', 'grid', 'village'] as const
export type AreaLevel = (typeof areaLevels)[number]
