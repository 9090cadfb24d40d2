// A campaign's inspected share as the list and the progress table print it ("—" for no institutions).
export const sharePercent = (part: number, whole: number): string =>
  whole === 0 ? '—' : `${((100 * part) / whole).toFixed(1)}%`
