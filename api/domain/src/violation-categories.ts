// Violation categories per institution type, from seed 004 (攻坚行动工作方案, 重点查处行为). Its
// 基层医疗机构 list (挂床住院、分解住院、无指征住院，串换药品、耗材和诊疗项目) names inpatient fraud,
// which a township health centre can commit but a village clinic cannot: 村卫生室 have no beds, so
// they are asked about the substitutions and the outpatient frauds of seed 004's 社会办医疗机构 list
// that a clinic can commit (虚构医疗服务、伪造医疗文书票据、盗刷社保卡).
import type { InstitutionType } from './institution-types.ts'

export const violationCategories: Record<InstitutionType, readonly string[]> = {
  hospital: ['分解收费', '超标准收费', '重复收费', '重复检查', '套用项目收费', '不合理诊疗', '不合理用药'],
  township_health_centre: ['挂床住院', '分解住院', '无指征住院', '串换药品', '串换耗材', '串换诊疗项目'],
  village_clinic: ['串换药品', '串换耗材', '串换诊疗项目', '虚构医疗服务', '伪造医疗文书票据', '盗刷社保卡'],
  private_clinic: ['虚假住院', '诱导参保人员住院', '虚构医疗服务', '伪造医疗文书票据', '挂床住院', '盗刷社保卡'],
  pharmacy: ['聚敛盗刷社保卡', '经营摆放化妆品、生活用品', '执业药师不在岗'],
}

/** A finding outside the type's list (e.g. an out-of-date notice board). */
export const otherCategory = '其他'

/** What a checklist entry or finding may name for this type: its categories, then 其他. */
export function findingCategoriesOf(type: InstitutionType): string[] {
  return [...violationCategories[type], otherCategory]
}
