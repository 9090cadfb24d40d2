// The kinds of designated medical institution (定点医药机构) the bureau supervises; each kind has
// its own violation categories (seed 004) and, in time, its own inspection interval.
export const institutionTypes = [
  'village_clinic', // 村级卫生室
  'township_health_centre', // 乡镇卫生院 / 社区卫生服务中心
  'hospital', // 二级及以上公立医院
  'private_clinic', // 社会办医疗机构
  'pharmacy', // 定点零售药店
] as const
export type InstitutionType = (typeof institutionTypes)[number]
