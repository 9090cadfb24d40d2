// Which counties a county-wide user covers. Administrative division codes nest (37 Shandong ⊃
// 3717 Heze ⊃ 371703 Dingtao), so a user's county code covers every county whose code starts
// with it: a county bureau its own county, a province-wide account the whole province. An empty
// code (the anonymous map reader of demo mode) covers everything the database holds.
export function coversCounty(userCountyCode: string, countyCode: string): boolean {
  return countyCode.startsWith(userCountyCode)
}
